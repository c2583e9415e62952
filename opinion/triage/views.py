"""Ban Công tác 35's screens: the queue, a report, its tags and its workflow."""
import json

from flask import abort, flash, g, redirect, render_template, request, url_for

from opinion.auth import REVIEWER_ROLES, get_visible_report, require_role
from opinion.errors import Conflict, ValidationFailed
from opinion.extensions import db
from opinion.models.base import utcnow
from opinion.models.labels import PREDICTED_FIELDS
from opinion.services import access_log, handlers, labels, matters, taxonomy, triage
from opinion.services import queue as queue_service
from opinion.services import reports as report_service
from opinion.triage import bp
from opinion.triage.forms import BulkForm, LabelForm, MergeForm, SplitForm, TransitionForm
from opinion.workflow import NOTE_LABELS, STATUS_NAMES

PAGE_SIZE = 50
# Open work: what the queue shows when no status is chosen.
DEFAULT_STATUSES = ["moi", "dang_xu_ly", "da_chuyen"]
PROVINCE_DEFAULT_STATUSES = ["bao_cao_cap_tren"]


def _load(report_id: int):
    report = get_visible_report(g.user, report_id)
    if report is None:
        abort(404)
    return report


@bp.route("/")
@require_role(*REVIEWER_ROLES)
def queue():
    try:
        filters = queue_service.parse_filters(request.args)
    except ValidationFailed as err:
        flash(" ".join(err.fields.values()), "warning")
        filters = queue_service.QueueFilters()
    if not filters.status and "status" not in request.args:
        filters.status = PROVINCE_DEFAULT_STATUSES if g.user.unit.kind == "province" else DEFAULT_STATUSES
    now = utcnow()
    try:
        items, next_cursor = queue_service.queue_page(g.user, filters, PAGE_SIZE, request.args.get("cursor"), now)
    except ValidationFailed:
        abort(404)
    bulk = BulkForm()
    bulk.to.choices = [(code, name) for code, name in STATUS_NAMES.items() if code != "moi"]
    next_url = None
    if next_cursor:
        kept = {key: values for key, values in request.args.lists() if key != "cursor"}
        next_url = url_for("triage.queue", **kept, cursor=next_cursor)
    return render_template(
        "triage/queue.html", items=items, next_url=next_url, filters=filters, now=now,
        matter_info=matters.summaries(r.matter_id for r in items),
        counts=queue_service.counts(g.user, queue_service.QueueFilters(), now),
        choices={f: taxonomy.choices(f) for f in ("topic", "urgency", "source")},
        villages=handlers.villages_for(g.user), bulk=bulk, handler_names=handlers.names_for(g.user))


def _report_page(report, transition_form=None, label_form=None, status=200, merge_form=None):
    label_form = label_form or LabelForm(data={f: getattr(report, f) for f in PREDICTED_FIELDS})
    suggested = [other for other in (get_visible_report(g.user, i) for i in matters.suggested_ids(report)) if other]
    label_form.set_choices({f: [("", "— chưa phân loại —")] + taxonomy.choices(f) for f in PREDICTED_FIELDS})
    return render_template(
        "triage/report.html", report=report, now=utcnow(),
        reasons=json.loads(report.explanation) if report.explanation else {},
        history=report_service.history(report, g.user), label_form=label_form,
        transition_form=transition_form or TransitionForm(),
        targets=triage.allowed_targets(report) if triage.acts_for(g.user, report) else {},
        note_labels=NOTE_LABELS, handler_names=handlers.names_for(g.user),
        matter_reports=matters.members(report.matter_id) if report.matter_id else [],
        matter_info=matters.summaries([report.matter_id]).get(report.matter_id),
        suggested=suggested, merge_form=merge_form or MergeForm(), split_form=SplitForm(),
        can_group=triage.acts_for(g.user, report)), status


def _act_on_report(report, form, form_name: str, act, done):
    """Run one service act from a form on the report page: commit and go back to the page with
    `done(result)` as the message, or show the page again with the form's errors (422) or the
    conflict (409). Nothing is kept of a refused act."""
    try:
        result = act()
    except ValidationFailed as err:
        db.session.rollback()
        form.add_service_errors(err)
    except Conflict as err:
        db.session.rollback()
        flash(err.message, "warning")
        return _report_page(report, status=err.status)
    else:
        db.session.commit()
        flash(done(result), "success")
        return redirect(url_for("triage.report", report_id=report.id))
    return _report_page(report, status=422, **{form_name: form})


@bp.route("/bao-cao/<int:report_id>")
@require_role(*REVIEWER_ROLES)
def report(report_id: int):
    report = _load(report_id)
    access_log.record_read(g.user, report, utcnow())
    db.session.commit()
    return _report_page(report)


@bp.route("/bao-cao/<int:report_id>/chuyen", methods=["POST"])
@require_role(*REVIEWER_ROLES)
def transition(report_id: int):
    report = _load(report_id)
    form = TransitionForm()
    if form.validate_on_submit():
        return _act_on_report(
            report, form, "transition_form",
            lambda: triage.transition(report, g.user, form.to.data, form.note.data, utcnow(),
                                      handler=form.handler.data),
            lambda _: f"Đã chuyển sang “{STATUS_NAMES[report.status]}”.")
    return _report_page(report, transition_form=form, status=422)


@bp.route("/bao-cao/<int:report_id>/nhan", methods=["POST"])
@require_role(*REVIEWER_ROLES)
def correct_labels(report_id: int):
    report = _load(report_id)
    form = LabelForm()
    form.set_choices({f: [("", "")] + taxonomy.choices(f) for f in PREDICTED_FIELDS})
    if form.validate_on_submit():
        changes = {f: getattr(form, f).data for f in PREDICTED_FIELDS if getattr(form, f).data}
        return _act_on_report(
            report, form, "label_form", lambda: labels.correct_labels(report, g.user, changes, utcnow()),
            lambda corrections: "Đã lưu nhãn." if corrections else "Nhãn không thay đổi.")
    return _report_page(report, label_form=form, status=422)


@bp.route("/hang-loat", methods=["POST"])
@require_role(*REVIEWER_ROLES)
def bulk():
    form = BulkForm()
    form.to.choices = [(code, name) for code, name in STATUS_NAMES.items() if code != "moi"]
    back = request.form.get("back") or url_for("triage.queue")
    if not back.startswith("/xu-ly"):
        back = url_for("triage.queue")
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "warning")
        return redirect(back)
    reports = [_load(report_id) for report_id in form.report_ids.data]
    try:
        events = triage.bulk_transition(reports, g.user, form.to.data, form.note.data, utcnow(),
                                        handler=form.handler.data)
    except (ValidationFailed, Conflict) as err:
        db.session.rollback()
        message = " ".join(err.fields.values()) if isinstance(err, ValidationFailed) else err.message
        flash(message, "warning")
        return redirect(back)
    db.session.commit()
    flash(f"Đã chuyển {len(events)} báo cáo sang “{STATUS_NAMES[form.to.data]}”.", "success")
    return redirect(back)


@bp.route("/bao-cao/<int:report_id>/gop", methods=["POST"])
@require_role(*REVIEWER_ROLES)
def merge(report_id: int):
    """Put another report (with its whole matter) into this report's matter."""
    report = _load(report_id)
    form = MergeForm()
    if form.validate_on_submit():
        other = get_visible_report(g.user, form.other.data)
        if other is None:
            form.other.errors.append(f"Không tìm thấy báo cáo #{form.other.data} trong đơn vị của bạn.")
            return _report_page(report, merge_form=form, status=422)
        return _act_on_report(
            report, form, "merge_form", lambda: matters.merge(report, other, g.user, utcnow()),
            lambda matter: f"Đã gộp báo cáo #{other.id} vào vụ việc #{matter.id}.")
    return _report_page(report, merge_form=form, status=422)


@bp.route("/bao-cao/<int:report_id>/tach", methods=["POST"])
@require_role(*REVIEWER_ROLES)
def split(report_id: int):
    """Take this report out of its matter."""
    report = _load(report_id)
    form = SplitForm()
    if not form.validate_on_submit():
        flash("Phiên làm việc đã hết hạn, vui lòng thử lại.", "warning")
        return _report_page(report, status=400)
    try:
        matters.split(report, g.user, utcnow())
    except Conflict as err:
        db.session.rollback()
        flash(err.message, "warning")
        return _report_page(report, status=err.status)
    db.session.commit()
    flash(f"Đã tách báo cáo #{report.id} khỏi vụ việc.", "success")
    return redirect(url_for("triage.report", report_id=report.id))

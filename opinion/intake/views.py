"""Collaborators' screens: home, the two forms, their own reports."""
from datetime import UTC, datetime, time

from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from opinion.auth import REVIEWER_ROLES, get_visible_report, require_role, wants_json
from opinion.errors import ValidationFailed
from opinion.extensions import bearer_or_address, csrf, db, limiter
from opinion.intake import bp
from opinion.intake.forms import (
    SOCIAL_SOURCES,
    FieldReportForm,
    SocialPostForm,
)
from opinion.models.base import utcnow
from opinion.services import intake, photos, taxonomy
from opinion.services import reports as report_service
from opinion.timezone import VIETNAM, local_today

FORMS = {
    "field": (FieldReportForm, "intake/field_form.html"),
    "social": (SocialPostForm, "intake/social_form.html"),
}


@bp.route("/")
@require_role()
def home():
    if g.user.role in REVIEWER_ROLES:
        return redirect(url_for("triage.queue"))
    return render_template("intake/home.html")


def _observed_at(day) -> datetime | None:
    """A date from the form: today means now; another day means its noon in Vietnam."""
    if day is None:
        return None
    if day == local_today():
        return utcnow()
    return datetime.combine(day, time(12), VIETNAM).astimezone(UTC)


def _source_choices(kind: str):
    allowed = [c for c in taxonomy.choices("source")
               if (c[0] in SOCIAL_SOURCES) == (kind == "social")]
    assert allowed, "taxonomy has no source for this kind"
    return allowed


def _uploaded_photo(form) -> bytes | None:
    """The photo's bytes (read up to one byte past the limit), None when no file was chosen."""
    upload = form.photo.data
    if not upload or not getattr(upload, "filename", None):
        return None
    data = upload.stream.read(current_app.config["PHOTO_MAX_BYTES"] + 1)
    return data or None


def _report_form(kind: str):
    """The form page (plain HTML POST), and the same endpoint for the phone's outbox script,
    which posts the same fields with `Accept: application/json` and gets JSON back."""
    form_class, template = FORMS[kind]
    request.max_content_length = current_app.config["REPORT_FORM_MAX_BYTES"]
    try:
        form = form_class()
    except RequestEntityTooLarge:
        # Nothing of the body can be read: the page says why; the outbox script never gets here
        # (it resizes photos first).
        form = form_class(formdata=None)
        form.set_choices(_source_choices(kind), intake.villages_of(g.user.unit))
        return _form_failed(form, template, {"photo": photos.too_large_message()}, 413)
    form.set_choices(_source_choices(kind), intake.villages_of(g.user.unit))
    if request.method == "GET":
        form.submission_key.data = intake.new_submission_key()
        if g.user.village:
            form.village.data = g.user.village.code
    if form.validate_on_submit():
        sub = intake.Submission(
            kind=kind, text=form.text.data, source=form.source.data,
            url=form.url.data if kind == "social" else None,
            village=form.village.data or None, observed_at=_observed_at(form.observed_at.data),
            submission_key=form.submission_key.data or None, photo=_uploaded_photo(form))
        try:
            report, created = intake.submit_report(g.user, sub)
        except ValidationFailed as err:
            form.add_service_errors(err)
        else:
            db.session.commit()
            detail = url_for("intake.report_detail", report_id=report.id)
            # Also when the outbox script sends from the form (it opens the report's page next);
            # not for reports it sends in the background, which it lists itself.
            if request.headers.get("X-Outbox") != "background":
                flash("Đã gửi báo cáo. Cảm ơn bạn!" if created else "Báo cáo này đã được gửi trước đó.",
                      "success")
            if wants_json():
                return jsonify(id=report.id, created=created, url=detail), 201 if created else 200
            return redirect(detail)
    if request.method == "POST" and wants_json():
        return _json_errors(form)
    status = 422 if request.method == "POST" else 200
    return render_template(template, form=form), status


def _form_failed(form, template, errors: dict, status: int):
    if wants_json():
        return jsonify(error={"code": "too_large", "message": errors["photo"], "fields": errors}), status
    form.add_service_errors(ValidationFailed(errors))
    return render_template(template, form=form), status


def _json_errors(form):
    """The form's errors for the outbox script. A refused CSRF token is not the report's fault:
    400 `csrf_failed`, which the script retries with a fresh token."""
    if form.meta.csrf and form.csrf_token.errors:
        return jsonify(error={"code": "csrf_failed", "message": form.csrf_token.errors[0]}), 400
    fields = {name: errors[0] for name, errors in form.errors.items()
              if errors and name not in (None, "csrf_token")}
    if form.form_errors:
        fields["form"] = form.form_errors[0]
    return jsonify(error={"code": "validation_error", "fields": fields,
                          "message": "Báo cáo chưa hợp lệ, vui lòng sửa các mục được đánh dấu."}), 422


# CSRF is checked by the form itself, so an expired token re-shows the form with the text kept.
@bp.route("/bao-cao/thuc-te", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], key_func=bearer_or_address, methods=["POST"])
@csrf.exempt
@require_role("collaborator")
def new_field_report():
    return _report_form("field")


@bp.route("/bao-cao/mang-xa-hoi", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], key_func=bearer_or_address, methods=["POST"])
@csrf.exempt
@require_role("collaborator")
def new_social_post():
    return _report_form("social")


@bp.route("/bao-cao/cua-toi")
@require_role("collaborator")
def my_reports():
    try:
        reports, next_cursor = report_service.own_reports(g.user, 30, request.args.get("cursor"))
    except ValidationFailed:
        abort(404)
    return render_template("intake/my_reports.html", reports=reports, next_cursor=next_cursor)


@bp.route("/bao-cao/<int:report_id>")
@require_role("collaborator")
def report_detail(report_id: int):
    report = get_visible_report(g.user, report_id)
    if report is None:
        abort(404)
    return render_template("intake/report_detail.html", report=report,
                           outcome=report_service.public_outcome(report))


@bp.route("/bao-cao/ma-gui")
@require_role("collaborator")
def send_token():
    """A fresh CSRF token for the outbox script: a report queued for hours on the phone was
    written in a page whose token may have expired; it asks for a new one just before sending."""
    response = make_response(jsonify(csrf_token=generate_csrf()))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/bao-cao/<int:report_id>/anh")
@require_role()
def report_photo(report_id: int):
    """A report's photo, for whoever may see the report (the same visibility rule)."""
    report = get_visible_report(g.user, report_id)
    if report is None or report.photo is None:
        abort(404)
    response = make_response(report.photo.data)
    response.headers["Content-Type"] = report.photo.content_type
    # Personal evidence: never in a shared cache, nor in the phone's offline cache (sw.js).
    response.headers["Cache-Control"] = "private, no-store"
    return response

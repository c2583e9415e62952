"""Collaborators' screens: home, the two forms, their own reports."""
from datetime import UTC, datetime, time

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from opinion.auth import REVIEWER_ROLES, get_visible_report, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import bearer_or_address, csrf, db, limiter
from opinion.intake import bp
from opinion.intake.forms import (
    SOCIAL_SOURCES,
    FieldReportForm,
    SocialPostForm,
)
from opinion.models.base import utcnow
from opinion.services import intake, taxonomy
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


def _report_form(kind: str):
    form_class, template = FORMS[kind]
    form = form_class()
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
            submission_key=form.submission_key.data or None)
        try:
            report, created = intake.submit_report(g.user, sub)
        except ValidationFailed as err:
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash("Đã gửi báo cáo. Cảm ơn bạn!" if created else "Báo cáo này đã được gửi trước đó.",
                  "success")
            return redirect(url_for("intake.report_detail", report_id=report.id))
    status = 422 if request.method == "POST" else 200
    return render_template(template, form=form), status


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

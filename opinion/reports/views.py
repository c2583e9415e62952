"""The monthly public-opinion report: the page, its charts, and the Word and spreadsheet files."""
from flask import Response, abort, g, render_template, request

from opinion.auth import (
    REVIEWER_ROLES,
    get_monthly_unit,
    monthly_units,
    require_role,
    session_or_bearer_required,
)
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models.base import utcnow
from opinion.pages import render_error
from opinion.reports import bp
from opinion.services import access_log, monthly_charts, monthly_docx, monthly_xlsx
from opinion.services import settings as unit_settings
from opinion.services.monthly import BREAKDOWNS, Month, monthly_figures

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHARTS = {
    "linh-vuc": monthly_charts.topic_bars,
    "xu-huong": monthly_charts.trend_line,
    "muc-do": lambda figures: monthly_charts.share_bars(figures, "by_urgency"),
    "sac-thai": lambda figures: monthly_charts.share_bars(figures, "by_sentiment"),
}


def _unit_and_month():
    """The requested unit (404 when not visible) and month (422 when malformed)."""
    unit = get_monthly_unit(g.user, request.args.get("unit"))
    if unit is None:
        abort(404)
    raw_month = request.args.get("month", "").strip()
    month = Month.parse(raw_month) if raw_month else Month.containing(utcnow())
    return unit, month


def _download(content: bytes, mimetype: str, name: str, unit) -> Response:
    access_log.record_export(g.user, unit, name, utcnow())
    db.session.commit()
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/bao-cao-thang")
@require_role(*REVIEWER_ROLES)
def monthly_page():
    try:
        unit, month = _unit_and_month()
    except ValidationFailed as err:
        return render_template("reports/monthly.html", figures=None, units=monthly_units(g.user),
                               selected_unit=request.args.get("unit", ""), month=request.args.get("month", ""),
                               error=err.fields["month"]), 422
    figures = monthly_figures(unit, month, utcnow())
    return render_template("reports/monthly.html", figures=figures, units=monthly_units(g.user),
                           selected_unit=unit.code, month=month.code, breakdowns=BREAKDOWNS,
                           charts=CHARTS, error=None)


@bp.route("/bao-cao-thang/bieu-do/<name>.png")
@require_role(*REVIEWER_ROLES)
def monthly_chart(name: str):
    if name not in CHARTS:
        abort(404)
    try:
        unit, month = _unit_and_month()
    except ValidationFailed:
        abort(404)
    response = Response(CHARTS[name](monthly_figures(unit, month, utcnow())), mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.route("/reports/monthly.docx")
@session_or_bearer_required(*REVIEWER_ROLES)
def monthly_docx_file():
    try:
        unit, month = _unit_and_month()
    except ValidationFailed as err:
        return render_error(422, err.fields["month"])
    figures = monthly_figures(unit, month, utcnow())
    content = monthly_docx.build_docx(figures, unit_settings.report_settings(unit, figures))
    return _download(content, DOCX_TYPE, f"bao-cao-du-luan-{unit.code}-{month.code}.docx", unit)


@bp.route("/reports/monthly.xlsx")
@session_or_bearer_required(*REVIEWER_ROLES)
def monthly_xlsx_file():
    try:
        unit, month = _unit_and_month()
    except ValidationFailed as err:
        return render_error(422, err.fields["month"])
    content = monthly_xlsx.build_xlsx(monthly_figures(unit, month, utcnow()), unit, month)
    return _download(content, XLSX_TYPE, f"bao-cao-du-luan-{unit.code}-{month.code}.xlsx", unit)


# Numbers as Vietnamese documents write them: decimal comma, explicit sign for changes.
@bp.app_template_filter("percent")
def _percent(value) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


@bp.app_template_filter("signed")
def _signed(value) -> str:
    return f"+{value}" if value > 0 else str(value)


@bp.app_template_filter("hours")
def _hours(value) -> str:
    return "chưa có" if value is None else f"{value:.1f}".replace(".", ",") + " giờ"

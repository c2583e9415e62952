"""API views: load, check access, validate, call one service, commit once, answer."""
import json

from flask import current_app, g, jsonify, request

from opinion.api import bp
from opinion.api.errors import error_response
from opinion.api.openapi import openapi_document
from opinion.api.schemas import (
    History,
    LabelsIn,
    MatterIn,
    ReportCreate,
    ReportOut,
    TokenRequest,
    TokenResponse,
    TransitionIn,
    UnitOut,
)
from opinion.auth import (
    REVIEWER_ROLES,
    LoginLocked,
    api_login_required,
    authenticate,
    get_monthly_unit,
    get_visible_report,
    issue_token,
    public,
    revoke_bearer_token,
)
from opinion.errors import DomainError, ValidationFailed
from opinion.extensions import bearer_or_address, db, limiter
from opinion.forms import without_control_characters
from opinion.models import Report, Unit, User
from opinion.models.base import utcnow
from opinion.services import access_log, intake, labels, matters, triage
from opinion.services import queue as queue_service
from opinion.services import reports as report_service
from opinion.services.masking import mask_personal_numbers
from opinion.services.monthly import Month, monthly_figures
from opinion.services.paging import parse_limit
from opinion.workflow import STATUS_NAMES


def json_body() -> dict:
    """The request's JSON object, or a Vietnamese 400 for anything else."""
    if not request.is_json:
        raise ValidationFailed({"body": "Cần gửi JSON với Content-Type: application/json."},
                               "Nội dung yêu cầu phải là JSON.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError("Nội dung yêu cầu không phải là một đối tượng JSON hợp lệ.", 400, "malformed_json")
    return without_control_characters(body)


def report_out(report: Report, viewer: User, similar: list[int] | None = None) -> dict:
    out = ReportOut(
        id=report.id, kind=report.kind, text=mask_personal_numbers(report.text),
        source=report.source, url=report.url, platform=report.platform,
        unit=report.unit.code, village=report.village.code if report.village else None,
        observed_at=report.observed_at, created_at=report.created_at, status=report.status,
        status_label=STATUS_NAMES[report.status], topic=report.topic, urgency=report.urgency,
        sentiment=report.sentiment, topic_confidence=report.topic_confidence,
        urgency_confidence=report.urgency_confidence,
        sentiment_confidence=report.sentiment_confidence, needs_review=report.needs_review,
        overdue=report.is_overdue(utcnow()), model_version=report.model_version, group=report.matter_id,
        **(reviewer_extras(report, similar) if viewer.role in REVIEWER_ROLES else {}))
    return out.model_dump(mode="json", exclude={"similar", "reasons"} if viewer.role not in REVIEWER_ROLES else set())


def reviewer_extras(report: Report, similar: list[int] | None = None) -> dict:
    return {"similar": matters.suggested_ids(report) if similar is None else similar, "reasons": json.loads(report.explanation) if report.explanation else {}}


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(openapi_document())


@bp.route("/auth/token", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@public
def auth_token():
    credentials = TokenRequest.model_validate(json_body())
    try:
        user = authenticate(credentials.username, credentials.password)
    except LoginLocked as locked:
        return error_response(429, "login_locked", str(locked))
    db.session.commit()  # the failure count (or its reset) must persist
    if user is None:
        return error_response(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")
    if user.must_change_password:
        return error_response(403, "password_change_required", "Cần đổi mật khẩu tạm trước khi dùng ứng dụng.")
    token, record = issue_token(user, utcnow(), current_app.config["API_TOKEN_LIFETIME"])
    db.session.commit()
    return jsonify(TokenResponse(token=token, expires_at=record.expires_at).model_dump(mode="json"))


@bp.route("/auth/token", methods=["DELETE"])
@api_login_required()
def revoke_token():
    revoke_bearer_token(utcnow())
    db.session.commit()
    return "", 204


@bp.route("/reports", methods=["POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], key_func=bearer_or_address)
@api_login_required("collaborator")
def create_report():
    key = request.headers.get("Idempotency-Key")
    if key is not None and not intake.is_valid_submission_key(key.strip()):
        return error_response(400, "bad_idempotency_key",
                              "Tiêu đề Idempotency-Key không hợp lệ: 8–64 ký tự chữ, số, '-' hoặc '_'.")
    data = ReportCreate.model_validate(json_body())
    submission = intake.Submission(**data.model_dump(), submission_key=key.strip() if key else None)
    report, created = intake.submit_report(g.user, submission)
    db.session.commit()
    return jsonify(report_out(report, g.user)), 201 if created else 200


@bp.route("/reports", methods=["GET"])
@api_login_required()
def list_reports():
    """The caller's own submitted reports, newest first (mine=1 is the default and only mode)."""
    if request.args.get("mine", "1") != "1":
        raise ValidationFailed({"mine": "Chỉ hỗ trợ mine=1; cán bộ xử lý dùng /api/v1/queue."})
    items, next_cursor = report_service.own_reports(
        g.user, parse_limit(request.args.get("limit")), request.args.get("cursor"))
    page = {"items": [report_out(r, g.user) for r in items], "next_cursor": next_cursor}
    return jsonify(page)


@bp.route("/reports/<int:report_id>", methods=["GET"])
@api_login_required()
def get_report(report_id: int):
    report = _visible_or_404(report_id)
    access_log.record_read(g.user, report, utcnow())
    db.session.commit()
    return jsonify(report_out(report, g.user))


def _unit_tree(unit: Unit) -> dict:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind,
            "children": [_unit_tree(child) for child in unit.children]}


@bp.route("/units", methods=["GET"])
@api_login_required()
def units():
    return jsonify(UnitOut.model_validate(_unit_tree(g.user.unit)).model_dump(mode="json"))


def _visible_or_404(report_id: int) -> Report:
    report = get_visible_report(g.user, report_id)
    if report is None:
        raise DomainError("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.", 404, "not_found")
    return report


@bp.route("/queue", methods=["GET"])
@api_login_required(*REVIEWER_ROLES)
def queue():
    filters = queue_service.parse_filters(request.args)
    now = utcnow()
    items, next_cursor = queue_service.queue_page(
        g.user, filters, parse_limit(request.args.get("limit")), request.args.get("cursor"), now)
    similar = matters.suggested_map(items)
    return jsonify({"items": [report_out(r, g.user, similar[r.id]) for r in items], "next_cursor": next_cursor})


@bp.route("/reports/<int:report_id>/transitions", methods=["POST"])
@api_login_required(*REVIEWER_ROLES)
def transition(report_id: int):
    report = _visible_or_404(report_id)
    data = TransitionIn.model_validate(json_body())
    triage.transition(report, g.user, data.to, data.note, utcnow(), handler=data.handler)
    db.session.commit()
    return jsonify(report_out(report, g.user))


@bp.route("/reports/<int:report_id>/matter", methods=["POST"])
@api_login_required(*REVIEWER_ROLES)
def matter(report_id: int):
    """Merge another report (with its matter) into this report's matter, or take this report out."""
    report = _visible_or_404(report_id)
    data = MatterIn.model_validate(json_body())
    if data.action == "merge":
        if data.report is None:
            raise ValidationFailed({"report": "Cần số báo cáo cần gộp."})
        other = get_visible_report(g.user, data.report)
        if other is None:
            raise ValidationFailed({"report": "Không tìm thấy báo cáo cần gộp trong đơn vị của bạn."})
        matters.merge(report, other, g.user, utcnow())
    else:
        matters.split(report, g.user, utcnow())
    db.session.commit()
    return jsonify(report_out(report, g.user))


@bp.route("/reports/<int:report_id>/labels", methods=["PATCH"])
@api_login_required(*REVIEWER_ROLES)
def correct_labels(report_id: int):
    report = _visible_or_404(report_id)
    data = LabelsIn.model_validate(json_body())
    labels.correct_labels(report, g.user, data.model_dump(exclude_none=True), utcnow())
    db.session.commit()
    return jsonify(report_out(report, g.user))


@bp.route("/reports/<int:report_id>/history", methods=["GET"])
@api_login_required()
def history(report_id: int):
    report = _visible_or_404(report_id)
    access_log.record_read(g.user, report, utcnow(), action="history_read")
    db.session.commit()
    entries = report_service.history(report, g.user)
    return jsonify(History(items=entries).model_dump(mode="json", exclude_unset=True))


@bp.route("/stats/monthly", methods=["GET"])
@api_login_required(*REVIEWER_ROLES)
def monthly_stats():
    unit = get_monthly_unit(g.user, request.args.get("unit"))
    if unit is None:
        raise DomainError("Không tìm thấy đơn vị, hoặc bạn không có quyền xem số liệu của đơn vị này.",
                          404, "not_found")
    raw_month = request.args.get("month", "").strip()
    month = Month.parse(raw_month) if raw_month else Month.containing(utcnow())
    figures = monthly_figures(unit, month, utcnow())
    access_log.record_export(g.user, unit, f"stats/monthly {unit.code} {month.code}", utcnow())
    db.session.commit()
    return jsonify(figures)

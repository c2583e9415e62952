"""What every HTML page shares: template helpers and Vietnamese error pages."""
import logging

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from opinion.forms import CONTROL_CHARACTERS
from opinion.models.reports import REPORT_KINDS
from opinion.services import taxonomy
from opinion.services.masking import mask_personal_numbers
from opinion.timezone import to_local
from opinion.workflow import PUBLIC_STATUS_NAMES, STATUS_NAMES

log = logging.getLogger(__name__)

ERROR_MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Yêu cầu gửi lên không đúng định dạng."),
    401: ("Cần đăng nhập", "Vui lòng đăng nhập để tiếp tục."),
    403: ("Không có quyền truy cập", "Tài khoản của bạn không được phép xem trang này."),
    404: ("Không tìm thấy", "Trang hoặc báo cáo bạn tìm không tồn tại, hoặc bạn không có quyền xem."),
    405: ("Thao tác không được hỗ trợ", "Trang này không nhận kiểu yêu cầu đó."),
    413: ("Dữ liệu quá lớn", "Nội dung gửi lên vượt quá dung lượng cho phép."),
    422: ("Dữ liệu chưa hợp lệ", "Vui lòng kiểm tra lại các giá trị đã nhập."),
    429: ("Quá nhiều yêu cầu", "Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút."),
    500: ("Lỗi hệ thống", "Đã có lỗi xảy ra. Dữ liệu đã lưu không bị mất; vui lòng thử lại sau."),
}


def _format_local(moment, pattern="%H:%M %d/%m/%Y"):
    return to_local(moment).strftime(pattern) if moment else ""


def error_status(error: Exception) -> int:
    if isinstance(error, HTTPException) and error.code:
        return error.code
    return 500


def render_error(status: int, message: str | None = None):
    title, default_message = ERROR_MESSAGES.get(status, ERROR_MESSAGES[400 if status < 500 else 500])
    message = message or default_message
    if request.path.startswith("/api/"):
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 422: "validation_error",
                429: "rate_limited", 500: "internal_error"}.get(status, "bad_request")
        return jsonify(error={"code": code, "message": message}), status
    return render_template("errors/error.html", title=title, message=message, status=status), status


# No inline script or style anywhere: scripts and styles come from /static only.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def _refuse_control_characters_in_query():
    """A NUL or other control character in the address is never typed by a person; PostgreSQL
    could not even compare it. Answer 400 in Vietnamese instead of failing later."""
    if any(CONTROL_CHARACTERS.search(value) for value in request.args.values()):
        return render_error(400, "Địa chỉ chứa ký tự điều khiển không hợp lệ.")
    return None


def init_app(app: Flask) -> None:
    app.before_request(_refuse_control_characters_in_query)
    app.after_request(_security_headers)
    app.jinja_env.filters["localtime"] = _format_local
    app.jinja_env.filters["masked"] = mask_personal_numbers
    app.jinja_env.globals.update(
        STATUS_NAMES=STATUS_NAMES, PUBLIC_STATUS_NAMES=PUBLIC_STATUS_NAMES,
        REPORT_KINDS=REPORT_KINDS, label_names=taxonomy.names)

    @app.errorhandler(HTTPException)
    def _http_error(error):
        response = make_response(render_error(error_status(error)))
        allow = dict(error.get_headers()).get("Allow")  # a 405 must list the allowed methods
        if allow:
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def _unexpected(error):
        # Never show a stack trace: log it and answer in Vietnamese.
        log.exception("unhandled error on %s %s", request.method, request.path)
        from opinion.extensions import db
        db.session.rollback()
        return render_error(500)

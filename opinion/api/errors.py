"""Every API error is JSON: {"error": {"code", "message", "fields"?}}."""
from flask import jsonify
from pydantic import ValidationError

from opinion.api import bp
from opinion.auth import ApiAuthError
from opinion.errors import DomainError, ValidationFailed
from opinion.extensions import db

# Pydantic error types -> Vietnamese, for the fields of our schemas.
PYDANTIC_MESSAGES = {
    "missing": "Thiếu trường bắt buộc này.",
    "string_type": "Giá trị phải là chuỗi ký tự.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "datetime_from_date_parsing": "Thời điểm phải theo ISO 8601, ví dụ 2026-11-23T08:30:00+07:00.",
    "datetime_parsing": "Thời điểm phải theo ISO 8601, ví dụ 2026-11-23T08:30:00+07:00.",
    "datetime_type": "Thời điểm phải theo ISO 8601, ví dụ 2026-11-23T08:30:00+07:00.",
    "timezone_aware": "Thời điểm cần có múi giờ, ví dụ 2026-11-23T08:30:00+07:00.",
    "string_too_long": "Giá trị quá dài.",
    "model_type": "Nội dung phải là một đối tượng JSON.",
    "dict_type": "Nội dung phải là một đối tượng JSON.",
}


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return jsonify(error=body), status


def fields_from_pydantic(error: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(name, PYDANTIC_MESSAGES.get(item["type"], "Giá trị không hợp lệ."))
    return fields


@bp.errorhandler(ApiAuthError)
def _auth_error(error: ApiAuthError):
    return error_response(error.status, error.code, error.message)


@bp.errorhandler(ValidationFailed)
def _validation_failed(error: ValidationFailed):
    db.session.rollback()
    return error_response(422, error.code, error.message, error.fields)


@bp.errorhandler(ValidationError)
def _schema_error(error: ValidationError):
    return error_response(422, "validation_error", "Dữ liệu chưa hợp lệ, vui lòng sửa các mục được đánh dấu.",
                          fields_from_pydantic(error))


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    db.session.rollback()
    return error_response(error.status, error.code, error.message)

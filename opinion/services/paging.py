"""Opaque keyset cursors: no OFFSET, so page 50 costs what page 1 costs."""
import base64
import json

from opinion.errors import ValidationFailed

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as err:
        raise ValidationFailed({"cursor": "Con trỏ phân trang không hợp lệ."}) from err
    if not isinstance(values, list) or len(values) != arity:
        raise ValidationFailed({"cursor": "Con trỏ phân trang không hợp lệ."})
    return values


def parse_limit(raw: str | None) -> int:
    if raw in (None, ""):
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValidationFailed({"limit": f"Số dòng mỗi trang phải từ 1 đến {MAX_LIMIT}."})
    return int(raw)

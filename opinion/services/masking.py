"""Mask personal numbers that slip into free text (product.md: lists, exports, reports)."""
import re

# Vietnamese phone numbers: 0 or +84 then 9 digits, often written in groups.
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){9}(?!\d)")
# CCCD (12 digits) and old CMND (9 digits) identity numbers.
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")


def _keep_tail(match: re.Match, keep: int = 3) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - keep) + digits[-keep:]


def mask_personal_numbers(text: str | None) -> str | None:
    if not text:
        return text
    text = _PHONE.sub(_keep_tail, text)
    return _ID_NUMBER.sub(_keep_tail, text)

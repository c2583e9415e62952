"""Settings per unit: retention, the "needs review" threshold, the Word report's names.

The known settings are a table of data below; values are stored as text in `UnitSetting`.
A unit without its own value takes its parent's (for the settings that inherit), then the
default. An empty value typed by an administrator removes the unit's own value.
"""
import json
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import AdminChange, Unit, UnitSetting, User
from opinion.models.base import utcnow
from opinion.services import monthly_docx
from opinion.services.unit_lists import record

TEXT_MAX = 200
MULTILINE_MAX = 500  # the width of unit_settings.value


@dataclass(frozen=True)
class Setting:
    key: str
    label: str  # Vietnamese, shown on the settings page
    kind: str  # "int", "float", "text" or "lines"
    default: object = None  # None for the Word report's names: monthly_docx's defaults apply
    minimum: float | None = None
    maximum: float | None = None
    # Whether a unit without its own value takes its parent's. The Word report's names do not:
    # a province's issuing body and signer are not a commune's.
    inherits: bool = False
    hint: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("retention_days", "Thời hạn lưu trữ (ngày)", "int", 730, 30, 3650, inherits=True,
            hint="Báo cáo đã giải quyết hoặc lưu trữ quá thời hạn này được ẩn danh; số liệu tháng vẫn giữ."),
    Setting("review_threshold", "Ngưỡng độ tin cậy cần xem lại", "float", "config:REVIEW_THRESHOLD",
            0.30, 0.95, inherits=True,
            hint="Báo cáo có nhãn tự động với độ tin cậy dưới ngưỡng này được đánh dấu cần xem lại."),
    Setting("parent_body", "Cơ quan chủ quản (dòng trên cùng, bên trái)", "text"),
    Setting("issuing_body", "Cơ quan ban hành báo cáo", "text"),
    Setting("document_symbol", "Ký hiệu văn bản (sau số)", "text"),
    Setting("place", "Địa danh ghi ở dòng ngày tháng", "text"),
    Setting("signer_on_behalf", "Thẩm quyền ký (ví dụ: T/M BAN CÔNG TÁC 35)", "text"),
    Setting("signer_title", "Chức vụ người ký", "text"),
    Setting("signer_name", "Họ và tên người ký", "text"),
    Setting("recipients", "Nơi nhận (mỗi dòng một nơi)", "lines"),
)
BY_KEY = {setting.key: setting for setting in SETTINGS}
# The AdminChange action of each setting, and its name in the history.
CHANGE_LABELS = {f"setting.{setting.key}": setting.label for setting in SETTINGS}
# Our settings that monthly_docx reads under the same key (recipients as a list).
REPORT_KEYS = ("parent_body", "issuing_body", "document_symbol", "place", "signer_on_behalf",
               "signer_title", "signer_name", "recipients")


def default(key: str):
    value = BY_KEY[key].default
    if isinstance(value, str) and value.startswith("config:"):
        return current_app.config[value.removeprefix("config:")]
    return value


def _parse(setting: Setting, raw: str):
    if setting.kind == "int":
        return int(raw)
    if setting.kind == "float":
        return float(raw)
    if setting.kind == "lines":
        return [line for line in raw.split("\n") if line]
    return raw


def own_values(unit: Unit) -> dict[str, str]:
    """The unit's own stored values, as text."""
    return dict(db.session.execute(select(UnitSetting.key, UnitSetting.value)
                                   .where(UnitSetting.unit_id == unit.id)).all())


def _stored(unit: Unit, key: str) -> str | None:
    return db.session.scalar(select(UnitSetting.value).where(UnitSetting.unit_id == unit.id,
                                                             UnitSetting.key == key))


def inherited(unit: Unit, key: str):
    """What `unit` gets without its own value: its parent's (when the setting inherits), else the default."""
    setting = BY_KEY[key]
    parent = unit.parent if setting.inherits else None
    while parent is not None:
        raw = _stored(parent, key)
        if raw is not None:
            return _parse(setting, raw)
        parent = parent.parent
    return default(key)


def get(unit: Unit, key: str):
    """The value in force for `unit`: its own, else its parent's, else the default."""
    raw = _stored(unit, key)
    if raw is not None:
        return _parse(BY_KEY[key], raw)
    return inherited(unit, key)


def _clean(setting: Setting, raw) -> tuple[str | None, str | None]:
    """(the text to store or None to remove the unit's own value, an error message or None)."""
    if setting.kind == "lines":
        lines = [" ".join(line.split()) for line in str(raw or "").splitlines()]
        text = "\n".join(line for line in lines if line)
        if not text:
            return None, None
        if len(text) > MULTILINE_MAX:
            return None, f"Tối đa {MULTILINE_MAX} ký tự."
        return text, None
    text = " ".join(str(raw or "").split())
    if not text:
        return None, None
    if setting.kind == "text":
        return (None, f"Tối đa {TEXT_MAX} ký tự.") if len(text) > TEXT_MAX else (text, None)
    if setting.kind == "int":
        if not text.isdigit() or not setting.minimum <= int(text) <= setting.maximum:
            return None, f"Cần nhập số nguyên từ {setting.minimum:g} đến {setting.maximum:g}."
        return str(int(text)), None
    try:
        number = float(text.replace(",", "."))  # a Vietnamese decimal comma is accepted
    except ValueError:
        number = None
    if number is None or not setting.minimum <= number <= setting.maximum:
        low, high = (f"{value:.2f}".replace(".", ",") for value in (setting.minimum, setting.maximum))
        return None, f"Cần nhập một số từ {low} đến {high} (ví dụ 0,6)."
    return repr(number), None


def set_many(unit: Unit, actor: User, values: dict[str, str], now: datetime) -> None:
    """Validate every value first (nothing saved on any error), then store and record each change.
    values: key -> text as typed; an empty text removes the unit's own value."""
    errors, cleaned = {}, {}
    for key, raw in values.items():
        setting = BY_KEY.get(key)
        if setting is None:
            errors[key] = "Cài đặt không có trong danh mục."
            continue
        cleaned[key], message = _clean(setting, raw)
        if message:
            errors[key] = message
    if errors:
        raise ValidationFailed(errors)
    rows = {row.key: row for row in db.session.scalars(
        select(UnitSetting).where(UnitSetting.unit_id == unit.id))}
    for key, value in cleaned.items():
        row = rows.get(key)
        before = row.value if row is not None else None
        if value == before:
            continue
        if value is None:
            db.session.delete(row)
        elif row is None:
            db.session.add(UnitSetting(unit_id=unit.id, key=key, value=value))
        else:
            row.value = value
        record(actor, unit, f"setting.{key}", before, value, now)
    db.session.flush()


def report_settings(unit: Unit, figures: dict) -> dict:
    """The Word report's settings: monthly_docx's defaults, overridden by the unit's own names."""
    result = monthly_docx.default_settings(figures)
    own = {key: get(unit, key) for key in REPORT_KEYS}
    own = {key: value for key, value in own.items() if value not in (None, "", [])}
    if "issuing_body" in own and "signer_on_behalf" not in own:
        # The default signing authority names the default issuing body: follow the unit's.
        result["signer_on_behalf"] = f"T/M {own['issuing_body'].upper()}"
    result.update(own)
    return result


def form_values(unit: Unit) -> dict[str, str]:
    """The unit's own values as the settings form shows them (empty: not set)."""
    return own_values(unit)


def fallbacks(unit: Unit) -> dict[str, str]:
    """Per key, what applies when the unit has no value of its own, as text for the page."""
    figures = {"unit": {"code": unit.code, "name": unit.name, "kind": unit.kind,
                        "parent": {"code": unit.parent.code, "name": unit.parent.name} if unit.parent else None},
               "generated_at": utcnow().isoformat()}  # only the names are shown, not the date
    report_defaults = monthly_docx.default_settings(figures)
    result = {}
    for setting in SETTINGS:
        value = report_defaults.get(setting.key) if setting.key in REPORT_KEYS else inherited(unit, setting.key)
        if isinstance(value, list):
            value = "; ".join(value)
        elif isinstance(value, float):
            value = f"{value:.2f}".replace(".", ",")
        result[setting.key] = str(value) if value not in (None, "") else "để trống, điền tay trên bản in"
    return result


@dataclass
class ChangeLine:
    """One recorded change of a setting, as the settings page lists it."""

    at: datetime
    who: str
    label: str
    before: str
    after: str


def recent_changes(unit: Unit, limit: int = 30) -> list[ChangeLine]:
    changes = db.session.scalars(select(AdminChange).where(AdminChange.unit_id == unit.id,
                                                           AdminChange.action.like("setting.%"))
                                 .order_by(AdminChange.id.desc()).limit(limit))

    def shown(stored: str | None) -> str:
        value = json.loads(stored) if stored is not None else None
        return "mặc định" if value is None else str(value).replace("\n", "; ")

    return [ChangeLine(change.created_at, change.actor.username if change.actor else "",
                       CHANGE_LABELS.get(change.action, change.action), shown(change.before),
                       shown(change.after)) for change in changes]

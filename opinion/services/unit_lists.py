"""Lists and settings an administrator keeps per unit: handling bodies, times to first action.
Every change is recorded with who, when, before and after."""
import json
from datetime import datetime

from sqlalchemy import select

from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import AdminChange, HandlingBody, Unit, UnitDueHours, User
from opinion.services import taxonomy

MAX_DUE_HOURS = 24 * 60


def record(actor: User, unit: Unit, action: str, before, after, now: datetime) -> None:
    db.session.add(AdminChange(actor_id=actor.id, unit_id=unit.id, action=action, created_at=now,
                               before=json.dumps(before, ensure_ascii=False) if before is not None else None,
                               after=json.dumps(after, ensure_ascii=False) if after is not None else None))


def bodies(unit: Unit) -> list[HandlingBody]:
    return list(db.session.scalars(select(HandlingBody).where(HandlingBody.unit_id == unit.id)
                                   .order_by(HandlingBody.active.desc(), HandlingBody.position, HandlingBody.name)))


def add_body(unit: Unit, actor: User, name: str, now: datetime) -> HandlingBody:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed({"name": "Vui lòng nhập tên cơ quan, đơn vị xử lý."})
    if len(name) > 200:
        raise ValidationFailed({"name": "Tên tối đa 200 ký tự."})
    existing = db.session.scalar(select(HandlingBody).where(HandlingBody.unit_id == unit.id,
                                                             HandlingBody.name == name))
    if existing is not None and existing.active:
        raise ValidationFailed({"name": f"“{name}” đã có trong danh sách."})
    if existing is not None:
        existing.active = True
        body = existing
    else:
        position = len(bodies(unit))
        body = HandlingBody(unit_id=unit.id, name=name, position=position, active=True)
        db.session.add(body)
    record(actor, unit, "handling_body.add", None, {"name": name}, now)
    db.session.flush()
    return body


def retire_body(unit: Unit, actor: User, body_id: int, now: datetime) -> None:
    body = db.session.get(HandlingBody, body_id)
    if body is None or body.unit_id != unit.id or not body.active:
        raise ValidationFailed({"body": "Không tìm thấy cơ quan này trong danh sách đang dùng."})
    body.active = False  # kept: old hand-offs still name it
    record(actor, unit, "handling_body.retire", {"name": body.name}, None, now)
    db.session.flush()


def due_hours_table(unit: Unit) -> list[tuple[str, str, int, int | None]]:
    """(code, name, default hours, the unit's own hours or None) per urgency."""
    own = dict(db.session.execute(select(UnitDueHours.urgency, UnitDueHours.hours)
                                  .where(UnitDueHours.unit_id == unit.id)).all())
    return [(label.code, label.name, label.due_hours, own.get(label.code))
            for label in taxonomy.labels("urgency")]


def set_due_hours(unit: Unit, actor: User, values: dict[str, str], now: datetime) -> None:
    """values: urgency code -> hours as typed ('' restores the default)."""
    known = {code for code, *_ in due_hours_table(unit)}
    errors, parsed = {}, {}
    for code, raw in values.items():
        if code not in known:
            errors[code] = "Mức độ không có trong danh mục."
            continue
        raw = (raw or "").strip()
        if raw == "":
            parsed[code] = None
        elif not raw.isdigit() or not 1 <= int(raw) <= MAX_DUE_HOURS:
            errors[code] = f"Số giờ phải là số nguyên từ 1 đến {MAX_DUE_HOURS}."
        else:
            parsed[code] = int(raw)
    if errors:
        raise ValidationFailed(errors)
    rows = {row.urgency: row for row in db.session.scalars(
        select(UnitDueHours).where(UnitDueHours.unit_id == unit.id))}
    before = {code: row.hours for code, row in rows.items()}
    for code, hours in parsed.items():
        row = rows.get(code)
        if hours is None and row is not None:
            db.session.delete(row)
        elif hours is not None and row is None:
            db.session.add(UnitDueHours(unit_id=unit.id, urgency=code, hours=hours))
        elif hours is not None:
            row.hours = hours
    after = {code: hours for code, hours in {**before, **parsed}.items() if hours is not None}
    if after != before:
        record(actor, unit, "due_hours.set", before, after, now)
    db.session.flush()


def recent_changes(unit: Unit, limit: int = 30) -> list[AdminChange]:
    return list(db.session.scalars(select(AdminChange).where(AdminChange.unit_id == unit.id)
                                   .order_by(AdminChange.id.desc()).limit(limit)))

"""Handling bodies per unit, and the villages a reviewer filters by."""
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import HandlingBody, Unit, User

# Offered to a new commune until its administrator edits the list.
DEFAULT_BODIES = ["UBND xã", "Công an xã", "Ủy ban MTTQ Việt Nam xã", "Trạm Y tế xã",
                  "Trường học trên địa bàn", "Hội Nông dân xã", "Hội Liên hiệp Phụ nữ xã",
                  "Đoàn Thanh niên xã", "Hội Cựu chiến binh xã"]


def names_for(user: User) -> list[str]:
    names = list(db.session.scalars(
        select(HandlingBody.name).where(HandlingBody.unit_id == user.unit_id, HandlingBody.active.is_(True))
        .order_by(HandlingBody.position, HandlingBody.name)))
    return names or DEFAULT_BODIES


def add_defaults(unit: Unit) -> None:
    for position, name in enumerate(DEFAULT_BODIES):
        db.session.add(HandlingBody(unit_id=unit.id, name=name, position=position))
    db.session.flush()


def villages_for(user: User) -> list[Unit]:
    """Villages of the reviewer's commune, or of every commune of their province."""
    if user.unit.kind == "province":
        communes = select(Unit.id).where(Unit.parent_id == user.unit_id)
        query = select(Unit).where(Unit.parent_id.in_(communes))
    else:
        query = select(Unit).where(Unit.parent_id == user.unit_id)
    return list(db.session.scalars(query.where(Unit.kind == "village").order_by(Unit.name)))

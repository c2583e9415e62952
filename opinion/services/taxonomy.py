"""Read the taxonomy labels (a table, seeded from taxonomy.md by the first migration)."""
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import TaxonomyLabel, UnitDueHours

# Used for reports whose urgency is not known yet (no model): the middle level.
FALLBACK_URGENCY = "trung_binh"


def labels(field: str, include_retired: bool = False) -> list[TaxonomyLabel]:
    query = select(TaxonomyLabel).where(TaxonomyLabel.field == field)
    if not include_retired:
        query = query.where(TaxonomyLabel.retired.is_(False))
    return list(db.session.scalars(query.order_by(TaxonomyLabel.position, TaxonomyLabel.id)))


def choices(field: str) -> list[tuple[str, str]]:
    return [(label.code, label.name) for label in labels(field)]


def names(field: str) -> dict[str, str]:
    """Code -> Vietnamese name, retired labels included (old reports keep them)."""
    return {label.code: label.name for label in labels(field, include_retired=True)}


def is_active_code(field: str, code: str) -> bool:
    return db.session.scalar(
        select(TaxonomyLabel.id).where(
            TaxonomyLabel.field == field, TaxonomyLabel.code == code,
            TaxonomyLabel.retired.is_(False))) is not None


def due_hours(urgency: str | None, unit_id: int | None = None) -> int:
    """Hours to first action: the unit's own setting, else taxonomy.md's default."""
    code = urgency or FALLBACK_URGENCY
    if unit_id is not None:
        own = db.session.scalar(select(UnitDueHours.hours).where(
            UnitDueHours.unit_id == unit_id, UnitDueHours.urgency == code))
        if own:
            return own
    hours = db.session.scalar(
        select(TaxonomyLabel.due_hours).where(
            TaxonomyLabel.field == "urgency", TaxonomyLabel.code == code))
    return hours or 72

"""The access log: every read of a report by someone other than its author, and every export.
Only flushes; the view commits. The administrator's page lists the units they manage."""
from datetime import datetime

from sqlalchemy import select

from opinion.extensions import db
from opinion.models import AccessRecord, Report, Unit, User

PAGE_SIZE = 100


def record_read(user: User, report: Report, now: datetime, action: str = "report_read") -> None:
    if report.author_id == user.id:
        return  # a collaborator reading their own report is not access to someone else's data
    db.session.add(AccessRecord(user_id=user.id, unit_id=report.unit_id, report_id=report.id,
                                action=action, created_at=now))
    db.session.flush()


def record_export(user: User, unit: Unit, detail: str, now: datetime) -> None:
    db.session.add(AccessRecord(user_id=user.id, unit_id=unit.id, action="export",
                                detail=detail[:200], created_at=now))
    db.session.flush()


def recent(units: list[Unit], before_id: int | None = None) -> list[AccessRecord]:
    """Newest first, for the given units (a province's own records and its communes')."""
    query = select(AccessRecord).where(AccessRecord.unit_id.in_([unit.id for unit in units]))
    if before_id:
        query = query.where(AccessRecord.id < before_id)
    return list(db.session.scalars(query.order_by(AccessRecord.id.desc()).limit(PAGE_SIZE)))

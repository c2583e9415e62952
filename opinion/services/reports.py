"""Reading reports: a collaborator's own list, paged newest first."""
import json
from datetime import datetime

from sqlalchemy import and_, or_, select

from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import Report, User
from opinion.services.paging import decode_cursor, encode_cursor


def own_reports(user: User, limit: int, cursor: str | None = None) -> tuple[list[Report], str | None]:
    """The user's own reports, newest first, with the cursor of the next page (or None)."""
    query = select(Report).where(Report.author_id == user.id)
    if cursor:
        created_iso, last_id = decode_cursor(cursor, 2)
        try:
            created = datetime.fromisoformat(created_iso)
            last_id = int(last_id)
        except (TypeError, ValueError) as err:
            raise ValidationFailed({"cursor": "Con trỏ phân trang không hợp lệ."}) from err
        query = query.where(or_(Report.created_at < created,
                                and_(Report.created_at == created, Report.id < last_id)))
    rows = list(db.session.scalars(
        query.order_by(Report.created_at.desc(), Report.id.desc()).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor([last.created_at.isoformat(), last.id])
    return rows, next_cursor


def public_outcome(report: Report) -> str | None:
    """What a collaborator may see of the outcome: the handling body, never internal notes."""
    if report.status != "da_chuyen":
        return None
    for event in reversed(report.events):
        if event.kind == "transition" and event.to_status == "da_chuyen":
            return event.handler
    return None


def history(report: Report, viewer: User) -> list[dict]:
    """Every event oldest first. Collaborators see what happened, not who wrote what or notes."""
    from opinion.auth import REVIEWER_ROLES

    full = viewer.role in REVIEWER_ROLES
    entries = []
    for event in report.events:
        entry = {"kind": event.kind, "at": event.created_at, "from_status": event.from_status,
                 "to_status": event.to_status}
        if full:
            entry.update(actor=event.actor.username if event.actor else None,
                         actor_unit=event.actor.unit.code if event.actor else None,
                         note=event.note, handler=event.handler,
                         data=json.loads(event.data) if event.data else None)
        elif event.kind == "transition" and event.to_status == "da_chuyen":
            entry["handler"] = event.handler
        if full or event.kind in ("submitted", "transition"):
            entries.append(entry)
    return entries

"""The reviewers' queue: visible reports, filtered, most urgent first then oldest, keyset-paged."""
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select

from classifier.text import fold
from opinion.auth import visible_reports
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import Report, Unit, User
from opinion.models.reports import URGENCY_RANK
from opinion.services import taxonomy
from opinion.services.links import PLATFORMS
from opinion.services.paging import decode_cursor, encode_cursor
from opinion.timezone import VIETNAM
from opinion.workflow import STATUS_NAMES

MAX_QUERY = 200


@dataclass
class QueueFilters:
    status: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    urgency: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    platform: list[str] = field(default_factory=list)
    village: list[str] = field(default_factory=list)
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    needs_review: bool = False


def _date(raw: str, name: str, errors: dict) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = "Ngày phải có dạng YYYY-MM-DD."
        return None


def parse_filters(args) -> QueueFilters:
    """Filters from query arguments (repeatable or comma-separated); Vietnamese errors."""
    def values(name):
        items = []
        for raw in args.getlist(name):
            items += [v.strip() for v in raw.split(",") if v.strip()]
        return items

    errors: dict[str, str] = {}
    filters = QueueFilters(
        status=values("status"), topic=values("topic"), urgency=values("urgency"),
        source=values("source"), platform=values("platform"), village=values("village"),
        q=(args.get("q") or "").strip(), overdue=args.get("overdue") in ("1", "true", "on"),
        needs_review=args.get("needs_review") in ("1", "true", "on"))
    filters.date_from = _date(args.get("from", ""), "from", errors)
    filters.date_to = _date(args.get("to", ""), "to", errors)
    allowed = {"status": set(STATUS_NAMES), "platform": set(PLATFORMS)}
    for name in ("topic", "urgency", "source"):
        allowed[name] = set(taxonomy.names(name))
    for name, codes in allowed.items():
        unknown = [v for v in getattr(filters, name) if v not in codes]
        if unknown:
            errors[name] = f"Giá trị không hợp lệ: {', '.join(unknown)}."
    if len(filters.q) > MAX_QUERY:
        errors["q"] = f"Từ khóa tìm kiếm tối đa {MAX_QUERY} ký tự."
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors["to"] = "Ngày kết thúc phải sau ngày bắt đầu."
    if errors:
        raise ValidationFailed(errors)
    return filters


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), VIETNAM).astimezone(UTC)


def filtered(user: User, filters: QueueFilters, now: datetime):
    # A matter shows once: by its head, whose rank is the matter's urgency (services/matters.py).
    query = visible_reports(user).where(Report.queue_hidden.is_(False))
    for name in ("status", "topic", "source", "platform"):
        chosen = getattr(filters, name)
        if chosen:
            query = query.where(getattr(Report, name).in_(chosen))
    if filters.urgency and all(code in URGENCY_RANK for code in filters.urgency):
        # The rank is the urgency (lifted, for a matter's head), and the queue index seeks on it.
        query = query.where(Report.urgency.is_not(None),
                            Report.urgency_rank.in_({URGENCY_RANK[code] for code in filters.urgency}))
    elif filters.urgency:
        query = query.where(Report.urgency.in_(filters.urgency))
    if filters.village:
        query = query.where(Report.village_id.in_(select(Unit.id).where(Unit.code.in_(filters.village))))
    for word in fold(filters.q).split():
        query = query.where(Report.text_folded.contains(word, autoescape=True))
    if filters.date_from:
        query = query.where(Report.created_at >= _local_midnight(filters.date_from))
    if filters.date_to:
        query = query.where(Report.created_at < _local_midnight(filters.date_to + timedelta(days=1)))
    if filters.overdue:
        query = query.where(Report.first_action_at.is_(None), Report.due_at < now)
    if filters.needs_review:
        query = query.where(Report.needs_review.is_(True))
    return query


def queue_page(user: User, filters: QueueFilters, limit: int, cursor: str | None,
               now: datetime) -> tuple[list[Report], str | None]:
    query = filtered(user, filters, now)
    if cursor:
        rank, created_iso, last_id = decode_cursor(cursor, 3)
        try:
            rank, created, last_id = int(rank), datetime.fromisoformat(created_iso), int(last_id)
        except (TypeError, ValueError) as err:
            raise ValidationFailed({"cursor": "Con trỏ phân trang không hợp lệ."}) from err
        query = query.where(or_(
            Report.urgency_rank > rank,
            and_(Report.urgency_rank == rank, Report.created_at > created),
            and_(Report.urgency_rank == rank, Report.created_at == created, Report.id > last_id)))
    rows = list(db.session.scalars(
        query.order_by(Report.urgency_rank, Report.created_at, Report.id).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor([last.urgency_rank, last.created_at.isoformat(), last.id])
    return rows, next_cursor


def counts(user: User, filters: QueueFilters, now: datetime) -> dict[str, dict[str, int]]:
    """Counts per status and per urgency of the filtered reports (for the top of the queue)."""
    subquery = filtered(user, filters, now).subquery()
    result = {}
    for name in ("status", "urgency"):
        column = subquery.c[name]
        rows = db.session.execute(select(column, func.count()).group_by(column)).all()
        result[name] = {key or "chua_phan_loai": count for key, count in rows}
    return result

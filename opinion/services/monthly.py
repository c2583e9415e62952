"""The monthly public-opinion figures of a unit (báo cáo tình hình dư luận xã hội tháng).

Every number the monthly page, the JSON, the Word and the spreadsheet exports show comes from
`monthly_figures`, and every count in it from an SQL aggregate, so the four can never disagree.
A month is counted in Vietnam's time zone; a report belongs to the month it was received in
(`created_at`), and its handling figures describe what became of that month's reports.
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import String, and_, case, cast, distinct, func, literal, or_, select, tuple_

from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import Report, ReportEvent, Unit, User
from opinion.services import taxonomy
from opinion.services.masking import mask_personal_numbers
from opinion.timezone import VIETNAM
from opinion.workflow import STATUS_NAMES

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "zalo": "Zalo",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "news": "Báo điện tử",
    "other": "Trang khác",
}
UNTAGGED = ("chua_phan_loai", "Chưa phân loại")
NO_LINK = ("khong_lien_ket", "Không có liên kết")
NO_VILLAGE = ("khong_ghi_thon", "Không ghi thôn, bản")
TREND_MONTHS = 6
MAIN_MATTERS = 5
EXCERPT_CHARS = 240


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, raw: str | None) -> "Month":
        try:
            year, month = (int(part) for part in (raw or "").split("-"))
            date(year, month, 1)
        except ValueError:
            raise ValidationFailed({"month": "Tháng phải có dạng YYYY-MM, ví dụ 2026-10."}) from None
        if not 2000 <= year <= 2100:
            raise ValidationFailed({"month": "Năm phải trong khoảng 2000–2100."})
        return cls(year, month)

    @classmethod
    def containing(cls, moment: datetime) -> "Month":
        local = moment.astimezone(VIETNAM)
        return cls(local.year, local.month)

    @property
    def code(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"tháng {self.month} năm {self.year}"

    @property
    def short_label(self) -> str:
        return f"{self.month:02d}/{self.year}"

    @property
    def start(self) -> datetime:
        """The first instant of the month in Vietnam, in UTC."""
        return datetime.combine(date(self.year, self.month, 1), time(0), VIETNAM).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return self.next().start

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


def report_scope(unit: Unit):
    """The commune ids whose reports make up `unit`'s figures (a subquery for a province)."""
    if unit.kind == "commune":
        return [unit.id]
    if unit.kind == "province":
        return select(Unit.id).where(Unit.parent_id == unit.id, Unit.kind == "commune")
    raise ValidationFailed({"unit": "Báo cáo tháng chỉ lập cho tỉnh hoặc xã, không lập cho thôn."})


def _hours_between(later, earlier):
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", later - earlier) / 3600.0
    return (func.julianday(later) - func.julianday(earlier)) * 24.0


def _median(value, *where) -> float | None:
    """The median of an SQL expression, computed in the database (SQLite has no percentile)."""
    where = (*where, value.is_not(None))
    if db.engine.dialect.name == "postgresql":
        median = db.session.scalar(select(func.percentile_cont(0.5).within_group(value)).where(*where))
        return None if median is None else round(float(median), 1)
    count = db.session.scalar(select(func.count()).where(*where))
    if not count:
        return None

    def nth(offset: int) -> float:
        return float(db.session.scalar(select(value).where(*where).order_by(value).offset(offset).limit(1)))

    return round((nth((count - 1) // 2) + nth(count // 2)) / 2, 1)


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


class _Counter:
    """Aggregates over one unit's reports of the month and of the month before."""

    def __init__(self, unit: Unit, month: Month, now: datetime):
        self.unit, self.month, self.now = unit, month, now
        self.scope = report_scope(unit)
        self.current = and_(Report.unit_id.in_(self.scope), Report.created_at >= month.start,
                            Report.created_at < month.end)
        self.two_months = and_(Report.unit_id.in_(self.scope),
                               Report.created_at >= month.previous().start, Report.created_at < month.end)
        self.is_current = Report.created_at >= month.start
        self._communes: list[dict] | None = None

    def in_months(self):
        current = func.sum(case((self.is_current, 1), else_=0))
        previous = func.sum(case((self.is_current, 0), else_=1))
        return current, previous

    def counts_by(self, columns: dict) -> dict[str, dict]:
        """{name: {code: (this month, last month)}} for each column. PostgreSQL counts every
        column in one scan (GROUPING SETS); SQLite, which lacks them, one query per column."""
        current, previous = self.in_months()
        if db.engine.dialect.name != "postgresql":
            result = {}
            for name, column in columns.items():
                rows = db.session.execute(
                    select(column, current, previous).where(self.two_months).group_by(column)).all()
                result[name] = {code: (cur or 0, prev or 0) for code, cur, prev in rows}
            return result
        names, cols = list(columns), list(columns.values())
        flags = [func.grouping(column) for column in cols]
        rows = db.session.execute(
            select(*cols, *flags, current, previous).where(self.two_months)
            .group_by(func.grouping_sets(*(tuple_(column) for column in cols)))).all()
        result = {name: {} for name in names}
        for row in rows:
            grouped = [i for i, flag in enumerate(row[len(cols):2 * len(cols)]) if flag == 0]
            index = grouped[0]
            result[names[index]][row[index]] = (row[-2] or 0, row[-1] or 0)
        return result

    @staticmethod
    def breakdown(counts: dict, names: dict[str, str], missing: tuple[str, str] | None) -> list[dict]:
        """Rows per code this month and last; every known code listed, zeros included."""
        entries = [(code, name) for code, name in names.items()]
        for code in counts:
            if code is not None and code not in names:
                entries.append((code, code))
        if missing and None in counts:
            entries.append((None, missing[1]))
        total = sum(cur for cur, _ in counts.values())
        result = []
        for code, name in entries:
            cur, prev = counts.get(code, (0, 0))
            result.append({"code": code if code is not None else missing[0], "name": name,
                           "count": cur, "share": _share(cur, total), "previous": prev,
                           "change": cur - prev})
        return result

    def totals(self) -> dict:
        # A matter (services/matters.py) counts once; a report without one is a matter of its
        # own, except that reports from before grouping existed sharing a link still count once.
        matter_key = case((Report.matter_id.is_not(None), literal("m") + cast(Report.matter_id, String)),
                          else_=func.coalesce(Report.canonical_url, literal("#") + cast(Report.id, String)))
        current, previous = self.in_months()
        row = db.session.execute(select(
            current, previous,
            func.count(distinct(case((self.is_current, matter_key)))),
            func.count(distinct(case((self.is_current, None), else_=matter_key))),
        ).where(self.two_months)).one()
        reports_now, reports_before, matters_now, matters_before = (value or 0 for value in row)
        return {"reports": reports_now, "reports_previous": reports_before,
                "reports_change": reports_now - reports_before,
                "matters": matters_now, "matters_previous": matters_before,
                "matters_change": matters_now - matters_before}

    def handling(self, total: int) -> dict:
        overdue = or_(and_(Report.first_action_at.is_(None), Report.due_at < self.now),
                      Report.first_action_at > Report.due_at)
        counts = db.session.execute(select(
            func.sum(case((Report.first_action_at.is_not(None), 1), else_=0)),
            func.sum(case((Report.status == "da_giai_quyet", 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        ).where(self.current)).one()
        acted, resolved, late = (value or 0 for value in counts)
        month_reports = select(Report.id).where(self.current)
        resolved_at = (select(ReportEvent.report_id, func.min(ReportEvent.created_at).label("at"))
                       .where(ReportEvent.to_status == "da_giai_quyet",
                              ReportEvent.report_id.in_(month_reports))
                       .group_by(ReportEvent.report_id).subquery())
        escalated, answered = db.session.execute(select(
            func.count(distinct(case((ReportEvent.to_status == "bao_cao_cap_tren", ReportEvent.report_id)))),
            func.count(distinct(case((ReportEvent.from_status == "bao_cao_cap_tren", ReportEvent.report_id)))),
        ).where(ReportEvent.report_id.in_(month_reports),
                or_(ReportEvent.to_status == "bao_cao_cap_tren",
                    ReportEvent.from_status == "bao_cao_cap_tren"))).one()
        resolution_hours = _hours_between(resolved_at.c.at, Report.created_at)
        return {
            "acted": acted,
            "acted_share": _share(acted, total),
            "median_hours_to_first_action": _median(
                _hours_between(Report.first_action_at, Report.created_at), self.current),
            "resolved": resolved,
            "resolved_share": _share(resolved, total),
            "median_hours_to_resolution": _median(
                resolution_hours, self.current, Report.id == resolved_at.c.report_id),
            "overdue": late,
            "overdue_share": _share(late, total),
            "escalated": escalated,
            "escalations_answered": answered,
        }

    def collaborators(self) -> dict:
        authors = select(Report.author_id).where(self.current)
        collaborators = and_(User.role == "collaborator", User.unit_id.in_(self.scope))
        active = db.session.scalar(select(func.count(User.id)).where(collaborators, User.id.in_(authors)))
        # Registered: the network during the month, including anyone deactivated since who wrote in it.
        registered = db.session.scalar(select(func.count(User.id)).where(
            collaborators, or_(User.active.is_(True), User.id.in_(authors))))
        return {"active": active, "registered": registered, "active_share": _share(active, registered)}

    def trend(self) -> list[dict]:
        months = [self.month]
        for _ in range(TREND_MONTHS - 1):
            months.insert(0, months[0].previous())
        urgent = Report.urgency.in_(("khan_cap", "cao"))
        negative = Report.sentiment == "tieu_cuc"
        columns = []
        for month in months:
            inside = and_(Report.created_at >= month.start, Report.created_at < month.end)
            columns += [func.sum(case((inside, 1), else_=0)),
                        func.sum(case((and_(inside, urgent), 1), else_=0)),
                        func.sum(case((and_(inside, negative), 1), else_=0))]
        row = db.session.execute(select(*columns).where(
            Report.unit_id.in_(self.scope), Report.created_at >= months[0].start,
            Report.created_at < self.month.end)).one()
        return [{"month": month.code, "label": month.short_label, "reports": row[3 * i] or 0,
                 "urgent": row[3 * i + 1] or 0, "negative": row[3 * i + 2] or 0}
                for i, month in enumerate(months)]

    def communes(self) -> list[dict]:
        """A province's communes side by side (a commune has none)."""
        if self.unit.kind != "province":
            return []
        if self._communes is None:
            self._communes = self._count_communes()
        return self._communes

    def _count_communes(self) -> list[dict]:
        current, previous = self.in_months()
        urgent = func.sum(case((and_(self.is_current, Report.urgency.in_(("khan_cap", "cao"))), 1), else_=0))
        negative = func.sum(case((and_(self.is_current, Report.sentiment == "tieu_cuc"), 1), else_=0))
        resolved = func.sum(case((and_(self.is_current, Report.status == "da_giai_quyet"), 1), else_=0))
        escalated = func.sum(case((and_(self.is_current, Report.status == "bao_cao_cap_tren"), 1), else_=0))
        rows = {row[0]: row[1:] for row in db.session.execute(
            select(Report.unit_id, current, previous, urgent, negative, resolved, escalated)
            .where(self.two_months).group_by(Report.unit_id)).all()}
        communes = db.session.scalars(select(Unit).where(Unit.parent_id == self.unit.id,
                                                         Unit.kind == "commune").order_by(Unit.name))
        result = []
        for commune in communes:
            cur, prev, urg, neg, res, esc = (value or 0 for value in rows.get(commune.id, (0,) * 6))
            result.append({"code": commune.code, "name": commune.name, "reports": cur, "previous": prev,
                           "change": cur - prev, "urgent": urg, "negative": neg, "resolved": res,
                           "resolved_share": _share(res, cur), "escalated_now": esc})
        return result

    def villages(self) -> list[dict]:
        """Reports per village: a commune's villages, or for a province its communes."""
        if self.unit.kind == "province":
            total = sum(c["reports"] for c in self.communes())
            return [{"code": c["code"], "name": c["name"], "count": c["reports"],
                     "share": _share(c["reports"], total), "previous": c["previous"],
                     "change": c["change"]} for c in self.communes()]
        names = dict(db.session.execute(select(Unit.id, Unit.name).where(
            Unit.parent_id == self.unit.id, Unit.kind == "village").order_by(Unit.name)).all())
        codes = dict(db.session.execute(select(Unit.id, Unit.code).where(Unit.parent_id == self.unit.id)).all())
        rows = self.breakdown(self.counts_by({"village": Report.village_id})["village"], names, NO_VILLAGE)
        for row in rows:
            if isinstance(row["code"], int):
                row["code"] = codes[row["code"]]
        return rows

    def main_matters(self) -> dict:
        """The matters with the most reports this month and the most urgent reports."""
        repeated = db.session.execute(
            select(Report.matter_id, func.count(Report.id), func.min(Report.id))
            .where(self.current, Report.matter_id.is_not(None))
            .group_by(Report.matter_id).having(func.count(Report.id) > 1)
            .order_by(func.count(Report.id).desc(), func.min(Report.id)).limit(MAIN_MATTERS)).all()
        most_reported = []
        for _url, count, first_id in repeated:
            matter = _matter(db.session.get(Report, first_id))
            matter["reports"] = count
            most_reported.append(matter)
        # A matter is quoted once, by its head (the report the queue shows for it).
        urgent = db.session.scalars(
            select(Report).where(self.current, Report.urgency.in_(("khan_cap", "cao")),
                                 Report.queue_hidden.is_(False))
            .order_by(Report.urgency_rank, Report.created_at, Report.id).limit(MAIN_MATTERS))
        most_urgent = []
        for report in urgent:
            matter = _matter(report)
            if report.matter_id is not None:
                matter["reports"] = db.session.scalar(
                    select(func.count(Report.id)).where(self.current, Report.matter_id == report.matter_id))
            most_urgent.append(matter)
        return {"most_reported": most_reported, "most_urgent": most_urgent}


def _excerpt(text: str) -> str:
    text = " ".join(mask_personal_numbers(text).split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _matter(report: Report) -> dict:
    """One report as the monthly report quotes it: masked excerpt and what was done."""
    last = db.session.scalar(
        select(ReportEvent).where(ReportEvent.report_id == report.id, ReportEvent.kind == "transition")
        .order_by(ReportEvent.id.desc()).limit(1))
    done = None
    if last is not None:
        done = STATUS_NAMES[last.to_status]
        if last.handler:
            done += f" ({last.handler})"
        if last.note:
            done += ": " + _excerpt(last.note)
    topics, urgencies = taxonomy.names("topic"), taxonomy.names("urgency")
    return {
        "id": report.id,
        "date": report.created_at.astimezone(VIETNAM).date().isoformat(),
        "commune": report.unit.name,
        "village": report.village.name if report.village else None,
        "topic": report.topic,
        "topic_name": topics.get(report.topic, UNTAGGED[1]),
        "urgency": report.urgency,
        "urgency_name": urgencies.get(report.urgency, UNTAGGED[1]),
        "status": report.status,
        "status_name": STATUS_NAMES[report.status],
        "platform": report.platform,
        "excerpt": _excerpt(report.text),
        "done": done or "Chưa có xử lý.",
        "reports": 1,
    }


def monthly_figures(unit: Unit, month: Month, now: datetime) -> dict:
    """All figures of `unit`'s report for `month`, as plain data (what the JSON returns)."""
    counter = _Counter(unit, month, now)
    totals = counter.totals()
    counts = counter.counts_by({"topic": Report.topic, "urgency": Report.urgency, "sentiment": Report.sentiment,
                                "source": Report.source, "platform": Report.platform, "status": Report.status})
    parent = unit.parent
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind,
                 "parent": {"code": parent.code, "name": parent.name} if parent else None},
        "month": month.code,
        "month_label": month.label,
        "previous_month": month.previous().code,
        "generated_at": now.astimezone(VIETNAM).isoformat(timespec="minutes"),
        "totals": totals,
        "by_topic": counter.breakdown(counts["topic"], taxonomy.names("topic"), UNTAGGED),
        "by_urgency": counter.breakdown(counts["urgency"], taxonomy.names("urgency"), UNTAGGED),
        "by_sentiment": counter.breakdown(counts["sentiment"], taxonomy.names("sentiment"), UNTAGGED),
        "by_source": counter.breakdown(counts["source"], taxonomy.names("source"), None),
        "by_platform": counter.breakdown(counts["platform"], PLATFORM_NAMES, NO_LINK),
        "by_village": counter.villages(),
        "by_status": counter.breakdown(counts["status"], STATUS_NAMES, None),
        "handling": counter.handling(totals["reports"]),
        "collaborators": counter.collaborators(),
        "main_matters": counter.main_matters(),
        "trend": counter.trend(),
        "communes": counter.communes(),
    }


BREAKDOWNS = {
    "by_topic": "Lĩnh vực",
    "by_urgency": "Mức độ khẩn",
    "by_sentiment": "Sắc thái",
    "by_source": "Nguồn tiếp nhận",
    "by_platform": "Nền tảng",
    "by_village": "Thôn, bản, tổ dân phố",
    "by_status": "Trạng thái xử lý",
}

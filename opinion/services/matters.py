"""Matters (vụ việc): grouping reports about the same thing, so reviewers handle it once.

- A report on its own has no matter. A matter is created when a second report joins the
  first: automatically on submission (the same link, or text similar above the join
  threshold), or when a reviewer merges two reports or matters. Taking reports out of a
  matter until one is left dissolves it.
- Only open reports of the same commune from the last MATTER_WINDOW_DAYS days are compared,
  through `report_tokens` (the content words of open reports); never across communes.
- The matter's head (most urgent, then oldest) stands for it in the queue; the others are
  hidden there and shown when the matter is opened.
- Many reports in a short time can lift the matter's urgency (MATTER_URGENCY_LIFTS); the
  lift and its reason are recorded as an event and shown with the matter.
Every join, merge, split and lift is a ReportEvent in the history of the reports concerned.
Services flush, never commit.
"""
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, distinct, func, or_, select

from opinion.errors import Conflict, ValidationFailed
from opinion.extensions import db
from opinion.models import Matter, MatterSuggestion, Report, ReportEvent, ReportToken, User
from opinion.models.reports import UNTAGGED_RANK, URGENCY_RANK
from opinion.services import similarity, taxonomy
from opinion.services.tagging import set_due
from opinion.workflow import TRANSITIONS

# Statuses whose reports are finished: not compared, not joined automatically.
CLOSED_STATUSES = ("da_giai_quyet", "luu_tru")
# Statuses of a matter a new report may join automatically; a matter already handed on or
# escalated only gets a suggestion, so its reports keep moving together.
AUTO_JOIN_STATUSES = ("moi", "dang_xu_ly")
# How many reports sharing the most words are scored exactly.
CANDIDATES = 200
# The index keeps the prefix of each report for this similarity (services/similarity.py):
# searches for any threshold at or above it find every pair. MATTER_SUGGEST_THRESHOLD must not
# be lower (a lower one would miss pairs; reindex the open reports after lowering this).
INDEX_MIN_SIMILARITY = 0.2
# A search looks up only the rarest words of the new report's prefix: the long lists of
# common words cost most of the time. On the labelled pairs no same-matter pair above the
# suggestion threshold is lost with 8 (bench/matter_pairs.py prints the count); 10 for margin.
QUERY_WORDS = 10
MAX_SUGGESTIONS = 5


@dataclass
class Similar:
    report_id: int
    score: float


def _config(name: str):
    return current_app.config[name]


def is_open(report: Report) -> bool:
    return report.status not in CLOSED_STATUSES


# ---- the similar-report index --------------------------------------------------------

def index_report(report: Report) -> None:
    """Store the report's content words and, while it is open, its rows in the index."""
    words = similarity.features(report.text)
    report.similarity_words = similarity.encode(words)
    if is_open(report):
        _add_tokens(report, words)


def _add_tokens(report: Report, words) -> None:
    keys = {similarity.token_key(word) for word in similarity.prefix(words, INDEX_MIN_SIMILARITY)}
    db.session.add_all(ReportToken(report_id=report.id, token=key, unit_id=report.unit_id,
                                   created_at=report.created_at) for key in keys)


def sync_index(report: Report) -> None:
    """After a status change: a closed report leaves the index, a reopened one returns."""
    present = db.session.scalar(select(ReportToken.report_id).where(ReportToken.report_id == report.id).limit(1))
    if is_open(report) and present is None and report.similarity_words is not None:
        _add_tokens(report, similarity.decode(report.similarity_words))
    elif not is_open(report) and present is not None:
        db.session.execute(delete(ReportToken).where(ReportToken.report_id == report.id))


def remove_from_index(report_ids) -> None:
    """For retention: anonymised reports are compared with nothing."""
    db.session.execute(delete(ReportToken).where(ReportToken.report_id.in_(report_ids)))


def reindex(rebuild: bool = False) -> int:
    """Index open reports missing from the index: those received before matters existed (no
    words yet), or with `rebuild` every open report (after INDEX_MIN_SIMILARITY changed).
    Existing reports are not grouped by this; new ones will find them. Returns the count."""
    if rebuild:
        db.session.execute(delete(ReportToken))
    indexed = select(ReportToken.report_id).distinct()
    query = select(Report).where(Report.status.not_in(CLOSED_STATUSES), Report.id.not_in(indexed))
    count = 0
    for report in db.session.scalars(query.order_by(Report.id)).all():
        if report.similarity_words is None:
            report.similarity_words = similarity.encode(similarity.features(report.text))
        _add_tokens(report, similarity.decode(report.similarity_words))
        count += 1
        if count % 1000 == 0:
            db.session.flush()
    db.session.flush()
    return count


def find_similar(report: Report, now: datetime, limit: int = 10) -> list[Similar]:
    """The open reports of the same commune from the window most similar to `report`, best
    first, at or above the suggestion threshold."""
    words = similarity.decode(report.similarity_words)
    if not words:
        return []
    threshold = max(_config("MATTER_SUGGEST_THRESHOLD"), INDEX_MIN_SIMILARITY)
    keys = list({similarity.token_key(word) for word in similarity.prefix(words, threshold)[:QUERY_WORDS]})
    since = now - timedelta(days=_config("MATTER_WINDOW_DAYS"))
    shared = func.count().label("shared")
    candidates = db.session.execute(
        select(ReportToken.report_id, shared)
        .where(ReportToken.unit_id == report.unit_id, ReportToken.token.in_(keys),
               ReportToken.created_at >= since, ReportToken.report_id != report.id)
        .group_by(ReportToken.report_id)
        .order_by(shared.desc(), ReportToken.report_id.desc()).limit(CANDIDATES)).all()
    if not candidates:
        return []
    rows = db.session.execute(select(Report.id, Report.similarity_words).where(
        Report.id.in_([c.report_id for c in candidates]), Report.unit_id == report.unit_id)).all()
    scored = [Similar(row.id, round(similarity.jaccard(words, similarity.decode(row.similarity_words)), 4))
              for row in rows]
    scored = [s for s in scored if s.score >= threshold]
    scored.sort(key=lambda s: (-s.score, -s.report_id))
    return scored[:limit]


# ---- joining on submission -------------------------------------------------------------

def attach_submitted(report: Report, now: datetime) -> None:
    """Called by intake after tagging: index the report, then join it to the matter of the
    same link or of a very similar report, or store suggestions for the reviewers."""
    index_report(report)
    db.session.flush()
    if report.canonical_url:
        same_link = db.session.scalar(
            select(Report).where(Report.unit_id == report.unit_id, Report.canonical_url == report.canonical_url,
                                 Report.id != report.id, Report.status.not_in(CLOSED_STATUSES))
            .order_by(Report.created_at, Report.id).limit(1))
        if same_link is not None:
            if not _auto_join(report, same_link, now, reason="link"):
                _suggest(report, [Similar(same_link.id, 1.0)], now)
            return
    found = find_similar(report, now)
    best = found[0] if found else None
    if (best is not None and best.score >= _config("MATTER_JOIN_THRESHOLD")
            and _auto_join(report, db.session.get(Report, best.report_id), now, reason="similar", score=best.score)):
        found = found[1:]
    _suggest(report, [s for s in found if report.matter_id is None
                      or db.session.get(Report, s.report_id).matter_id != report.matter_id], now)


def _auto_join(report: Report, target: Report, now: datetime, reason: str, score: float | None = None) -> bool:
    """Join `target`'s matter when it may still grow on its own (its head and `target` are new
    or being checked); False when it may not. The matter's reports are read once for both."""
    head = head_of(target)
    if target.status not in AUTO_JOIN_STATUSES or head.status not in AUTO_JOIN_STATUSES:
        return False
    join(report, target, head, None, now, reason=reason, score=score)
    return True


def _suggest(report: Report, found: list[Similar], now: datetime) -> None:
    for item in found[:MAX_SUGGESTIONS]:
        db.session.add(MatterSuggestion(report_id=report.id, similar_id=item.report_id,
                                        score=item.score, created_at=now))
    db.session.flush()


def _event(report: Report, kind: str, actor: User | None, now: datetime, note: str | None = None, **data):
    db.session.add(ReportEvent(report=report, kind=kind, actor_id=actor.id if actor else None,
                               created_at=now, note=note, data=json.dumps(data, ensure_ascii=False)))


def join(report: Report, target: Report, head: Report, actor: User | None, now: datetime, reason: str,
         score: float | None = None) -> Matter:
    """Put `report` (not in a matter) into `target`'s matter (whose head is `head`), creating it
    if needed."""
    matter = target.matter
    if matter is None:
        matter = Matter(unit_id=target.unit_id, created_at=now)
        db.session.add(matter)
        db.session.flush()
        target.matter = matter
        _event(target, "matter_join", actor, now, matter=matter.id, reason="first")
    report.matter = matter
    _event(report, "matter_join", actor, now, matter=matter.id, reason=reason, score=score, with_report=target.id)
    db.session.flush()
    _catch_up(report, head, now)
    db.session.flush()
    refresh(matter, now)
    return matter


def _catch_up(report: Report, head: Report, now: datetime) -> None:
    """A new report joining a matter already being checked moves to that status with it,
    when the workflow allows it without a note."""
    needs = TRANSITIONS.get(report.status, {}).get(head.status)
    if report.status == head.status or needs is None or needs:
        return
    db.session.add(ReportEvent(report=report, kind="transition", actor_id=None, created_at=now,
                               from_status=report.status, to_status=head.status,
                               note=f"Tự động: gộp vào vụ việc #{report.matter_id} đang xử lý.",
                               data=json.dumps({"matter": report.matter_id})))
    report.status = head.status
    if report.first_action_at is None:
        report.first_action_at = now


# ---- the matter's head and urgency ----------------------------------------------------

def members(matter_id: int) -> list[Report]:
    return list(db.session.scalars(
        select(Report).where(Report.matter_id == matter_id).order_by(Report.created_at, Report.id)))


def base_rank(report: Report) -> int:
    return URGENCY_RANK.get(report.urgency, UNTAGGED_RANK)


def head_of(report: Report) -> Report:
    if report.matter_id is None:
        return report
    return min(members(report.matter_id), key=lambda r: (base_rank(r), r.created_at, r.id))


def _lift(matter_reports: list[Report], head: Report) -> tuple[str, str, dict] | None:
    names = taxonomy.names("urgency")
    times = sorted(r.created_at for r in matter_reports)
    for rule in _config("MATTER_URGENCY_LIFTS"):
        if head.urgency != rule["from"]:
            continue
        span = timedelta(hours=rule["hours"])
        most, start = 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] > span:
                start += 1
            most = max(most, end - start + 1)
        if most >= rule["reports"]:
            reason = (f"{most} báo cáo trong {rule['hours']} giờ: nâng mức độ từ "
                      f"“{names.get(rule['from'], rule['from'])}” lên “{names.get(rule['to'], rule['to'])}”.")
            return rule["to"], reason, {"reports": most, "hours": rule["hours"], "from": rule["from"], "to": rule["to"]}
    return None


def refresh(matter: Matter, now: datetime) -> Matter | None:
    """Recompute the head, the hidden flags and the urgency lift; dissolve a matter of one."""
    reports = members(matter.id)
    for report in reports:
        report.urgency_rank = base_rank(report)
    if len(reports) <= 1:
        for report in reports:
            report.matter_id = None
            report.queue_hidden = False
        db.session.flush()
        db.session.delete(matter)
        db.session.flush()
        return None
    head = min(reports, key=lambda r: (r.urgency_rank, r.created_at, r.id))
    lift = _lift(reports, head)
    if matter.urgency_lift is not None or lift is not None:
        for report in reports:  # each report's own time to first action, before any lift
            set_due(report)
    if lift is None:
        matter.urgency_lift = matter.lift_reason = None
    else:
        level, reason, data = lift
        if matter.urgency_lift != level:
            _event(head, "matter_lift", None, now, note=reason, matter=matter.id, **data)
        matter.urgency_lift, matter.lift_reason = level, reason
        head.urgency_rank = min(head.urgency_rank, URGENCY_RANK[level])
        # The lifted matter is due as its new urgency is: the head carries it in the queue.
        lifted_due = head.created_at + timedelta(hours=taxonomy.due_hours(level, head.unit_id))
        head.due_at = min(head.due_at, lifted_due) if head.due_at else lifted_due
    for report in reports:
        report.queue_hidden = report is not head
    db.session.flush()
    return matter


def refresh_for(report: Report, now: datetime) -> None:
    """After a report's urgency changed: its matter's head and lift may change too."""
    if report.matter_id is not None:
        refresh(report.matter, now)


# ---- reviewers' acts: merge and split --------------------------------------------------

def _check_acts(actor: User, *reports: Report) -> None:
    from opinion.services.triage import NotAllowed, acts_for

    for report in reports:
        if not acts_for(actor, report):
            raise NotAllowed(f"Đơn vị của bạn không xử lý báo cáo #{report.id} ở trạng thái này.")


def merge(report: Report, other: Report, actor: User, now: datetime) -> Matter:
    """Put `other` (with all of its matter) into `report`'s matter."""
    if other is None or other.id == report.id:
        raise ValidationFailed({"other": "Vui lòng chọn một báo cáo khác để gộp."})
    if other.unit_id != report.unit_id:
        raise Conflict("Không thể gộp báo cáo của hai xã, phường khác nhau.")
    if report.matter_id is not None and report.matter_id == other.matter_id:
        raise Conflict("Hai báo cáo đã thuộc cùng một vụ việc.")
    _check_acts(actor, report, other)
    moving = members(other.matter_id) if other.matter_id else [other]
    old_matter = other.matter
    _check_acts(actor, *moving)
    matter = report.matter
    if matter is None:
        matter = Matter(unit_id=report.unit_id, created_at=now)
        db.session.add(matter)
        db.session.flush()
        report.matter = matter
    for moved in moving:
        moved.matter = matter
        _event(moved, "matter_merge", actor, now, matter=matter.id,
               from_matter=old_matter.id if old_matter else None, with_report=report.id)
    _event(report, "matter_merge", actor, now, matter=matter.id,
           merged=[moved.id for moved in moving], from_matter=old_matter.id if old_matter else None)
    db.session.flush()
    if old_matter is not None:
        db.session.delete(old_matter)
        db.session.flush()
    refresh(matter, now)
    return matter


def split(report: Report, actor: User, now: datetime) -> None:
    """Take `report` out of its matter; the rest stays together (a matter of one dissolves)."""
    if report.matter_id is None:
        raise Conflict("Báo cáo không thuộc vụ việc nào.")
    _check_acts(actor, report)
    matter = report.matter
    report.matter_id = None
    report.queue_hidden = False
    report.urgency_rank = base_rank(report)
    _event(report, "matter_split", actor, now, matter=matter.id)
    db.session.flush()
    refresh(matter, now)


# ---- reading ------------------------------------------------------------------------------

def suggested_ids(report: Report) -> list[int]:
    """Reports suggested as the same matter (either direction), not already grouped with it."""
    return suggested_map([report])[report.id]


def suggested_map(reports: list[Report]) -> dict[int, list[int]]:
    """`suggested_ids` for a page of reports, in two queries."""
    ids = [report.id for report in reports]
    result: dict[int, list[int]] = {report_id: [] for report_id in ids}
    if not ids:
        return result
    rows = db.session.execute(
        select(MatterSuggestion.report_id, MatterSuggestion.similar_id)
        .where(or_(MatterSuggestion.report_id.in_(ids), MatterSuggestion.similar_id.in_(ids)))
        .order_by(MatterSuggestion.score.desc(), MatterSuggestion.id)).all()
    pairs = [(row.report_id, row.similar_id) for row in rows] + [(row.similar_id, row.report_id) for row in rows]
    others = {other for _, other in pairs}
    matter_of = dict(db.session.execute(select(Report.id, Report.matter_id).where(Report.id.in_(others | set(ids)))).all())
    for report_id, other in pairs:
        if report_id not in result or other in result[report_id]:
            continue
        if matter_of.get(report_id) is not None and matter_of.get(other) == matter_of.get(report_id):
            continue  # already grouped together
        result[report_id].append(other)
    return result


def summaries(matter_ids) -> dict[int, dict]:
    """Per matter: how many reports, collaborators (a count, never who) and villages."""
    matter_ids = [m for m in set(matter_ids) if m is not None]
    if not matter_ids:
        return {}
    rows = db.session.execute(
        select(Report.matter_id, func.count(Report.id), func.count(distinct(Report.author_id)),
               func.count(distinct(Report.village_id)))
        .where(Report.matter_id.in_(matter_ids)).group_by(Report.matter_id)).all()
    matters = {m.id: m for m in db.session.scalars(select(Matter).where(Matter.id.in_(matter_ids)))}
    return {row[0]: {"reports": row[1], "collaborators": row[2], "villages": row[3],
                     "lift": matters[row[0]].urgency_lift, "lift_reason": matters[row[0]].lift_reason}
            for row in rows}

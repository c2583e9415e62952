"""Retention (product.md): resolved and archived reports are anonymised once their commune's
retention period has passed since their last change of status; the monthly figures stay.

What is removed: the text (replaced by a marker and the topic's name), its folded copy, the
link, the evidence photo and the model's explanation (words quoted from the text). What stays: the labels,
status, dates, unit and village, so that every count of the monthly report is unchanged.
A report anonymised once carries an "anonymised" event and is never processed again.
"""
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import exists, func, select

from classifier.text import fold
from opinion.extensions import db
from opinion.models import Report, ReportEvent, Unit
from opinion.services import matters, settings, taxonomy

RETAINED_STATUSES = ("da_giai_quyet", "luu_tru")
MARKER = "[Đã ẩn danh theo thời hạn lưu trữ]"
UNTAGGED_TOPIC = "Chưa phân loại"


@dataclass
class CommuneResult:
    code: str
    name: str
    retention_days: int
    anonymised: int


def _expired(commune: Unit, cutoff: datetime):
    """Reports of `commune` in a retained status, last changed before `cutoff`, not yet anonymised."""
    last_change = (select(ReportEvent.report_id, func.max(ReportEvent.created_at).label("at"))
                   .where(ReportEvent.kind == "transition").group_by(ReportEvent.report_id).subquery())
    done = exists().where(ReportEvent.report_id == Report.id, ReportEvent.kind == "anonymised")
    return (select(Report).join(last_change, last_change.c.report_id == Report.id)
            .where(Report.unit_id == commune.id, Report.status.in_(RETAINED_STATUSES),
                   last_change.c.at < cutoff, ~done)
            .order_by(Report.id))


def _anonymous_text(report: Report, topics: dict[str, str]) -> str:
    # Only the topic's name is kept, not the start of the text: masking hides phone and
    # identity numbers but not the names of people and places that a text usually begins with.
    return f"{MARKER} {topics.get(report.topic, UNTAGGED_TOPIC)}"


def _matter_key(canonical_url: str | None) -> str | None:
    """The link itself goes; reports that shared one keep a common opaque key (a keyed hash),
    so the monthly count of matters (one per link) does not change."""
    if canonical_url is None:
        return None
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, canonical_url.encode(), hashlib.sha256).hexdigest()[:32]
    return f"an-danh:{digest}"


def anonymise(report: Report, now: datetime, topics: dict[str, str], retention_days: int) -> None:
    report.text = _anonymous_text(report, topics)
    report.text_folded = fold(report.text)
    report.url = None
    report.canonical_url = _matter_key(report.canonical_url)
    report.explanation = None
    report.photo = None  # delete-orphan: the image row itself is deleted
    # The words kept for grouping into matters are text too (names of people and places); the
    # matter itself stays, so the monthly count of matters does not change.
    report.similarity_words = None
    matters.remove_from_index([report.id])
    db.session.add(ReportEvent(report=report, kind="anonymised", created_at=now,
                               data=json.dumps({"retention_days": retention_days})))


def anonymise_expired(now: datetime, dry_run: bool = False) -> list[CommuneResult]:
    """Anonymise every commune's expired reports (only count them when `dry_run`); flushes."""
    topics = taxonomy.names("topic")
    summary = []
    communes = db.session.scalars(select(Unit).where(Unit.kind == "commune").order_by(Unit.code)).all()
    for commune in communes:
        days = settings.get(commune, "retention_days")
        reports = db.session.scalars(_expired(commune, now - timedelta(days=days))).all()
        if not dry_run:
            for report in reports:
                anonymise(report, now, topics, days)
        summary.append(CommuneResult(commune.code, commune.name, days, len(reports)))
    db.session.flush()
    return summary

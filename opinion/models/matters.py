"""Matters (vụ việc): reports about the same thing, grouped so reviewers handle them once.

A report on its own has no matter (`matter_id` null, `group` null in the API); a matter exists
from its second report on. One report of each matter, its head (the most urgent, then the
oldest), stands for it in the queue; the others are `queue_hidden`.
"""
from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from opinion.extensions import db
from opinion.models.base import UtcDateTime, utcnow


class Matter(db.Model):
    __tablename__ = "matters"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The urgency the number of reports lifted the matter to, and why (None: no lift).
    urgency_lift: Mapped[str | None] = mapped_column(String(40))
    lift_reason: Mapped[str | None] = mapped_column(Text)


class ReportToken(db.Model):
    """The content words of open reports: the index the similar-report search reads.
    Rows exist only while the report is open (not resolved, not archived)."""
    __tablename__ = "report_tokens"
    __table_args__ = (
        Index("ix_report_tokens_lookup", "unit_id", "token", "created_at", "report_id"),
    )

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    token: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    unit_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MatterSuggestion(db.Model):
    """A report that may be the same matter as another: shown to reviewers, never applied alone."""
    __tablename__ = "matter_suggestions"
    __table_args__ = (UniqueConstraint("report_id", "similar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    similar_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

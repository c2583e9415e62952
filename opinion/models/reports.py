"""Reports sent by collaborators: field reports and social posts."""
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy import (
    false as sa_false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opinion.extensions import db
from opinion.models.base import UtcDateTime, utcnow
from opinion.models.units import Unit
from opinion.models.users import User

REPORT_KINDS = {"field": "Báo cáo thực tế", "social": "Bài mạng xã hội"}
# Queue order: most urgent first. Untagged reports rank with the middle level.
URGENCY_RANK = {"khan_cap": 0, "cao": 1, "trung_binh": 2, "thap": 3}
UNTAGGED_RANK = 2


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (
        # A retried submission (same Idempotency-Key from the same collaborator) is one report.
        UniqueConstraint("author_id", "submission_key"),
        Index("ix_reports_unit_status_created", "unit_id", "status", "created_at"),
        # The queue's keyset order within a unit: urgency, then oldest first.
        Index("ix_reports_unit_queue", "unit_id", "urgency_rank", "created_at", "id"),
        # The same order within one topic: the filter reviewers use most.
        Index("ix_reports_unit_topic_queue", "unit_id", "topic", "urgency_rank", "created_at", "id"),
        # Monthly aggregates of one commune: its month's rows directly (migration 0004).
        Index("ix_reports_unit_created", "unit_id", "created_at"),
        # A province's queue: escalated reports of all its communes, in queue order (migration 0004).
        Index("ix_reports_escalated_queue", "urgency_rank", "created_at", "id", "unit_id",
              postgresql_where=text("status = 'bao_cao_cap_tren'"),
              sqlite_where=text("status = 'bao_cao_cap_tren'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    # Lower-cased, diacritics folded: what search matches against.
    text_folded: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(2000))
    canonical_url: Mapped[str | None] = mapped_column(String(2000), index=True)
    platform: Mapped[str | None] = mapped_column(String(20))
    # The commune that owns the report; the village is optional.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    submission_key: Mapped[str] = mapped_column(String(64))
    observed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="moi")

    # Effective labels (the correction when there is one, else the prediction).
    topic: Mapped[str | None] = mapped_column(String(40))
    urgency: Mapped[str | None] = mapped_column(String(40))
    sentiment: Mapped[str | None] = mapped_column(String(40))
    urgency_rank: Mapped[int] = mapped_column(Integer, default=UNTAGGED_RANK)
    topic_predicted: Mapped[str | None] = mapped_column(String(40))
    urgency_predicted: Mapped[str | None] = mapped_column(String(40))
    sentiment_predicted: Mapped[str | None] = mapped_column(String(40))
    topic_confidence: Mapped[float | None] = mapped_column(Float)
    urgency_confidence: Mapped[float | None] = mapped_column(Float)
    sentiment_confidence: Mapped[float | None] = mapped_column(Float)
    # Words that pushed each prediction most, as JSON text {"topic": [...], ...}.
    explanation: Mapped[str | None] = mapped_column(Text)
    model_version: Mapped[str | None] = mapped_column(String(80))
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)

    # The matter (vụ việc) the report belongs to, if any (models/matters.py); the matter's
    # other reports than its head are hidden from the queue, which shows the matter once.
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id"), index=True)
    queue_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # Folded content words (services/similarity.py), space-separated: what similarity compares.
    similarity_words: Mapped[str | None] = mapped_column(Text)

    # Time to first action: set from the urgency; first_action_at when a reviewer acts.
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_action_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    village: Mapped[Unit | None] = relationship(foreign_keys=[village_id])
    author: Mapped[User] = relationship()
    events = relationship("ReportEvent", back_populates="report", order_by="ReportEvent.id")
    # Loaded only when asked for: lists of reports never read the image bytes.
    photo: Mapped["ReportPhoto | None"] = relationship(
        back_populates="report", uselist=False, lazy="select", cascade="all, delete-orphan",
        passive_deletes=True)
    matter = relationship("Matter")

    def is_overdue(self, now: datetime) -> bool:
        return self.first_action_at is None and self.due_at is not None and now > self.due_at

    @property
    def is_tagged(self) -> bool:
        return self.topic is not None


@event.listens_for(Report.urgency, "set")
def _keep_urgency_rank(report, value, _old, _initiator):
    report.urgency_rank = URGENCY_RANK.get(value, UNTAGGED_RANK)


class ReportPhoto(db.Model):
    """The evidence photo of a report (a screenshot of a post, a camera photo), at most one.

    Kept in the database, not in files: it is written in the same transaction as its report
    (a retried submission can never leave a photo without report or the reverse), it is in
    every backup, and the app servers share no disk. Only re-encoded JPEGs without metadata
    are stored (services/photos.py), small after the phone's resize (about 100–400 KB)."""

    __tablename__ = "report_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="photo")

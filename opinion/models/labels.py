"""The taxonomy (topic, urgency, sentiment, source labels) and reviewers' corrections."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opinion.extensions import db
from opinion.models.base import UtcDateTime, utcnow

LABEL_FIELDS = ("topic", "urgency", "sentiment", "source")
# Fields the classifier predicts; source is entered by the collaborator.
PREDICTED_FIELDS = ("topic", "urgency", "sentiment")


class TaxonomyLabel(db.Model):
    """One label of one field. Codes are stable identifiers used by exports, API and training."""

    __tablename__ = "taxonomy_labels"
    __table_args__ = (UniqueConstraint("field", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Urgency only: default time to first action.
    due_hours: Mapped[int | None] = mapped_column(Integer)


class LabelCorrection(db.Model):
    """A reviewer's correction of a predicted label: a gold label for the next training."""

    __tablename__ = "label_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(String(40))
    new_value: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    user = relationship("User")

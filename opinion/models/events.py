"""The history of a report. Events are written once and never changed."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opinion.extensions import db
from opinion.models.base import UtcDateTime, utcnow

EVENT_KINDS = {
    "submitted": "Tiếp nhận",
    "tagged": "Phân loại tự động",
    "corrected": "Sửa nhãn",
    "transition": "Chuyển trạng thái",
    "anonymised": "Ẩn danh theo thời hạn lưu trữ",
    "matter_join": "Gộp vào vụ việc",
    "matter_merge": "Gộp hai vụ việc",
    "matter_split": "Tách khỏi vụ việc",
    "matter_lift": "Nâng mức độ vụ việc",
}


class ReportEvent(db.Model):
    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    handler: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    # Small JSON text with what the kind needs (labels set, model version...).
    data: Mapped[str | None] = mapped_column(Text)

    report = relationship("Report", back_populates="events")
    actor = relationship("User")


class ImmutableEventError(RuntimeError):
    pass


@event.listens_for(ReportEvent, "before_update")
def _refuse_update(mapper, connection, target):
    raise ImmutableEventError("report events cannot be changed")


@event.listens_for(ReportEvent, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise ImmutableEventError("report events cannot be deleted")

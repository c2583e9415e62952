"""Administrative changes: who changed what, when, before and after. Never edited."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opinion.extensions import db
from opinion.models.base import UtcDateTime, utcnow


class AdminChange(db.Model):
    __tablename__ = "admin_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(60))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User")


@event.listens_for(AdminChange, "before_update")
def _refuse_update(mapper, connection, target):
    raise RuntimeError("administrative changes cannot be edited")


ACCESS_ACTIONS = {
    "report_read": "Xem báo cáo",
    "history_read": "Xem lịch sử báo cáo",
    "export": "Xuất số liệu",
}


class AccessRecord(db.Model):
    """Who read which report, and every export (Decree 13/2023: log access to personal data).
    Written once, never changed; the unit is the one whose data was read."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    user = relationship("User")
    unit = relationship("Unit")


@event.listens_for(AccessRecord, "before_update")
def _refuse_access_update(mapper, connection, target):
    raise RuntimeError("the access log cannot be edited")


@event.listens_for(AccessRecord, "before_delete")
def _refuse_access_delete(mapper, connection, target):
    raise RuntimeError("the access log cannot be deleted")

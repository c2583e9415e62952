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

"""Administrative units: province -> commune -> village."""
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opinion.extensions import db

UNIT_KINDS = ("province", "commune", "village")
# The kind a unit's children must have.
CHILD_KIND = {"province": "commune", "commune": "village", "village": None}


class Unit(db.Model):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent", order_by="Unit.name")

    @property
    def commune(self) -> "Unit | None":
        """The commune this unit belongs to (itself for a commune)."""
        if self.kind == "commune":
            return self
        if self.kind == "village":
            return self.parent
        return None

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class HandlingBody(db.Model):
    """A body a unit hands reports to (UBND xã, Công an xã, MTTQ, a school...): a list per unit."""

    __tablename__ = "handling_bodies"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UnitDueHours(db.Model):
    """A unit's own time to first action for an urgency (taxonomy.md gives the default)."""

    __tablename__ = "unit_due_hours"
    __table_args__ = (UniqueConstraint("unit_id", "urgency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    urgency: Mapped[str] = mapped_column(String(40))
    hours: Mapped[int] = mapped_column(Integer)


class UnitSetting(db.Model):
    """One setting of a unit (retention, review threshold, the Word report's names), as text.
    The known keys, their types and defaults live in services/settings.py."""

    __tablename__ = "unit_settings"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(500))

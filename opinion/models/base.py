"""Helpers shared by the models."""
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Indexes that exist only in migrations because they are PostgreSQL-specific (trigram search,
# migration 0004); autogenerate and the schema test must not take them for drift.
DATABASE_ONLY_INDEXES = frozenset({"ix_reports_text_folded_trgm"})


def include_in_schema_comparison(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in DATABASE_ONLY_INDEXES)

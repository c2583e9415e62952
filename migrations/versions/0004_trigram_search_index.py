"""trigram index for diacritics-insensitive search (PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:30:00

The queue's free-text search is `text_folded LIKE '%boi thuong%'` on the lower-cased,
diacritics-folded text. A B-tree cannot serve a leading wildcard; a trigram GIN index can,
so a rare phrase no longer scans a large commune's reports. Built CONCURRENTLY so a big
reports table stays writable while it builds. SQLite has no such index and keeps scanning.
"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_reports_text_folded_trgm "
                   "ON reports USING gin (text_folded gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_reports_text_folded_trgm")

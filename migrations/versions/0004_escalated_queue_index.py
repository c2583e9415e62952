"""indexes for the province's queue of escalated reports and for monthly aggregation

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:30:00

A province reviewer's queue is the escalated reports of ~100 communes, in queue order. The
per-commune queue index cannot give that order across communes, so PostgreSQL sorted every
escalated report of the province: 246 ms at 10,000,000 reports (bench/scale.py). A partial
index on the escalated reports alone, in queue order with the commune last, serves the first
page in 4 ms and stays small (escalations are a few percent of reports). Built CONCURRENTLY on
PostgreSQL so a large table stays writable meanwhile.

(unit_id, created_at) serves every monthly aggregate of a commune: the month's rows of one
commune are found directly instead of through its whole history (28.6 -> 26.1 ms for a
commune month at 10,000,000 reports; the rest is the fixed cost of ~15 small queries).
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

COLUMNS = ["urgency_rank", "created_at", "id", "unit_id"]
ESCALATED = sa.text("status = 'bao_cao_cap_tren'")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            op.create_index("ix_reports_escalated_queue", "reports", COLUMNS, postgresql_where=ESCALATED,
                            postgresql_concurrently=True, if_not_exists=True)
            op.create_index("ix_reports_unit_created", "reports", ["unit_id", "created_at"],
                            postgresql_concurrently=True, if_not_exists=True)
    else:
        op.create_index("ix_reports_escalated_queue", "reports", COLUMNS, sqlite_where=ESCALATED)
        op.create_index("ix_reports_unit_created", "reports", ["unit_id", "created_at"])


def downgrade():
    op.drop_index("ix_reports_unit_created", table_name="reports")
    op.drop_index("ix_reports_escalated_queue", table_name="reports")

"""unit settings, forced password change after a reset

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('unit_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_settings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_settings')),
    sa.UniqueConstraint('unit_id', 'key', name=op.f('uq_unit_settings_unit_id_key'))
    )
    # A constant default: PostgreSQL adds the column without rewriting the table.
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_column('must_change_password')
    op.drop_table('unit_settings')

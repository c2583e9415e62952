"""matters: reports grouped into matters, the similar-report index, suggestions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 12:00:00

Reports received before this migration are not grouped; `flask --app opinion matters-reindex`
puts the open ones into the similar-report index so that new reports can find them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('matters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('urgency_lift', sa.String(length=40), nullable=True),
    sa.Column('lift_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_matters_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matters'))
    )
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matters_unit_id'), ['unit_id'], unique=False)

    op.create_table('matter_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('similar_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_matter_suggestions_report_id_reports')),
    sa.ForeignKeyConstraint(['similar_id'], ['reports.id'], name=op.f('fk_matter_suggestions_similar_id_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_suggestions')),
    sa.UniqueConstraint('report_id', 'similar_id', name=op.f('uq_matter_suggestions_report_id_similar_id'))
    )
    with op.batch_alter_table('matter_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_suggestions_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_suggestions_similar_id'), ['similar_id'], unique=False)

    op.create_table('report_tokens',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_tokens_report_id_reports')),
    sa.PrimaryKeyConstraint('report_id', 'token', name=op.f('pk_report_tokens'))
    )
    with op.batch_alter_table('report_tokens', schema=None) as batch_op:
        batch_op.create_index('ix_report_tokens_lookup', ['unit_id', 'token', 'created_at', 'report_id'], unique=False)

    if op.get_bind().dialect.name == 'sqlite':
        # ADD COLUMN with a named REFERENCES clause: no table rebuild, so reports keep their
        # rows, indexes (the partial one included) and the rows that point at them.
        op.execute('ALTER TABLE reports ADD COLUMN matter_id INTEGER '
                   'CONSTRAINT fk_reports_matter_id_matters REFERENCES matters (id)')
        op.add_column('reports', sa.Column('queue_hidden', sa.Boolean(), server_default=sa.false(), nullable=False))
        op.add_column('reports', sa.Column('similarity_words', sa.Text(), nullable=True))
        op.create_index(op.f('ix_reports_matter_id'), 'reports', ['matter_id'], unique=False)
    else:
        # PostgreSQL: nullable columns and a constant default add no rewrite; the index is
        # built CONCURRENTLY so a large reports table stays writable meanwhile.
        op.add_column('reports', sa.Column('matter_id', sa.Integer(), nullable=True))
        op.add_column('reports', sa.Column('queue_hidden', sa.Boolean(), server_default=sa.false(), nullable=False))
        op.add_column('reports', sa.Column('similarity_words', sa.Text(), nullable=True))
        op.create_foreign_key(op.f('fk_reports_matter_id_matters'), 'reports', 'matters', ['matter_id'], ['id'])
        with op.get_context().autocommit_block():
            op.create_index(op.f('ix_reports_matter_id'), 'reports', ['matter_id'], unique=False,
                            postgresql_concurrently=True, if_not_exists=True)


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite drops a column only when no constraint names it: rebuild reports, with foreign
        # keys off so that dropping the old table does not trip the tables pointing at it.
        op.execute('PRAGMA foreign_keys=OFF')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        if op.get_bind().dialect.name != 'sqlite':  # SQLite: the column's REFERENCES goes with it
            batch_op.drop_constraint(batch_op.f('fk_reports_matter_id_matters'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reports_matter_id'))
        batch_op.drop_column('similarity_words')
        batch_op.drop_column('queue_hidden')
        batch_op.drop_column('matter_id')

    with op.batch_alter_table('report_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_report_tokens_lookup')

    op.drop_table('report_tokens')
    with op.batch_alter_table('matter_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_suggestions_similar_id'))
        batch_op.drop_index(batch_op.f('ix_matter_suggestions_report_id'))

    op.drop_table('matter_suggestions')
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matters_unit_id'))

    op.drop_table('matters')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA foreign_keys=ON')

"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import TaxonomyLabel


def test_migrated_schema_matches_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_default_taxonomy_is_seeded(app):
    codes = {(label.field, label.code) for label in db.session.scalars(select(TaxonomyLabel))}
    assert ("topic", "tin_sai_su_that") in codes
    assert ("source", "mang_xa_hoi") in codes
    assert len([c for c in codes if c[0] == "topic"]) == 13
    due = dict(db.session.execute(
        select(TaxonomyLabel.code, TaxonomyLabel.due_hours).where(TaxonomyLabel.field == "urgency")).all())
    assert due == {"khan_cap": 4, "cao": 24, "trung_binh": 72, "thap": 168}



def test_the_province_queue_has_its_partial_index(app):
    from sqlalchemy import inspect
    names = {index["name"] for index in inspect(db.engine).get_indexes("reports")}
    assert "ix_reports_escalated_queue" in names


def test_matters_migration_keeps_existing_reports_both_ways(users, make_report):
    """0007 on a database with reports (and the events pointing at them), down and up again."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import func, inspect

    from opinion.models import Report, ReportEvent

    make_report(users["ctv"])
    make_report(users["ctv2"], text="Trạm y tế xã hết thuốc huyết áp cấp theo bảo hiểm y tế.")
    reports, events = db.session.scalar(select(func.count(Report.id))), db.session.scalar(select(func.count(ReportEvent.id)))
    db.session.commit()
    db.session.remove()
    try:
        downgrade(revision="0006")
        assert "matter_id" not in {c["name"] for c in inspect(db.engine).get_columns("reports")}
    finally:
        upgrade()
    assert db.session.scalar(select(func.count(Report.id))) == reports
    assert db.session.scalar(select(func.count(ReportEvent.id))) == events
    assert "ix_reports_escalated_queue" in {index["name"] for index in inspect(db.engine).get_indexes("reports")}

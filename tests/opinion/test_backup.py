"""Backup and restore: SQLite through its online backup API, PostgreSQL by printed commands."""
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, User
from opinion.services import backup


def count(path, table):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_sqlite_backup_and_restore(runner, users, make_report, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("SQLite only")
    for _ in range(3):
        make_report(users["ctv"])
    reports = db.session.scalar(select(func.count(Report.id)))
    people = db.session.scalar(select(func.count(User.id)))
    dest = tmp_path / "sao-luu.db"
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code == 0, result.output
    assert "Đã sao lưu" in result.output
    assert count(dest, "reports") == reports and count(dest, "users") == people

    again = runner.invoke(args=["backup", str(dest)])
    assert again.exit_code == 1 and "không ghi đè" in again.output

    fresh = tmp_path / "moi.db"
    assert backup.restore_sqlite(dest, fresh) == {"reports": reports, "users": people}
    assert count(fresh, "reports") == reports and count(fresh, "users") == people
    assert count(fresh, "report_events") == count(dest, "report_events")


def test_restore_checks_the_file_and_asks_for_confirmation(runner, app, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("SQLite only")
    not_sqlite = tmp_path / "rac.db"
    not_sqlite.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    result = runner.invoke(args=["restore", str(not_sqlite), "--yes"])
    assert result.exit_code == 1 and "không phải cơ sở dữ liệu SQLite hợp lệ" in result.output

    other = tmp_path / "khac.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER)")
    result = runner.invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code == 1 and "thiếu bảng" in result.output

    dest = tmp_path / "sao-luu.db"
    assert runner.invoke(args=["backup", str(dest)]).exit_code == 0
    unconfirmed = runner.invoke(args=["restore", str(dest)])
    assert unconfirmed.exit_code == 1 and "--yes" in unconfirmed.output
    confirmed = runner.invoke(args=["restore", str(dest), "--yes"])
    assert confirmed.exit_code == 0 and "Đã phục hồi" in confirmed.output, confirmed.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_postgresql_prints_the_commands(runner, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    result = runner.invoke(args=["backup", "/tmp/sao-luu.dump"])
    assert result.exit_code == 2
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    restore = runner.invoke(args=["restore", "/tmp/sao-luu.dump", "--yes"])
    assert restore.exit_code == 2 and "pg_restore --clean" in restore.output

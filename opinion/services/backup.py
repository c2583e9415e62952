"""Backup and restore of the database.

SQLite: the online backup API of sqlite3 (a consistent copy even while the app is running).
PostgreSQL: its own tools do it better than we could; we print the commands to use.
"""
import sqlite3
from contextlib import closing
from pathlib import Path

from opinion.errors import DomainError
from opinion.extensions import db

# Tables a backup of ours must hold to be restored.
REQUIRED_TABLES = ("alembic_version", "units", "users", "reports", "report_events")


class BackupError(DomainError):
    code = "backup_error"


def backend() -> str:
    return db.engine.dialect.name


def sqlite_path() -> Path:
    database = db.engine.url.database
    if backend() != "sqlite" or not database or database == ":memory:":
        raise BackupError("Chỉ sao lưu, phục hồi được cơ sở dữ liệu SQLite lưu trong một tệp.")
    return Path(database)


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dest:
        src.backup(dest)


def backup_sqlite(dest: Path, source: Path | None = None) -> Path:
    """Copy the database (the app's unless `source`) to a new file `dest`; never overwrites."""
    dest = Path(dest)
    if dest.exists():
        raise BackupError(f"Tệp {dest} đã có: chọn tên khác, không ghi đè bản sao lưu cũ.")
    if not dest.parent.is_dir():
        raise BackupError(f"Không có thư mục {dest.parent}.")
    _copy(source or sqlite_path(), dest)
    return dest


def check_backup(src: Path) -> dict[str, int]:
    """Refuse a file that is not a sound SQLite database with our tables; the report count otherwise."""
    src = Path(src)
    if not src.is_file():
        raise BackupError(f"Không có tệp {src}.")
    try:
        with closing(sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"Tệp {src} bị hỏng (kiểm tra toàn vẹn không đạt).")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = [name for name in REQUIRED_TABLES if name not in tables]
            if missing:
                raise BackupError(f"Tệp {src} không phải bản sao lưu của ứng dụng (thiếu bảng {', '.join(missing)}).")
            return {"reports": conn.execute("SELECT count(*) FROM reports").fetchone()[0],
                    "users": conn.execute("SELECT count(*) FROM users").fetchone()[0]}
    except sqlite3.DatabaseError as err:
        raise BackupError(f"Tệp {src} không phải cơ sở dữ liệu SQLite hợp lệ ({err}).") from err


def restore_sqlite(src: Path, target: Path | None = None) -> dict[str, int]:
    """Replace the database (the app's unless `target`) by the backup `src`, after checking it."""
    counts = check_backup(src)
    live = target is None
    target = target or sqlite_path()
    if Path(src).resolve() == Path(target).resolve():
        raise BackupError("Tệp sao lưu chính là cơ sở dữ liệu đang dùng.")
    if live:
        db.session.remove()
        db.engine.dispose()  # no connection of ours keeps the old file open
    _copy(Path(src), Path(target))
    return counts


def postgres_instructions(path: str, restore: bool = False) -> str:
    """The pg_dump / pg_restore commands to run, in Vietnamese (the password is never printed)."""
    url = db.engine.url.set(drivername="postgresql", password=None)
    target = url.render_as_string(hide_password=False)
    if restore:
        return ("Cơ sở dữ liệu là PostgreSQL: phục hồi bằng pg_restore (dừng ứng dụng trước):\n"
                f"  pg_restore --clean --if-exists --no-owner --dbname \"{target}\" \"{path}\"\n"
                "Mật khẩu lấy từ biến PGPASSWORD hoặc tệp ~/.pgpass.")
    return ("Cơ sở dữ liệu là PostgreSQL: sao lưu bằng pg_dump:\n"
            f"  pg_dump --format=custom --file \"{path}\" \"{target}\"\n"
            "Phục hồi:\n"
            f"  pg_restore --clean --if-exists --no-owner --dbname \"{target}\" \"{path}\"\n"
            "Mật khẩu lấy từ biến PGPASSWORD hoặc tệp ~/.pgpass.")

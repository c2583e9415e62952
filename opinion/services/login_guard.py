"""Login lockout: after MAX_FAILURES failed logins for one username within WINDOW, that username
is locked for LOCK_TIME, whether or not an account of that name exists (so the lockout reveals
nothing). Failures live in the database, so every worker sees them. Flushes, never commits."""
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from opinion.extensions import db
from opinion.models.users import LoginFailure, hash_token

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_TIME = timedelta(minutes=15)
LOCKED_MESSAGE = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."


def key_for(username: str) -> str:
    """What is stored for a username: its hash, never the typed text (it may be a password)."""
    return hash_token((username or "").strip().lower())


def is_locked(username: str, now: datetime) -> bool:
    """Locked while the latest failure is recent and it completed MAX_FAILURES within WINDOW."""
    key = key_for(username)
    latest = db.session.scalar(select(func.max(LoginFailure.failed_at)).where(LoginFailure.username_hash == key))
    if latest is None:
        return False
    if latest.tzinfo is None:  # SQLite aggregates come back naive
        latest = latest.replace(tzinfo=now.tzinfo)
    if latest <= now - LOCK_TIME:
        return False
    recent = db.session.scalar(select(func.count(LoginFailure.id)).where(
        LoginFailure.username_hash == key, LoginFailure.failed_at > latest - WINDOW))
    return recent >= MAX_FAILURES


def record_failure(username: str, now: datetime) -> None:
    # Failures older than a window and a lockout no longer count for anyone: drop them, so the
    # table holds only the last half hour, however many names are tried.
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at < now - WINDOW - LOCK_TIME))
    db.session.add(LoginFailure(username_hash=key_for(username), failed_at=now))
    db.session.flush()


def clear_failures(username: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.username_hash == key_for(username)))
    db.session.flush()

"""Login lockout: after MAX_FAILURES failed logins for one username within WINDOW, that username
is locked for LOCK_TIME, whether or not an account of that name exists (so the lockout reveals
nothing). Failures live in the database, so every worker sees them. Flushes, never commits."""
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from opinion.extensions import db
from opinion.models.users import LoginFailure

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_TIME = timedelta(minutes=15)
LOCKED_MESSAGE = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."


def _key(username: str) -> str:
    return (username or "").strip().lower()[:80]


def is_locked(username: str, now: datetime) -> bool:
    """Locked while the latest failure is recent and it completed MAX_FAILURES within WINDOW."""
    key = _key(username)
    latest = db.session.scalar(select(func.max(LoginFailure.failed_at)).where(LoginFailure.username == key))
    if latest is None:
        return False
    if latest.tzinfo is None:  # SQLite aggregates come back naive
        latest = latest.replace(tzinfo=now.tzinfo)
    if latest <= now - LOCK_TIME:
        return False
    recent = db.session.scalar(select(func.count(LoginFailure.id)).where(
        LoginFailure.username == key, LoginFailure.failed_at > latest - WINDOW))
    return recent >= MAX_FAILURES


def record_failure(username: str, now: datetime) -> None:
    # Older failures of this name no longer count: drop them so the table stays small.
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == _key(username),
                                                  LoginFailure.failed_at < now - WINDOW - LOCK_TIME))
    db.session.add(LoginFailure(username=_key(username), failed_at=now))
    db.session.flush()


def clear_failures(username: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == _key(username)))
    db.session.flush()

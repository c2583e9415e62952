"""Permissions in one place: who is logged in, which roles a view needs, what a user can see."""
import secrets
from datetime import datetime
from functools import wraps

from flask import abort, g, jsonify, request, session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import Select, select, update

from opinion.extensions import db, login_manager
from opinion.models import ApiToken, Report, Unit, User, UserSession
from opinion.models.base import utcnow
from opinion.models.users import hash_token
from opinion.services import login_guard

login_manager.login_view = "account.login"
login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
login_manager.login_message_category = "warning"
login_manager.session_protection = "strong"

REVIEWER_ROLES = ("reviewer", "admin")


SESSION_KEY = "sid"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of this browser session: the cookie's session id must be live on the server."""
    sid = session.get(SESSION_KEY)
    if not user_id.isdigit() or not isinstance(sid, str):
        return None
    record = db.session.scalar(select(UserSession).where(UserSession.session_hash == hash_token(sid)))
    if (record is None or record.user_id != int(user_id) or record.revoked_at is not None
            or record.expires_at <= utcnow()):
        return None
    user = db.session.get(User, record.user_id)
    return user if user is not None and user.active else None


def start_session(user: User, now: datetime, lifetime) -> None:
    """Log the user in for at most `lifetime`: a new server-side session (flushes; caller commits)."""
    sid = secrets.token_urlsafe(32)
    db.session.add(UserSession(session_hash=hash_token(sid), user_id=user.id, created_at=now,
                               expires_at=now + lifetime))
    db.session.flush()
    session.clear()  # a fresh session: nothing of the anonymous one survives login
    session.permanent = True
    session[SESSION_KEY] = sid
    login_user(user)


def end_session(now: datetime) -> None:
    """Log out: this session is revoked on the server, so a copy of the cookie is useless."""
    sid = session.get(SESSION_KEY)
    if isinstance(sid, str):
        db.session.execute(update(UserSession).where(UserSession.session_hash == hash_token(sid),
                                                     UserSession.revoked_at.is_(None)).values(revoked_at=now))
    logout_user()
    session.clear()


def current_session_hash() -> str | None:
    """The stored hash of this browser's session id, to spare it when revoking the others."""
    sid = session.get(SESSION_KEY)
    return hash_token(sid) if isinstance(sid, str) else None


def revoke_bearer_token(now: datetime) -> None:
    """The API's logout: the token of this request stops working."""
    _, _, token = request.headers.get("Authorization", "").partition(" ")
    db.session.execute(update(ApiToken).where(ApiToken.token_hash == hash_token(token.strip()),
                                              ApiToken.revoked_at.is_(None)).values(revoked_at=now))


class LoginLocked(Exception):
    """Too many failed logins for this username: refused even with the right password."""


def authenticate(username: str, password: str, now: datetime | None = None) -> User | None:
    """The user for these credentials, None when wrong. Raises LoginLocked during a lockout.
    Records failures and clears them on success (flushes only: the caller commits)."""
    now = now or utcnow()
    if login_guard.is_locked(username, now):
        raise LoginLocked(login_guard.LOCKED_MESSAGE)
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active or not user.check_password(password):
        login_guard.record_failure(username, now)
        return None
    login_guard.clear_failures(username)
    return user


# ---- API bearer tokens -------------------------------------------------------------

class ApiAuthError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def issue_token(user: User, now: datetime, lifetime) -> tuple[str, ApiToken]:
    token = secrets.token_urlsafe(32)
    record = ApiToken(token_hash=hash_token(token), user_id=user.id,
                      created_at=now, expires_at=now + lifetime)
    db.session.add(record)
    return token, record


def user_from_bearer() -> User | None:
    """The user of a valid `Authorization: Bearer` header, None when there is no header."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiAuthError(401, "invalid_token", "Mã truy cập không hợp lệ.")
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip())))
    if record is None or record.revoked_at is not None:
        raise ApiAuthError(401, "invalid_token", "Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
    if record.expires_at <= utcnow():
        raise ApiAuthError(401, "token_expired", "Mã truy cập đã hết hạn, vui lòng đăng nhập lại.")
    if not record.user.active:
        raise ApiAuthError(401, "invalid_token", "Tài khoản đã bị khóa.")
    return record.user


def api_login_required(*roles: str):
    """API views: a valid bearer token, and one of `roles` when given. Sets g.user."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = user_from_bearer()
            if user is None:
                raise ApiAuthError(401, "unauthorized", "Cần đăng nhập: gửi kèm mã truy cập (Bearer token).")
            if roles and user.role not in roles:
                raise ApiAuthError(403, "forbidden", "Bạn không có quyền thực hiện thao tác này.")
            g.user = user
            return view(*args, **kwargs)
        wrapped.required_roles = roles or ("any",)
        return wrapped
    return decorator


# ---- pages -------------------------------------------------------------------------

def wants_json() -> bool:
    """A page's endpoint called by our own script (static/js/outbox.js), which asks for JSON."""
    return request.accept_mimetypes.best == "application/json"


def require_role(*roles: str):
    """Pages: logged in (redirect to login otherwise) and one of `roles` (403 otherwise)."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                if wants_json():  # the outbox script keeps the report and asks to log in again
                    return jsonify(error={"code": "login_required",
                                          "message": "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại."}), 401
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            g.user = current_user._get_current_object()
            return view(*args, **kwargs)
        wrapped.required_roles = roles or ("any",)
        return wrapped
    return decorator


def public(view):
    """Marks a view that anyone may reach (login page, health check)."""
    view.required_roles = ("public",)
    return view


# ---- visibility --------------------------------------------------------------------

def visible_reports(user: User) -> Select:
    """Reports the user may see: a collaborator their own; a reviewer or administrator the
    reports of their commune, or at a province what its communes escalated."""
    query = select(Report)
    if user.role == "collaborator":
        return query.where(Report.author_id == user.id)
    if user.unit.kind == "province":
        child_communes = select(Unit.id).where(Unit.parent_id == user.unit_id)
        return query.where(Report.unit_id.in_(child_communes), Report.status == "bao_cao_cap_tren")
    return query.where(Report.unit_id == user.unit_id)


def get_visible_report(user: User, report_id: int) -> Report | None:
    return db.session.scalar(visible_reports(user).where(Report.id == report_id))


def can_manage(user: User, unit: Unit) -> bool:
    """Administrators manage their own unit, and a province administrator its communes."""
    if user.role != "admin":
        return False
    return unit.id == user.unit_id or (user.unit.kind == "province" and unit.parent_id == user.unit_id)


def managed_units(user: User) -> list[Unit]:
    if user.role != "admin":
        return []
    children = [u for u in user.unit.children if u.kind == "commune"] if user.unit.kind == "province" else []
    return [user.unit, *children]


def session_or_bearer_required(*roles: str):
    """Downloads reached from a page or by a script: a logged-in session or a bearer token."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if request.headers.get("Authorization"):
                try:
                    user = user_from_bearer()
                except ApiAuthError as err:
                    abort(err.status, description=err.message)
            elif current_user.is_authenticated:
                user = current_user._get_current_object()
            else:
                return login_manager.unauthorized()
            if roles and user.role not in roles:
                abort(403)
            g.user = user
            return view(*args, **kwargs)
        wrapped.required_roles = roles or ("any",)
        return wrapped
    return decorator


# ---- monthly reports ---------------------------------------------------------------

def monthly_units(user: User) -> list[Unit]:
    """Units whose monthly figures the user may read: a reviewer's or administrator's own
    commune or province, and at a province each of its communes (figures, not reports)."""
    if user.role not in REVIEWER_ROLES or user.unit.kind not in ("province", "commune"):
        return []
    if user.unit.kind == "province":
        return [user.unit, *(u for u in user.unit.children if u.kind == "commune")]
    return [user.unit]


def get_monthly_unit(user: User, code: str | None) -> Unit | None:
    """The unit of `code` (the user's own unit when empty) if its figures are visible."""
    code = (code or "").strip() or user.unit.code
    return next((unit for unit in monthly_units(user) if unit.code == code), None)


def can_manage_taxonomy(user: User) -> bool:
    """The topic list is one for the whole deployment: only administrators of a top-level unit
    (a province, or a commune without a parent) change it."""
    return user.role == "admin" and user.unit.parent_id is None and user.unit.kind in ("province", "commune")

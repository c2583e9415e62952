"""People an administrator manages: create, edit, deactivate and reactivate, reset passwords,
import from a spreadsheet. Every change is recorded (never a password or its hash)."""
import io
import secrets
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select, update

from opinion.auth import can_manage
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import ApiToken, Unit, User, UserSession
from opinion.models.users import ROLES
from opinion.services import spreadsheets, user_import
from opinion.services.admin import USERNAME, password_problems
from opinion.services.unit_lists import record

USERNAME_RULE = "Tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '-', '_' (3–80 ký tự)."


def people(unit: Unit) -> list[User]:
    """The people of a unit: active first, then by username."""
    return list(db.session.scalars(select(User).where(User.unit_id == unit.id)
                                   .order_by(User.active.desc(), User.username)))


def find_person(unit: Unit, user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.unit_id == unit.id else None


def villages(unit: Unit) -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.parent_id == unit.id, Unit.kind == "village")
                                   .order_by(Unit.name)))


def temporary_password() -> str:
    return secrets.token_urlsafe(9)


def _snapshot(user: User) -> dict:
    return {"username": user.username, "full_name": user.full_name, "role": user.role,
            "unit": user.unit.code if user.unit else None,
            "village": user.village.code if user.village else None, "active": user.active}


def _village(unit: Unit, village_code: str | None, errors: dict) -> Unit | None:
    if not village_code:
        return None
    village = db.session.scalar(select(Unit).where(Unit.code == village_code))
    if village is None or village.parent_id != unit.id or village.kind != "village":
        errors["village"] = f"Thôn/bản này không thuộc {unit.name}."
        return None
    return village


def _full_name(full_name: str | None, errors: dict) -> str:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = "Vui lòng nhập họ tên."
    elif len(full_name) > 200:
        errors["full_name"] = "Họ tên tối đa 200 ký tự."
    return full_name


def revoke_access(user: User, now: datetime, keep_session_hash: str | None = None) -> None:
    """End the user's browser sessions (but the one whose hash is kept) and API tokens."""
    sessions = update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    if keep_session_hash:
        sessions = sessions.where(UserSession.session_hash != keep_session_hash)
    db.session.execute(sessions.values(revoked_at=now))
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=now))


def create_person(actor: User, unit: Unit, username: str, full_name: str, role: str,
                  village_code: str | None, password: str | None, now: datetime) -> tuple[User, str | None]:
    """Returns the user and the temporary password generated when none was given (shown once).
    Either way the password was chosen by the administrator: it must be changed at first login."""
    errors = {}
    username = (username or "").strip().lower()
    if not USERNAME.match(username):
        errors["username"] = USERNAME_RULE
    elif db.session.scalar(select(User.id).where(User.username == username)):
        errors["username"] = f"Tên đăng nhập {username} đã tồn tại."
    full_name = _full_name(full_name, errors)
    if role not in ROLES:
        errors["role"] = "Vai trò không hợp lệ."
    village = _village(unit, village_code, errors)
    generated = None
    if not password:
        password = generated = temporary_password()
    elif problems := password_problems(password, username):
        errors["password"] = " ".join(problems)
    if errors:
        raise ValidationFailed(errors)
    user = User(username=username, full_name=full_name, role=role, unit=unit, village=village,
                active=True, must_change_password=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, unit, "user.create", None, _snapshot(user), now)
    db.session.flush()
    return user, generated


def edit_person(actor: User, user: User, full_name: str, role: str, unit_code: str,
                village_code: str | None, now: datetime) -> None:
    """Full name, role, unit (one the administrator manages) and village (of that unit)."""
    errors = {}
    full_name = _full_name(full_name, errors)
    if role not in ROLES:
        errors["role"] = "Vai trò không hợp lệ."
    elif user.id == actor.id and role != user.role:
        errors["role"] = "Bạn không thể tự đổi vai trò của mình."
    unit = db.session.scalar(select(Unit).where(Unit.code == (unit_code or "")))
    if unit is None or unit.kind == "village" or not can_manage(actor, unit):
        errors["unit"] = "Đơn vị không hợp lệ hoặc ngoài phạm vi bạn quản lý."
        unit = None
    elif user.id == actor.id and unit.id != user.unit_id:
        errors["unit"] = "Bạn không thể tự chuyển mình sang đơn vị khác."
    village = _village(unit, village_code, errors) if unit is not None else None
    if errors:
        raise ValidationFailed(errors)
    before = _snapshot(user)
    old_unit = user.unit
    user.full_name, user.role, user.unit, user.village = full_name, role, unit, village
    after = _snapshot(user)
    if after != before:
        record(actor, old_unit, "user.edit", before, after, now)
        if unit.id != old_unit.id:
            record(actor, unit, "user.edit", before, after, now)
    db.session.flush()


def deactivate(actor: User, user: User, now: datetime) -> None:
    """The account can no longer log in nor use the app; its reports and history stay."""
    if user.id == actor.id:
        raise ValidationFailed({"active": "Bạn không thể tự khóa tài khoản của mình."})
    if not user.active:
        raise ValidationFailed({"active": "Tài khoản này đã bị khóa."})
    user.active = False
    revoke_access(user, now)
    record(actor, user.unit, "user.deactivate", {"username": user.username, "active": True},
           {"username": user.username, "active": False}, now)
    db.session.flush()


def reactivate(actor: User, user: User, now: datetime) -> None:
    if user.active:
        raise ValidationFailed({"active": "Tài khoản này đang hoạt động."})
    user.active = True
    record(actor, user.unit, "user.reactivate", {"username": user.username, "active": False},
           {"username": user.username, "active": True}, now)
    db.session.flush()


def reset_password(actor: User, user: User, now: datetime) -> str:
    """A temporary password, to show once to the administrator; it must be changed at the next
    login, and the person's app tokens stop working."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    revoke_access(user, now)
    record(actor, user.unit, "user.reset_password", None,
           {"username": user.username, "must_change_password": True}, now)
    db.session.flush()
    return password


def change_own_password(user: User, new_password: str, confirm: str, now: datetime,
                        current_password: str | None = None, keep_session_hash: str | None = None) -> None:
    """A person sets their own password: after a reset (the temporary one was just typed at login,
    so it is not asked again), or any time with the current password. Every other session and
    every API token of the person ends: whoever else knew the old password is out."""
    errors = {}
    if not user.must_change_password and not user.check_password(current_password or ""):
        errors["current"] = "Mật khẩu hiện tại không đúng."
    if problems := password_problems(new_password or "", user.username):
        errors["password"] = " ".join(problems)
    elif user.check_password(new_password):
        errors["password"] = ("Mật khẩu mới phải khác mật khẩu tạm." if user.must_change_password
                              else "Mật khẩu mới phải khác mật khẩu đang dùng.")
    if not errors and new_password != confirm:
        errors["confirm"] = "Hai lần nhập mật khẩu không khớp."
    if errors:
        raise ValidationFailed(errors)
    user.set_password(new_password)
    user.must_change_password = False
    revoke_access(user, now, keep_session_hash)
    db.session.flush()


def preview_import(path: Path, unit: Unit) -> list:
    return user_import.preview(path, unit)


def import_people(actor: User, unit: Unit, path: Path, now: datetime) -> list[user_import.Created]:
    """All rows or none (ImportRefused); generated passwords must be changed at first login."""
    created = user_import.import_users(path, unit, must_change_generated=True)
    record(actor, unit, "user.import", None, {"usernames": [item.username for item in created]}, now)
    db.session.flush()
    return created



# ---- spreadsheets kept between the preview and the confirmation ---------------------

UPLOAD_MAX_BYTES = 2 * 1024 * 1024
TOO_LARGE = "Tệp lớn hơn 2 MB; hãy chia thành nhiều tệp nhỏ hơn."


def save_upload(folder: Path, filename: str, stream: BinaryIO) -> str:
    """Keep an uploaded sheet under `folder` until it is imported; returns its token."""
    if Path(filename or "").suffix.lower() not in spreadsheets.EXTENSIONS:
        raise ValidationFailed({"file": "Chỉ nhận tệp .xlsx hoặc .csv."})
    data = stream.read(UPLOAD_MAX_BYTES + 1)
    if not data:
        raise ValidationFailed({"file": "Tệp trống."})
    if len(data) > UPLOAD_MAX_BYTES:
        raise ValidationFailed({"file": TOO_LARGE})
    return spreadsheets.store_upload(io.BytesIO(data), filename, folder)


def upload_path(folder: Path, token: str | None) -> Path | None:
    """The kept sheet of `token`; None when the token is malformed or the file is gone."""
    return spreadsheets.stored_upload(folder, token or "")


def discard_upload(path: Path | None) -> None:
    spreadsheets.discard_upload(path)

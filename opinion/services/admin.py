"""Administration: units and people."""
import re

from sqlalchemy import select

from opinion.errors import DomainError
from opinion.extensions import db
from opinion.models import Unit, User
from opinion.models.users import ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{2,79}$")
MIN_PASSWORD = 8


class AdminError(DomainError):
    code = "admin_error"
    status = 422


def find_unit(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == code))


def create_user(username: str, full_name: str, role: str, unit_code: str, password: str,
                village_code: str | None = None) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AdminError("Tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '-', '_' (3–80 ký tự).")
    if role not in ROLES:
        raise AdminError(f"Vai trò không hợp lệ: {role}.")
    if len(password) < MIN_PASSWORD:
        raise AdminError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise AdminError(f"Tên đăng nhập {username} đã tồn tại.")
    unit = find_unit(unit_code)
    if unit is None or unit.kind == "village":
        raise AdminError(f"Không có tỉnh hoặc xã mã {unit_code}.")
    village = None
    if village_code:
        village = find_unit(village_code)
        if village is None or village.parent_id != unit.id:
            raise AdminError(f"Thôn/bản {village_code} không thuộc {unit.name}.")
    user = User(username=username, full_name=full_name.strip() or username, role=role,
                unit=unit, village=village, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user

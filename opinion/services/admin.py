"""Administration: units and people."""
import re

from sqlalchemy import select

from opinion.errors import DomainError
from opinion.extensions import db
from opinion.models import Unit, User
from opinion.models.users import ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{2,79}$")
MIN_PASSWORD = 12  # OWASP ASVS 2.1.1 (level 2)
COMMON_PASSWORDS = frozenset({
    "1234567890", "12345678910", "0123456789", "0987654321", "1111111111", "matkhau123",
    "matkhau1234", "matkhau@123", "password123", "password1234", "password@123", "passw0rd123",
    "qwertyuiop", "qwerty12345", "abc1234567", "abcd123456", "admin12345", "admin@1234",
    "iloveyou123", "vietnam123", "anhyeuem123", "123456789a", "a123456789", "1234567890a",
    "123456789012", "password@1234", "matkhau12345", "matkhau@1234",
    "qwerty123456", "qwertyuiop12", "abc123456789", "123456789abc", "1234567890ab",
    "iloveyou1234", "anhyeuem1234", "vietnam12345", "admin1234567", "admin@123456",
    "1q2w3e4r5t6y", "zaq12wsxcde3", "aaaaaaaaaaaa", "abcdefghijkl",
})


def password_problems(password: str, username: str = "") -> list[str]:
    """Every rule the password breaks, as Vietnamese messages; empty when it is acceptable."""
    password = password or ""
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if password.isdigit():
        problems.append("Mật khẩu không được chỉ gồm chữ số.")
    name = (username or "").strip().lower()
    if name and name in password.lower():
        problems.append("Mật khẩu không được chứa tên đăng nhập.")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("Mật khẩu quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.")
    return problems


class AdminError(DomainError):
    code = "admin_error"
    status = 422


def find_unit(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == code))


def create_user(username: str, full_name: str, role: str, unit_code: str, password: str,
                village_code: str | None = None, password_rules: bool = True) -> User:
    """password_rules=False only for the demo accounts, whose password the contract fixes."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AdminError("Tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '-', '_' (3–80 ký tự).")
    if role not in ROLES:
        raise AdminError(f"Vai trò không hợp lệ: {role}.")
    if password_rules and (problems := password_problems(password, username)):
        raise AdminError(" ".join(problems))
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

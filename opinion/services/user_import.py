"""Create users from a spreadsheet (.xlsx or .csv): all rows valid, or nothing is imported."""
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Unit, User
from opinion.models.users import ROLES
from opinion.services.admin import USERNAME, password_problems
from opinion.services.spreadsheets import ImportRefused, has_formula, read_rows

__all__ = ["ImportRefused", "import_users", "preview"]

COLUMNS = ("username", "full_name", "role", "village", "password")
REQUIRED = ("username", "full_name", "role")
MAX_ROWS = 5000
# Roles may be written in Vietnamese in the sheet.
ROLE_ALIASES = {"ctv": "collaborator", "cong tac vien": "collaborator", "cộng tác viên": "collaborator",
                "can bo": "reviewer", "cán bộ": "reviewer", "quan tri": "admin", "quản trị viên": "admin"}


@dataclass
class Created:
    username: str
    password: str | None  # generated passwords are shown once, to hand to the person


@dataclass
class _Check:
    """One row of the sheet, read and checked: `problems` is empty when the row can be imported."""
    number: int
    username: str
    full_name: str
    role: str
    village: Unit | None
    password: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return f"Dòng {self.number}: " + "; ".join(self.problems) + "."


def _read_rows(path: Path) -> list[dict]:
    return read_rows(path, COLUMNS, REQUIRED)


def _check_rows(rows: list[dict], unit: Unit) -> list[_Check]:
    if len(rows) > MAX_ROWS:
        raise ImportRefused([f"Tệp có {len(rows)} dòng, tối đa {MAX_ROWS} dòng một lần."])
    villages = {u.code: u for u in db.session.scalars(select(Unit).where(Unit.parent_id == unit.id))}
    villages_by_name = {u.name.lower(): u for u in villages.values()}
    existing = set(db.session.scalars(select(User.username)))
    seen, checks = {}, []
    for number, row in enumerate(rows, start=2):
        problems = []
        if has_formula(row):
            problems.append("có công thức (bắt đầu bằng '='); hãy dán giá trị")
        username = row.get("username", "").lower()
        if not USERNAME.match(username):
            problems.append("tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '-', '_' (3–80 ký tự)")
        elif username in existing:
            problems.append(f"tên đăng nhập {username} đã có")
        elif username in seen:
            problems.append(f"tên đăng nhập {username} trùng với dòng {seen[username]}")
        seen.setdefault(username, number)
        full_name = row.get("full_name", "")
        if not full_name or len(full_name) > 200:
            problems.append("họ tên trống hoặc quá dài")
        role = row.get("role", "").lower()
        role = ROLE_ALIASES.get(role, role)
        if role not in ROLES:
            problems.append(f"vai trò “{row.get('role', '')}” không hợp lệ (collaborator, reviewer, admin)")
        village = None
        if row.get("village"):
            village = villages.get(row["village"]) or villages_by_name.get(row["village"].lower())
            if village is None:
                problems.append(f"thôn/bản “{row['village']}” không thuộc {unit.name}")
        password = row.get("password") or None
        if password is not None:
            problems.extend(problem[0].lower() + problem[1:].rstrip(".")
                            for problem in password_problems(password, username))
        checks.append(_Check(number, username, full_name, role, village, password, problems))
    return checks


def import_users(path: Path, unit: Unit, *, must_change_generated: bool = False) -> list[Created]:
    """Create every row's user, or raise ImportRefused with every bad row's message.
    must_change_generated: people given a generated password must change it at first login."""
    checks = _check_rows(_read_rows(path), unit)
    errors = [check.message for check in checks if check.problems]
    if errors:
        raise ImportRefused(errors)
    users, created = [], []
    for check in checks:
        generated = check.password is None
        password = check.password or secrets.token_urlsafe(9)
        user = User(username=check.username, full_name=check.full_name, role=check.role, unit=unit,
                    village=check.village, active=True, must_change_password=generated and must_change_generated)
        user.set_password(password)
        users.append(user)
        created.append(Created(check.username, password if generated else None))
    db.session.add_all(users)
    db.session.flush()
    return created


def preview(path: Path, unit: Unit) -> list[_Check]:
    """Validate only, for the import page: every row with its problems; nothing is written.
    File-level problems (unreadable file, missing columns, too many rows) raise ImportRefused."""
    return _check_rows(_read_rows(path), unit)

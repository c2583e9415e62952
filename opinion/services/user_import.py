"""Create users from a spreadsheet (.xlsx or .csv): all rows valid, or nothing is imported."""
import csv
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Unit, User
from opinion.models.users import ROLES
from opinion.services.admin import MIN_PASSWORD, USERNAME

COLUMNS = ("username", "full_name", "role", "village", "password")
REQUIRED = ("username", "full_name", "role")
MAX_ROWS = 5000
# Roles may be written in Vietnamese in the sheet.
ROLE_ALIASES = {"ctv": "collaborator", "cong tac vien": "collaborator", "cộng tác viên": "collaborator",
                "can bo": "reviewer", "cán bộ": "reviewer", "quan tri": "admin", "quản trị viên": "admin"}


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Created:
    username: str
    password: str | None  # generated passwords are shown once, to hand to the person


def _read_rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(path, read_only=True, data_only=False)
        except Exception as err:
            raise ImportRefused([f"Không đọc được tệp Excel: {err.__class__.__name__}."]) from err
        try:
            rows = [[("" if v is None else str(v)) for v in row] for row in book.active.iter_rows(values_only=True)]
        finally:
            book.close()  # read-only workbooks keep the file open until closed
    elif suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ImportRefused(["Tệp CSV phải lưu với mã UTF-8 (trong Excel: CSV UTF-8)."]) from err
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportRefused(["Chỉ nhận tệp .xlsx hoặc .csv."])
    if not rows:
        raise ImportRefused(["Tệp trống."])
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused([f"Thiếu cột: {', '.join(missing)} (cần các cột {', '.join(COLUMNS)})."])
    return [dict(zip(header, [c.strip() for c in row], strict=False)) for row in rows[1:]
            if any(c.strip() for c in row)]


def import_users(path: Path, unit: Unit) -> list[Created]:
    rows = _read_rows(path)
    if len(rows) > MAX_ROWS:
        raise ImportRefused([f"Tệp có {len(rows)} dòng, tối đa {MAX_ROWS} dòng một lần."])
    villages = {u.code: u for u in db.session.scalars(select(Unit).where(Unit.parent_id == unit.id))}
    villages_by_name = {u.name.lower(): u for u in villages.values()}
    existing = set(db.session.scalars(select(User.username)))
    errors, seen, users, created = [], {}, [], []
    for number, row in enumerate(rows, start=2):
        problems = []
        if any(v.startswith("=") for v in row.values() if v):
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
        if password is not None and len(password) < MIN_PASSWORD:
            problems.append(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
        if problems:
            errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
            continue
        generated = password is None
        password = password or secrets.token_urlsafe(9)
        user = User(username=username, full_name=full_name, role=role, unit=unit, village=village, active=True)
        user.set_password(password)
        users.append(user)
        created.append(Created(username, password if generated else None))
    if errors:
        raise ImportRefused(errors)
    db.session.add_all(users)
    db.session.flush()
    return created

"""Villages (thôn, bản, tổ dân phố) of a commune: add one, rename one, or import a sheet of them.
Names are unique within the commune ignoring case and diacritics. Every change is recorded."""
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from classifier.text import fold
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import Unit, User
from opinion.services.spreadsheets import ImportRefused, has_formula, read_numbered_rows
from opinion.services.unit_lists import record

MAX_NAME = 200
MAX_ROWS = 2000
COLUMNS = ("name", "code")
REQUIRED = ("name",)
# Vietnamese headers accepted for the columns.
HEADER_ALIASES = {"tên": "name", "ten": "name", "tên thôn": "name", "tên thôn/bản": "name",
                  "mã": "code", "ma": "code", "mã thôn": "code"}
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass
class VillageRow:
    """One row of a sheet, checked: `problems` is empty when it can be imported."""
    number: int
    name: str
    code: str
    problems: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return f"Dòng {self.number}: " + "; ".join(self.problems) + "."


def villages(commune: Unit) -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.parent_id == commune.id, Unit.kind == "village")
                                   .order_by(Unit.name, Unit.id)))


def _clean(name: str | None) -> str:
    return " ".join((name or "").split())


def _name_problem(name: str) -> str | None:
    if not name:
        return "Vui lòng nhập tên thôn, bản, tổ dân phố."
    if len(name) > MAX_NAME:
        return f"Tên tối đa {MAX_NAME} ký tự."
    return None


def _code_problem(code: str) -> str | None:
    if not CODE.match(code):
        return "Mã chỉ gồm chữ không dấu, số, '.', '-', '_' (tối đa 40 ký tự)."
    if db.session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
        return f"Mã {code} đã được dùng cho một đơn vị khác."
    return None


def _existing_names(commune: Unit, except_id: int | None = None) -> dict[str, str]:
    """Folded name -> name of the commune's villages."""
    return {fold(v.name): v.name for v in villages(commune) if v.id != except_id}


def _next_codes(commune: Unit, taken: set[str]):
    """Codes <commune code>-<n>, n counting up from the highest number already used."""
    prefix = f"{commune.code}-"
    used = db.session.scalars(select(Unit.code).where(Unit.code.like(f"{prefix}%"))).all()
    numbers = [int(code[len(prefix):]) for code in used
               if code.startswith(prefix) and code[len(prefix):].isdigit()]
    n = max(numbers, default=0)
    while True:
        n += 1
        code = f"{prefix}{n}"
        if code not in taken and db.session.scalar(select(Unit.id).where(Unit.code == code)) is None:
            taken.add(code)
            yield code


def add_village(commune: Unit, actor: User, name: str, now: datetime, code: str | None = None) -> Unit:
    name, code = _clean(name), (code or "").strip()
    errors = {}
    problem = _name_problem(name)
    if problem:
        errors["name"] = problem
    elif fold(name) in _existing_names(commune):
        errors["name"] = f"“{_existing_names(commune)[fold(name)]}” đã có trong {commune.name}."
    if code and (problem := _code_problem(code)):
        errors["code"] = problem
    if errors:
        raise ValidationFailed(errors)
    village = Unit(code=code or next(_next_codes(commune, set())), name=name, kind="village",
                   parent_id=commune.id)
    db.session.add(village)
    record(actor, commune, "village.add", None, {"code": village.code, "name": name}, now)
    db.session.flush()
    return village


def rename_village(commune: Unit, actor: User, village_id: int, name: str, now: datetime) -> Unit:
    village = db.session.get(Unit, village_id)
    if village is None or village.parent_id != commune.id or village.kind != "village":
        raise ValidationFailed({"village": f"Không tìm thấy thôn, bản này trong {commune.name}."})
    name = _clean(name)
    problem = _name_problem(name)
    if problem is None and fold(name) in _existing_names(commune, except_id=village.id):
        problem = f"“{name}” đã có trong {commune.name}."
    if problem:
        raise ValidationFailed({"name": problem})
    if name != village.name:
        record(actor, commune, "village.rename", {"code": village.code, "name": village.name},
               {"code": village.code, "name": name}, now)
        village.name = name
    db.session.flush()
    return village


def check_sheet(commune: Unit, path: Path) -> list[VillageRow]:
    """Read and check every row; raise ImportRefused for a file that cannot be read at all.
    Nothing is written: this is the preview."""
    rows = read_numbered_rows(path, COLUMNS, REQUIRED, HEADER_ALIASES,
                              hint=" Tiêu đề cột có thể viết “tên” và “mã”.")
    if not rows:
        raise ImportRefused(["Tệp không có dòng nào ngoài dòng tiêu đề."])
    if len(rows) > MAX_ROWS:
        raise ImportRefused([f"Tệp có {len(rows)} dòng, tối đa {MAX_ROWS} dòng một lần."])
    existing = _existing_names(commune)
    seen_names: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    checked = []
    for number, row in rows:
        problems = []
        if has_formula(row):
            problems.append("có công thức (ô bắt đầu bằng '='); hãy dán giá trị")
        name, code = _clean(row.get("name")), (row.get("code") or "").strip()
        folded = fold(name)
        if not name:
            problems.append("tên thôn, bản trống")
        elif len(name) > MAX_NAME:
            problems.append(f"tên dài quá {MAX_NAME} ký tự")
        elif folded in existing:
            problems.append(f"“{existing[folded]}” đã có trong {commune.name}")
        elif folded in seen_names:
            problems.append(f"tên “{name}” trùng với dòng {seen_names[folded]}")
        if name:
            seen_names.setdefault(folded, number)
        if code:
            if code in seen_codes:
                problems.append(f"mã {code} trùng với dòng {seen_codes[code]}")
            elif problem := _code_problem(code):
                problems.append(problem[0].lower() + problem[1:].rstrip("."))
            seen_codes.setdefault(code, number)
        checked.append(VillageRow(number, name, code, problems))
    taken = set(seen_codes)
    codes = _next_codes(commune, taken)
    for row in checked:
        if not row.problems and not row.code:
            row.code = next(codes)
    return checked


def import_sheet(commune: Unit, actor: User, path: Path, now: datetime) -> list[Unit]:
    """Create every village of the sheet, or raise ImportRefused with every bad row's message."""
    checked = check_sheet(commune, path)
    errors = [row.message for row in checked if row.problems]
    if errors:
        raise ImportRefused(errors)
    created = [Unit(code=row.code, name=row.name, kind="village", parent_id=commune.id) for row in checked]
    db.session.add_all(created)
    record(actor, commune, "village.import", None,
           [{"code": unit.code, "name": unit.name} for unit in created], now)
    db.session.flush()
    return created

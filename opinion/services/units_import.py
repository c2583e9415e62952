"""Administrative units from the vietnam-provinces package (the two-level list since July 2025)."""
from dataclasses import dataclass
from datetime import datetime

from vietnam_provinces import Province, Ward

from classifier.text import fold
from opinion.errors import DomainError
from opinion.extensions import db
from opinion.models import AdminChange, Unit
from opinion.services.admin import find_unit


class UnknownProvince(DomainError):
    code = "unknown_province"


@dataclass
class ImportResult:
    provinces: int = 0
    created: int = 0
    renamed: int = 0


def _bare(name: str) -> str:
    folded = fold(name)
    for prefix in ("thanh pho ", "tinh "):
        folded = folded.removeprefix(prefix)
    return folded.strip()


def find_province(query: str) -> Province:
    """By code ("20") or by name with or without diacritics and type ("Tỉnh Lạng Sơn", "lang son")."""
    query = query.strip()
    for province in Province.iter_all():
        if query.isdigit() and int(query) == int(province.code):
            return province
        if _bare(query) == _bare(province.name):
            return province
    raise UnknownProvince(f"Không tìm thấy tỉnh, thành phố “{query}” trong danh mục đơn vị hành chính.")


def _full_name(province: Province) -> str:
    kind = province.division_type.value
    return province.name if fold(province.name).startswith(fold(kind)) else f"{kind.capitalize()} {province.name}"


def _upsert(code: str, name: str, kind: str, parent: Unit | None, result: ImportResult) -> Unit:
    unit = find_unit(code)
    if unit is None:
        unit = Unit(code=code, name=name, kind=kind, parent=parent)
        db.session.add(unit)
        result.created += 1
    elif unit.name != name:
        unit.name = name
        result.renamed += 1
    return unit


def import_province(province: Province, now: datetime, result: ImportResult | None = None) -> ImportResult:
    """The province and its communes/wards; rerunning only renames what changed."""
    result = result or ImportResult()
    top = _upsert(str(int(province.code)), _full_name(province), "province", None, result)
    db.session.flush()
    for ward in Ward.iter_by_province(province.code):
        _upsert(f"{int(ward.code):05d}", ward.name, "commune", top, result)
    result.provinces += 1
    db.session.flush()
    db.session.add(AdminChange(unit_id=top.id, action="units.import", created_at=now,
                               after=f'{{"source": "vietnam-provinces", "created": {result.created}}}'))
    return result


def import_all(now: datetime) -> ImportResult:
    result = ImportResult()
    for province in Province.iter_all():
        import_province(province, now, result)
    return result

"""Reading spreadsheets (.xlsx or .csv) for the imports, and keeping an upload between its
preview and its confirmation. Refusals carry Vietnamese messages, one per problem."""
import csv
import io
import re
import secrets
import time
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook

EXTENSIONS = (".xlsx", ".csv")
# An upload kept between preview and confirmation is named by a random token.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,80}$")
# A previewed upload never confirmed is removed after this long.
STALE_UPLOAD_SECONDS = 24 * 3600


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def has_formula(row: dict) -> bool:
    """A cell starting with '=' is a formula (or would become one when the sheet is reopened)."""
    return any(v.startswith("=") for v in row.values() if v)


def _raw_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(path, read_only=True, data_only=False)
        except Exception as err:
            raise ImportRefused([f"Không đọc được tệp Excel: {err.__class__.__name__}."]) from err
        try:
            return [[("" if v is None else str(v)) for v in row] for row in book.active.iter_rows(values_only=True)]
        finally:
            book.close()  # read-only workbooks keep the file open until closed
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ImportRefused(["Tệp CSV phải lưu với mã UTF-8 (trong Excel: CSV UTF-8)."]) from err
        return list(csv.reader(io.StringIO(text)))
    raise ImportRefused(["Chỉ nhận tệp .xlsx hoặc .csv."])


def read_numbered_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
                       aliases: dict[str, str] | None = None, hint: str = "") -> list[tuple[int, dict]]:
    """(line number in the sheet, {column: stripped text}) for each non-empty row after the header.
    `aliases` maps other header spellings (Vietnamese ones) to the column names."""
    rows = _raw_rows(path)
    if not rows:
        raise ImportRefused(["Tệp trống."])
    aliases = aliases or {}
    header = [h.strip().lower() for h in rows[0]]
    header = [aliases.get(h, h) for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRefused([f"Thiếu cột: {', '.join(missing)} (cần các cột {', '.join(columns)}).{hint}"])
    return [(number, dict(zip(header, [c.strip() for c in row], strict=False)))
            for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]


def read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
              aliases: dict[str, str] | None = None) -> list[dict]:
    return [row for _, row in read_numbered_rows(path, columns, required, aliases)]


# ---- uploads kept between preview and confirmation --------------------------------------

def store_upload(stream: BinaryIO, filename: str, folder: Path) -> str:
    """Save an uploaded sheet as <folder>/<random token><extension>; return the token."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ImportRefused(["Chỉ nhận tệp .xlsx hoặc .csv."])
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}{suffix}").write_bytes(stream.read())
    return token


def _remove_stale(folder: Path) -> None:
    limit = time.time() - STALE_UPLOAD_SECONDS
    for path in folder.iterdir():
        if path.suffix in EXTENSIONS and _TOKEN.match(path.stem) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def stored_upload(folder: Path, token: str) -> Path | None:
    """The file a token names, or None (bad token, already imported, or never uploaded)."""
    if not _TOKEN.match(token or ""):
        return None
    for suffix in EXTENSIONS:
        path = folder / f"{token}{suffix}"
        if path.is_file():
            return path
    return None


def discard_upload(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)

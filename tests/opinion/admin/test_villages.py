"""Villages of a commune: added one by one or from a sheet (preview, then all or nothing)."""
import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from opinion.extensions import db
from opinion.models import AdminChange, Unit
from tests.conftest import csrf_token_in

PAGE = "/quan-tri/don-vi/T1-A/thon-ban"
IMPORT = "/quan-tri/don-vi/T1-A/nhap-thon-ban"


@pytest.fixture
def admin_client(client, users, login):
    login(users["admin"])  # a province administrator: manages its communes
    return client


def village_count(commune) -> int:
    return db.session.scalar(select(func.count(Unit.id)).where(Unit.parent_id == commune.id))


def kept_uploads(app) -> set[str]:
    folder = Path(app.instance_path) / "imports"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def upload(client, data: bytes, filename: str):
    token = csrf_token_in(client.get(IMPORT).get_data(as_text=True))
    # Encoded in memory: the test client would spool a big body to a file it never closes.
    stream, _length, boundary = stream_encode_multipart(
        {"csrf_token": token, "sheet": FileStorage(io.BytesIO(data), filename)}, use_tempfile=False)
    return client.post(IMPORT, data=stream.read(), content_type=f"multipart/form-data; boundary={boundary}")


def test_add_and_rename_a_village(admin_client, units):
    token = csrf_token_in(admin_client.get(PAGE).get_data(as_text=True))
    response = admin_client.post(PAGE, data={"csrf_token": token, "name": "  Tổ dân phố   Chợ Mới "})
    assert response.status_code == 302
    village = db.session.scalar(select(Unit).where(Unit.name == "Tổ dân phố Chợ Mới"))
    assert village.kind == "village" and village.parent_id == units["a"].id and village.code == "T1-A-3"
    given = admin_client.post(PAGE, data={"csrf_token": token, "name": "Bản Pò Mã", "code": "PO-MA"})
    assert given.status_code == 302
    assert db.session.scalar(select(Unit.name).where(Unit.code == "PO-MA")) == "Bản Pò Mã"

    renamed = admin_client.post(f"{PAGE}/doi-ten", data={"csrf_token": token, "village_id": village.id,
                                                         "name": "Tổ dân phố Chợ Cũ"})
    assert renamed.status_code == 302
    db.session.refresh(village)
    assert village.name == "Tổ dân phố Chợ Cũ"
    clash = admin_client.post(f"{PAGE}/doi-ten", data={"csrf_token": token, "village_id": village.id,
                                                       "name": "BAN KHUOI"})
    assert clash.status_code == 422 and "đã có trong Xã An Bình" in clash.get_data(as_text=True)
    other_commune = admin_client.post(f"{PAGE}/doi-ten", data={"csrf_token": token,
                                                               "village_id": units["b1"].id, "name": "X"})
    assert other_commune.status_code == 422
    actions = db.session.scalars(select(AdminChange.action).order_by(AdminChange.id)).all()
    assert actions == ["village.add", "village.add", "village.rename"]


def test_duplicate_refused_ignoring_case_and_diacritics(admin_client, units):
    token = csrf_token_in(admin_client.get(PAGE).get_data(as_text=True))
    before = village_count(units["a"])
    for name in ("thon na lau", "THÔN NÀ LẦU", "Thôn  Nà Lầu"):
        response = admin_client.post(PAGE, data={"csrf_token": token, "name": name})
        assert response.status_code == 422, name
        assert "“Thôn Nà Lầu” đã có trong Xã An Bình" in response.get_data(as_text=True)
    empty = admin_client.post(PAGE, data={"csrf_token": token, "name": "  "})
    assert empty.status_code == 422 and "Vui lòng nhập tên" in empty.get_data(as_text=True)
    too_long = admin_client.post(PAGE, data={"csrf_token": token, "name": "x" * 201})
    assert too_long.status_code == 422 and "200 ký tự" in too_long.get_data(as_text=True)
    used_code = admin_client.post(PAGE, data={"csrf_token": token, "name": "Thôn Mới", "code": "T1-B-1"})
    assert used_code.status_code == 422 and "đã được dùng" in used_code.get_data(as_text=True)
    # The same name in another commune is fine.
    assert admin_client.post("/quan-tri/don-vi/T1-B/thon-ban",
                             data={"csrf_token": token, "name": "Thôn Nà Lầu"}).status_code == 302
    assert village_count(units["a"]) == before


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_FILES = [
    ("no-name-column.csv", "ten_thon,code\nThôn Một,\n".encode(), "Thiếu cột: name"),
    ("empty-name.csv", "name,code\nThôn Một,\n,X-9\n".encode(), "Dòng 3: tên thôn, bản trống."),
    ("duplicate.csv", "tên,mã\nThôn Hạ,\nthon ha,\n".encode(), "Dòng 3: tên “thon ha” trùng với dòng 2."),
    ("existing.csv", "name\nBản Khuổi Mới\nban khuoi\n".encode(), "Dòng 3: “Bản Khuổi” đã có trong Xã An Bình."),
    ("formula.xlsx", _xlsx([["name", "code"], ["Thôn Một", None], ['=HYPERLINK("x")', None]]), "Dòng 3: có công thức"),
    ("latin.csv", "name\nThôn Đông Tây\n".encode("cp1258"), "Tệp CSV phải lưu với mã UTF-8"),
    ("big.csv", ("name\n" + "".join(f"Thôn số {i}\n" for i in range(2001))).encode(), "tối đa 2000 dòng"),
    ("huge.csv", b"name\n" + b"x" * (2 * 1024 * 1024 + 10), "Tệp quá lớn: tối đa 2 MB."),
    ("villages.xls", b"name\nThon\n", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("broken.xlsx", b"not a workbook", "Không đọc được tệp Excel"),
]


@pytest.mark.parametrize(("filename", "data", "expected"), BAD_FILES, ids=[f[0] for f in BAD_FILES])
def test_bad_sheets_are_refused_and_import_nothing(admin_client, app, units, filename, data, expected):
    before, uploads = village_count(units["a"]), kept_uploads(app)
    response = upload(admin_client, data, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert expected in html
    assert 'name="token"' not in html  # nothing to confirm
    assert village_count(units["a"]) == before
    assert kept_uploads(app) == uploads  # a refused file is not kept


def test_good_sheet_previews_then_imports_everything(admin_client, app, units):
    sheet = _xlsx([["Tên", "Mã"], ["Thôn Khòn Pá", None], ["Bản Nà Tèn", "T1-A-NT"], [None, None],
                   ["Tổ dân phố 3", None]])
    preview = upload(admin_client, sheet, "thon.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "Thôn Khòn Pá" in html and "T1-A-NT" in html and "T1-A-3" in html
    assert village_count(units["a"]) == 2  # a preview writes nothing
    token = re.search(r'name="token"[^>]*value="([^"]+)"', html).group(1)
    assert any(name.startswith(token) for name in kept_uploads(app))

    csrf = csrf_token_in(html)
    confirmed = admin_client.post(f"{IMPORT}/xac-nhan", data={"csrf_token": csrf, "token": token})
    assert confirmed.status_code == 302
    names = set(db.session.scalars(select(Unit.name).where(Unit.parent_id == units["a"].id)))
    assert {"Thôn Khòn Pá", "Bản Nà Tèn", "Tổ dân phố 3"} <= names and len(names) == 5
    assert db.session.scalar(select(Unit.code).where(Unit.name == "Tổ dân phố 3")) == "T1-A-4"
    assert not any(name.startswith(token) for name in kept_uploads(app))
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "village.import"))
    assert change.unit_id == units["a"].id and "Bản Nà Tèn" in change.after
    again = admin_client.post(f"{IMPORT}/xac-nhan", data={"csrf_token": csrf, "token": token})
    assert again.status_code == 422 and "Không tìm thấy tệp" in again.get_data(as_text=True)
    forged = admin_client.post(f"{IMPORT}/xac-nhan", data={"csrf_token": csrf, "token": "../../secret_key"})
    assert forged.status_code == 422


def test_only_managed_communes(client, users, make_user, login, units):
    login(make_user("admin.a", "admin", units["a"]))
    assert client.get(PAGE).status_code == 200
    assert client.get(IMPORT).status_code == 200
    for url in ("/quan-tri/don-vi/T1-B/thon-ban", "/quan-tri/don-vi/T1-B/nhap-thon-ban",
                "/quan-tri/don-vi/T1/thon-ban", "/quan-tri/don-vi/T1-A-1/thon-ban"):
        assert client.get(url).status_code == 404, url


def test_not_for_a_province(admin_client):
    assert admin_client.get("/quan-tri/don-vi/T1/thon-ban").status_code == 404
    assert admin_client.get("/quan-tri/don-vi/T1/nhap-thon-ban").status_code == 404

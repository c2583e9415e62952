"""Administrators manage people: create, edit, deactivate, reset a password, import a sheet."""
import io
import re

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from opinion.extensions import db
from opinion.models import AdminChange, ApiToken, User
from tests.conftest import PASSWORD, csrf_token_in


@pytest.fixture
def imports_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORTS_FOLDER", str(tmp_path / "imports"))
    return tmp_path / "imports"


@pytest.fixture
def admin_client(client, users, login):
    login(users["admin"])  # a province administrator
    return client


def token_of(client, url):
    return csrf_token_in(client.get(url).get_data(as_text=True))


def temporary_password(html):
    return re.search(r'class="temporary-password">([^<]+)<', html).group(1)


def user_named(username):
    return db.session.scalar(select(User).where(User.username == username))


def logout(client):
    page = client.get("/")  # the home page, or where it sends this role: every page has the logout form
    if page.status_code == 302:
        page = client.get(page.headers["Location"])
    client.post("/dang-xuat", data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})


def test_create_edit_and_deactivate(admin_client, users, units, client, api_token):
    url = "/quan-tri/don-vi/T1-A/nguoi-dung"
    token = token_of(admin_client, url)
    bad = admin_client.post(url, data={"csrf_token": token, "username": "Tên Sai", "full_name": "",
                                       "role": "collaborator", "village": ""})
    assert bad.status_code == 422
    assert "Tên đăng nhập chỉ gồm" in bad.get_data(as_text=True) and "Vui lòng nhập họ tên" in bad.get_data(as_text=True)
    created = admin_client.post(url, data={"csrf_token": token, "username": "ctv.moi", "full_name": "Hoàng Văn Mới",
                                           "role": "collaborator", "village": "T1-A-1", "password": ""})
    assert created.status_code == 200
    password = temporary_password(created.get_data(as_text=True))
    user = user_named("ctv.moi")
    assert user.unit.code == "T1-A" and user.village.code == "T1-A-1" and user.must_change_password
    assert "Hoàng Văn Mới" in admin_client.get(url).get_data(as_text=True)
    assert password not in admin_client.get(url).get_data(as_text=True)  # shown once

    page = f"/quan-tri/don-vi/T1-A/nguoi-dung/{user.id}"
    assert admin_client.post(page, data={"csrf_token": token, "full_name": "Hoàng Văn Mới Sửa", "role": "reviewer",
                                         "unit": "T1-A", "village": "T1-B-1"}).status_code == 422
    edited = admin_client.post(page, data={"csrf_token": token, "full_name": "Hoàng Văn Mới Sửa",
                                           "role": "reviewer", "unit": "T1-A", "village": "T1-A-2"})
    assert edited.status_code == 302
    db.session.refresh(user)
    assert (user.full_name, user.role, user.village.code) == ("Hoàng Văn Mới Sửa", "reviewer", "T1-A-2")

    # The collaborator already holds an app token; deactivating revokes it.
    ctv = users["ctv"]
    app_token = api_token(ctv)
    ctv_page = f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}"
    assert admin_client.post(ctv_page + "/khoa", data={"csrf_token": token}).status_code == 302
    db.session.refresh(ctv)
    assert ctv.active is False
    assert db.session.scalar(select(ApiToken.revoked_at).where(ApiToken.user_id == ctv.id)) is not None
    assert client.get("/api/v1/reports", headers={"Authorization": f"Bearer {app_token}"}).status_code == 401
    refused = client.post("/api/v1/auth/token", json={"username": ctv.username, "password": PASSWORD})
    assert refused.status_code == 401

    changes = db.session.scalars(select(AdminChange).order_by(AdminChange.id)).all()
    assert [c.action for c in changes] == ["user.create", "user.edit", "user.deactivate"]
    assert all(password not in (c.after or "") and "pbkdf2" not in (c.after or "") for c in changes)

    logout(admin_client)
    login_page = client.get("/dang-nhap").get_data(as_text=True)
    response = client.post("/dang-nhap", data={"csrf_token": csrf_token_in(login_page),
                                               "username": ctv.username, "password": PASSWORD})
    assert response.status_code == 422 and "không đúng" in response.get_data(as_text=True)


def test_reactivate_and_admin_cannot_deactivate_themself(admin_client, users):
    admin = users["admin"]
    token = token_of(admin_client, "/quan-tri/don-vi/T1/nguoi-dung")
    response = admin_client.post(f"/quan-tri/don-vi/T1/nguoi-dung/{admin.id}/khoa", data={"csrf_token": token})
    assert "Bạn không thể tự khóa tài khoản" in admin_client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active is True
    ctv = users["ctv"]
    admin_client.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}/khoa", data={"csrf_token": token})
    admin_client.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}/mo-khoa", data={"csrf_token": token})
    db.session.refresh(ctv)
    assert ctv.active is True


def test_reset_password_forces_a_change(admin_client, users, client, login, api_token):
    ctv = users["ctv"]
    old_token = api_token(ctv)
    token = token_of(admin_client, "/quan-tri/don-vi/T1-A/nguoi-dung")
    reset = admin_client.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}/dat-lai-mat-khau",
                              data={"csrf_token": token})
    temporary = temporary_password(reset.get_data(as_text=True))
    db.session.refresh(ctv)
    assert ctv.must_change_password and ctv.check_password(temporary)
    assert client.get("/api/v1/reports", headers={"Authorization": f"Bearer {old_token}"}).status_code == 401
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "user.reset_password"))
    assert temporary not in (change.after or "") and change.before is None
    logout(admin_client)

    refused = client.post("/api/v1/auth/token", json={"username": ctv.username, "password": temporary})
    assert refused.status_code == 403
    assert refused.get_json()["error"]["message"] == "Cần đổi mật khẩu tạm trước khi dùng ứng dụng."

    response = login(ctv, temporary)
    assert client.get(response.headers["Location"]).headers["Location"] == "/doi-mat-khau"
    assert client.get("/bao-cao/thuc-te").headers["Location"] == "/doi-mat-khau"
    form = token_of(client, "/doi-mat-khau")
    same = client.post("/doi-mat-khau", data={"csrf_token": form, "password": temporary, "confirm": temporary})
    assert same.status_code == 422 and "khác mật khẩu tạm" in same.get_data(as_text=True)
    mismatch = client.post("/doi-mat-khau", data={"csrf_token": form, "password": "mat-khau-moi-1",
                                                  "confirm": "mat-khau-moi-2"})
    assert mismatch.status_code == 422 and "không khớp" in mismatch.get_data(as_text=True)
    short = client.post("/doi-mat-khau", data={"csrf_token": form, "password": "ngan", "confirm": "ngan"})
    assert short.status_code == 422 and "ít nhất 12 ký tự" in short.get_data(as_text=True)
    done = client.post("/doi-mat-khau", data={"csrf_token": form, "password": "mat-khau-moi-1",
                                              "confirm": "mat-khau-moi-1"})
    assert done.status_code == 302
    assert client.get("/bao-cao/thuc-te").status_code == 200
    db.session.refresh(ctv)
    assert not ctv.must_change_password
    assert api_token(ctv, "mat-khau-moi-1")
    page = client.get("/doi-mat-khau").get_data(as_text=True)  # now an ordinary change: asks for the current one
    assert "Mật khẩu hiện tại" in page


def test_commune_admin_cannot_manage_another_communes_people(client, users, units, make_user, login):
    commune_admin = make_user("admin.a", "admin", units["a"])
    login(commune_admin)
    assert client.get("/quan-tri/don-vi/T1-A/nguoi-dung").status_code == 200
    assert client.get("/quan-tri/don-vi/T1-B/nguoi-dung").status_code == 404
    assert client.get("/quan-tri/don-vi/T1/nguoi-dung").status_code == 404
    other = users["ctv_b"]
    assert client.get(f"/quan-tri/don-vi/T1-B/nguoi-dung/{other.id}").status_code == 404
    assert client.get(f"/quan-tri/don-vi/T1-A/nguoi-dung/{other.id}").status_code == 404  # not of this commune
    token = token_of(client, "/quan-tri/don-vi/T1-A/nguoi-dung")
    assert client.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{other.id}/khoa",
                       data={"csrf_token": token}).status_code == 404
    assert client.get("/quan-tri/don-vi/T1-B/nhap-nguoi-dung").status_code == 404
    # Moving one's own person into another commune is refused as well.
    ctv = users["ctv"]
    moved = client.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}", data={
        "csrf_token": token, "full_name": ctv.full_name, "role": "collaborator", "unit": "T1-B", "village": ""})
    assert moved.status_code == 422 and "ngoài phạm vi" in moved.get_data(as_text=True)
    assert db.session.scalar(select(User.unit_id).where(User.id == ctv.id)) == units["a"].id


def sheet_bytes(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["username", "full_name", "role", "village", "password"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, url, data, filename):
    """Post a file; the test client spools big bodies to a temporary file it never closes, so close it here."""
    builder = EnvironBuilder(path=url, method="POST", content_type="multipart/form-data",
                             data={"csrf_token": token_of(client, url), "file": (io.BytesIO(data), filename)})
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        builder.close()
        environ["wsgi.input"].close()


def user_count():
    return db.session.scalar(select(func.count(User.id)))


def test_import_preview_shows_row_errors_and_imports_nothing(admin_client, users, imports_folder):
    url = "/quan-tri/don-vi/T1-A/nhap-nguoi-dung"
    before = user_count()
    bad = sheet_bytes([["ctv.mot", "Nguyễn Văn Một", "collaborator", "T1-A-1", None],
                       ["ctv.mot", "Trùng Tên", "ctv", None, None],
                       ["ctv.hai", "Hai", "collaborator", "Thôn Đông", None]])
    response = upload(admin_client, url, bad, "ds.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Dòng 3: tên đăng nhập ctv.mot trùng với dòng 2" in html
    assert "Dòng 4: thôn/bản “Thôn Đông” không thuộc" in html
    assert "Xác nhận nhập" not in html
    assert user_count() == before
    assert not any(imports_folder.glob("*"))  # nothing kept to confirm

    no_csrf = admin_client.post(url, content_type="multipart/form-data",
                                data={"file": (io.BytesIO(bad), "ds.xlsx")})
    assert no_csrf.status_code == 400 and not any(imports_folder.glob("*"))
    wrong_kind = upload(admin_client, url, b"username,full_name,role\n", "ds.txt")
    assert wrong_kind.status_code == 422 and "Chỉ nhận tệp .xlsx hoặc .csv" in wrong_kind.get_data(as_text=True)
    too_big = upload(admin_client, url, b"x" * (2 * 1024 * 1024 + 10), "ds.csv")
    assert too_big.status_code == 422 and "lớn hơn 2 MB" in too_big.get_data(as_text=True)
    far_too_big = upload(admin_client, url, b"x" * (3 * 1024 * 1024), "ds.csv")
    assert far_too_big.status_code == 413 and "lớn hơn 2 MB" in far_too_big.get_data(as_text=True)
    latin = upload(admin_client, url, "username,full_name,role\nctv.b1,Bình,ctv\n".encode("utf-16"), "ds.csv")
    assert latin.status_code == 422 and "UTF-8" in latin.get_data(as_text=True)
    missing = upload(admin_client, url, b"username,full_name\nctv.b1,Binh\n", "ds.csv")
    assert missing.status_code == 422 and "Thiếu cột: role" in missing.get_data(as_text=True)
    assert user_count() == before


def test_a_good_sheet_imports_everyone_after_confirmation(admin_client, users, imports_folder, client, login):
    url = "/quan-tri/don-vi/T1-A/nhap-nguoi-dung"
    before = user_count()
    good = sheet_bytes([[f"ctv{i}.anbinh", f"Cộng tác viên {i}", "ctv", "Thôn Nà Lầu", None if i else "mat-khau-rieng"]
                        for i in range(5)])
    preview = upload(admin_client, url, good, "ds.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Xác nhận nhập 5 người dùng" in html
    assert user_count() == before  # a preview writes nothing
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    assert len(list(imports_folder.glob(f"{token}.xlsx"))) == 1

    done = admin_client.post(url + "/xac-nhan", data={"csrf_token": csrf_token_in(html), "token": token})
    result = done.get_data(as_text=True)
    assert done.status_code == 200 and "Đã tạo 5 người dùng" in result
    assert user_count() == before + 5
    assert not any(imports_folder.glob("*"))  # removed after the import
    again = admin_client.post(url + "/xac-nhan", data={"csrf_token": csrf_token_in(html), "token": token})
    assert again.status_code == 422 and "tải tệp lên lại" in again.get_data(as_text=True)

    own = user_named("ctv0.anbinh")
    assert not own.must_change_password and own.check_password("mat-khau-rieng")
    generated = user_named("ctv1.anbinh")
    assert generated.must_change_password and generated.village.code == "T1-A-1"
    password = re.search(r"ctv1\.anbinh</td><td><code class=\"temporary-password\">([^<]+)<", result).group(1)
    assert generated.check_password(password)
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "user.import"))
    assert "ctv4.anbinh" in change.after and password not in change.after

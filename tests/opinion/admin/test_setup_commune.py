"""The issue's end-to-end scenario: on an empty database, with the commands and the pages alone,
set up a real commune of Lạng Sơn, import 30 collaborators, and have one of them submit a report
that a reviewer of the commune then sees in the queue."""
import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, Unit, User
from tests.conftest import csrf_token_in

ADMIN_PASSWORD = "quan-tri-that-khe"
REPORT_TEXT = "Bà con thôn Nà Pàn phản ánh cầu treo qua suối bị gãy hai tấm ván, học sinh đi lại nguy hiểm."


def page_token(client, url):
    return csrf_token_in(client.get(url).get_data(as_text=True))


def log_out(client):
    page = client.get("/")  # the home page, or where it sends this role: every page has the logout form
    if page.status_code == 302:
        page = client.get(page.headers["Location"])
    client.post("/dang-xuat", data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})


def first_login(client, login, username, temporary, new_password):
    """Log in with a temporary password: the forced change comes before anything else."""
    login(db.session.scalar(select(User).where(User.username == username)), temporary)
    assert client.get("/bao-cao/thuc-te").headers["Location"] == "/doi-mat-khau"
    changed = client.post("/doi-mat-khau", data={"csrf_token": page_token(client, "/doi-mat-khau"),
                                                "password": new_password, "confirm": new_password})
    assert changed.status_code == 302


def test_set_up_a_commune_of_lang_son_from_nothing(runner, client, login, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORTS_FOLDER", str(tmp_path / "imports"))
    assert db.session.scalar(select(func.count(Unit.id))) == 0

    # The system administrator's commands.
    imported = runner.invoke(args=["import-units", "--province", "Lạng Sơn"])
    assert imported.exit_code == 0, imported.output
    commune = db.session.scalar(select(Unit).where(Unit.kind == "commune", Unit.name == "Xã Thất Khê"))
    assert commune is not None and commune.parent.name == "Tỉnh Lạng Sơn"
    created = runner.invoke(args=["create-admin", "quantri.thatkhe", "--unit", commune.code,
                                  "--password", ADMIN_PASSWORD])
    assert created.exit_code == 0, created.output

    # The commune's administrator, on the pages: two villages, then the collaborators.
    login(db.session.scalar(select(User).where(User.username == "quantri.thatkhe")), ADMIN_PASSWORD)
    villages_url = f"/quan-tri/don-vi/{commune.code}/thon-ban"
    for name in ("Thôn Nà Pàn", "Bản Khuổi Pù"):
        added = client.post(villages_url, data={"csrf_token": page_token(client, villages_url), "name": name,
                                                "code": ""})
        assert added.status_code == 302, added.get_data(as_text=True)
    village = db.session.scalar(select(Unit).where(Unit.parent_id == commune.id, Unit.name == "Thôn Nà Pàn"))

    book = Workbook()
    sheet = book.active
    sheet.append(["username", "full_name", "role", "village", "password"])
    for i in range(1, 31):
        sheet.append([f"ctv{i:02d}.thatkhe", f"Cộng tác viên số {i}", "Cộng tác viên",
                      "Thôn Nà Pàn" if i % 2 else "Bản Khuổi Pù", None])
    data = io.BytesIO()
    book.save(data)
    import_url = f"/quan-tri/don-vi/{commune.code}/nhap-nguoi-dung"
    preview = client.post(import_url, content_type="multipart/form-data", data={
        "csrf_token": page_token(client, import_url), "file": (io.BytesIO(data.getvalue()), "ctv-that-khe.xlsx")})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Xác nhận nhập 30 người dùng" in html
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    confirmed = client.post(import_url + "/xac-nhan", data={"csrf_token": csrf_token_in(html), "token": token})
    result = confirmed.get_data(as_text=True)
    assert confirmed.status_code == 200 and "Đã tạo 30 người dùng" in result
    passwords = dict(re.findall(r'<td>([a-z0-9.]+)</td><td><code class="temporary-password">([^<]+)<', result))
    assert len(passwords) == 30
    assert db.session.scalar(select(func.count(User.id)).where(User.unit_id == commune.id,
                                                              User.role == "collaborator")) == 30

    people_url = f"/quan-tri/don-vi/{commune.code}/nguoi-dung"
    reviewer_page = client.post(people_url, data={
        "csrf_token": page_token(client, people_url), "username": "ban35.thatkhe",
        "full_name": "Lương Thị Hà", "role": "reviewer", "village": "", "password": ""})
    assert reviewer_page.status_code == 200
    reviewer_password = re.search(r'class="temporary-password">([^<]+)<',
                                  reviewer_page.get_data(as_text=True)).group(1)
    log_out(client)

    # A collaborator: first the forced password change, then a field report.
    first_login(client, login, "ctv01.thatkhe", passwords["ctv01.thatkhe"], "ctv-mat-khau-rieng")
    form_html = client.get("/bao-cao/thuc-te").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]*)"', form_html).group(1)
    submitted = client.post("/bao-cao/thuc-te", data={
        "csrf_token": csrf_token_in(form_html), "submission_key": key, "text": REPORT_TEXT,
        "source": "truc_tiep", "village": village.code, "observed_at": ""})
    assert submitted.status_code == 302, submitted.get_data(as_text=True)
    report = db.session.scalar(select(Report))
    assert report.unit_id == commune.id and report.village_id == village.id
    log_out(client)

    # The reviewer of the commune sees it in the queue.
    first_login(client, login, "ban35.thatkhe", reviewer_password, "ban35-mat-khau-rieng")
    queue = client.get("/xu-ly/")
    assert queue.status_code == 200
    assert "cầu treo qua suối" in queue.get_data(as_text=True)

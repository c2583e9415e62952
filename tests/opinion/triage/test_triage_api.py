"""Queue, workflow, escalation, label corrections and history through the API."""
import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import LabelCorrection, Report, ReportEvent
from opinion.models.base import utcnow
from opinion.workflow import STATUS_NAMES, TRANSITIONS


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def set_state(report, status, urgency=None, created_at=None):
    report.status = status
    if urgency:
        report.urgency = urgency
    if created_at:
        report.created_at = created_at
    db.session.commit()


BODIES = {"note": "Ghi chú xử lý", "handler": "UBND xã"}


@pytest.mark.parametrize("source, target", list(itertools.product(STATUS_NAMES, STATUS_NAMES)))
def test_transition_table_every_pair(client, users, api_token, make_report, source, target):
    report = make_report(users["ctv"])
    set_state(report, source)
    # The unit that acts: the province for escalated reports, the commune otherwise.
    actor = users["province"] if source == "bao_cao_cap_tren" else users["reviewer"]
    response = client.post(f"/api/v1/reports/{report.id}/transitions",
                           json={"to": target, **BODIES}, headers=bearer(api_token(actor)))
    db.session.refresh(report)
    if target in TRANSITIONS[source]:
        assert response.status_code == 200, response.get_json()
        assert report.status == target
        event = db.session.scalars(select(ReportEvent).where(
            ReportEvent.report_id == report.id, ReportEvent.kind == "transition")).one()
        assert (event.from_status, event.to_status, event.note) == (source, target, "Ghi chú xử lý")
    else:
        assert response.status_code == 409
        error = response.get_json()["error"]
        assert error["code"] == "conflict" and "Không thể chuyển" in error["message"]
        assert report.status == source


def test_transition_needs_what_it_needs(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    set_state(report, "dang_xu_ly")
    token = api_token(users["reviewer"])
    response = client.post(f"/api/v1/reports/{report.id}/transitions",
                           json={"to": "da_chuyen", "note": "Chuyển xử lý"}, headers=bearer(token))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["handler"] == "Vui lòng chọn cơ quan, đơn vị xử lý."
    no_note = client.post(f"/api/v1/reports/{report.id}/transitions",
                          json={"to": "luu_tru"}, headers=bearer(token))
    assert no_note.status_code == 422 and "lý do lưu trữ" in no_note.get_json()["error"]["fields"]["note"]
    db.session.refresh(report)
    assert report.status == "dang_xu_ly"


def test_escalation_round_trip(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    commune, province = api_token(users["reviewer"]), api_token(users["province"])
    for to in ("dang_xu_ly", "bao_cao_cap_tren"):
        assert client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": to, "note": "Vượt thẩm quyền"},
                           headers=bearer(commune)).status_code == 200
    # The province sees it, marked with its commune; the commune can no longer move it.
    queue = client.get("/api/v1/queue", headers=bearer(province)).get_json()
    assert [(i["id"], i["unit"]) for i in queue["items"]] == [(report.id, "T1-A")]
    assert client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": "dang_xu_ly", "note": "x"},
                       headers=bearer(commune)).status_code == 403
    answer = client.post(f"/api/v1/reports/{report.id}/transitions",
                         json={"to": "dang_xu_ly", "note": "Phối hợp Sở Tài nguyên kiểm tra lại giá đất"},
                         headers=bearer(province))
    assert answer.status_code == 200
    assert client.get("/api/v1/queue", headers=bearer(province)).get_json()["items"] == []
    back = client.get("/api/v1/queue?status=dang_xu_ly", headers=bearer(commune)).get_json()
    assert [i["id"] for i in back["items"]] == [report.id]
    history = client.get(f"/api/v1/reports/{report.id}/history", headers=bearer(commune)).get_json()["items"]
    assert history[-1]["note"] == "Phối hợp Sở Tài nguyên kiểm tra lại giá đất"
    assert history[-1]["actor_unit"] == "T1"


def test_visibility_between_units_and_roles(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    other = api_token(users["reviewer_b"])
    assert client.get(f"/api/v1/reports/{report.id}", headers=bearer(other)).status_code == 404
    assert client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": "dang_xu_ly"},
                       headers=bearer(other)).status_code == 404
    assert client.patch(f"/api/v1/reports/{report.id}/labels", json={"topic": "y_te"},
                        headers=bearer(other)).status_code == 404
    assert client.get("/api/v1/queue", headers=bearer(other)).get_json()["items"] == []
    collaborator = api_token(users["ctv"])
    assert client.get("/api/v1/queue", headers=bearer(collaborator)).status_code == 403
    assert client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": "dang_xu_ly"},
                       headers=bearer(collaborator)).status_code == 403
    # The province does not see a commune's report until it is escalated.
    assert client.get(f"/api/v1/reports/{report.id}", headers=bearer(api_token(users["province"]))).status_code == 404


def test_queue_order_filters_and_paging(client, users, api_token, make_report):
    now = utcnow()
    plan = [("thap", 5), ("khan_cap", 1), ("cao", 3), ("khan_cap", 2), ("trung_binh", 4)]
    # Five different matters (near-identical texts would be grouped into one matter).
    texts = iter(["Giá bồi thường đất làm đường tránh quá thấp.", "Bà con tụ tập phản đối cưỡng chế ở thôn Đông.",
                  "Trường thu tiền máy chiếu không họp phụ huynh.", "Trạm y tế hết thuốc huyết áp.",
                  "Cột điện gần nhà văn hóa bị nghiêng sau mưa."])
    made = {}
    for urgency, days in plan:
        report = make_report(users["ctv"], text=next(texts))
        set_state(report, "moi", urgency, now - timedelta(days=days))
        made[(urgency, days)] = report.id
    token = api_token(users["reviewer"])
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/queue?limit=2" + (f"&cursor={cursor}" if cursor else ""),
                          headers=bearer(token)).get_json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    expected = [made[k] for k in [("khan_cap", 2), ("khan_cap", 1), ("cao", 3), ("trung_binh", 4), ("thap", 5)]]
    assert seen == expected
    urgent = client.get("/api/v1/queue?urgency=khan_cap,cao", headers=bearer(token)).get_json()
    assert len(urgent["items"]) == 3
    bad = client.get("/api/v1/queue?urgency=rat_gap&from=hom-qua", headers=bearer(token))
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"urgency", "from"}


def test_search_ignores_diacritics_and_case(client, users, api_token, make_report):
    hit = make_report(users["ctv"], text="Người dân phản ánh Bồi Thường đất làm đường chậm.")
    make_report(users["ctv"], text="Trạm y tế thiếu thuốc điều trị cho người cao tuổi.")
    token = api_token(users["reviewer"])
    for q in ("boi thuong", "BỒI THƯỜNG", "bồi thuong dat"):
        items = client.get(f"/api/v1/queue?q={q}", headers=bearer(token)).get_json()["items"]
        assert [i["id"] for i in items] == [hit.id], q
    assert client.get("/api/v1/queue?q=100%25", headers=bearer(token)).get_json()["items"] == []


def test_overdue_filter_and_flag(client, users, api_token, make_report):
    late = make_report(users["ctv"])
    set_state(late, "moi", "khan_cap", utcnow() - timedelta(hours=6))
    late.due_at = late.created_at + timedelta(hours=4)
    db.session.commit()
    make_report(users["ctv"])
    items = client.get("/api/v1/queue?overdue=1", headers=bearer(api_token(users["reviewer"]))).get_json()["items"]
    assert [(i["id"], i["overdue"]) for i in items] == [(late.id, True)]


def test_label_correction_is_kept_as_gold(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    response = client.patch(f"/api/v1/reports/{report.id}/labels",
                            json={"topic": "y_te", "urgency": "khan_cap"}, headers=bearer(token))
    assert response.status_code == 200
    body = response.get_json()
    assert body["topic"] == "y_te" and body["urgency"] == "khan_cap" and body["needs_review"] is False
    gold = db.session.scalars(select(LabelCorrection).where(LabelCorrection.report_id == report.id)).all()
    assert {(g.field, g.new_value) for g in gold} == {("topic", "y_te"), ("urgency", "khan_cap")}
    bad = client.patch(f"/api/v1/reports/{report.id}/labels", json={"topic": "bong_da"}, headers=bearer(token))
    assert bad.status_code == 422 and bad.get_json()["error"]["fields"]["topic"] == "Nhãn không có trong danh mục."
    kinds = [e["kind"] for e in client.get(f"/api/v1/reports/{report.id}/history",
                                           headers=bearer(token)).get_json()["items"]]
    assert kinds[0] == "submitted" and "corrected" in kinds


def test_collaborator_history_hides_internal_notes(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": "dang_xu_ly", "note": "Nội bộ: kiểm tra"},
                headers=bearer(token))
    client.post(f"/api/v1/reports/{report.id}/transitions",
                json={"to": "da_chuyen", "note": "Nội bộ", "handler": "Công an xã"}, headers=bearer(token))
    items = client.get(f"/api/v1/reports/{report.id}/history",
                       headers=bearer(api_token(users["ctv"]))).get_json()["items"]
    assert all("note" not in i and "actor" not in i for i in items)
    assert items[-1]["handler"] == "Công an xã"


def test_events_cannot_be_changed(users, make_report):
    from opinion.models.events import ImmutableEventError
    report = make_report(users["ctv"])
    event = report.events[0]
    event.note = "sửa lịch sử"
    with pytest.raises(ImmutableEventError):
        db.session.commit()
    db.session.rollback()


def test_unknown_target_status(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    response = client.post(f"/api/v1/reports/{report.id}/transitions", json={"to": "xoa", "note": "x"},
                           headers=bearer(api_token(users["reviewer"])))
    assert response.status_code == 422 and "to" in response.get_json()["error"]["fields"]
    assert db.session.get(Report, report.id).status == "moi"



def test_visibility_for_every_role(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    expected = {"ctv": 200, "ctv2": 404, "ctv_b": 404, "reviewer": 200, "reviewer_b": 404,
                "province": 404, "admin": 404}
    for who, status in expected.items():
        response = client.get(f"/api/v1/reports/{report.id}", headers=bearer(api_token(users[who])))
        assert response.status_code == status, who
    set_state(report, "bao_cao_cap_tren")
    for who in ("province", "admin"):  # escalated: the province's reviewers and administrator
        response = client.get(f"/api/v1/reports/{report.id}", headers=bearer(api_token(users[who])))
        assert response.status_code == 200, who

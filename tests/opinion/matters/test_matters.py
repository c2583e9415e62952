"""Matters (vụ việc): grouping on submission, the queue showing a matter once, merge and split,
matter-wide transitions, urgency lift, units kept apart, monthly counts."""
import json
from datetime import timedelta

from sqlalchemy import select

from classifier.text import fold
from opinion.errors import Conflict
from opinion.extensions import db
from opinion.models import Matter, Report, ReportEvent
from opinion.models.base import utcnow
from opinion.services import labels, matters
from opinion.services.monthly import Month, monthly_figures
from tests.conftest import csrf_token_in

POST = "https://www.facebook.com/groups/xaanbinh/posts/123456789"
LANDSLIDE = ("Qua nắm bắt tại thôn Nà Lầu, đoạn đường từ cầu treo lên khu Cốc Phường bị sạt taluy dương "
             "khoảng 30 m, đất đá lấp kín mặt đường, xe máy không qua được.")
LANDSLIDE_REWORDED = ("Bà con thôn Nà Lầu báo đường từ cầu treo đi Cốc Phường bị sạt lở, đất đá lấp kín mặt "
                      "đường khoảng 30 m, xe máy không qua được, đề nghị xã cho máy xúc.")
OTHER_LANDSLIDE = ("Tại thôn Nà Lầu, đường xuống bãi ngô ven suối bị sụt nửa mặt đường phía taluy âm, vết nứt "
                   "dài khoảng 15 m, có nguy cơ sụt tiếp nếu mưa to.")
FEE = "Phụ huynh điểm trường Bản Khuổi phản ánh nhà trường thu 350 nghìn đồng mỗi em tiền mua máy chiếu."


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def events(report, kind):
    return list(db.session.scalars(select(ReportEvent).where(
        ReportEvent.report_id == report.id, ReportEvent.kind == kind).order_by(ReportEvent.id)))


def test_same_link_from_two_collaborators_is_one_matter(client, users, make_report, api_token):
    first = make_report(users["ctv"], text="Bài đăng nói xã thu tiền đổi sổ đỏ sau sáp nhập.",
                        kind="social", source="mang_xa_hoi", url=POST)
    second = make_report(users["ctv2"], text="Trên Facebook có bài viết về trạm y tế thiếu thuốc.",
                         kind="social", source="mang_xa_hoi", url=POST + "?mibextid=abc")
    assert first.matter_id is not None
    assert second.matter_id == first.matter_id
    assert json.loads(events(second, "matter_join")[0].data)["reason"] == "link"

    token = api_token(users["reviewer"])
    body = client.get(f"/api/v1/reports/{second.id}", headers=bearer(token)).get_json()
    assert body["group"] == first.matter_id
    queue = client.get("/api/v1/queue", headers=bearer(token)).get_json()["items"]
    assert [item["id"] for item in queue] == [first.id]  # the matter shows once, by its oldest report
    assert queue[0]["group"] == first.matter_id


def test_reports_without_diacritics_join_and_a_different_matter_in_the_same_village_does_not(users, make_report):
    first = make_report(users["ctv"], text=LANDSLIDE)
    same = make_report(users["ctv2"], text=fold(LANDSLIDE_REWORDED))
    other = make_report(users["ctv2"], text=OTHER_LANDSLIDE)
    assert same.matter_id is not None and same.matter_id == first.matter_id
    assert other.matter_id is None


def test_a_report_alone_has_no_group_and_no_similar_for_collaborators(client, users, make_report, api_token):
    report = make_report(users["ctv"], text=FEE)
    body = client.get(f"/api/v1/reports/{report.id}", headers=bearer(api_token(users["ctv"]))).get_json()
    assert body["group"] is None
    assert "similar" not in body


def test_another_units_reports_are_never_grouped_with_yours(client, users, make_report, api_token):
    mine = make_report(users["ctv"], text=LANDSLIDE, kind="social", source="mang_xa_hoi", url=POST)
    theirs = make_report(users["ctv_b"], text=LANDSLIDE, kind="social", source="mang_xa_hoi", url=POST)
    assert mine.matter_id is None and theirs.matter_id is None
    assert matters.find_similar(theirs, utcnow()) == []
    assert matters.suggested_ids(theirs) == []
    # Not even by hand: the other commune's report is not visible (404), and the service refuses.
    response = client.post(f"/api/v1/reports/{mine.id}/matter", json={"action": "merge", "report": theirs.id},
                           headers=bearer(api_token(users["reviewer"])))
    assert response.status_code == 422
    try:
        matters.merge(mine, theirs, users["reviewer"], utcnow())
    except Conflict:
        db.session.rollback()
    else:
        raise AssertionError("merge across communes was accepted")
    assert db.session.get(Report, mine.id).matter_id is None


def test_similar_but_not_close_enough_is_suggested_to_reviewers(app, client, users, make_report, api_token):
    app.config["MATTER_JOIN_THRESHOLD"] = 0.99  # everything similar is then only suggested
    try:
        first = make_report(users["ctv"], text=LANDSLIDE)
        second = make_report(users["ctv2"], text=LANDSLIDE_REWORDED)
    finally:
        app.config["MATTER_JOIN_THRESHOLD"] = 0.37
    assert second.matter_id is None
    token = api_token(users["reviewer"])
    body = client.get(f"/api/v1/reports/{second.id}", headers=bearer(token)).get_json()
    assert body["similar"] == [first.id]
    queue = {item["id"]: item["similar"] for item in client.get("/api/v1/queue", headers=bearer(token)).get_json()["items"]}
    assert queue == {first.id: [second.id], second.id: [first.id]}
    # Once merged, they are no longer suggestions but one matter.
    client.post(f"/api/v1/reports/{first.id}/matter", json={"action": "merge", "report": second.id},
                headers=bearer(token))
    body = client.get(f"/api/v1/reports/{second.id}", headers=bearer(token)).get_json()
    assert body["similar"] == [] and body["group"] is not None


def test_merge_and_split_through_the_pages_are_recorded(client, users, make_report, login):
    a = make_report(users["ctv"], text=LANDSLIDE)
    b = make_report(users["ctv2"], text=FEE)
    c = make_report(users["ctv2"], text=OTHER_LANDSLIDE)
    assert a.matter_id is None and b.matter_id is None
    login(users["reviewer"])
    page = client.get(f"/xu-ly/bao-cao/{a.id}")
    assert "Gộp với báo cáo số" in page.get_data(as_text=True)
    for other in (b, c):
        token = csrf_token_in(client.get(f"/xu-ly/bao-cao/{a.id}").get_data(as_text=True))
        response = client.post(f"/xu-ly/bao-cao/{a.id}/gop", data={"csrf_token": token, "other": other.id})
        assert response.status_code == 302, response.get_data(as_text=True)
    matter_id = db.session.get(Report, a.id).matter_id
    assert matter_id is not None
    assert {r.id for r in matters.members(matter_id)} == {a.id, b.id, c.id}
    assert events(b, "matter_merge") and events(c, "matter_merge") and events(a, "matter_merge")

    page = client.get(f"/xu-ly/bao-cao/{a.id}").get_data(as_text=True)
    assert "3 báo cáo · 2 cộng tác viên" in page
    assert "Tách khỏi vụ việc" in page
    token = csrf_token_in(page)
    response = client.post(f"/xu-ly/bao-cao/{b.id}/tach", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.get(Report, b.id).matter_id is None
    assert db.session.get(Report, a.id).matter_id == matter_id
    split = events(b, "matter_split")
    assert len(split) == 1 and split[0].actor_id == users["reviewer"].id

    history = client.get(f"/xu-ly/bao-cao/{b.id}").get_data(as_text=True)
    assert "Tách khỏi vụ việc #" in history and "Gộp vụ việc" in history


def test_taking_out_the_last_but_one_report_dissolves_the_matter(users, make_report):
    a = make_report(users["ctv"], text=LANDSLIDE)
    b = make_report(users["ctv2"], text=LANDSLIDE)
    matter_id = a.matter_id
    assert matter_id is not None and b.matter_id == matter_id
    matters.split(b, users["reviewer"], utcnow())
    db.session.commit()
    assert db.session.get(Report, a.id).matter_id is None
    assert db.session.get(Matter, matter_id) is None
    assert not db.session.get(Report, a.id).queue_hidden


def test_a_matter_transition_moves_every_report_with_its_own_event(client, users, make_report, api_token):
    reports = [make_report(user, text=LANDSLIDE) for user in (users["ctv"], users["ctv2"], users["ctv"])]
    assert len({r.matter_id for r in reports}) == 1
    token = api_token(users["reviewer"])
    response = client.post(f"/api/v1/reports/{reports[1].id}/transitions",
                           json={"to": "dang_xu_ly", "note": "Đã giao thôn kiểm tra"}, headers=bearer(token))
    assert response.status_code == 200, response.get_json()
    for report in reports:
        db.session.refresh(report)
        assert report.status == "dang_xu_ly"
        moves = [e for e in events(report, "transition") if e.to_status == "dang_xu_ly"]
        assert len(moves) == 1 and moves[0].actor_id == users["reviewer"].id


def test_a_matter_transition_that_one_report_does_not_allow_is_refused_whole(client, users, make_report, api_token):
    a = make_report(users["ctv"], text=LANDSLIDE)
    b = make_report(users["ctv2"], text=FEE)
    token = api_token(users["reviewer"])
    client.post(f"/api/v1/reports/{a.id}/transitions", json={"to": "dang_xu_ly"}, headers=bearer(token))
    response = client.post(f"/api/v1/reports/{a.id}/matter", json={"action": "merge", "report": b.id},
                           headers=bearer(token))
    assert response.status_code == 200 and response.get_json()["group"] is not None
    # a is being checked, b still new: a hand-off (da_chuyen) is not allowed from "moi".
    response = client.post(f"/api/v1/reports/{a.id}/transitions",
                           json={"to": "da_chuyen", "note": "Chuyển UBND xã", "handler": "UBND xã"},
                           headers=bearer(token))
    assert response.status_code == 409
    assert f"#{b.id}" in response.get_json()["error"]["message"]
    db.session.expire_all()
    assert db.session.get(Report, a.id).status == "dang_xu_ly"
    assert db.session.get(Report, b.id).status == "moi"


def test_many_reports_in_a_day_lift_the_matters_urgency_with_the_reason(client, users, make_report, api_token):
    reports = [make_report(users["ctv"] if i % 2 else users["ctv2"], text=LANDSLIDE) for i in range(5)]
    matter_id = reports[0].matter_id
    assert {r.matter_id for r in reports} == {matter_id}
    now = utcnow()
    for report in reports:
        labels.correct_labels(report, users["reviewer"], {"urgency": "trung_binh"}, now)
    db.session.commit()
    matter = db.session.get(Matter, matter_id)
    assert matter.urgency_lift == "cao"
    assert "5 báo cáo trong 24 giờ" in matter.lift_reason
    head = next(r for r in reports if not r.queue_hidden)
    assert events(head, "matter_lift")
    # Due as a "cao" matter: 24 hours instead of the 72 of "trung_binh".
    assert head.due_at == head.created_at + timedelta(hours=24)
    token = api_token(users["reviewer"])
    lifted = client.get("/api/v1/queue?urgency=cao", headers=bearer(token)).get_json()["items"]
    assert [item["id"] for item in lifted] == [head.id]
    assert client.get("/api/v1/queue?urgency=trung_binh", headers=bearer(token)).get_json()["items"] == []

    # Four reports are not enough: taking one out removes the lift.
    matters.split(reports[4], users["reviewer"], utcnow())
    db.session.commit()
    assert db.session.get(Matter, matter_id).urgency_lift is None
    assert db.session.get(Report, head.id).due_at == head.created_at + timedelta(hours=72)


def test_the_queue_page_shows_a_matter_once_with_its_counts(client, users, make_report, login):
    a = make_report(users["ctv"], text=LANDSLIDE, village="T1-A-1")
    b = make_report(users["ctv2"], text=LANDSLIDE, village="T1-A-2")
    login(users["reviewer"])
    html = client.get("/xu-ly/").get_data(as_text=True)
    assert f'value="{a.id}"' in html and f'value="{b.id}"' not in html
    assert "Vụ việc: 2 báo cáo · 2 CTV · 2 thôn" in html


def test_monthly_figures_count_matters_and_reports(users, make_report):
    make_report(users["ctv"], text=LANDSLIDE)
    make_report(users["ctv2"], text=LANDSLIDE)
    make_report(users["ctv2"], text=FEE)
    now = utcnow()
    totals = monthly_figures(users["ctv"].unit, Month.containing(now), now)["totals"]
    assert totals["reports"] == 3
    assert totals["matters"] == 2


def test_a_report_joining_a_matter_being_checked_follows_it_and_a_handed_on_one_is_only_suggested(
        users, make_report):
    from opinion.services import triage

    checked = make_report(users["ctv"], text=LANDSLIDE)
    triage.transition(checked, users["reviewer"], "dang_xu_ly", None, utcnow())
    db.session.commit()
    joining = make_report(users["ctv2"], text=LANDSLIDE_REWORDED)
    assert joining.matter_id == checked.matter_id is not None
    assert joining.status == "dang_xu_ly"
    catch_up = events(joining, "transition")
    assert len(catch_up) == 1 and catch_up[0].actor_id is None and f"#{joining.matter_id}" in catch_up[0].note

    handed = make_report(users["ctv"], text=FEE, kind="social", source="mang_xa_hoi", url=POST)
    triage.transition(handed, users["reviewer"], "dang_xu_ly", None, utcnow())
    triage.transition(handed, users["reviewer"], "da_chuyen", "Chuyển trường", utcnow(), handler="Trường tiểu học")
    db.session.commit()
    late = make_report(users["ctv2"], text="Bài đăng về khoản thu máy chiếu.", kind="social",
                       source="mang_xa_hoi", url=POST)
    assert late.matter_id is None and late.status == "moi"
    assert matters.suggested_ids(late) == [handed.id]


def test_an_escalated_matter_goes_up_and_comes_back_whole(client, users, make_report, api_token):
    reports = [make_report(user, text=LANDSLIDE) for user in (users["ctv"], users["ctv2"])]
    commune, province = api_token(users["reviewer"]), api_token(users["province"])
    for to, note in (("dang_xu_ly", None), ("bao_cao_cap_tren", "Xin ý kiến tỉnh về kinh phí khắc phục.")):
        response = client.post(f"/api/v1/reports/{reports[0].id}/transitions", json={"to": to, "note": note},
                               headers=bearer(commune))
        assert response.status_code == 200, response.get_json()
    queue = client.get("/api/v1/queue", headers=bearer(province)).get_json()["items"]
    assert [item["id"] for item in queue] == [reports[0].id]
    response = client.post(f"/api/v1/reports/{reports[0].id}/transitions",
                           json={"to": "dang_xu_ly", "note": "Xã bố trí máy xúc, tỉnh hỗ trợ sau."},
                           headers=bearer(province))
    assert response.status_code == 200, response.get_json()
    for report in reports:
        db.session.refresh(report)
        assert report.status == "dang_xu_ly"


def test_reports_from_before_matters_are_indexed_by_the_reindex_command(runner, users, make_report):
    from opinion.models import ReportToken

    old = make_report(users["ctv"], text=LANDSLIDE)
    # As a report received before migration 0007: no words, no index rows.
    db.session.execute(ReportToken.__table__.delete().where(ReportToken.report_id == old.id))
    old.similarity_words = None
    db.session.commit()
    assert make_report(users["ctv2"], text=LANDSLIDE_REWORDED).matter_id is None
    result = runner.invoke(args=["matters-reindex"])
    assert result.exit_code == 0, result.output
    assert "cho 1 báo cáo đang mở" in result.output  # the other was indexed on submission
    assert make_report(users["ctv"], text=LANDSLIDE).matter_id is not None
    assert runner.invoke(args=["matters-reindex"]).output.strip().endswith("cho 0 báo cáo đang mở.")

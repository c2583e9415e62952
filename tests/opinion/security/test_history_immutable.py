"""A report's history is append-only: no request can change or remove an event, and the
database layer refuses it even to our own code."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import ReportEvent
from opinion.models.events import ImmutableEventError


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_history_only_grows(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    history = f"/api/v1/reports/{report.id}/history"
    before = client.get(history, headers=_bearer(token)).get_json()["items"]
    steps = [("transitions", "post", {"to": "dang_xu_ly", "note": "Kiểm tra tại thôn."}),
             ("labels", "patch", {"topic": "dat_dai"}),
             ("transitions", "post", {"to": "da_giai_quyet", "note": "Đã trả lời bà con."})]
    for path, method, body in steps:
        answer = getattr(client, method)(f"/api/v1/reports/{report.id}/{path}", json=body, headers=_bearer(token))
        assert answer.status_code == 200, answer.get_json()
        after = client.get(history, headers=_bearer(token)).get_json()["items"]
        assert after[:len(before)] == before and len(after) > len(before)
        before = after


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_no_request_can_edit_the_history(client, users, api_token, make_report, method):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    answer = getattr(client, method)(f"/api/v1/reports/{report.id}/history", json={"events": []},
                                     headers=_bearer(token))
    assert answer.status_code == 405
    assert len(client.get(f"/api/v1/reports/{report.id}/history", headers=_bearer(token)).get_json()["items"]) >= 1


def test_the_database_layer_refuses_to_change_or_delete_an_event(users, make_report):
    report = make_report(users["ctv"])
    event = db.session.scalar(select(ReportEvent).where(ReportEvent.report_id == report.id))
    event.note = "sửa lại lịch sử"
    with pytest.raises(ImmutableEventError):
        db.session.flush()
    db.session.rollback()
    event = db.session.scalar(select(ReportEvent).where(ReportEvent.report_id == report.id))
    db.session.delete(event)
    with pytest.raises(ImmutableEventError):
        db.session.flush()
    db.session.rollback()

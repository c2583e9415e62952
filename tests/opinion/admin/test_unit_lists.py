"""Administrators keep handling bodies and times to first action per unit; changes are recorded."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import AdminChange, HandlingBody
from tests.conftest import csrf_token_in


@pytest.fixture
def admin_client(client, users, login):
    login(users["admin"])  # a province administrator
    return client


def test_add_and_retire_a_handling_body(admin_client, users, login, client):
    page = admin_client.get("/quan-tri/don-vi/T1-A/danh-muc").get_data(as_text=True)
    token = csrf_token_in(page)
    assert admin_client.post("/quan-tri/don-vi/T1-A/co-quan",
                             data={"csrf_token": token, "name": "Trường THCS An Bình"}).status_code == 302
    duplicate = admin_client.post("/quan-tri/don-vi/T1-A/co-quan",
                                  data={"csrf_token": token, "name": "  Trường THCS   An Bình "})
    assert duplicate.status_code == 422 and "đã có trong danh sách" in duplicate.get_data(as_text=True)
    body = db.session.scalar(select(HandlingBody))
    admin_client.post(f"/quan-tri/don-vi/T1-A/co-quan/{body.id}/ngung", data={"csrf_token": token})
    db.session.refresh(body)
    assert body.active is False
    actions = db.session.scalars(select(AdminChange.action).order_by(AdminChange.id)).all()
    assert actions == ["handling_body.add", "handling_body.retire"]


def test_reviewer_is_offered_the_units_bodies(client, users, login, make_report):
    db.session.add(HandlingBody(unit_id=users["reviewer"].unit_id, name="Đồn Biên phòng", position=0))
    db.session.commit()
    report = make_report(users["ctv"])
    login(users["reviewer"])
    assert "Đồn Biên phòng" in client.get(f"/xu-ly/bao-cao/{report.id}").get_data(as_text=True)


def test_unit_due_hours_set_the_overdue_time(admin_client, users, make_report):
    token = csrf_token_in(admin_client.get("/quan-tri/don-vi/T1-A/danh-muc").get_data(as_text=True))
    bad = admin_client.post("/quan-tri/don-vi/T1-A/thoi-han", data={"csrf_token": token, "due_khan_cap": "0"})
    assert bad.status_code == 422 and "Số giờ phải là số nguyên" in bad.get_data(as_text=True)
    ok = admin_client.post("/quan-tri/don-vi/T1-A/thoi-han", data={"csrf_token": token, "due_trung_binh": "12"})
    assert ok.status_code == 302
    report = make_report(users["ctv"])  # untagged: the middle urgency applies
    assert report.due_at - report.created_at == timedelta(hours=12)
    other = make_report(users["ctv_b"], village=None)
    assert other.due_at - other.created_at == timedelta(hours=72)
    change = db.session.scalar(select(AdminChange).where(AdminChange.action == "due_hours.set"))
    assert change.before == "{}" and '"trung_binh": 12' in change.after


def test_commune_admin_cannot_manage_another_commune(client, users, make_user, login, units):
    commune_admin = make_user("admin.a", "admin", units["a"])
    login(commune_admin)
    assert client.get("/quan-tri/don-vi/T1-A/danh-muc").status_code == 200
    assert client.get("/quan-tri/don-vi/T1-B/danh-muc").status_code == 404
    assert client.get("/quan-tri/don-vi/T1/danh-muc").status_code == 404


def test_reviewer_cannot_reach_administration(client, users, login):
    login(users["reviewer"])
    assert client.get("/quan-tri/").status_code == 403

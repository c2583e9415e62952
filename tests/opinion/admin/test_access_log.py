"""The access log records reads of reports and every export; administrators see it; nobody edits it."""
import pytest
from sqlalchemy import select

from opinion.extensions import db
from opinion.models import AccessRecord


def records():
    return list(db.session.scalars(select(AccessRecord).order_by(AccessRecord.id)))


def test_reads_and_exports_are_recorded(client, users, login, api_token, make_report):
    report = make_report(users["ctv"])
    login(users["reviewer"])
    assert client.get(f"/xu-ly/bao-cao/{report.id}").status_code == 200
    assert client.get("/reports/monthly.xlsx").status_code == 200
    token = api_token(users["reviewer"])
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/reports/{report.id}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/reports/{report.id}/history", headers=headers).status_code == 200
    assert client.get("/api/v1/stats/monthly", headers=headers).status_code == 200
    logged = [(r.user_id, r.action, r.report_id) for r in records()]
    reviewer = users["reviewer"].id
    assert logged == [(reviewer, "report_read", report.id), (reviewer, "export", None),
                      (reviewer, "report_read", report.id), (reviewer, "history_read", report.id),
                      (reviewer, "export", None)]
    assert records()[1].detail.endswith(".xlsx") and records()[1].unit_id == users["reviewer"].unit_id


def test_a_collaborator_reading_their_own_report_is_not_logged(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    token = api_token(users["ctv"])
    assert client.get(f"/api/v1/reports/{report.id}", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert records() == []


def test_refused_reads_are_not_logged_as_reads(client, users, login, make_report):
    report = make_report(users["ctv"])
    login(users["reviewer_b"])  # another commune
    assert client.get(f"/xu-ly/bao-cao/{report.id}").status_code == 404
    assert records() == []


def test_administrators_see_the_log_of_their_units_only(client, users, login, logout, make_user, units,
                                                       make_report):
    report = make_report(users["ctv"])
    login(users["reviewer"])
    client.get(f"/xu-ly/bao-cao/{report.id}")
    logout()
    login(users["admin"])  # the province's administrator
    html = client.get("/quan-tri/nhat-ky-truy-cap").get_data(as_text=True)
    assert f"#{report.id}" in html and users["reviewer"].full_name in html
    logout()
    login(make_user("admin.b", "admin", units["b"]))  # commune B's administrator
    assert f"#{report.id}" not in client.get("/quan-tri/nhat-ky-truy-cap").get_data(as_text=True)
    logout()
    login(users["reviewer"])
    assert client.get("/quan-tri/nhat-ky-truy-cap").status_code == 403


def test_the_log_cannot_be_changed(client, users, login, make_report):
    report = make_report(users["ctv"])
    login(users["reviewer"])
    client.get(f"/xu-ly/bao-cao/{report.id}")
    record = records()[0]
    record.action = "export"
    with pytest.raises(RuntimeError):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(RuntimeError):
        db.session.delete(records()[0])
        db.session.commit()
    db.session.rollback()

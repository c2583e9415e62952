"""Malformed, mistyped and oversized requests on every kind of endpoint get a clear Vietnamese
answer with the right status, never a 500, and change nothing."""
import json

import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, ReportEvent
from tests.conftest import csrf_token_in


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def _events() -> int:
    return db.session.scalar(select(func.count(ReportEvent.id)))


@pytest.mark.parametrize("method, path", [
    ("POST", "/api/v1/reports/{id}/transitions"),
    ("PATCH", "/api/v1/reports/{id}/labels"),
    ("POST", "/api/v1/auth/token"),
])
@pytest.mark.parametrize("body, content_type, status", [
    ("{\"to\": ", "application/json", 400),               # broken JSON
    ("[1, 2]", "application/json", 400),                  # JSON, but not an object
    ("\"dang_xu_ly\"", "application/json", 400),          # a bare string
    ("to=dang_xu_ly", "application/x-www-form-urlencoded", 422),
    ("<to>dang_xu_ly</to>", "application/xml", 422),
    ("{\"to\": \"dang_xu_ly\"}", "text/plain", 422),
    ("\xff\xfe{", "application/json", 400),              # not UTF-8
])
def test_malformed_bodies_are_refused_in_vietnamese(client, users, api_token, make_report,
                                                    method, path, body, content_type, status):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    before = _events()
    data = body.encode("latin-1") if body.startswith("\xff") else body.encode()
    answer = client.open(path.format(id=report.id), method=method, data=data,
                         headers={**_bearer(token), "Content-Type": content_type})
    assert answer.status_code == status, answer.get_data(as_text=True)
    error = answer.get_json()["error"]
    assert error["code"] in ("malformed_json", "validation_error") and error["message"]
    assert any(letter in error["message"] for letter in "ảầơướệ")  # Vietnamese, with its diacritics
    assert _events() == before
    db.session.refresh(report)
    assert report.status == "moi"


def test_wrong_types_inside_json_are_field_errors(client, users, api_token):
    token = api_token(users["ctv"])
    answer = client.post("/api/v1/reports", headers={**_bearer(token), "Idempotency-Key": "k" * 20},
                         json={"kind": ["field"], "text": {"a": 1}, "source": 7, "observed_at": "hôm qua"})
    assert answer.status_code == 422
    fields = answer.get_json()["error"]["fields"]
    assert {"kind", "text", "source"} <= set(fields)
    assert db.session.scalar(select(func.count(Report.id))) == 0


def test_an_over_long_text_is_a_field_error_and_a_huge_form_a_vietnamese_413(app, client, users, login):
    login(users["ctv"])
    form = client.get("/bao-cao/thuc-te").get_data(as_text=True)
    long = client.post("/bao-cao/thuc-te", data={"csrf_token": csrf_token_in(form), "source": "truc_tiep",
                                                 "text": "Đường sạt lở. " * 100_000})
    assert long.status_code == 422 and "Nội dung quá dài" in long.get_data(as_text=True)
    limit = app.config["REPORT_FORM_MAX_BYTES"]  # room for a photo; every other form has 1 MB
    huge = client.post("/bao-cao/thuc-te", data={"csrf_token": csrf_token_in(form), "source": "truc_tiep",
                                                 "text": "x" * (limit + 1)})
    assert huge.status_code == 413
    page = huge.get_data(as_text=True)
    assert "<html" in page and "quá lớn" in page.lower() and "Traceback" not in page
    assert db.session.scalar(select(func.count(Report.id))) == 0


def test_an_oversized_json_body_on_any_endpoint_is_413(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    token = api_token(users["reviewer"])
    big = json.dumps({"to": "dang_xu_ly", "note": "Ghi chú " * 200_000})
    answer = client.post(f"/api/v1/reports/{report.id}/transitions", data=big,
                         headers={**_bearer(token), "Content-Type": "application/json"})
    assert answer.status_code == 413 and answer.get_json()["error"]["code"] == "too_large"


def test_a_wrong_method_is_405_with_allow(client):
    answer = client.put("/api/v1/reports")
    assert answer.status_code == 405
    assert answer.get_json()["error"]["code"] == "method_not_allowed"
    assert "POST" in answer.headers["Allow"]

"""Rate limits on login, tokens and submissions: a Vietnamese 429, nothing else changes."""
import pytest

from tests.conftest import csrf_token_in


@pytest.fixture
def limits_on(app):
    from opinion.extensions import limiter
    limiter.reset()
    yield
    limiter.reset()


def test_token_endpoint_is_rate_limited(client, users, limits_on, app):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    try:
        codes = [client.post("/api/v1/auth/token", json={"username": "ctv.a", "password": "sai"}).status_code
                 for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        body = client.post("/api/v1/auth/token", json={"username": "ctv.a", "password": "x"}).get_json()
        assert body["error"]["code"] == "rate_limited" and "thử lại" in body["error"]["message"]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"


def test_login_page_is_rate_limited(client, users, limits_on, app):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    try:
        token = csrf_token_in(client.get("/dang-nhap").get_data(as_text=True))
        for _ in range(2):
            client.post("/dang-nhap", data={"username": "ctv.a", "password": "sai", "csrf_token": token})
        blocked = client.post("/dang-nhap", data={"username": "ctv.a", "password": "sai", "csrf_token": token})
        assert blocked.status_code == 429 and "Quá nhiều yêu cầu" in blocked.get_data(as_text=True)
        assert client.get("/dang-nhap").status_code == 200  # reading the page is not limited
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"


def _field_form(client):
    import re
    page = client.get("/bao-cao/thuc-te").get_data(as_text=True)
    return {"csrf_token": csrf_token_in(page), "source": "truc_tiep",
            "submission_key": re.search(r'name="submission_key"[^>]*value="([^"]+)"', page).group(1),
            "text": "Bà con phản ánh đường liên thôn bị sạt lở sau mưa."}


def test_submissions_are_limited_per_person_not_per_address(client, users, limits_on, app, login, api_token):
    import uuid

    from sqlalchemy import func, select

    from opinion.extensions import db
    from opinion.models import Report
    app.config["SUBMIT_RATE_LIMIT"] = "2 per hour"
    try:
        login(users["ctv"])
        codes = [client.post("/bao-cao/thuc-te", data=_field_form(client)).status_code for _ in range(3)]
        assert codes == [302, 302, 429]
        assert client.get("/bao-cao/thuc-te").status_code == 200  # the form still opens
        # Another collaborator behind the same carrier address is not affected.
        token = api_token(users["ctv2"])
        sent = client.post("/api/v1/reports", json={"kind": "field", "source": "truc_tiep",
                                                    "text": "Người dân hỏi về tiền hỗ trợ sau lũ."},
                           headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())})
        assert sent.status_code == 201
        assert db.session.scalar(select(func.count(Report.id))) == 3
    finally:
        app.config["SUBMIT_RATE_LIMIT"] = "10000 per minute"

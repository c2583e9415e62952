"""Sessions and tokens end when they should: at logout, at expiry, when an account is
deactivated or its password changes, and a copied cookie dies with its session."""
from datetime import timedelta

from sqlalchemy import select, update

from opinion.extensions import db
from opinion.models import ApiToken, UserSession
from opinion.models.base import utcnow
from tests.conftest import PASSWORD, csrf_token_in

NEW_PASSWORD = "đồi-chè-xanh-2026"


def _copy_session(app, client):
    """A second browser holding a copy of `client`'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_logout_ends_the_session_on_the_server(app, client, users, login, logout):
    login(users["ctv"])
    thief = _copy_session(app, client)
    assert thief.get("/bao-cao/cua-toi").status_code == 200
    logout()
    assert client.get("/bao-cao/cua-toi").status_code == 302
    assert thief.get("/bao-cao/cua-toi").status_code == 302  # the copy is dead too
    assert db.session.scalar(select(UserSession.revoked_at)) is not None


def test_each_login_is_a_new_session(client, users, login, logout):
    login(users["ctv"])
    first = client.get_cookie("session").value
    logout()
    login(users["ctv"])
    assert client.get_cookie("session").value != first
    assert len(db.session.scalars(select(UserSession)).all()) == 2


def test_a_session_past_its_lifetime_is_over(client, users, login):
    login(users["ctv"])
    assert client.get("/bao-cao/cua-toi").status_code == 200
    db.session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = client.get("/bao-cao/cua-toi")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_login_session_lasts_the_configured_lifetime(app, client, users, login):
    before = utcnow()
    response = login(users["ctv"])
    record = db.session.scalar(select(UserSession))
    lifetime = app.config["PERMANENT_SESSION_LIFETIME"]
    assert before + lifetime <= record.expires_at <= utcnow() + lifetime
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Expires=" in cookie  # the browser drops it too


def test_deactivation_ends_sessions_and_tokens_for_good(app, client, users, login, logout, api_token):
    ctv = users["ctv"]
    token = api_token(ctv)
    login(ctv)
    thief = _copy_session(app, client)
    admin = app.test_client()
    page = admin.get("/dang-nhap").get_data(as_text=True)
    admin.post("/dang-nhap", data={"username": users["admin"].username, "password": PASSWORD,
                                   "csrf_token": csrf_token_in(page)})
    people = admin.get(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}").get_data(as_text=True)
    form = csrf_token_in(people)
    assert admin.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}/khoa", data={"csrf_token": form}).status_code == 302
    assert thief.get("/bao-cao/cua-toi").status_code == 302
    assert client.get("/api/v1/reports?mine=1", headers=_bearer(token)).status_code == 401
    # Reactivating the account does not bring the old session or token back.
    assert admin.post(f"/quan-tri/don-vi/T1-A/nguoi-dung/{ctv.id}/mo-khoa", data={"csrf_token": form}).status_code == 302
    assert thief.get("/bao-cao/cua-toi").status_code == 302
    assert client.get("/api/v1/reports?mine=1", headers=_bearer(token)).status_code == 401


def test_changing_ones_password_ends_the_other_sessions_and_tokens(app, client, users, login):
    ctv = users["ctv"]
    token = app.test_client().post("/api/v1/auth/token", json={"username": ctv.username, "password": PASSWORD})
    token = token.get_json()["token"]
    other_phone = app.test_client()
    page = other_phone.get("/dang-nhap").get_data(as_text=True)
    other_phone.post("/dang-nhap", data={"username": ctv.username, "password": PASSWORD,
                                         "csrf_token": csrf_token_in(page)})
    assert other_phone.get("/bao-cao/cua-toi").status_code == 200

    login(ctv)
    form = csrf_token_in(client.get("/doi-mat-khau").get_data(as_text=True))
    wrong = client.post("/doi-mat-khau", data={"csrf_token": form, "current": "khong-phai-mat-khau",
                                               "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng" in wrong.get_data(as_text=True)
    assert other_phone.get("/bao-cao/cua-toi").status_code == 200  # a refused change ends nothing

    done = client.post("/doi-mat-khau", data={"csrf_token": form, "current": PASSWORD,
                                              "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get("/bao-cao/cua-toi").status_code == 200  # this browser stays in
    assert other_phone.get("/bao-cao/cua-toi").status_code == 302
    assert client.get("/api/v1/reports?mine=1", headers=_bearer(token)).status_code == 401
    db.session.refresh(ctv)
    assert ctv.check_password(NEW_PASSWORD)


def test_api_logout_revokes_only_that_token(client, users, api_token):
    first, second = api_token(users["ctv"]), api_token(users["ctv"])
    assert client.delete("/api/v1/auth/token", headers=_bearer(first)).status_code == 204
    refused = client.get("/api/v1/reports?mine=1", headers=_bearer(first))
    assert refused.status_code == 401
    assert refused.get_json()["error"]["message"] == "Mã truy cập không hợp lệ hoặc đã bị thu hồi."
    assert client.get("/api/v1/reports?mine=1", headers=_bearer(second)).status_code == 200
    assert client.delete("/api/v1/auth/token").status_code == 401


def test_token_expires_at_its_lifetime(app, client, users):
    before = utcnow()
    answer = client.post("/api/v1/auth/token", json={"username": users["ctv"].username, "password": PASSWORD})
    record = db.session.scalar(select(ApiToken))
    assert answer.get_json()["expires_at"].startswith(record.expires_at.strftime("%Y-%m-%dT%H:%M"))
    assert record.expires_at >= before + app.config["API_TOKEN_LIFETIME"]
    db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    expired = client.get("/api/v1/reports?mine=1", headers=_bearer(answer.get_json()["token"]))
    assert expired.status_code == 401 and expired.get_json()["error"]["code"] == "token_expired"

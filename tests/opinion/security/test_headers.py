"""Security headers on every kind of response, HSTS only over HTTPS, Secure cookies in production."""
import pytest

from tests.conftest import csrf_token_in

PATHS = ("/dang-nhap", "/healthz", "/api/v1/openapi.json", "/khong-co", "/api/v1/khong-co",
         "/static/css/app.css", "/xu-ly/")


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_headers(client, path):
    response = client.get(path)
    response.close()  # static files are streamed
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored anyway


@pytest.mark.parametrize("path", PATHS)
def test_hsts_over_https(client, path):
    response = client.get(path, base_url="https://localhost")
    response.close()
    headers = response.headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_never_carry_inline_script(client, users, login):
    login(users["reviewer"])
    for path in ("/xu-ly/", "/bao-cao-thang"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


def test_session_cookie_is_secure_httponly_lax_in_production(app, client, users):
    app.config["SESSION_COOKIE_SECURE"] = True  # as ProductionConfig sets it (test_config checks that)
    try:
        page = client.get("/dang-nhap", base_url="https://localhost").get_data(as_text=True)
        answer = client.post("/dang-nhap", base_url="https://localhost", data={
            "username": users["ctv"].username, "password": "mat-khau-thu-nghiem",
            "csrf_token": csrf_token_in(page)})
        cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith("session="))
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False

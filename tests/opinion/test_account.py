"""Login and logout, and roles on the collaborator's pages."""
from opinion.models import User
from tests.conftest import csrf_token_in as csrf_from


def test_login_and_logout(client, users, login):
    login(users["ctv"])
    home = client.get("/")
    assert "Báo cáo thực tế" in home.get_data(as_text=True)
    token = csrf_from(home.get_data(as_text=True))
    response = client.post("/dang-xuat", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, users):
    token = csrf_from(client.get("/dang-nhap").get_data(as_text=True))
    response = client.post("/dang-nhap", data={"username": "ctv.a", "password": "sai-mat-khau",
                                               "csrf_token": token})
    assert response.status_code == 422
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_without_csrf_token_is_refused(client, users):
    response = client.post("/dang-nhap", data={"username": "ctv.a", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_deactivated_user_cannot_log_in(client, users, app):
    from opinion.extensions import db
    users["ctv"].active = False
    db.session.commit()
    token = csrf_from(client.get("/dang-nhap").get_data(as_text=True))
    response = client.post("/dang-nhap", data={"username": "ctv.a", "password": "mat-khau-thu-nghiem",
                                               "csrf_token": token})
    assert response.status_code == 422


def test_password_is_hashed(users):
    user: User = users["ctv"]
    assert "mat-khau-thu-nghiem" not in user.password_hash
    assert user.check_password("mat-khau-thu-nghiem")


def test_login_redirects_only_to_local_paths(client, users):
    token = csrf_from(client.get("/dang-nhap").get_data(as_text=True))
    response = client.post("/dang-nhap?next=https://evil.example/x", data={
        "username": "ctv.a", "password": "mat-khau-thu-nghiem", "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_anonymous_is_sent_to_login(client, app):
    response = client.get("/bao-cao/thuc-te")
    assert response.status_code == 302
    assert "/dang-nhap" in response.headers["Location"]


def test_reviewer_cannot_open_collaborator_forms(client, users, login):
    login(users["reviewer"])
    assert client.get("/bao-cao/thuc-te").status_code == 403
    assert "Không có quyền truy cập" in client.get("/bao-cao/cua-toi").get_data(as_text=True)


def test_session_cookie_flags(client, users, login):
    response = login(users["ctv"])
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_security_headers_on_pages_and_api(client, app):
    for path in ("/dang-nhap", "/healthz", "/api/v1/openapi.json", "/khong-co"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"

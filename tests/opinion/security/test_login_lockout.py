"""Login lockout: five failures for one username within 15 minutes lock it for 15 minutes, on
the login page and the token endpoint alike, for known and unknown usernames alike."""
from datetime import timedelta

from sqlalchemy import func, select

from opinion.auth import LoginLocked, authenticate
from opinion.extensions import db
from opinion.models import LoginFailure
from opinion.models.base import utcnow
from opinion.services import login_guard
from tests.conftest import PASSWORD, csrf_token_in

LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."


def _page_login(client, username, password):
    token = csrf_token_in(client.get("/dang-nhap").get_data(as_text=True))
    return client.post("/dang-nhap", data={"username": username, "password": password, "csrf_token": token})


def _token_login(client, username, password):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password})


def _failures(username):
    return db.session.scalar(select(func.count(LoginFailure.id)).where(
        LoginFailure.username_hash == login_guard.key_for(username)))


def test_five_failures_lock_the_login_page_even_for_the_right_password(client, users):
    for _ in range(5):
        response = _page_login(client, "ctv.a", "sai-mat-khau-roi")
        assert response.status_code == 422
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    locked = _page_login(client, "ctv.a", PASSWORD)
    assert locked.status_code == 422
    assert LOCKED in locked.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not logged in
    # the lock holds on the API too, and does not touch other people
    api = _token_login(client, "ctv.a", PASSWORD)
    assert api.status_code == 429
    assert api.get_json()["error"] == {"code": "login_locked", "message": LOCKED}
    assert _token_login(client, "ctv2.a", PASSWORD).status_code == 200


def test_token_endpoint_failures_lock_the_login_page(client, users):
    for _ in range(5):
        assert _token_login(client, "CTV.A ", "sai-mat-khau-roi").status_code == 401
    assert _failures("ctv.a") == 5
    assert LOCKED in _page_login(client, "ctv.a", PASSWORD).get_data(as_text=True)


def test_unknown_usernames_are_locked_the_same_way(client, users):
    known = [_token_login(client, "ctv.a", "sai-mat-khau-roi").get_json() for _ in range(6)]
    unknown = [_token_login(client, "khong.ton.tai", "sai-mat-khau-roi").get_json() for _ in range(6)]
    assert known == unknown
    assert unknown[-1]["error"]["message"] == LOCKED
    page = _page_login(client, "khong.ton.tai", PASSWORD)
    assert LOCKED in page.get_data(as_text=True)


def test_success_resets_the_count(client, users):
    for _ in range(4):
        _page_login(client, "ctv.a", "sai-mat-khau-roi")
    assert _token_login(client, "ctv.a", PASSWORD).status_code == 200
    assert _failures("ctv.a") == 0
    for _ in range(4):
        _page_login(client, "ctv.a", "sai-mat-khau-roi")
    assert _page_login(client, "ctv.a", PASSWORD).status_code == 302


def test_lock_ends_after_fifteen_minutes(app, users):
    start = utcnow()
    for minute in range(5):
        assert authenticate("ctv.a", "sai-mat-khau-roi", now=start + timedelta(minutes=minute)) is None
    during = start + timedelta(minutes=18)  # 14 minutes after the fifth failure
    try:
        authenticate("ctv.a", PASSWORD, now=during)
    except LoginLocked as locked:
        assert str(locked) == LOCKED
    else:
        raise AssertionError("the right password must be refused while locked")
    after = start + timedelta(minutes=19, seconds=1)
    assert authenticate("ctv.a", PASSWORD, now=after) == users["ctv"]


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(app, users):
    start = utcnow() - timedelta(hours=1)
    for minute in (0, 5, 10, 15, 20):  # never five within 15 minutes
        login_guard.record_failure("ctv.a", start + timedelta(minutes=minute))
    assert not login_guard.is_locked("ctv.a", start + timedelta(minutes=21))
    login_guard.record_failure("ctv.a", start + timedelta(minutes=21))
    login_guard.record_failure("ctv.a", start + timedelta(minutes=22))
    assert login_guard.is_locked("ctv.a", start + timedelta(minutes=23))  # 10, 15, 20, 21, 22
    assert not login_guard.is_locked("ctv.a", start + timedelta(minutes=38))

"""CSRF on every form: each non-API POST route, sent without a token by someone who may use it
and with fields that would otherwise do something, answers 400 and changes nothing.

The two report forms are the deliberate exception: they check the token themselves and answer
422 with the typed text kept ("Nội dung vẫn còn..."), so a collaborator whose page sat open past
the token's lifetime loses nothing; they too save nothing."""
from sqlalchemy import select

from opinion.extensions import db
from tests.conftest import PASSWORD, IsolatedClient, csrf_token_in

# Fields of every form in the app, filled plausibly: without CSRF protection most would act.
PAYLOAD = {
    "username": "ctv.moi", "full_name": "Hoàng Văn Mới", "role": "collaborator", "village": "T1-A-1",
    "password": "mat-khau-moi-rat-dai", "confirm": "mat-khau-moi-rat-dai", "text": "Đường vào bản bị sạt lở.",
    "source": "truc_tiep", "url": "https://www.facebook.com/groups/1/posts/2", "name": "Tên mới",
    "code": "moi", "to_status": "dang_xu_ly", "note": "Ghi chú", "topic": "giao_thong",
    "sentiment": "tieu_cuc", "urgency": "cao", "report_ids": "1", "hours": "48", "action": "chuyen",
    "submission_key": "khoa-gui-12345678", "token": "abc", "observed_at": "",
}
# Report forms: refused without a token, but the page comes back with the text kept.
KEEPS_TEXT = {"intake.new_field_report", "intake.new_social_post"}


def _snapshot() -> dict:
    db.session.expire_all()
    tables = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        tables[table.name] = sorted(repr(tuple(r)) for r in rows)
    db.session.rollback()
    return tables


def _client(app, user):
    app.test_client_class = IsolatedClient
    client = app.test_client()
    if user is not None:
        token = csrf_token_in(client.get("/dang-nhap").get_data(as_text=True))
        assert client.post("/dang-nhap", data={"username": user.username, "password": PASSWORD,
                                                "csrf_token": token}).status_code == 302
    return client


def _url(rule, ids) -> str:
    return (rule.rule.replace("<int:report_id>", str(ids["report"])).replace("<code>", "T1-A")
            .replace("<int:body_id>", str(ids["body"])).replace("<user_id>", str(ids["person"]))
            .replace("<name>", "xu-huong"))


def test_every_form_refuses_a_post_without_csrf_token(app, users, units, make_user, make_report):
    from opinion.models import HandlingBody
    person = make_user("ctv3.a", "collaborator", units["a"], units["a1"])
    report = make_report(users["ctv"])
    body = HandlingBody(unit_id=units["a"].id, name="Phòng Tài nguyên và Môi trường")
    db.session.add(body)
    db.session.commit()
    ids = {"report": report.id, "person": person.id, "body": body.id}
    # who may use each kind of route: the refusal must come from CSRF, not from permissions
    clients = {"public": _client(app, None), "any": _client(app, users["ctv"]),
               "collaborator": _client(app, users["ctv"]), "reviewer": _client(app, users["reviewer"]),
               "admin": _client(app, users["admin"])}
    before = _snapshot()
    checked = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.startswith("/api/") or "POST" not in rule.methods:
            continue
        roles = app.view_functions[rule.endpoint].required_roles
        client = clients["admin" if "admin" in roles and "reviewer" not in roles
                         else "reviewer" if "reviewer" in roles else roles[0]]
        response = client.post(_url(rule, ids), data=PAYLOAD)
        if rule.endpoint in KEEPS_TEXT:
            assert response.status_code == 422, (rule.rule, response.status_code)
            assert "Nội dung vẫn còn, vui lòng bấm gửi lại" in response.get_data(as_text=True)
            assert PAYLOAD["text"] in response.get_data(as_text=True)
        else:
            assert response.status_code == 400, (rule.rule, response.status_code)
        checked.append(rule.endpoint)
    assert _snapshot() == before
    assert len(checked) >= 20 and "account.logout" in checked and "account.login" in checked
    # the refused logout did not end the session
    assert clients["any"].get("/").status_code == 200

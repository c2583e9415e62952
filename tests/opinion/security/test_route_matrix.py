"""Every route of the app × six roles, against a table of expected statuses. A route added later
without a row here fails the test, so its permissions are decided on purpose.

Placeholders point at commune A: a report written there by a collaborator (not escalated, so the
province does not see it), a person of commune A for the people pages. Forms are sent with a valid
CSRF token and no fields; API bodies are `{}`: the status then shows who got past the permission
layer (a form or validation answer) and who was stopped (401/403/404, or 302 to the login page)."""
import pytest

from opinion.extensions import db
from opinion.services import photos
from tests.conftest import PASSWORD, IsolatedClient, csrf_token_in
from tests.images import tiny_jpeg

ROLES = ("anonymous", "collaborator", "reviewer", "other_reviewer", "province_reviewer", "admin")
ROLE_USERS = {"collaborator": "ctv", "reviewer": "reviewer", "other_reviewer": "reviewer_b",
              "province_reviewer": "province", "admin": "admin"}


def row(anonymous, collaborator, reviewer, other_reviewer, province_reviewer, admin):
    return dict(zip(ROLES, (anonymous, collaborator, reviewer, other_reviewer, province_reviewer, admin),
                    strict=True))


# (endpoint, method): statuses for anonymous, collaborator, reviewer of commune A, reviewer of
# commune B, province reviewer, province administrator.
EXPECTED = {
    ("account.change_password", "GET"): row(302, 200, 200, 200, 200, 200),
    ("account.change_password", "POST"): row(302, 422, 422, 422, 422, 422),
    ("account.login", "GET"): row(200, 302, 302, 302, 302, 302),
    ("account.login", "POST"): row(422, 302, 302, 302, 302, 302),
    ("account.logout", "POST"): row(302, 302, 302, 302, 302, 302),
    ("admin.access_records", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.add_body", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.add_topic", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.add_village", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.confirm_import", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.confirm_villages_import", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.deactivate_person", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.due_hours", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.import_people", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.import_people", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.import_villages", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.index", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.lists", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.people", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.people", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.person", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.person", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.preview_villages_import", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.reactivate_person", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.rename_topic", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.rename_village", "POST"): row(302, 403, 403, 403, 403, 422),
    ("admin.reset_person_password", "POST"): row(302, 403, 403, 403, 403, 200),
    ("admin.restore_topic", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.retire_body", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.retire_topic", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.settings", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.settings", "POST"): row(302, 403, 403, 403, 403, 302),
    ("admin.topics_list", "GET"): row(302, 403, 403, 403, 403, 200),
    ("admin.villages_list", "GET"): row(302, 403, 403, 403, 403, 200),
    ("api.auth_token", "POST"): row(401, 401, 401, 401, 401, 401),
    ("api.revoke_token", "DELETE"): row(401, 204, 204, 204, 204, 204),
    ("api.correct_labels", "PATCH"): row(401, 403, 422, 404, 404, 404),
    ("api.create_report", "POST"): row(401, 422, 403, 403, 403, 403),
    ("api.get_report", "GET"): row(401, 200, 200, 404, 404, 404),
    ("api.history", "GET"): row(401, 200, 200, 404, 404, 404),
    ("api.list_reports", "GET"): row(401, 200, 200, 200, 200, 200),
    ("api.matter", "POST"): row(401, 403, 422, 404, 404, 404),
    ("api.monthly_stats", "GET"): row(401, 403, 200, 200, 200, 200),
    ("api.openapi", "GET"): row(200, 200, 200, 200, 200, 200),
    ("api.queue", "GET"): row(401, 403, 200, 200, 200, 200),
    ("api.transition", "POST"): row(401, 403, 422, 404, 404, 404),
    ("api.units", "GET"): row(401, 200, 200, 200, 200, 200),
    ("health.healthz", "GET"): row(200, 200, 200, 200, 200, 200),
    ("health.readyz", "GET"): row(200, 200, 200, 200, 200, 200),
    ("intake.home", "GET"): row(302, 200, 302, 302, 302, 302),
    ("intake.my_reports", "GET"): row(302, 200, 403, 403, 403, 403),
    ("intake.new_field_report", "GET"): row(302, 200, 403, 403, 403, 403),
    ("intake.new_field_report", "POST"): row(302, 422, 403, 403, 403, 403),
    ("intake.new_social_post", "GET"): row(302, 200, 403, 403, 403, 403),
    ("intake.new_social_post", "POST"): row(302, 422, 403, 403, 403, 403),
    ("intake.report_detail", "GET"): row(302, 200, 403, 403, 403, 403),
    # The photo follows the report's visibility: its author and commune A's reviewer.
    ("intake.report_photo", "GET"): row(302, 200, 200, 404, 404, 404),
    ("intake.send_token", "GET"): row(302, 200, 403, 403, 403, 403),
    ("offline.manifest", "GET"): row(200, 200, 200, 200, 200, 200),
    ("offline.service_worker", "GET"): row(200, 200, 200, 200, 200, 200),
    ("reports.monthly_chart", "GET"): row(302, 403, 200, 200, 200, 200),
    ("reports.monthly_docx_file", "GET"): row(302, 403, 200, 200, 200, 200),
    ("reports.monthly_page", "GET"): row(302, 403, 200, 200, 200, 200),
    ("reports.monthly_xlsx_file", "GET"): row(302, 403, 200, 200, 200, 200),
    ("triage.bulk", "POST"): row(302, 403, 302, 302, 302, 302),
    ("triage.correct_labels", "POST"): row(302, 403, 422, 404, 404, 404),
    ("triage.queue", "GET"): row(302, 403, 200, 200, 200, 200),
    ("triage.merge", "POST"): row(302, 403, 422, 404, 404, 404),
    ("triage.report", "GET"): row(302, 403, 200, 404, 404, 404),
    ("triage.split", "POST"): row(302, 403, 409, 404, 404, 404),
    ("triage.transition", "POST"): row(302, 403, 422, 404, 404, 404),
}


def _url(rule, ids) -> str:
    return (rule.rule.replace("<int:report_id>", str(ids["report"])).replace("<code>", "T1-A")
            .replace("<int:body_id>", str(ids["body"])).replace("<user_id>", str(ids["person"]))
            .replace("<name>", "xu-huong"))


def _requests(app, ids):
    """(endpoint, method, url); the two logouts last: they end the session and the token the other
    requests use."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, _url(rule, ids)))
    return sorted(found, key=lambda item: (item[0] in ("account.logout", "api.revoke_token"), item[0], item[1]))


def _session(app, user):
    client = app.test_client()
    if user is not None:
        token = csrf_token_in(client.get("/dang-nhap").get_data(as_text=True))
        response = client.post("/dang-nhap", data={"username": user.username, "password": PASSWORD,
                                                    "csrf_token": token})
        assert response.status_code == 302
    return client


def _csrf(client) -> str:
    page = client.get("/dang-nhap")
    if page.status_code == 302:  # logged in: every page carries the logout form
        page = client.get("/")
        if page.status_code == 302:
            page = client.get(page.headers["Location"])
    return csrf_token_in(page.get_data(as_text=True))


def _bearer(client, user) -> dict:
    if user is None:
        return {}
    response = client.post("/api/v1/auth/token", json={"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.fixture
def matrix_data(app, users, units, make_user, make_report):
    from opinion.models import HandlingBody
    person = make_user("ctv3.a", "collaborator", units["a"], units["a1"])
    report = make_report(users["ctv"])
    photos.attach_photo(report, *photos.clean_photo(tiny_jpeg()))
    body = HandlingBody(unit_id=units["a"].id, name="Phòng Tài nguyên và Môi trường")
    db.session.add(body)
    db.session.commit()
    return {"report": report.id, "person": person.id, "body": body.id}


def _measure(app, users, ids) -> dict:
    app.test_client_class = IsolatedClient
    requests = _requests(app, ids)
    measured = {(endpoint, method): {} for endpoint, method, _ in requests}
    for role in ROLES:
        user = users[ROLE_USERS[role]] if role in ROLE_USERS else None
        client = _session(app, user)
        bearer = _bearer(client, user)
        for endpoint, method, url in requests:
            if url.startswith("/api/"):
                kwargs = {"headers": bearer}
                if method in ("POST", "PATCH", "PUT"):
                    kwargs["json"] = {}
                if endpoint == "api.auth_token":
                    # wrong credentials, a different unknown name per role: no lockout
                    kwargs["json"] = {"username": f"khong.ai.{role}", "password": "khong-dung-dau"}
            elif method == "GET":
                kwargs = {}
            else:
                kwargs = {"data": {"csrf_token": _csrf(client)}}
            response = client.open(url, method=method, **kwargs)
            measured[(endpoint, method)][role] = response.status_code
            db.session.rollback()
    return measured


def test_every_route_answers_every_role_as_the_table_says(app, users, matrix_data):
    measured = _measure(app, users, matrix_data)
    unlisted = sorted(f"{endpoint} {method}: {row}" for (endpoint, method), row in measured.items()
                      if (endpoint, method) not in EXPECTED)
    assert unlisted == [], "routes without an expected row:\n" + "\n".join(unlisted)
    wrong = [f"{key}: expected {EXPECTED[key]}, got {got}" for key, got in measured.items() if EXPECTED[key] != got]
    assert wrong == [], "\n".join(wrong)
    gone = sorted(set(EXPECTED) - set(measured))
    assert gone == [], f"rows for routes that no longer exist: {gone}"

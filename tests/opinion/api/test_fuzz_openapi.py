"""Fuzz every operation of the OpenAPI document with schemathesis, in-process over WSGI.

The app is built once for this module (SQLite, migrated, seeded with a commune, a collaborator
and a reviewer), because the suite's fixtures are function-scoped and Hypothesis runs many
examples per test. Each example must not end in a 5xx, and its response must match the
document: a documented status code, the documented content type and a body of the documented
schema. Examples are derandomized so CI runs the same cases every time.
"""
import json
import tempfile
import uuid
from pathlib import Path

import pytest
import schemathesis
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from opinion import config, create_app
from opinion.api.openapi import openapi_document
from opinion.extensions import db
from opinion.models import Report, Unit, User
from opinion.services import intake

PASSWORD = "mat-khau-thu-nghiem"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# Operations only a collaborator may call; every other one is fuzzed as the commune's reviewer.
COLLABORATOR_OPERATIONS = {("POST", "/api/v1/reports"), ("GET", "/api/v1/reports")}
SEEDED_REPORT_IDS = (1, 2, 3)


def build_app(instance: Path):
    """A migrated SQLite app with a commune, a collaborator, a reviewer and three reports."""
    app = create_app(config.TestConfig(instance, f"sqlite:///{instance / 'fuzz.db'}"))
    with app.app_context():
        upgrade()
        province = Unit(code="F1", name="Tỉnh Thử Nghiệm", kind="province")
        commune = Unit(code="F1-A", name="Xã An Bình", kind="commune", parent=province)
        village = Unit(code="F1-A-1", name="Thôn Nà Lầu", kind="village", parent=commune)
        db.session.add_all([province, commune, village])
        people = {}
        for username, role, village_unit in (("ctv.fuzz", "collaborator", village),
                                             ("ban35.fuzz", "reviewer", None)):
            user = User(username=username, full_name=f"Người dùng {username}", role=role,
                        unit=commune, village=village_unit, active=True)
            user.set_password(PASSWORD)
            db.session.add(user)
            people[role] = user
        db.session.commit()
        # A few reports, so report_id paths sometimes hit a real one.
        for _ in SEEDED_REPORT_IDS:
            intake.submit_report(people["collaborator"], intake.Submission(
                kind="field", source="truc_tiep", submission_key=uuid.uuid4().hex,
                text="Người dân thôn phản ánh đường vào bản bị sạt lở, xe máy không đi được."))
        db.session.commit()
        assert sorted(r.id for r in db.session.query(Report)) == list(SEEDED_REPORT_IDS)
        db.session.remove()
    return app


# Built at import, because schemathesis parametrizes the tests from the schema at collection
# time and needs the app then (the suite's fixtures are function-scoped).
INSTANCE = tempfile.TemporaryDirectory(prefix="opinion-fuzz-")
APP = build_app(Path(INSTANCE.name))
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module")
def fuzz_app():
    yield APP
    with APP.app_context():
        db.engine.dispose()
    INSTANCE.cleanup()


@pytest.fixture(scope="module")
def auth_headers(fuzz_app):
    client = fuzz_app.test_client()
    headers = {}
    for role, username in (("collaborator", "ctv.fuzz"), ("reviewer", "ban35.fuzz")):
        response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.get_json()
        headers[role] = {"Authorization": f"Bearer {response.get_json()['token']}"}
    return headers


def test_fuzzed_document_is_the_one_the_code_builds():
    assert schema.raw_schema == json.loads(json.dumps(openapi_document()))


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, fuzz_app, auth_headers):
    operation = (case.method.upper(), case.path)
    role = "collaborator" if operation in COLLABORATOR_OPERATIONS else "reviewer"
    report_id = (case.path_parameters or {}).get("report_id")
    if isinstance(report_id, int) and report_id % 2 == 0:
        # Half the generated ids point at a seeded report, so the 200 paths get fuzzed too.
        case.path_parameters["report_id"] = SEEDED_REPORT_IDS[report_id // 2 % len(SEEDED_REPORT_IDS)]
    case.call_and_validate(headers=auth_headers[role], checks=CHECKS, app=fuzz_app)

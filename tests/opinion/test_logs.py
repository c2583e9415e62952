"""Structured logs: a request id on every response and JSON lines without personal content."""
import json
import logging

from opinion.logs import REQUEST_ID_HEADER, JsonFormatter


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz").headers[REQUEST_ID_HEADER]
    second = client.get("/healthz").headers[REQUEST_ID_HEADER]
    assert len(first) == 32 and first != second


def test_a_sane_incoming_request_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", headers={REQUEST_ID_HEADER: "nginx-abc12345"}).headers[REQUEST_ID_HEADER] == "nginx-abc12345"
    replaced = client.get("/healthz", headers={REQUEST_ID_HEADER: "<script>alert(1)</script>"})
    assert replaced.headers[REQUEST_ID_HEADER] != "<script>alert(1)</script>"


def test_access_lines_are_json_with_request_id_and_no_query_text(client, users, login, caplog):
    login(users["reviewer"])
    caplog.set_level(logging.INFO, logger="opinion.access")
    response = client.get("/xu-ly/?q=Nguy%E1%BB%85n+V%C4%83n+A", headers={REQUEST_ID_HEADER: "req-00000001"})
    assert response.status_code == 200
    records = [r for r in caplog.records if r.name == "opinion.access"]
    assert records
    with client.application.test_request_context():
        line = JsonFormatter().format(records[-1])
    entry = json.loads(line)
    assert entry["request_id"] == "req-00000001"
    assert entry["status"] == 200 and entry["route"] == "/xu-ly/" and entry["path"] == "/xu-ly/"
    assert entry["user_id"] == str(users["reviewer"].id) and entry["duration_ms"] >= 0
    assert "Nguyễn" not in line and "q=" not in line

"""The JSON API of contract.md: tokens, reports, idempotency, units, errors."""
import uuid

import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import ApiToken, Report
from opinion.models.base import utcnow


def auth(token: str, key: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return headers


def report_count() -> int:
    return db.session.scalar(select(func.count(Report.id)))


FIELD = {"kind": "field", "text": "Người dân Nà Lầu phản ánh giá bồi thường đất làm đường quá thấp.",
         "source": "truc_tiep", "village": "T1-A-1"}
SOCIAL = {"kind": "social", "text": "Video TikTok nói xã thu tiền cấp lại giấy tờ sau sáp nhập.",
          "source": "mang_xa_hoi",
          "url": "https://vt.tiktok.com/ZS8abcd/?utm_source=copy"}


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_token_and_create_report(client, users, api_token):
    token = api_token(users["ctv"])
    response = client.post("/api/v1/reports", json=FIELD, headers=auth(token, str(uuid.uuid4())))
    assert response.status_code == 201
    body = response.get_json()
    for key in ("id", "kind", "text", "source", "url", "platform", "unit", "village", "created_at",
                "status", "topic", "urgency", "sentiment", "topic_confidence", "urgency_confidence",
                "sentiment_confidence", "needs_review", "overdue", "group"):
        assert key in body
    assert body["unit"] == "T1-A" and body["village"] == "T1-A-1" and body["status"] == "moi"
    assert "similar" not in body  # reviewers only
    fetched = client.get(f"/api/v1/reports/{body['id']}", headers=auth(token))
    assert fetched.status_code == 200 and fetched.get_json()["text"] == FIELD["text"]


def test_same_idempotency_key_creates_one_report(client, users, api_token):
    token = api_token(users["ctv"])
    key = str(uuid.uuid4())
    first = client.post("/api/v1/reports", json=SOCIAL, headers=auth(token, key))
    second = client.post("/api/v1/reports", json=SOCIAL, headers=auth(token, key))
    assert first.status_code == 201 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]
    assert report_count() == 1
    assert first.get_json()["platform"] == "tiktok"


def test_same_key_from_another_user_is_another_report(client, users, api_token):
    key = str(uuid.uuid4())
    a = client.post("/api/v1/reports", json=FIELD, headers=auth(api_token(users["ctv"]), key))
    b = client.post("/api/v1/reports", json={**FIELD, "village": None},
                    headers=auth(api_token(users["ctv2"]), key))
    assert a.status_code == b.status_code == 201
    assert report_count() == 2


@pytest.mark.parametrize("body, field, message", [
    ({**FIELD, "text": ""}, "text", "Vui lòng nhập nội dung báo cáo."),
    ({**FIELD, "text": "x" * 10_000}, "text", "Nội dung quá dài"),
    ({**FIELD, "source": "tin_don"}, "source", "Nguồn thông tin không hợp lệ."),
    ({**FIELD, "village": "T1-B-1"}, "village", "Thôn/bản không thuộc xã của bạn"),
    ({**SOCIAL, "url": "javascript:alert(1)"}, "url", "http:// hoặc https://"),
    ({**SOCIAL, "url": "not a url"}, "url", ""),
    ({k: v for k, v in SOCIAL.items() if k != "url"}, "url", "đường liên kết"),
    ({**FIELD, "kind": "rumour"}, "kind", "Giá trị không nằm trong danh sách cho phép."),
    ({**FIELD, "text": 123}, "text", "Giá trị phải là chuỗi ký tự."),
    ({k: v for k, v in FIELD.items() if k != "source"}, "source", "Thiếu trường bắt buộc này."),
    ({**FIELD, "observed_at": "2026-13-45"}, "observed_at", "ISO 8601"),
    ({**FIELD, "observed_at": "2026-11-01T08:00:00"}, "observed_at", "múi giờ"),
])
def test_invalid_reports_get_vietnamese_field_errors(client, users, api_token, body, field, message):
    response = client.post("/api/v1/reports", json=body,
                           headers=auth(api_token(users["ctv"]), str(uuid.uuid4())))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert message in error["fields"][field]
    assert report_count() == 0


def test_malformed_json_and_wrong_content_type(client, users, api_token):
    token = api_token(users["ctv"])
    broken = client.post("/api/v1/reports", data="{not json", headers={
        **auth(token), "Content-Type": "application/json"})
    assert broken.status_code == 400
    assert broken.get_json()["error"]["code"] == "malformed_json"
    as_form = client.post("/api/v1/reports", data={"text": "x"}, headers=auth(token))
    assert as_form.status_code == 422
    array = client.post("/api/v1/reports", json=[FIELD], headers=auth(token))
    assert array.status_code == 400
    assert report_count() == 0


def test_bad_idempotency_key_is_refused(client, users, api_token):
    response = client.post("/api/v1/reports", json=FIELD,
                           headers=auth(api_token(users["ctv"]), "x y"))
    assert response.status_code == 400
    assert "Idempotency-Key" in response.get_json()["error"]["message"]


def test_requests_without_or_with_bad_token(client, users):
    no_token = client.post("/api/v1/reports", json=FIELD)
    assert no_token.status_code == 401
    assert no_token.get_json()["error"]["message"].startswith("Cần đăng nhập")
    bad = client.get("/api/v1/reports", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    basic = client.get("/api/v1/reports", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401


def test_expired_token_is_refused(client, users, api_token):
    token = api_token(users["ctv"])
    record = db.session.scalar(select(ApiToken))
    record.expires_at = utcnow()
    db.session.commit()
    response = client.get("/api/v1/reports", headers=auth(token))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "token_expired"


def test_wrong_password_gets_401_in_vietnamese(client, users):
    response = client.post("/api/v1/auth/token", json={"username": "ctv.a", "password": "sai"})
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_reviewer_cannot_submit(client, users, api_token):
    response = client.post("/api/v1/reports", json=FIELD, headers=auth(api_token(users["reviewer"])))
    assert response.status_code == 403


def test_own_reports_are_paged_newest_first(client, users, api_token, make_report):
    made = [make_report(users["ctv"], text=f"Báo cáo thử nghiệm số {i} về đường sá.") for i in range(5)]
    make_report(users["ctv2"])
    token = api_token(users["ctv"])
    seen, cursor = [], None
    while True:
        url = "/api/v1/reports?mine=1&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url, headers=auth(token)).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [r.id for r in reversed(made)]
    bad = client.get("/api/v1/reports?cursor=%%%", headers=auth(token))
    assert bad.status_code == 422


def test_reports_of_others_are_404(client, users, api_token, make_report):
    other = make_report(users["ctv_b"], village=None)
    response = client.get(f"/api/v1/reports/{other.id}", headers=auth(api_token(users["ctv"])))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_reviewer_sees_commune_reports_with_similar(client, users, api_token, make_report):
    report = make_report(users["ctv"])
    mine = client.get(f"/api/v1/reports/{report.id}", headers=auth(api_token(users["reviewer"])))
    assert mine.status_code == 200 and mine.get_json()["similar"] == []
    other = client.get(f"/api/v1/reports/{report.id}", headers=auth(api_token(users["reviewer_b"])))
    assert other.status_code == 404


def test_masked_text_in_api(client, users, api_token, make_report):
    report = make_report(users["ctv"], text="Người dân gửi CCCD 001203004567 để nhờ xác minh hộ nghèo.")
    body = client.get(f"/api/v1/reports/{report.id}", headers=auth(api_token(users["ctv"]))).get_json()
    assert "001203004567" not in body["text"] and "*********567" in body["text"]


def test_units_tree(client, users, api_token):
    body = client.get("/api/v1/units", headers=auth(api_token(users["ctv"]))).get_json()
    assert body["code"] == "T1-A"
    assert {c["code"] for c in body["children"]} == {"T1-A-1", "T1-A-2"}


def test_openapi_describes_the_endpoints(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/auth/token", "/api/v1/reports", "/api/v1/reports/{report_id}", "/api/v1/units",
                 "/healthz"):
        assert path in doc["paths"]
    assert "ReportOut" in doc["components"]["schemas"]
    assert "ReportCreate" in doc["components"]["schemas"]


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_oversized_body_is_413_json(client, users, api_token):
    token = api_token(users["ctv"])
    response = client.post("/api/v1/reports", data="x" * (2 * 1024 * 1024),
                           headers={**auth(token), "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


ODD = "Bà con 👨‍👩‍👧 nói\u200b “đường” \u202eđảo chiều\u202c x\u0303 <script>alert(1)</script>\nDòng hai 𝔸"


def test_unicode_oddities_come_back_unchanged_and_safe(client, users, api_token, login):
    token = api_token(users["ctv"])
    created = client.post("/api/v1/reports", json={**FIELD, "text": ODD},
                          headers=auth(token, str(uuid.uuid4()))).get_json()
    assert created["text"] == ODD
    login(users["ctv"])
    page = client.get(f"/bao-cao/{created['id']}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "👨‍👩‍👧" in page and "Dòng hai 𝔸" in page


def test_old_tone_placement_is_found_by_new_spelling(client, users, api_token):
    token = api_token(users["ctv"])
    client.post("/api/v1/reports", json={**FIELD, "text": "Bà con xin hỗ trợ thuỷ lợi cho cánh đồng."},
                headers=auth(token, str(uuid.uuid4())))
    items = client.get("/api/v1/queue?q=thủy lợi", headers=auth(api_token(users["reviewer"]))).get_json()["items"]
    assert len(items) == 1 and "thuỷ lợi" in items[0]["text"]

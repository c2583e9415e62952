"""Evidence photos (checked, stripped of EXIF, shown only to who may see the report) and the
server side of the offline outbox: JSON answers of the forms, fresh send tokens, the service
worker and the web manifest."""
import io
import re
import uuid
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, ReportPhoto
from opinion.models.base import utcnow
from tests.conftest import csrf_token_in
from tests.images import GPS_IFD, jpeg_with_gps, png_bytes, tiny_jpeg

TEXT = "Bà con thôn Nà Lầu phản ánh cầu treo bị hỏng một nhịp, học sinh phải lội suối."
JSON = {"Accept": "application/json"}


def report_count() -> int:
    return db.session.scalar(select(func.count(Report.id)))


@pytest.fixture
def ctv_client(client, users, login):
    login(users["ctv"])
    return client


def form_data(client, path="/bao-cao/thuc-te", **fields) -> dict:
    html = client.get(path).get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]*)"', html).group(1)
    return {"csrf_token": csrf_token_in(html), "submission_key": key, "text": TEXT,
            "source": "truc_tiep", "village": "", "observed_at": "", **fields}


def with_photo(data: dict, content: bytes, name="anh.jpg") -> dict:
    return {**data, "photo": (io.BytesIO(content), name)}


# ---- photos through the plain form (no JavaScript) ------------------------------------------

def test_a_jpeg_with_gps_is_stored_without_any_exif(ctv_client):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test file has GPS
    response = ctv_client.post("/bao-cao/thuc-te", data=with_photo(form_data(ctv_client), original),
                               content_type="multipart/form-data")
    assert response.status_code == 302
    report = db.session.scalar(select(Report))
    assert report.photo is not None

    served = ctv_client.get(f"/bao-cao/{report.id}/anh")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert "no-store" in served.headers["Cache-Control"]
    image = Image.open(io.BytesIO(served.data))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0 and "exif" not in image.info
    assert b"Exif" not in served.data[:4096] and b"DienThoaiRe" not in served.data
    assert max(image.size) == 1600  # 2400x1200 resized on the server too
    page = ctv_client.get(f"/bao-cao/{report.id}").get_data(as_text=True)
    assert f'src="/bao-cao/{report.id}/anh"' in page


def test_a_png_screenshot_becomes_a_jpeg(ctv_client):
    response = ctv_client.post("/bao-cao/thuc-te", data=with_photo(form_data(ctv_client), png_bytes(), "cap.png"),
                               content_type="multipart/form-data")
    assert response.status_code == 302
    photo = db.session.scalar(select(ReportPhoto))
    assert photo.content_type == "image/jpeg" and (photo.width, photo.height) == (300, 200)


@pytest.mark.parametrize("content", [
    b"%PDF-1.4 this is not an image at all",
    b"\xff\xd8\xff\xe0" + b"\x00" * 200,  # a JPEG header and nothing behind it
    b"",
])
def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(ctv_client, content):
    data = with_photo(form_data(ctv_client), content, "tai-lieu.jpg")
    response = ctv_client.post("/bao-cao/thuc-te", data=data, content_type="multipart/form-data")
    if content == b"":
        assert response.status_code == 302  # an empty file input is "no photo"
        return
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "không phải là ảnh" in html and "Nội dung báo cáo vẫn còn" in html
    assert TEXT in html
    assert report_count() == 0


def test_a_photo_over_the_limit_is_refused_and_the_text_kept(ctv_client, app):
    app.config["PHOTO_MAX_BYTES"] = 20_000
    try:
        big = jpeg_with_gps(size=(1200, 1200))
        assert len(big) > 20_000
        response = ctv_client.post("/bao-cao/thuc-te", data=with_photo(form_data(ctv_client), big),
                                   content_type="multipart/form-data")
    finally:
        app.config["PHOTO_MAX_BYTES"] = 5 * 1024 * 1024
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ảnh quá lớn" in html and TEXT in html
    assert report_count() == 0


def test_a_decompression_bomb_is_refused(ctv_client):
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # tiny file, 100 million pixels
    response = ctv_client.post("/bao-cao/thuc-te", data=with_photo(form_data(ctv_client), out.getvalue(), "b.png"),
                               content_type="multipart/form-data")
    assert response.status_code == 422
    assert report_count() == 0


def test_the_photo_follows_the_reports_visibility(app, client, users, login, logout, make_report):
    from opinion.services import photos
    report = make_report(users["ctv"])
    photos.attach_photo(report, *photos.clean_photo(tiny_jpeg()))
    db.session.commit()
    url = f"/bao-cao/{report.id}/anh"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for user, status in (("ctv2", 404), ("reviewer_b", 404), ("reviewer", 200), ("ctv", 200)):
        login(users[user])
        assert client.get(url).status_code == status, user
        logout()
    login(users["reviewer"])
    page = client.get(f"/xu-ly/bao-cao/{report.id}").get_data(as_text=True)
    assert f'src="{url}"' in page


def test_anonymisation_deletes_the_photo(app, users, make_report):
    from opinion.services import photos, retention
    report = make_report(users["ctv"])
    photos.attach_photo(report, *photos.clean_photo(tiny_jpeg()))
    db.session.commit()
    retention.anonymise(report, utcnow(), {}, 30)
    db.session.commit()
    assert db.session.scalar(select(func.count(ReportPhoto.id))) == 0
    assert report.photo is None


# ---- the outbox's JSON use of the same forms --------------------------------------------------

def test_json_submission_is_idempotent_by_key(ctv_client):
    data = form_data(ctv_client, submission_key=str(uuid.uuid4()))
    first = ctv_client.post("/bao-cao/thuc-te", data=with_photo(data, tiny_jpeg()), headers=JSON,
                            content_type="multipart/form-data")
    assert first.status_code == 201
    body = first.get_json()
    assert body["created"] is True and body["url"] == f"/bao-cao/{body['id']}"
    again = ctv_client.post("/bao-cao/thuc-te", data=with_photo(data, tiny_jpeg()), headers=JSON,
                            content_type="multipart/form-data")
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]
    assert report_count() == 1
    assert db.session.scalar(select(func.count(ReportPhoto.id))) == 1


def test_json_validation_errors_name_the_fields(ctv_client):
    data = form_data(ctv_client, text="ngắn")
    response = ctv_client.post("/bao-cao/thuc-te", data=with_photo(data, b"not an image"), headers=JSON,
                               content_type="multipart/form-data")
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert "quá ngắn" in fields["text"] and "không phải là ảnh" in fields["photo"]


def test_a_queued_report_goes_through_with_a_fresh_token_after_the_pages_token_expired(ctv_client, app):
    data = form_data(ctv_client)
    app.config["WTF_CSRF_TIME_LIMIT"] = 1
    try:
        stale = ctv_client.post("/bao-cao/thuc-te", data={**data, "csrf_token": "sai-ma"}, headers=JSON)
        assert stale.status_code == 400 and stale.get_json()["error"]["code"] == "csrf_failed"
    finally:
        app.config["WTF_CSRF_TIME_LIMIT"] = 12 * 3600
    token = ctv_client.get("/bao-cao/ma-gui", headers=JSON)
    assert token.status_code == 200 and token.headers["Cache-Control"] == "no-store"
    response = ctv_client.post("/bao-cao/thuc-te", data={**data, "csrf_token": token.get_json()["csrf_token"]},
                               headers=JSON)
    assert response.status_code == 201
    assert report_count() == 1


def test_an_expired_session_answers_401_json_to_the_script(client, users):
    response = client.post("/bao-cao/thuc-te", data={"text": TEXT}, headers=JSON)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "login_required"
    assert client.get("/bao-cao/ma-gui", headers=JSON).status_code == 401
    assert client.get("/bao-cao/ma-gui").status_code == 302  # a browser page: to the login page


def test_observed_at_in_the_past_is_kept_by_json_submission(ctv_client):
    day = (utcnow() - timedelta(days=3)).date().isoformat()
    response = ctv_client.post("/bao-cao/thuc-te", data=form_data(ctv_client, observed_at=day), headers=JSON)
    assert response.status_code == 201
    assert db.session.scalar(select(Report)).observed_at is not None


# ---- service worker, manifest, compression ---------------------------------------------------

def test_the_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    body = response.get_data(as_text=True)
    assert body.startswith("const SHELL = {") and "/bao-cao/thuc-te" in body and "js/outbox.js?v=" in body


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.mimetype == "image/png"
        assert len(image.data) < 2000
        image.close()


def test_the_collaborators_pages_load_the_outbox_script_and_no_inline_script(ctv_client):
    html = ctv_client.get("/bao-cao/thuc-te").get_data(as_text=True)
    assert re.search(r'<script src="/static/js/outbox\.js\?v=\w+" defer></script>', html)
    assert "<script>" not in html and "onclick" not in html
    assert 'enctype="multipart/form-data"' in html and 'accept="image/*"' in html
    assert 'rel="manifest"' in html


def test_pages_are_compressed_for_phones(ctv_client):
    response = ctv_client.get("/bao-cao/thuc-te", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    script = ctv_client.get("/static/js/outbox.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["Content-Encoding"] == "gzip"
    import gzip
    assert b"indexedDB" in gzip.decompress(script.get_data())
    script.close()


def test_the_json_api_is_left_uncompressed_for_its_clients(client):
    response = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.get_json()["openapi"].startswith("3.")


def test_a_request_over_the_forms_body_limit_gets_a_vietnamese_413(ctv_client, app):
    data = form_data(ctv_client)
    app.config["REPORT_FORM_MAX_BYTES"] = 50_000
    try:
        page = ctv_client.post("/bao-cao/thuc-te", data=with_photo(data, b"x" * 60_000),
                               content_type="multipart/form-data")
        script = ctv_client.post("/bao-cao/thuc-te", data=with_photo(data, b"x" * 60_000), headers=JSON,
                                 content_type="multipart/form-data")
    finally:
        app.config["REPORT_FORM_MAX_BYTES"] = 20 * 1024 * 1024
    assert page.status_code == 413 and "Ảnh quá lớn" in page.get_data(as_text=True)
    assert script.status_code == 413 and script.get_json()["error"]["code"] == "too_large"
    assert report_count() == 0

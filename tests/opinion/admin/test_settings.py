"""Settings per unit: stored and read back with the province's value as fallback, refused in
Vietnamese when wrong, and used by tagging (review threshold) and the Word report (names)."""
import io

import docx
import pytest
from sqlalchemy import func, select

from classifier.registry import read_metadata
from opinion.extensions import db
from opinion.models import AdminChange, UnitSetting
from opinion.models.base import utcnow
from opinion.services import settings
from tests.conftest import csrf_token_in

PAGE = "/quan-tri/don-vi/{}/cai-dat"


@pytest.fixture
def admin_client(client, users, login):
    login(users["admin"])  # a province administrator
    return client


@pytest.fixture
def tiny_model(app, tiny_model_dir):
    app.config["CLASSIFIER_MODEL_DIR"] = str(tiny_model_dir)
    yield read_metadata(tiny_model_dir)
    app.config["CLASSIFIER_MODEL_DIR"] = None


def post_settings(client, code, **values):
    token = csrf_token_in(client.get(PAGE.format(code)).get_data(as_text=True))
    return client.post(PAGE.format(code), data={"csrf_token": token, **values})


def test_defaults_then_province_value_then_own_value(admin_client, units, app):
    assert settings.get(units["a"], "retention_days") == 730
    assert settings.get(units["a"], "review_threshold") == app.config["REVIEW_THRESHOLD"]
    assert post_settings(admin_client, "T1", retention_days="365").status_code == 302
    assert settings.get(units["a"], "retention_days") == 365  # the province's value
    assert post_settings(admin_client, "T1-A", retention_days="90", review_threshold="0,8",
                         signer_name="Nguyễn Văn An").status_code == 302
    assert settings.get(units["a"], "retention_days") == 90
    assert settings.get(units["a"], "review_threshold") == 0.8
    assert settings.get(units["b"], "retention_days") == 365
    # The Word report's names are the unit's own: a commune does not take its province's.
    post_settings(admin_client, "T1", signer_title="PHÓ TRƯỞNG BAN")
    assert settings.get(units["b"], "signer_title") is None
    page = admin_client.get(PAGE.format("T1-A")).get_data(as_text=True)
    assert 'value="90"' in page and "Nguyễn Văn An" in page and "365 ngày" in page
    assert "Thời hạn lưu trữ (ngày)\n      <br>trước: mặc định<br>sau: 90" in page
    # Emptying a field goes back to the province's value.
    assert post_settings(admin_client, "T1-A", retention_days="").status_code == 302
    assert settings.get(units["a"], "retention_days") == 365
    actions = db.session.scalars(select(AdminChange.action).where(AdminChange.unit_id == units["a"].id)
                                 .order_by(AdminChange.id)).all()
    assert actions == ["setting.retention_days", "setting.review_threshold", "setting.signer_name",
                       "setting.retention_days"]
    change = db.session.scalars(select(AdminChange).order_by(AdminChange.id.desc())).first()
    assert change.before == '"90"' and change.after is None


def test_bad_values_are_refused_in_vietnamese_and_nothing_is_saved(admin_client, units):
    response = post_settings(admin_client, "T1-A", retention_days="10", review_threshold="cao",
                             signer_name="Nguyễn Văn An", recipients="x" * 501)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Cần nhập số nguyên từ 30 đến 3650." in page
    assert "Cần nhập một số từ 0,30 đến 0,95" in page
    assert "Tối đa 500 ký tự." in page
    assert db.session.scalar(select(func.count(UnitSetting.id))) == 0
    assert db.session.scalar(select(func.count(AdminChange.id))) == 0
    assert post_settings(admin_client, "T1-A", review_threshold="0.99").status_code == 422


def test_commune_admin_cannot_reach_another_communes_settings(client, units, make_user, login):
    login(make_user("admin.a", "admin", units["a"]))
    assert client.get(PAGE.format("T1-A")).status_code == 200
    assert client.get(PAGE.format("T1-B")).status_code == 404
    assert client.get(PAGE.format("T1")).status_code == 404


def test_the_communes_threshold_decides_needs_review(users, units, make_report, tiny_model):
    text = "Người dân hỏi về lịch họp thôn"  # the tiny model is unsure of it (about 0.4)
    settings.set_many(units["a"], users["admin"], {"review_threshold": "0.30"}, utcnow())
    db.session.commit()
    low = make_report(users["ctv"], text=text)
    confidence = min(value for value in (low.topic_confidence, low.sentiment_confidence) if value is not None)
    assert confidence >= 0.30 and low.needs_review is False
    settings.set_many(units["a"], users["admin"], {"review_threshold": "0.95"}, utcnow())
    db.session.commit()
    assert confidence < 0.95
    assert make_report(users["ctv"], text=text).needs_review is True
    # Another commune keeps the configured default.
    other = make_report(users["ctv_b"], text=text)
    assert other.needs_review is (confidence < 0.6)


def test_word_report_uses_the_units_names(client, users, units, login):
    settings.set_many(units["a"], users["admin"], {
        "issuing_body": "BAN CHỈ ĐẠO CÔNG TÁC 35 XÃ", "signer_title": "PHÓ TRƯỞNG BAN",
        "signer_name": "Hoàng Thị Mai", "recipients": "Đảng ủy xã\n\nLưu: Văn phòng"}, utcnow())
    db.session.commit()
    login(users["reviewer"])
    response = client.get("/reports/monthly.docx?unit=T1-A")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for table in document.tables for row in table.rows
                     for cell in row.cells for p in cell.paragraphs)
    for expected in ("BAN CHỈ ĐẠO CÔNG TÁC 35 XÃ", "T/M BAN CHỈ ĐẠO CÔNG TÁC 35 XÃ", "PHÓ TRƯỞNG BAN",
                     "Hoàng Thị Mai", "- Đảng ủy xã;", "- Lưu: Văn phòng."):
        assert expected in text
    assert "[Họ và tên]" not in text

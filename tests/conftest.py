"""Fixtures: the app on a real database (SQLite always, PostgreSQL when reachable), factories."""
import contextvars
import os
import uuid

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from classifier.registry import save_model
from classifier.train import train_model
from opinion import create_app
from opinion.config import TestConfig, normalise_database_url
from opinion.extensions import db
from opinion.models import Unit, User
from opinion.services import intake

# One database per test run, so two runs on one machine never trample each other.
PG_URL = os.environ.get("OPINION_TEST_PG_URL",
                        f"postgresql://postgres@127.0.0.1:5432/opinion_test_{os.getpid()}")
# CI sets these so that a missing PostgreSQL or Chromium fails instead of skipping.
REQUIRE_PG = os.environ.get("OPINION_REQUIRE_PG") == "1"
PASSWORD = "mat-khau-thu-nghiem"
# Reference data seeded by migrations; every other table is emptied after each test.
KEEP_TABLES = {"taxonomy_labels", "alembic_version"}


def _postgres_url_or_skip() -> str:
    url = normalise_database_url(PG_URL)
    server_url, _, dbname = url.rpartition("/")
    try:
        admin = create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": dbname})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{dbname}"'))
        admin.dispose()
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:  # start from an empty schema: migrations create it all
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    except Exception as err:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        message = f"PostgreSQL not reachable at {PG_URL}: {err.__class__.__name__}: {err}"
        if REQUIRE_PG:
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated_app(request, tmp_path_factory):
    instance = tmp_path_factory.mktemp(f"instance-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{instance / 'test.db'}"
    else:
        url = _postgres_url_or_skip()
    app = create_app(TestConfig(instance, url))
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()
    if request.param == "postgresql" and "OPINION_TEST_PG_URL" not in os.environ:
        _drop_database(url)


def _drop_database(url: str) -> None:
    server_url, _, dbname = url.rpartition("/")
    admin = create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
    admin.dispose()


def _empty_tables(app):
    with app.app_context():
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture
def app(migrated_app):
    with migrated_app.app_context():
        yield migrated_app
        db.session.rollback()
    _empty_tables(migrated_app)


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` and database
    session, not the test's. The test's session then re-reads what the request committed."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def backend(app) -> str:
    return db.engine.dialect.name


# ---- factories ---------------------------------------------------------------------

@pytest.fixture
def make_unit(app):
    def make(code, kind, parent=None, name=None):
        unit = Unit(code=code, name=name or f"Đơn vị {code}", kind=kind, parent=parent)
        db.session.add(unit)
        db.session.commit()
        return unit
    return make


@pytest.fixture
def units(make_unit):
    """A province with two communes, each with two villages."""
    province = make_unit("T1", "province", name="Tỉnh Thử Nghiệm")
    commune_a = make_unit("T1-A", "commune", province, "Xã An Bình")
    commune_b = make_unit("T1-B", "commune", province, "Xã Bình Minh")
    return {
        "province": province, "a": commune_a, "b": commune_b,
        "a1": make_unit("T1-A-1", "village", commune_a, "Thôn Nà Lầu"),
        "a2": make_unit("T1-A-2", "village", commune_a, "Bản Khuổi"),
        "b1": make_unit("T1-B-1", "village", commune_b, "Thôn Đông"),
    }


@pytest.fixture
def make_user(app):
    def make(username, role, unit, village=None, password=PASSWORD):
        user = User(username=username, full_name=f"Người dùng {username}", role=role,
                    unit=unit, village=village, active=True)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user
    return make


@pytest.fixture
def users(units, make_user):
    return {
        "ctv": make_user("ctv.a", "collaborator", units["a"], units["a1"]),
        "ctv2": make_user("ctv2.a", "collaborator", units["a"], units["a2"]),
        "ctv_b": make_user("ctv.b", "collaborator", units["b"], units["b1"]),
        "reviewer": make_user("ban35.a", "reviewer", units["a"]),
        "reviewer_b": make_user("ban35.b", "reviewer", units["b"]),
        "province": make_user("tinh", "reviewer", units["province"]),
        "admin": make_user("admin", "admin", units["province"]),
    }


@pytest.fixture
def make_report(app):
    def make(author, text="Người dân thôn phản ánh đường vào bản bị sạt lở, xe máy không đi được.",
             kind="field", source="truc_tiep", url=None, village=None):
        report, _ = intake.submit_report(author, intake.Submission(
            kind=kind, text=text, source=source, url=url, village=village,
            submission_key=uuid.uuid4().hex))
        db.session.commit()
        return report
    return make


@pytest.fixture
def login(client):
    def do_login(user, password=PASSWORD):
        token = csrf_token_in(client.get("/dang-nhap").get_data(as_text=True))
        response = client.post("/dang-nhap", data={
            "username": user.username, "password": password, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
    return do_login


@pytest.fixture
def logout(client):
    def do_logout():
        page = client.get("/")  # the home page, or where it sends this role: all carry the logout form
        if page.status_code == 302:
            page = client.get(page.headers["Location"])
        client.post("/dang-xuat", data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})
    return do_logout


@pytest.fixture
def api_token(client):
    def get(user, password=PASSWORD):
        response = client.post("/api/v1/auth/token", json={"username": user.username, "password": password})
        assert response.status_code == 200, response.get_json()
        return response.get_json()["token"]
    return get


def csrf_token_in(html: str) -> str:
    import re
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


# ---- a tiny trained model: enough to exercise the real classifier code paths ------------

TINY = [
    ("Giá bồi thường đất làm đường quá thấp, bà con không đồng ý", "dat_dai", "tieu_cuc"),
    ("Dân phản đối thu hồi đất, đền bù không thỏa đáng", "dat_dai", "tieu_cuc"),
    ("Hỏi thủ tục cấp sổ đỏ cho đất thổ cư", "dat_dai", "trung_lap"),
    ("Tranh chấp ranh giới đất giữa hai hộ kéo dài", "dat_dai", "tieu_cuc"),
    ("Xã chi trả tiền bồi thường giải phóng mặt bằng nhanh, dân rất hài lòng", "dat_dai", "tich_cuc"),
    ("Cán bộ đo đạc lại diện tích đất bị thu hồi cho dân", "dat_dai", "trung_lap"),
    ("Đất nương bị lấn chiếm, xin xã giải quyết", "dat_dai", "tieu_cuc"),
    ("Giá đất nhà nước quy định thấp hơn giá thị trường nhiều", "dat_dai", "tieu_cuc"),
    ("Trạm y tế xã thiếu thuốc, người bệnh phải ra huyện", "y_te", "tieu_cuc"),
    ("Thẻ bảo hiểm y tế của trẻ em chưa được cấp", "y_te", "tieu_cuc"),
    ("Dịch sốt xuất huyết bùng phát ở thôn, nhiều người nhập viện", "y_te", "tieu_cuc"),
    ("Bác sĩ trạm y tế khám bệnh tận tình, bà con khen", "y_te", "tich_cuc"),
    ("Lịch tiêm chủng mở rộng tháng này vào ngày nào", "y_te", "trung_lap"),
    ("Ngộ độc thực phẩm sau đám cưới, hai chục người đi viện", "y_te", "tieu_cuc"),
    ("Giá thuốc ở quầy thuốc tư nhân tăng cao", "y_te", "tieu_cuc"),
    ("Bệnh viện huyện quá tải, người bệnh nằm ghép", "y_te", "tieu_cuc"),
    ("Trường học thu thêm nhiều khoản phí ngoài quy định", "giao_duc", "tieu_cuc"),
    ("Phòng học xuống cấp, mưa là dột, học sinh phải nghỉ", "giao_duc", "tieu_cuc"),
    ("Cô giáo chủ nhiệm dạy thêm bắt học sinh phải đi học", "giao_duc", "tieu_cuc"),
    ("Phụ huynh khen nhà trường tổ chức bán trú tốt", "giao_duc", "tich_cuc"),
    ("Hỏi lịch thi tuyển sinh vào lớp mười năm nay", "giao_duc", "trung_lap"),
    ("Học sinh đi học phải lội suối nguy hiểm", "giao_duc", "tieu_cuc"),
    ("Giáo viên hợp đồng bị nợ lương ba tháng", "giao_duc", "tieu_cuc"),
    ("Trường mầm non thiếu giáo viên", "giao_duc", "tieu_cuc"),
]


@pytest.fixture(scope="session")
def tiny_records():
    return [{"text": text, "topic": topic, "sentiment": sentiment} for text, topic, sentiment in TINY]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_records):
    model = train_model(tiny_records, ["topic", "sentiment"], {"min_df": 1, "calibration_folds": 2})
    folder = tmp_path_factory.mktemp("models") / "tiny"
    save_model(model, folder, {"n_train": len(tiny_records)})
    return folder



"""Administration commands: seed-demo and create-admin."""
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, Unit, User
from opinion.workflow import STATUS_NAMES


def test_seed_demo_is_complete_and_idempotent(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Đã nạp dữ liệu mẫu" in result.output
    count = db.session.scalar(select(func.count(Report.id)))
    assert 180 <= count <= 260
    statuses = set(db.session.scalars(select(Report.status).distinct()))
    assert statuses == set(STATUS_NAMES)
    communes = db.session.scalars(select(Unit.code).where(Unit.kind == "commune")).all()
    assert len(communes) >= 2
    usernames = set(db.session.scalars(select(User.username)))
    assert {"ctv.demo", "ctv2.demo", "ban35.demo", "ban35b.demo", "tinh.demo", "admin.demo"} <= usernames

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "không nạp lại" in again.output
    assert db.session.scalar(select(func.count(Report.id))) == count

    token = client.post("/api/v1/auth/token", json={"username": "ctv.demo", "password": "demo-2026"})
    assert token.status_code == 200


def test_seed_demo_refused_in_production(runner, app):
    app.config["DEMO_DATA_ALLOWED"] = False
    try:
        result = runner.invoke(args=["seed-demo"])
    finally:
        app.config["DEMO_DATA_ALLOWED"] = True
    assert result.exit_code == 1
    assert db.session.scalar(select(func.count(Report.id))) == 0


def test_create_admin(runner, units):
    result = runner.invoke(args=["create-admin", "quantri", "--unit", "T1-A", "--password", "mot-mat-khau-dai"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "quantri"))
    assert user.role == "admin" and user.unit.code == "T1-A"
    assert user.check_password("mot-mat-khau-dai")


def test_create_admin_refuses_bad_input(runner, units):
    unknown = runner.invoke(args=["create-admin", "quantri", "--unit", "KHONG", "--password", "mot-mat-khau-dai"])
    assert unknown.exit_code == 1 and "Không có tỉnh hoặc xã mã KHONG" in unknown.output
    short = runner.invoke(args=["create-admin", "quantri", "--unit", "T1-A", "--password", "ngan"])
    assert short.exit_code == 1 and "ít nhất 12 ký tự" in short.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_import_units_of_a_province_is_idempotent(runner):
    result = runner.invoke(args=["import-units", "--province", "lang son"])
    assert result.exit_code == 0, result.output
    province = db.session.scalar(select(Unit).where(Unit.kind == "province"))
    assert province.name == "Tỉnh Lạng Sơn" and province.code == "20"
    communes = db.session.scalars(select(Unit).where(Unit.parent_id == province.id)).all()
    assert len(communes) >= 60 and any(c.name == "Xã Thất Khê" for c in communes)
    again = runner.invoke(args=["import-units", "--province", "Tỉnh Lạng Sơn"])
    assert "thêm 0 đơn vị" in again.output
    assert db.session.scalar(select(func.count(Unit.id))) == len(communes) + 1


def test_import_units_refuses_an_unknown_province(runner, app):
    result = runner.invoke(args=["import-units", "--province", "Tỉnh Không Có"])
    assert result.exit_code == 1 and "Không tìm thấy tỉnh" in result.output
    assert db.session.scalar(select(func.count(Unit.id))) == 0

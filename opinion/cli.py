"""Administration commands: flask --app opinion <command>."""
import getpass
import sys

import click
from flask import Flask, current_app

from opinion.extensions import db
from opinion.services import admin, demo


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(retrain_command)
    app.cli.add_command(import_units)
    app.cli.add_command(import_users)
    app.cli.add_command(retention_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(matters_reindex)


@click.command("seed-demo")
def seed_demo():
    """Add the demo province, communes, accounts and reports (idempotent)."""
    if not current_app.config["DEMO_DATA_ALLOWED"]:
        click.echo("Không nạp dữ liệu mẫu khi OPINION_ENV=production.", err=True)
        sys.exit(1)
    created = demo.seed_demo()
    db.session.commit()
    if created:
        click.echo(f"Đã nạp dữ liệu mẫu: {created} báo cáo.")
    else:
        click.echo("Dữ liệu mẫu đã có sẵn, không nạp lại.")


@click.command("create-admin")
@click.argument("username")
@click.option("--unit", "unit_code", required=True, help="Mã đơn vị của quản trị viên.")
@click.option("--password", default=None, help="Mật khẩu (bỏ trống để nhập khi chạy).")
@click.option("--full-name", default="Quản trị viên")
def create_admin(username, unit_code, password, full_name):
    """Create an administrator account for a unit."""
    if password is None:
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            click.echo("Hai lần nhập mật khẩu không khớp.", err=True)
            sys.exit(1)
    try:
        user = admin.create_user(username=username, full_name=full_name, role="admin",
                                 unit_code=unit_code, password=password)
    except admin.AdminError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Đã tạo quản trị viên {user.username} ({user.unit.name}).")


@click.command("retrain")
@click.option("--force", is_flag=True, help="Chuyển sang mô hình mới kể cả khi không tốt hơn.")
def retrain_command(force):
    """Retrain the classifier from data/ plus reviewers' corrections; compare; switch if better."""
    from pathlib import Path

    from classifier.registry import ModelNotFound, read_metadata
    from opinion import PROJECT_ROOT
    from opinion.services import retrain, tagging

    data = PROJECT_ROOT / "data"
    for name in ("train.jsonl", "heldout.jsonl"):
        if not (data / name).exists():
            click.echo(f"Thiếu {data / name}: chạy python data/build_splits.py trước.", err=True)
            sys.exit(1)
    current = tagging.model_dir()
    try:
        read_metadata(current)
    except ModelNotFound:
        current = None
    result = retrain.retrain(data / "train.jsonl", data / "heldout.jsonl",
                             Path(current_app.instance_path) / "models", current, force=force)
    click.echo(retrain.describe(result))


@click.command("import-units")
@click.option("--province", "province_query", help="Tên hoặc mã tỉnh, ví dụ \"Lạng Sơn\" hoặc 20.")
@click.option("--all", "whole_country", is_flag=True, help="Nhập toàn quốc.")
def import_units(province_query, whole_country):
    """Import a province and its communes (or the whole country) from vietnam-provinces."""
    from opinion.models.base import utcnow
    from opinion.services import units_import

    if bool(province_query) == whole_country:
        click.echo("Chọn một trong hai: --province \"<tên hoặc mã>\" hoặc --all.", err=True)
        sys.exit(2)
    try:
        if whole_country:
            result = units_import.import_all(utcnow())
        else:
            result = units_import.import_province(units_import.find_province(province_query), utcnow())
    except units_import.UnknownProvince as err:
        click.echo(err.message, err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Đã nhập {result.provinces} tỉnh/thành phố: thêm {result.created} đơn vị, "
               f"đổi tên {result.renamed} đơn vị.")


@click.command("import-users")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--unit", "unit_code", required=True, help="Mã xã (hoặc tỉnh) của những người này.")
def import_users(file, unit_code):
    """Create users from .xlsx or .csv (username, full_name, role, village, password)."""
    from pathlib import Path

    from opinion.services import user_import

    unit = admin.find_unit(unit_code)
    if unit is None or unit.kind == "village":
        click.echo(f"Không có tỉnh hoặc xã mã {unit_code}.", err=True)
        sys.exit(1)
    try:
        created = user_import.import_users(Path(file), unit)
    except user_import.ImportRefused as err:
        db.session.rollback()
        click.echo("Không nhập người dùng nào:", err=True)
        for message in err.messages:
            click.echo(f"  {message}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Đã tạo {len(created)} người dùng cho {unit.name}.")
    for item in created:
        if item.password:
            click.echo(f"  {item.username}\tmật khẩu tạm: {item.password}")


@click.command("matters-reindex")
@click.option("--rebuild", is_flag=True, help="Xóa và lập lại chỉ mục của mọi báo cáo đang mở.")
def matters_reindex(rebuild):
    """Put open reports into the similar-report index (those received before matters existed)."""
    from opinion.services import matters

    count = matters.reindex(rebuild=rebuild)
    db.session.commit()
    click.echo(f"Đã lập chỉ mục tìm báo cáo tương tự cho {count} báo cáo đang mở.")


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Chỉ đếm, không thay đổi gì.")
def retention_command(dry_run):
    """Anonymise resolved and archived reports older than each commune's retention period."""
    from opinion.models.base import utcnow
    from opinion.services import retention

    summary = retention.anonymise_expired(utcnow(), dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "sẽ ẩn danh" if dry_run else "đã ẩn danh"
    for row in summary:
        click.echo(f"{row.name} ({row.code}): {verb} {row.anonymised} báo cáo "
                   f"(thời hạn lưu trữ {row.retention_days} ngày).")
    total = sum(row.anonymised for row in summary)
    if dry_run:
        click.echo(f"Chạy thử: {total} báo cáo sẽ được ẩn danh; chưa thay đổi gì.")
    else:
        click.echo(f"Tổng cộng đã ẩn danh {total} báo cáo; số liệu báo cáo tháng giữ nguyên.")


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
def backup_command(dest):
    """Back the database up to a new file DEST (SQLite); print pg_dump's command (PostgreSQL)."""
    from pathlib import Path

    from opinion.services import backup

    if backup.backend() == "postgresql":
        click.echo(backup.postgres_instructions(dest))
        sys.exit(2)
    try:
        path = backup.backup_sqlite(Path(dest))
    except backup.BackupError as err:
        click.echo(err.message, err=True)
        sys.exit(1)
    click.echo(f"Đã sao lưu cơ sở dữ liệu vào {path}.")


@click.command("restore")
@click.argument("src", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Xác nhận thay toàn bộ dữ liệu hiện có bằng bản sao lưu.")
def restore_command(src, yes):
    """Replace the database by the backup SRC (SQLite); print pg_restore's command (PostgreSQL)."""
    from pathlib import Path

    from opinion.services import backup

    if backup.backend() == "postgresql":
        click.echo(backup.postgres_instructions(src, restore=True))
        sys.exit(2)
    try:
        counts = backup.check_backup(Path(src))
        if not yes:
            click.echo(f"Bản sao lưu hợp lệ ({counts['reports']} báo cáo, {counts['users']} người dùng). "
                       "Phục hồi sẽ thay toàn bộ dữ liệu hiện có: dừng ứng dụng rồi chạy lại lệnh với --yes.",
                       err=True)
            sys.exit(1)
        counts = backup.restore_sqlite(Path(src))
    except backup.BackupError as err:
        click.echo(err.message, err=True)
        sys.exit(1)
    click.echo(f"Đã phục hồi cơ sở dữ liệu từ {src}: {counts['reports']} báo cáo, "
               f"{counts['users']} người dùng.")

"""Administrators' screens for villages (thôn, bản, tổ dân phố) of a commune and the topic list."""
from pathlib import Path

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from opinion.admin import bp
from opinion.admin.catalog_forms import (
    MAX_UPLOAD,
    ConfirmImportForm,
    RenameTopicForm,
    RenameVillageForm,
    SheetUploadForm,
    TopicForm,
    VillageForm,
)
from opinion.admin.forms import PlainForm
from opinion.auth import can_manage, can_manage_taxonomy, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models.base import utcnow
from opinion.services import admin as admin_service
from opinion.services import spreadsheets, topics, unit_lists, villages
from opinion.services.spreadsheets import ImportRefused

IMPORT_ENDPOINTS = ("admin.preview_villages_import",)
MISSING_UPLOAD = "Không tìm thấy tệp đã tải lên (có thể đã nhập rồi); vui lòng tải lên lại."


@bp.url_value_preprocessor
def _allow_sheet_uploads(endpoint, values):
    # Runs before the CSRF check reads the form: a sheet may be 2 MB (the app allows 1 MB),
    # plus room for the rest of the form; the form itself refuses a file over 2 MB.
    if endpoint in IMPORT_ENDPOINTS:
        request.max_content_length = MAX_UPLOAD + 256 * 1024


def _managed_commune(code: str):
    unit = admin_service.find_unit(code)
    if unit is None or unit.kind != "commune" or not can_manage(g.user, unit):
        abort(404)
    return unit


def _imports_folder() -> Path:
    return Path(current_app.instance_path) / "imports"


# ---- villages ----------------------------------------------------------------------

def _villages_page(unit, form=None, rename_form=None, status=200):
    return render_template("admin/villages.html", unit=unit, villages=villages.villages(unit),
                           form=form or VillageForm(), rename_form=rename_form or RenameVillageForm(),
                           changes=unit_lists.recent_changes(unit)), status


@bp.route("/don-vi/<code>/thon-ban")
@require_role("admin")
def villages_list(code: str):
    return _villages_page(_managed_commune(code))


@bp.route("/don-vi/<code>/thon-ban", methods=["POST"])
@require_role("admin")
def add_village(code: str):
    unit = _managed_commune(code)
    form = VillageForm()
    if form.validate_on_submit():
        try:
            village = villages.add_village(unit, g.user, form.name.data, utcnow(), code=form.code.data)
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash(f"Đã thêm “{village.name}” (mã {village.code}).", "success")
            return redirect(url_for("admin.villages_list", code=unit.code))
    return _villages_page(unit, form=form, status=422)


@bp.route("/don-vi/<code>/thon-ban/doi-ten", methods=["POST"])
@require_role("admin")
def rename_village(code: str):
    unit = _managed_commune(code)
    form = RenameVillageForm()
    if form.validate_on_submit():
        try:
            village = villages.rename_village(unit, g.user, form.village_id.data, form.name.data, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash(f"Đã đổi tên thành “{village.name}”.", "success")
            return redirect(url_for("admin.villages_list", code=unit.code))
    return _villages_page(unit, rename_form=form, status=422)


def _import_page(unit, form=None, rows=None, errors=None, token=None, status=200):
    confirm = ConfirmImportForm(token=token) if token else None
    return render_template("admin/villages_import.html", unit=unit, form=form or SheetUploadForm(),
                           rows=rows, errors=errors or [], confirm=confirm), status


@bp.route("/don-vi/<code>/nhap-thon-ban")
@require_role("admin")
def import_villages(code: str):
    return _import_page(_managed_commune(code))


@bp.route("/don-vi/<code>/nhap-thon-ban", methods=["POST"])
@require_role("admin")
def preview_villages_import(code: str):
    unit = _managed_commune(code)
    form = SheetUploadForm()
    if not form.validate_on_submit():
        return _import_page(unit, form=form, status=422)
    path = None
    try:
        token = spreadsheets.store_upload(form.sheet.data.stream, form.sheet.data.filename, _imports_folder())
        path = spreadsheets.stored_upload(_imports_folder(), token)
        rows = villages.check_sheet(unit, path)
    except ImportRefused as err:
        spreadsheets.discard_upload(path)
        return _import_page(unit, form=form, errors=err.messages, status=422)
    errors = [row.message for row in rows if row.problems]
    if errors:
        spreadsheets.discard_upload(path)
        return _import_page(unit, form=form, rows=rows, errors=errors, status=422)
    return _import_page(unit, rows=rows, token=token)


@bp.route("/don-vi/<code>/nhap-thon-ban/xac-nhan", methods=["POST"])
@require_role("admin")
def confirm_villages_import(code: str):
    unit = _managed_commune(code)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return _import_page(unit, errors=[e for errors in form.errors.values() for e in errors], status=422)
    path = spreadsheets.stored_upload(_imports_folder(), form.token.data)
    if path is None:
        return _import_page(unit, errors=[MISSING_UPLOAD], status=422)
    try:
        created = villages.import_sheet(unit, g.user, path, utcnow())
    except ImportRefused as err:
        db.session.rollback()
        spreadsheets.discard_upload(path)
        return _import_page(unit, errors=err.messages, status=422)
    db.session.commit()
    spreadsheets.discard_upload(path)
    flash(f"Đã nhập {len(created)} thôn, bản, tổ dân phố.", "success")
    return redirect(url_for("admin.villages_list", code=unit.code))


# ---- topics ------------------------------------------------------------------------

def _require_taxonomy_admin() -> None:
    if not can_manage_taxonomy(g.user):
        abort(403)


def _topics_page(form=None, rename_errors=None, status=200):
    return render_template("admin/topics.html", topics=topics.topics(), form=form or TopicForm(),
                           rename_form=RenameTopicForm(), plain=PlainForm(), rename_errors=rename_errors or {},
                           changes=unit_lists.recent_changes(g.user.unit)), status


@bp.route("/linh-vuc")
@require_role("admin")
def topics_list():
    _require_taxonomy_admin()
    return _topics_page()


@bp.route("/linh-vuc", methods=["POST"])
@require_role("admin")
def add_topic():
    _require_taxonomy_admin()
    form = TopicForm()
    if form.validate_on_submit():
        try:
            label = topics.add_topic(g.user, g.user.unit, form.code.data, form.name.data, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash(topics.classifier_notice(label), "warning")
            return redirect(url_for("admin.topics_list"))
    return _topics_page(form=form, status=422)


@bp.route("/linh-vuc/<code>/doi-ten", methods=["POST"])
@require_role("admin")
def rename_topic(code: str):
    _require_taxonomy_admin()
    form = RenameTopicForm()
    if form.validate_on_submit():
        try:
            label = topics.rename_topic(g.user, g.user.unit, code, form.name.data, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            return _topics_page(rename_errors={code: " ".join(err.fields.values())}, status=422)
        db.session.commit()
        flash(f"Đã đổi tên lĩnh vực thành “{label.name}”.", "success")
        return redirect(url_for("admin.topics_list"))
    return _topics_page(rename_errors={code: " ".join(e for es in form.errors.values() for e in es)},
                        status=422)


def _switch_topic(code: str, service, done: str):
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        label = service(g.user, g.user.unit, code, utcnow())
    except ValidationFailed as err:
        db.session.rollback()
        flash(" ".join(err.fields.values()), "warning")
    else:
        db.session.commit()
        flash(done.format(name=label.name), "success")
    return redirect(url_for("admin.topics_list"))


@bp.route("/linh-vuc/<code>/ngung", methods=["POST"])
@require_role("admin")
def retire_topic(code: str):
    _require_taxonomy_admin()
    return _switch_topic(code, topics.retire_topic,
                         "Đã ngừng dùng lĩnh vực “{name}”: báo cáo cũ vẫn giữ lĩnh vực này.")


@bp.route("/linh-vuc/<code>/dung-lai", methods=["POST"])
@require_role("admin")
def restore_topic(code: str):
    _require_taxonomy_admin()
    return _switch_topic(code, topics.restore_topic, "Đã dùng lại lĩnh vực “{name}”.")

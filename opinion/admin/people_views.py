"""Administrators' people pages: list and create, edit, deactivate, reset a password, import a sheet."""
from pathlib import Path

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from opinion.admin import bp
from opinion.admin.forms import PlainForm
from opinion.admin.people_forms import (
    ImportConfirmForm,
    ImportUploadForm,
    PersonCreateForm,
    PersonEditForm,
)
from opinion.auth import can_manage, managed_units, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import csrf, db
from opinion.models.base import utcnow
from opinion.models.users import ROLES
from opinion.services import admin as admin_service
from opinion.services import people as people_service
from opinion.services.user_import import ImportRefused


def _managed_unit(code: str):
    unit = admin_service.find_unit(code)
    if unit is None or not can_manage(g.user, unit):
        abort(404)
    return unit


def _person(unit, user_id: str):
    # A plain segment, not <int:...>: the route test walks every rule with placeholders it knows.
    person = people_service.find_person(unit, int(user_id)) if user_id.isdigit() else None
    if person is None:
        abort(404)
    return person


def _imports_folder() -> Path:
    return Path(current_app.config.get("IMPORTS_FOLDER") or Path(current_app.instance_path) / "imports")


# ---- list and create -----------------------------------------------------------------

@bp.route("/don-vi/<code>/nguoi-dung", methods=["GET", "POST"])
@require_role("admin")
def people(code: str):
    unit = _managed_unit(code)
    form = PersonCreateForm()
    form.set_villages(people_service.villages(unit))
    created, password, status = None, None, 200
    if form.validate_on_submit():
        try:
            created, password = people_service.create_person(
                g.user, unit, form.username.data, form.full_name.data, form.role.data,
                form.village.data or None, form.password.data or None, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
            status = 422
        else:
            db.session.commit()
            form = PersonCreateForm(formdata=None)
            form.set_villages(people_service.villages(unit))
    elif form.errors:
        status = 422
    return render_template("admin/people.html", unit=unit, people=people_service.people(unit), form=form,
                           created=created, password=password), status


# ---- one person ------------------------------------------------------------------------

def _person_page(unit, person, form=None, password=None, status=200):
    if form is None:
        form = PersonEditForm(formdata=None, full_name=person.full_name, role=person.role,
                              unit=person.unit.code, village=person.village.code if person.village else "")
    form.set_choices(managed_units(g.user), people_service.villages(unit))
    return render_template("admin/person.html", unit=unit, person=person, form=form, plain=PlainForm(),
                           password=password), status


@bp.route("/don-vi/<code>/nguoi-dung/<user_id>", methods=["GET", "POST"])
@require_role("admin")
def person(code: str, user_id: str):
    unit = _managed_unit(code)
    person = _person(unit, user_id)
    if request.method == "GET":
        return _person_page(unit, person)
    form = PersonEditForm()
    form.set_choices(managed_units(g.user), people_service.villages(unit))
    if form.validate_on_submit():
        try:
            people_service.edit_person(g.user, person, form.full_name.data, form.role.data, form.unit.data,
                                       form.village.data or None, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash("Đã lưu thông tin người dùng.", "success")
            return redirect(url_for("admin.person", code=person.unit.code, user_id=person.id))
    return _person_page(unit, person, form=form, status=422)


def _account_action(code: str, user_id: str, action, done: str):
    unit = _managed_unit(code)
    person = _person(unit, user_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        action(g.user, person, utcnow())
    except ValidationFailed as err:
        db.session.rollback()
        flash(" ".join(err.fields.values()), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("admin.person", code=unit.code, user_id=person.id))


@bp.route("/don-vi/<code>/nguoi-dung/<user_id>/khoa", methods=["POST"])
@require_role("admin")
def deactivate_person(code: str, user_id: str):
    return _account_action(code, user_id, people_service.deactivate,
                           "Đã khóa tài khoản; báo cáo và lịch sử của người này vẫn được giữ.")


@bp.route("/don-vi/<code>/nguoi-dung/<user_id>/mo-khoa", methods=["POST"])
@require_role("admin")
def reactivate_person(code: str, user_id: str):
    return _account_action(code, user_id, people_service.reactivate, "Đã mở lại tài khoản.")


@bp.route("/don-vi/<code>/nguoi-dung/<user_id>/dat-lai-mat-khau", methods=["POST"])
@require_role("admin")
def reset_person_password(code: str, user_id: str):
    unit = _managed_unit(code)
    person = _person(unit, user_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    password = people_service.reset_password(g.user, person, utcnow())
    db.session.commit()
    return _person_page(unit, person, password=password)


# ---- import from a spreadsheet: upload -> preview -> confirm -------------------------

def _import_page(unit, form=None, rows=None, token=None, errors=None, created=None, status=200):
    return render_template("admin/people_import.html", unit=unit, form=form or ImportUploadForm(formdata=None),
                           confirm=ImportConfirmForm(formdata=None, token=token), rows=rows, token=token,
                           errors=errors or [], created=created, roles=ROLES), status


@bp.route("/don-vi/<code>/nhap-nguoi-dung", methods=["GET", "POST"])
@require_role("admin")
@csrf.exempt  # a sheet may exceed the site-wide body limit; the form checks its own CSRF token
def import_people(code: str):
    unit = _managed_unit(code)
    if request.method == "GET":
        return _import_page(unit)
    request.max_content_length = people_service.UPLOAD_MAX_BYTES + 64 * 1024
    try:
        form = ImportUploadForm()
    except RequestEntityTooLarge:
        return _import_page(unit, errors=[people_service.TOO_LARGE], status=413)
    if not form.validate_on_submit():
        return _import_page(unit, form=form, status=400 if form.csrf_token.errors else 422)
    upload = form.file.data
    if not upload or not upload.filename:
        form.file.errors = ["Vui lòng chọn tệp .xlsx hoặc .csv."]
        return _import_page(unit, form=form, status=422)
    try:
        token = people_service.save_upload(_imports_folder(), upload.filename, upload.stream)
    except ValidationFailed as err:
        form.add_service_errors(err)
        return _import_page(unit, form=form, status=422)
    path = people_service.upload_path(_imports_folder(), token)
    try:
        rows = people_service.preview_import(path, unit)
    except ImportRefused as err:
        people_service.discard_upload(path)
        return _import_page(unit, form=form, errors=err.messages, status=422)
    if any(row.problems for row in rows):
        people_service.discard_upload(path)  # nothing to confirm: the sheet must be fixed first
        return _import_page(unit, form=form, rows=rows, status=422)
    return _import_page(unit, rows=rows, token=token)


@bp.route("/don-vi/<code>/nhap-nguoi-dung/xac-nhan", methods=["POST"])
@require_role("admin")
def confirm_import(code: str):
    unit = _managed_unit(code)
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    path = people_service.upload_path(_imports_folder(), form.token.data)
    if path is None:
        return _import_page(unit, errors=["Không còn tệp đã xem trước; vui lòng tải tệp lên lại."], status=422)
    try:
        created = people_service.import_people(g.user, unit, path, utcnow())
    except ImportRefused as err:
        db.session.rollback()
        people_service.discard_upload(path)
        return _import_page(unit, errors=["Không nhập người dùng nào:", *err.messages], status=422)
    db.session.commit()
    people_service.discard_upload(path)
    return _import_page(unit, created=created)

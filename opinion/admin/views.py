"""Administrators' screens: the lists and settings of the units they manage."""
from flask import abort, flash, g, redirect, render_template, request, url_for

from opinion.admin import bp
from opinion.admin.forms import HandlingBodyForm, PlainForm
from opinion.auth import can_manage, can_manage_taxonomy, managed_units, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models.base import utcnow
from opinion.services import admin as admin_service
from opinion.services import unit_lists


def _managed_unit(code: str):
    unit = admin_service.find_unit(code)
    if unit is None or not can_manage(g.user, unit):
        abort(404)
    return unit


@bp.route("/")
@require_role("admin")
def index():
    return render_template("admin/index.html", units=managed_units(g.user),
                           can_manage_taxonomy=can_manage_taxonomy(g.user))


def _lists_page(unit, body_form=None, due_errors=None, status=200):
    return render_template("admin/lists.html", unit=unit, bodies=unit_lists.bodies(unit),
                           body_form=body_form or HandlingBodyForm(), plain=PlainForm(),
                           due=unit_lists.due_hours_table(unit), due_errors=due_errors or {},
                           changes=unit_lists.recent_changes(unit)), status


@bp.route("/don-vi/<code>/danh-muc")
@require_role("admin")
def lists(code: str):
    return _lists_page(_managed_unit(code))


@bp.route("/don-vi/<code>/co-quan", methods=["POST"])
@require_role("admin")
def add_body(code: str):
    unit = _managed_unit(code)
    form = HandlingBodyForm()
    if form.validate_on_submit():
        try:
            unit_lists.add_body(unit, g.user, form.name.data, utcnow())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash("Đã thêm cơ quan xử lý.", "success")
            return redirect(url_for("admin.lists", code=unit.code))
    return _lists_page(unit, body_form=form, status=422)


@bp.route("/don-vi/<code>/co-quan/<int:body_id>/ngung", methods=["POST"])
@require_role("admin")
def retire_body(code: str, body_id: int):
    unit = _managed_unit(code)
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        unit_lists.retire_body(unit, g.user, body_id, utcnow())
    except ValidationFailed as err:
        db.session.rollback()
        flash(" ".join(err.fields.values()), "warning")
    else:
        db.session.commit()
        flash("Đã ngừng dùng cơ quan này (các lần chuyển trước vẫn giữ tên).", "success")
    return redirect(url_for("admin.lists", code=unit.code))


@bp.route("/don-vi/<code>/thoi-han", methods=["POST"])
@require_role("admin")
def due_hours(code: str):
    unit = _managed_unit(code)
    if not PlainForm().validate_on_submit():
        abort(400)
    values = {key.removeprefix("due_"): value for key, value in request.form.items() if key.startswith("due_")}
    try:
        unit_lists.set_due_hours(unit, g.user, values, utcnow())
    except ValidationFailed as err:
        db.session.rollback()
        return _lists_page(unit, due_errors=err.fields, status=422)
    db.session.commit()
    flash("Đã lưu thời hạn xử lý.", "success")
    return redirect(url_for("admin.lists", code=unit.code))

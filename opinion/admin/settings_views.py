"""A unit's settings: retention, the "needs review" threshold, the Word report's names."""
from flask import abort, flash, g, redirect, render_template, url_for

from opinion.admin import bp
from opinion.admin.settings_forms import SettingsForm
from opinion.auth import can_manage, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models.base import utcnow
from opinion.services import admin as admin_service
from opinion.services import settings as unit_settings


def _managed_unit(code: str):
    unit = admin_service.find_unit(code)
    if unit is None or not can_manage(g.user, unit):
        abort(404)
    return unit


def _page(unit, form, status=200):
    return render_template("admin/settings.html", unit=unit, form=form,
                           settings=unit_settings.SETTINGS, fallbacks=unit_settings.fallbacks(unit),
                           changes=unit_settings.recent_changes(unit)), status


@bp.route("/don-vi/<code>/cai-dat", methods=["GET", "POST"])
@require_role("admin")
def settings(code: str):
    unit = _managed_unit(code)
    form = SettingsForm(data=unit_settings.form_values(unit))
    if not form.validate_on_submit():
        return _page(unit, form, status=422 if form.is_submitted() else 200)
    try:
        unit_settings.set_many(unit, g.user, form.values(), utcnow())
    except ValidationFailed as err:
        db.session.rollback()
        form.add_service_errors(err)
        return _page(unit, form, status=422)
    db.session.commit()
    flash("Đã lưu cài đặt.", "success")
    return redirect(url_for("admin.settings", code=unit.code))


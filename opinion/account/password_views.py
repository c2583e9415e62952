"""Changing one's own password: forced after a reset (or a generated first password) before
anything else, and available any time from the menu with the current password."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import PasswordField

from opinion.account import bp
from opinion.auth import current_session_hash, require_role
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.forms import BaseForm
from opinion.models.base import utcnow
from opinion.services import people as people_service

# Reachable while a password change is pending; every other page redirects to the change.
ALLOWED_ENDPOINTS = {"account.change_password", "account.logout", "static"}


class ChangePasswordForm(BaseForm):
    current = PasswordField("Mật khẩu hiện tại", render_kw={"autocomplete": "current-password"})
    password = PasswordField("Mật khẩu mới", description="Ít nhất 12 ký tự, không chỉ gồm chữ số, "
                             "không chứa tên đăng nhập, khác mật khẩu đang dùng.",
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Nhập lại mật khẩu mới", render_kw={"autocomplete": "new-password"})


@bp.before_app_request
def require_password_change():
    if (request.blueprint in ("api", "health") or request.endpoint in ALLOWED_ENDPOINTS
            or not current_user.is_authenticated or not current_user.must_change_password):
        return None
    return redirect(url_for("account.change_password"))


@bp.route("/doi-mat-khau", methods=["GET", "POST"])
@require_role()
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            people_service.change_own_password(
                current_user._get_current_object(), form.password.data or "", form.confirm.data or "",
                utcnow(), current_password=form.current.data, keep_session_hash=current_session_hash())
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash("Đã đổi mật khẩu. Các phiên đăng nhập khác và mã truy cập của ứng dụng đã bị đăng xuất.",
                  "success")
            return redirect(url_for("intake.home"))
    return render_template("account/change_password.html", form=form), (422 if form.errors else 200)

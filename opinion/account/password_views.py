"""The forced password change: after a reset (or a generated first password) the person must
choose their own password before anything else."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import PasswordField

from opinion.account import bp
from opinion.auth import require_role
from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.forms import BaseForm
from opinion.services import people as people_service

# Reachable while a password change is pending; every other page redirects to the change.
ALLOWED_ENDPOINTS = {"account.change_password", "account.logout", "static"}


class ChangePasswordForm(BaseForm):
    password = PasswordField("Mật khẩu mới", description="Ít nhất 12 ký tự, không chỉ gồm chữ số, không chứa tên đăng nhập, khác mật khẩu tạm.",
                             render_kw={"autocomplete": "new-password", "autofocus": True})
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
    if not current_user.must_change_password:  # only the forced change: it does not ask for the old password
        return redirect(url_for("intake.home"))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            people_service.change_own_password(current_user._get_current_object(), form.password.data or "",
                                               form.confirm.data or "")
        except ValidationFailed as err:
            db.session.rollback()
            form.add_service_errors(err)
        else:
            db.session.commit()
            flash("Đã đổi mật khẩu.", "success")
            return redirect(url_for("intake.home"))
    return render_template("account/change_password.html", form=form), (422 if form.errors else 200)

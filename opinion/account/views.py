from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from opinion.account import bp
from opinion.account.forms import LoginForm
from opinion.auth import LoginLocked, authenticate, public, require_role
from opinion.extensions import db, limiter


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("intake.home")


@bp.route("/dang-nhap", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("intake.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.password.data)
        except LoginLocked as locked:
            user, message = None, str(locked)
        else:
            message = "Tên đăng nhập hoặc mật khẩu không đúng."
        db.session.commit()  # the failure count (or its reset) must persist
        if user is None:
            form.password.errors.append(message)
        else:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("account/login.html", form=form), (422 if form.errors else 200)


@bp.route("/dang-xuat", methods=["POST"])
@require_role()
def logout():
    logout_user()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("account.login"))

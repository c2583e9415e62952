from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from opinion.account import bp
from opinion.account.forms import LoginForm
from opinion.auth import LoginLocked, authenticate, end_session, public, require_role, start_session
from opinion.extensions import db, limiter
from opinion.models.base import utcnow


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
        if user is None:
            db.session.commit()  # the failure must count even though the login is refused
            form.password.errors.append(message)
        else:
            start_session(user, utcnow(), current_app.config["PERMANENT_SESSION_LIFETIME"])
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("account/login.html", form=form), (422 if form.errors else 200)


@bp.route("/dang-xuat", methods=["POST"])
@require_role()
def logout():
    end_session(utcnow())
    db.session.commit()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("account.login"))

"""Liveness: GET /healthz answers when the database does."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from opinion.auth import public
from opinion.extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")

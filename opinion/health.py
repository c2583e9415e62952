"""Liveness (/healthz: the database answers) and readiness (/readyz: database and classifier)."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from opinion.auth import public
from opinion.extensions import db
from opinion.services import tagging

bp = Blueprint("health", __name__)


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return False
    return True


@bp.route("/healthz")
@public
def healthz():
    if not _database_ok():
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.route("/readyz")
@public
def readyz():
    """Ready to take reports: the database answers and a classifier model is loaded."""
    database = _database_ok()
    model = tagging.current_model()
    body = {"status": "ok" if database and model else "error",
            "database": "ok" if database else "unavailable",
            "model": model.version if model else "missing"}
    return jsonify(body), 200 if database and model else 503

from flask import Blueprint

bp = Blueprint("triage", __name__, url_prefix="/xu-ly")

from opinion.triage import views  # noqa: E402,F401

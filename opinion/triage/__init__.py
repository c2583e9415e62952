from flask import Blueprint

bp = Blueprint("triage", __name__, url_prefix="/xu-ly")

from opinion.triage import views  # noqa: F401

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")

from opinion.admin import views  # noqa: F401

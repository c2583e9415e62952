from flask import Blueprint

bp = Blueprint("intake", __name__)

from opinion.intake import views  # noqa: F401

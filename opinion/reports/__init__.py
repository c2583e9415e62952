from flask import Blueprint

bp = Blueprint("reports", __name__)

from opinion.reports import views  # noqa: F401

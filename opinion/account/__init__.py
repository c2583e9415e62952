from flask import Blueprint

bp = Blueprint("account", __name__)

from opinion.account import views  # noqa: F401

from flask import Blueprint

bp = Blueprint("account", __name__)

from opinion.account import (
    password_views,  # noqa: F401
    views,  # noqa: F401
)

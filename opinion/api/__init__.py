"""JSON API, version 1 (contract.md). Calls the same services as the pages."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from opinion.api import errors, views  # noqa: F401

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")

from opinion.admin import (
    access_views,  # noqa: F401
    catalog_views,  # noqa: F401
    people_views,  # noqa: F401
    settings_views,  # noqa: F401
    views,  # noqa: F401
)

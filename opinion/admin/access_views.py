"""The access log page: who read which report and every export, for the units an
administrator manages."""
from flask import g, render_template, request

from opinion.admin import bp
from opinion.auth import managed_units, require_role
from opinion.models.audit import ACCESS_ACTIONS
from opinion.services import access_log


@bp.route("/nhat-ky-truy-cap")
@require_role("admin")
def access_records():
    before = request.args.get("truoc", "")
    records = access_log.recent(managed_units(g.user), int(before) if before.isdigit() else None)
    older = records[-1].id if len(records) == access_log.PAGE_SIZE else None
    return render_template("admin/access_log.html", records=records, older=older, actions=ACCESS_ACTIONS)

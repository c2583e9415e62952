"""Triage: move a report through the workflow table, recording every step."""
import json
from datetime import datetime

from opinion.errors import Conflict, ValidationFailed
from opinion.extensions import db
from opinion.models import Report, ReportEvent, User
from opinion.services import matters
from opinion.workflow import ACTING_LEVEL, NOTE_LABELS, STATUS_NAMES, TRANSITIONS

NOTE_MAX = 2000
HANDLER_MAX = 200


class NotAllowed(Conflict):
    code = "forbidden"
    status = 403


def allowed_targets(report: Report) -> dict[str, frozenset]:
    return TRANSITIONS.get(report.status, {})


def acts_for(user: User, report: Report) -> bool:
    """Whether the user's unit is the one that acts on the report in its current status."""
    if user.role not in ("reviewer", "admin"):
        return False
    level = ACTING_LEVEL.get(report.status, "commune")
    acting_unit_id = report.unit.parent_id if level == "parent" else report.unit_id
    return user.unit_id == acting_unit_id


def transition(report: Report, actor: User, to: str, note: str | None, now: datetime,
               handler: str | None = None) -> ReportEvent:
    """Move the report, and every other report of its matter, to `to`: all or none. Each report
    gets its own event; reports of the matter already in `to` stay as they are."""
    others = [r for r in (matters.members(report.matter_id) if report.matter_id else [])
              if r.id != report.id and r.status != to]
    if to in STATUS_NAMES:
        for other in others:
            if to not in allowed_targets(other) or not acts_for(actor, other):
                raise Conflict(
                    f"Báo cáo #{other.id} cùng vụ việc đang ở trạng thái “{STATUS_NAMES[other.status]}”, "
                    f"không chuyển được sang “{STATUS_NAMES[to]}”. Không báo cáo nào được chuyển: hãy "
                    "tách báo cáo đó khỏi vụ việc hoặc xử lý nó trước.")
    event = _transition_one(report, actor, to, note, now, handler)
    for other in others:
        _transition_one(other, actor, to, note, now, handler)
    return event


def _transition_one(report: Report, actor: User, to: str, note: str | None, now: datetime,
                    handler: str | None = None) -> ReportEvent:
    if to not in STATUS_NAMES:
        raise ValidationFailed({"to": "Trạng thái đích không tồn tại."})
    needs = allowed_targets(report).get(to)
    if needs is None:
        raise Conflict(f"Không thể chuyển từ “{STATUS_NAMES[report.status]}” sang “{STATUS_NAMES[to]}”.")
    if not acts_for(actor, report):
        raise NotAllowed("Đơn vị của bạn không xử lý báo cáo ở trạng thái này.")
    note = (note or "").strip()
    # A handling body only belongs to a hand-off; elsewhere it is ignored, not recorded.
    handler = (handler or "").strip() if "handler" in needs else ""
    errors = {}
    if "note" in needs and not note:
        errors["note"] = f"Vui lòng nhập {NOTE_LABELS[to].lower()}."
    elif len(note) > NOTE_MAX:
        errors["note"] = f"Ghi chú tối đa {NOTE_MAX} ký tự."
    if "handler" in needs and not handler:
        errors["handler"] = "Vui lòng chọn cơ quan, đơn vị xử lý."
    elif len(handler) > HANDLER_MAX:
        errors["handler"] = f"Tên cơ quan xử lý tối đa {HANDLER_MAX} ký tự."
    if errors:
        raise ValidationFailed(errors)

    event = ReportEvent(report=report, kind="transition", actor_id=actor.id, created_at=now,
                        from_status=report.status, to_status=to, note=note or None,
                        handler=handler or None,
                        data=json.dumps({"unit": actor.unit.code}, ensure_ascii=False))
    db.session.add(event)
    if report.first_action_at is None:
        report.first_action_at = now
    report.status = to
    matters.sync_index(report)
    db.session.flush()
    return event


def bulk_transition(reports: list[Report], actor: User, to: str, note: str | None, now: datetime,
                    handler: str | None = None) -> list[ReportEvent]:
    """The same transition for several reports, each recorded on its own; all or none."""
    if not reports:
        raise ValidationFailed({"report_ids": "Chưa chọn báo cáo nào."})
    events = []
    moved: set[int] = set()
    for report in reports:
        if report.id in moved:
            continue  # already moved with its matter
        if report.matter_id is not None:
            moved.update(r.id for r in matters.members(report.matter_id))
        try:
            events.append(transition(report, actor, to, note, now, handler=handler))
        except Conflict as err:
            raise type(err)(f"Báo cáo #{report.id}: {err.message} Không báo cáo nào được chuyển.") from err
    return events

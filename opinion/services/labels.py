"""Reviewers correct the classifier's tags; every correction is kept as a gold label."""
import json
from datetime import datetime

from opinion.errors import ValidationFailed
from opinion.extensions import db
from opinion.models import LabelCorrection, Report, ReportEvent, User
from opinion.models.labels import PREDICTED_FIELDS
from opinion.services import matters, taxonomy
from opinion.services.tagging import set_due
from opinion.services.triage import NotAllowed, acts_for


def correct_labels(report: Report, actor: User, changes: dict[str, str], now: datetime) -> list[LabelCorrection]:
    """Set the given labels; returns the corrections made (unchanged values make none)."""
    if not acts_for(actor, report):
        raise NotAllowed("Đơn vị của bạn không xử lý báo cáo này.")
    errors = {}
    for field, value in changes.items():
        if field not in PREDICTED_FIELDS:
            errors[field] = "Chỉ sửa được lĩnh vực (topic), mức độ (urgency) và sắc thái (sentiment)."
        elif not isinstance(value, str) or not taxonomy.is_active_code(field, value):
            errors[field] = "Nhãn không có trong danh mục."
    if not changes:
        errors["labels"] = "Chưa chọn nhãn nào để sửa."
    if errors:
        raise ValidationFailed(errors)

    corrections = []
    for field, value in changes.items():
        old = getattr(report, field)
        if old == value:
            continue
        correction = LabelCorrection(report_id=report.id, field=field, old_value=old, new_value=value,
                                     user_id=actor.id, created_at=now)
        db.session.add(correction)
        corrections.append(correction)
        setattr(report, field, value)
    if corrections:
        report.needs_review = False  # a person has looked at the tags
        if any(c.field == "urgency" for c in corrections):
            set_due(report)
        db.session.add(ReportEvent(
            report=report, kind="corrected", actor_id=actor.id, created_at=now,
            data=json.dumps({c.field: [c.old_value, c.new_value] for c in corrections}, ensure_ascii=False)))
        db.session.flush()
        if any(c.field == "urgency" for c in corrections):
            matters.refresh_for(report, now)
    return corrections

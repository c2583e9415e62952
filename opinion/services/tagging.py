"""The only door between the app and the classifier: tag reports, never decide for people."""
import json
import logging
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from flask import current_app

import classifier
from classifier.registry import CURRENT_FILE, DEFAULT_MODEL_DIR, resolve
from opinion.extensions import db
from opinion.models import Report, ReportEvent, Unit
from opinion.models.labels import PREDICTED_FIELDS
from opinion.services import settings, taxonomy

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _model(model_dir: str):
    return classifier.load_model(model_dir)


def model_dir() -> Path:
    """The model in use: a retrained one under instance/models (its CURRENT file), else the shipped one."""
    configured = current_app.config.get("CLASSIFIER_MODEL_DIR")
    if configured:
        return resolve(Path(configured))
    retrained = Path(current_app.instance_path) / "models"
    if (retrained / CURRENT_FILE).exists():
        return resolve(retrained)
    return DEFAULT_MODEL_DIR


def current_model():
    """The loaded model, or None when no usable model is installed (reports stay "chưa phân loại")."""
    try:
        return _model(str(model_dir()))
    except (classifier.ModelNotFound, classifier.ModelIncompatible) as err:
        log.warning("classifier unavailable, reports are left untagged: %s", err)
        return None


def set_due(report: Report) -> None:
    report.due_at = report.created_at + timedelta(hours=taxonomy.due_hours(report.urgency, report.unit_id))


def tag_report(report: Report, now: datetime) -> None:
    model = current_model()
    if model is None:
        set_due(report)
        return
    prediction = model.predict([report.text])[0]
    # The commune's own threshold (or its province's); the config value is the default.
    threshold = settings.get(report.unit or db.session.get(Unit, report.unit_id), "review_threshold")
    # Only labels in use: a model trained before a topic was retired may still predict it.
    known = {field: dict(taxonomy.choices(field)) for field in PREDICTED_FIELDS}
    needs_review = False
    for field in PREDICTED_FIELDS:
        value = prediction.labels.get(field)
        if value is None:
            continue
        if value not in known[field]:
            needs_review = True  # a retired label: left for a reviewer to choose
            continue
        confidence = prediction.confidences[field]
        setattr(report, f"{field}_predicted", value)
        setattr(report, f"{field}_confidence", confidence)
        setattr(report, field, value)
        needs_review = needs_review or confidence < threshold
    report.needs_review = needs_review
    report.model_version = model.version
    report.explanation = json.dumps(prediction.reasons, ensure_ascii=False)
    set_due(report)
    db.session.add(ReportEvent(
        report=report, kind="tagged", created_at=now,
        data=json.dumps({"model_version": model.version, "labels": prediction.labels,
                         "confidences": prediction.confidences}, ensure_ascii=False)))

"""The app tags reports on submission with the installed model, and retrains from corrections."""
import json

import pytest
from sqlalchemy import select

from classifier.registry import read_metadata
from opinion.extensions import db
from opinion.models import ReportEvent
from opinion.models.base import utcnow
from opinion.services import labels, retrain, tagging


@pytest.fixture
def tiny_model(app, tiny_model_dir):
    app.config["CLASSIFIER_MODEL_DIR"] = str(tiny_model_dir)
    yield read_metadata(tiny_model_dir)
    app.config["CLASSIFIER_MODEL_DIR"] = None


def test_submission_stores_tags_confidence_reasons_and_model_version(users, make_report, tiny_model):
    report = make_report(users["ctv"], text="Dân phản đối giá bồi thường đất làm đường quá thấp")
    assert report.topic == report.topic_predicted == "dat_dai"
    assert 0 <= report.topic_confidence <= 1
    assert report.model_version == tiny_model["version"]
    reasons = json.loads(report.explanation)["topic"]
    assert reasons and all(word in report.text for word in reasons)
    tagged = db.session.scalar(select(ReportEvent).where(ReportEvent.report_id == report.id,
                                                         ReportEvent.kind == "tagged"))
    assert json.loads(tagged.data)["model_version"] == tiny_model["version"]
    # The tiny model knows no urgency: that tag stays empty rather than invented.
    assert report.urgency is None


def test_low_confidence_is_marked_for_review(app, users, make_report, tiny_model):
    app.config["REVIEW_THRESHOLD"] = 1.01
    try:
        report = make_report(users["ctv"], text="Dân phản đối giá bồi thường đất quá thấp")
    finally:
        app.config["REVIEW_THRESHOLD"] = 0.6
    assert report.needs_review is True


def test_without_a_model_reports_stay_untagged(app, users, make_report, tmp_path):
    app.config["CLASSIFIER_MODEL_DIR"] = str(tmp_path / "none")
    try:
        report = make_report(users["ctv"])
    finally:
        app.config["CLASSIFIER_MODEL_DIR"] = None
    assert report.topic is None and report.model_version is None and report.due_at is not None


def test_retrain_uses_corrections_and_switches_only_when_better(app, users, make_report, tiny_model,
                                                                 tiny_records, tmp_path):
    report = make_report(users["ctv"], text="Trường thu tiền học thêm của học sinh quá nhiều")
    corrected = "y_te" if report.topic != "y_te" else "giao_duc"
    labels.correct_labels(report, users["reviewer"], {"topic": corrected}, utcnow())
    db.session.commit()
    assert retrain.gold_records() == [{"text": report.text, "topic": corrected}]

    records = [{**r, "urgency": "thap" if i % 2 else "cao"} for i, r in enumerate(tiny_records)]
    train_file, heldout_file = tmp_path / "train.jsonl", tmp_path / "heldout.jsonl"
    for path in (train_file, heldout_file):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    root = tmp_path / "models"
    result = retrain.retrain(train_file, heldout_file, root, None)
    assert result.switched and result.n_gold == 1
    assert (root / "CURRENT").read_text().strip() == result.version
    app.config["CLASSIFIER_MODEL_DIR"] = str(root)
    assert tagging.model_dir() == root / result.version
    assert "macro-F1" in retrain.describe(result)


def test_readiness_needs_a_model(client, app, tiny_model, tmp_path):
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["model"] == tiny_model["version"]
    app.config["CLASSIFIER_MODEL_DIR"] = str(tmp_path / "none")
    missing = client.get("/readyz")
    assert missing.status_code == 503 and missing.get_json()["model"] == "missing"

"""Training, prediction, explanations, persistence and the command line."""
import json

import pytest

from classifier import ModelIncompatible, load_model
from classifier.__main__ import main
from classifier.registry import read_metadata, save_model
from classifier.text import fold


def test_predictions_have_confidences_and_reasons_from_the_text(tiny_model_dir):
    model = load_model(tiny_model_dir)
    text = "Bà con phản đối giá bồi thường đất quá thấp"
    prediction = model.predict([text])[0]
    assert prediction.labels["topic"] == "dat_dai"
    for label in ("topic", "sentiment"):
        assert 0.0 <= prediction.confidences[label] <= 1.0
    assert prediction.reasons["topic"], "a decision is explained by at least one word"
    for word in prediction.reasons["topic"]:
        assert word in text


def test_a_report_without_diacritics_gets_the_same_topic(tiny_model_dir):
    model = load_model(tiny_model_dir)
    for text in ("Trạm y tế xã thiếu thuốc chữa bệnh", "Trường thu thêm khoản phí học sinh",
                 "Đền bù đất bị thu hồi quá thấp"):
        accented, plain = model.predict([text, fold(text)])
        assert accented.labels["topic"] == plain.labels["topic"]


def test_metadata_records_versions_and_labels(tiny_model_dir, tiny_records):
    metadata = read_metadata(tiny_model_dir)
    assert metadata["labels"]["topic"] == ["dat_dai", "giao_duc", "y_te"]
    assert metadata["versions"]["scikit-learn"]
    assert metadata["version"] and metadata["model_sha256"]


def test_saved_models_are_immutable(tiny_model_dir):
    model = load_model(tiny_model_dir)
    with pytest.raises(FileExistsError):
        save_model(model, tiny_model_dir, {})


def test_a_tampered_model_file_is_refused(tiny_model_dir, tmp_path):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(tiny_model_dir, copy)
    with (copy / "model.joblib").open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelIncompatible):
        load_model(copy)


def test_cli_round_trip(tiny_records, write_jsonl, tmp_path, capsys):
    train_file = write_jsonl("train.jsonl", tiny_records)
    out = tmp_path / "model"
    assert main(["train", "--train", str(train_file), "--label", "topic", "--label", "sentiment",
                 "--out", str(out), "--heldout", str(train_file)]) == 0
    assert (out / "metadata.json").exists()
    assert "macro-F1" in capsys.readouterr().out

    to_tag = write_jsonl("in.jsonl", [{"id": 1, "text": "Học sinh phải lội suối đi học"}])
    tagged = tmp_path / "tagged.jsonl"
    assert main(["predict", "--model", str(out), "--in", str(to_tag), "--out", str(tagged)]) == 0
    row = json.loads(tagged.read_text(encoding="utf-8"))
    assert row["id"] == 1 and row["topic"] == "giao_duc"
    assert 0 <= row["topic_confidence"] <= 1 and "sentiment" in row
    capsys.readouterr()

    assert main(["evaluate", "--model", str(out), "--in", str(train_file), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert set(scores) == {"topic", "sentiment"}
    assert {"per_class", "macro_f1", "weighted_f1", "confusion"} <= set(scores["topic"])


def test_cli_works_for_any_label_set(write_jsonl, tmp_path):
    records = [{"text": f"{word} {i}", "colour": word} for i in range(12) for word in ("đỏ", "xanh")]
    train_file = write_jsonl("colours.jsonl", records)
    assert main(["train", "--train", str(train_file), "--label", "colour", "--out", str(tmp_path / "m")]) == 0
    assert read_metadata(tmp_path / "m")["labels"] == {"colour": ["xanh", "đỏ"]}


def test_cli_reports_bad_input(write_jsonl, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["train", "--train", str(bad), "--label", "topic", "--out", str(tmp_path / "m")]) == 2
    assert "not valid JSON" in capsys.readouterr().err

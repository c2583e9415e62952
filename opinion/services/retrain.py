"""Retrain the classifier from data/ plus reviewers' corrections; switch only when it is better."""
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from classifier.evaluate import evaluate_model
from classifier.registry import CURRENT_FILE, load_model, save_model
from classifier.train import data_hash, read_jsonl, train_model
from opinion.extensions import db
from opinion.models import LabelCorrection, Report
from opinion.models.labels import PREDICTED_FIELDS

# The score compared between models: macro-F1 per label on the held-out split.
COMPARED = "macro_f1"


@dataclass
class RetrainResult:
    version: str
    folder: Path
    new_scores: dict
    current_scores: dict | None
    switched: bool
    n_gold: int


def gold_records() -> list[dict]:
    """One record per corrected report: its text and the labels reviewers set."""
    rows = db.session.execute(
        select(Report.id, Report.text, LabelCorrection.field, LabelCorrection.new_value)
        .join(LabelCorrection, LabelCorrection.report_id == Report.id)
        .order_by(LabelCorrection.id)).all()
    records: dict[int, dict] = {}
    for report_id, text, field, value in rows:
        records.setdefault(report_id, {"text": text})[field] = value  # the last correction wins
    return list(records.values())


def _summary(scores: dict) -> dict:
    return {label: result[COMPARED] for label, result in scores.items()}


def retrain(train_file: Path, heldout_file: Path, models_root: Path, current_dir: Path | None,
            force: bool = False) -> RetrainResult:
    base = read_jsonl(train_file)
    gold = gold_records()
    records = base + gold
    heldout = read_jsonl(heldout_file)
    model = train_model(records, list(PREDICTED_FIELDS))
    new_scores = evaluate_model(model, heldout)
    current_scores = None
    if current_dir is not None:
        current_scores = evaluate_model(load_model(current_dir), heldout)
    better = current_scores is None or all(
        new_scores[label][COMPARED] >= current_scores[label][COMPARED] - 0.005 for label in new_scores)
    metadata = {"training_data_sha256": data_hash(records, list(PREDICTED_FIELDS)),
                "n_train": len(records), "n_gold": len(gold), "n_heldout": len(heldout),
                "metrics": {"heldout": new_scores}, "params": model.metadata["params"]}
    models_root.mkdir(parents=True, exist_ok=True)
    folder = save_model(model, models_root / f".incoming-{uuid.uuid4().hex}", metadata)
    final = models_root / model.version
    folder.rename(final)
    switched = better or force
    if switched:
        (models_root / CURRENT_FILE).write_text(model.version + "\n")
    return RetrainResult(model.version, final, _summary(new_scores),
                         _summary(current_scores) if current_scores else None, switched, len(gold))


def describe(result: RetrainResult) -> str:
    lines = [f"Mô hình mới {result.version} (thêm {result.n_gold} báo cáo đã được cán bộ sửa nhãn)."]
    for label, score in result.new_scores.items():
        old = result.current_scores.get(label) if result.current_scores else None
        lines.append(f"  {label}: macro-F1 {score:.4f}" + (f" (mô hình hiện tại {old:.4f})" if old is not None else ""))
    lines.append("Đã chuyển sang mô hình mới." if result.switched
                 else "Giữ mô hình hiện tại vì mô hình mới không tốt hơn (dùng --force để vẫn chuyển).")
    return "\n".join(lines)


def write_gold(path: Path) -> int:
    records = gold_records()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return len(records)

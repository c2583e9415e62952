"""Training: JSON Lines records in, a Model out. Works for any label set."""
import hashlib
import json
from pathlib import Path

from classifier.model import Model
from classifier.pipeline import DEFAULT_PARAMS, build_classifier, build_features
from classifier.text import fold


def read_jsonl(path: Path) -> list[dict]:
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: not valid JSON ({err.msg})") from err
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                # A bad line in a data file is a value error of the file, not a caller's TypeError.
                raise ValueError(  # noqa: TRY004
                    f"{path}:{number}: each line needs an object with a \"text\" string"
                )
            records.append(record)
    return records


def data_hash(records: list[dict], labels: list[str]) -> str:
    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps([record["text"], *[record.get(l) for l in labels]],
                                 ensure_ascii=False).encode())
    return digest.hexdigest()


def with_folded_copies(texts: list[str], targets: list) -> tuple[list[str], list]:
    """Add a copy of each text typed without diacritics: posts often are."""
    extra = [(fold(t), y) for t, y in zip(texts, targets, strict=True) if fold(t) != t.lower()]
    return texts + [t for t, _ in extra], targets + [y for _, y in extra]


def train_model(records: list[dict], labels: list[str], params: dict | None = None) -> Model:
    params = {**DEFAULT_PARAMS, **(params or {})}
    missing = [l for l in labels if not any(l in r for r in records)]
    if missing:
        raise ValueError(f"no training record carries the label(s): {', '.join(missing)}")
    texts_all = [r["text"] for r in records]
    index_all = list(range(len(records)))
    augmented_texts, augmented_index = (with_folded_copies(texts_all, index_all)
                                        if params.get("augment_folded", True) else (texts_all, index_all))
    features = build_features(params)
    matrix = features.fit_transform(augmented_texts)
    classifiers = {}
    for label in labels:
        rows = [i for i, source in enumerate(augmented_index) if records[source].get(label) is not None]
        targets = [str(records[augmented_index[i]][label]) for i in rows]
        if len(set(targets)) < 2:
            raise ValueError(f"label {label} needs at least two different values")
        classifier = build_classifier(params, len(rows))
        classifier.fit(matrix[rows], targets)
        classifiers[label] = classifier
    return Model(features, classifiers, {"params": params})

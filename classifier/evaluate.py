"""Evaluation: per-class precision, recall, F1, macro and weighted F1, confusion matrix."""
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from classifier.model import Model


def score(gold: list[str], predicted: list[str]) -> dict:
    classes = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=classes, zero_division=0)
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1), 4),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro", labels=classes, zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(gold, predicted, average="weighted", labels=classes,
                                            zero_division=0)), 4),
        "per_class": {c: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                          "f1": round(float(f), 4), "support": int(s)}
                      for c, p, r, f, s in zip(classes, precision, recall, f1, support, strict=True)},
        "confusion": {"labels": classes,
                      "matrix": confusion_matrix(gold, predicted, labels=classes).tolist()},
    }


def evaluate_model(model: Model, records: list[dict]) -> dict:
    """Scores for every label the model knows and the records carry."""
    predictions = model.predict([r["text"] for r in records], explain=False)
    results = {}
    for label in model.label_names:
        rows = [i for i, r in enumerate(records) if r.get(label) is not None]
        if rows:
            results[label] = score([str(records[i][label]) for i in rows],
                                   [predictions[i].labels[label] for i in rows])
    return results


def format_report(results: dict) -> str:
    lines = []
    for label, result in results.items():
        lines.append(f"== {label}  (n={result['n']})  accuracy {result['accuracy']:.4f}  "
                     f"macro-F1 {result['macro_f1']:.4f}  weighted-F1 {result['weighted_f1']:.4f}")
        lines.append(f"   {'class':<22}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}")
        for name, row in result["per_class"].items():
            lines.append(f"   {name:<22}{row['precision']:>10.3f}{row['recall']:>10.3f}"
                         f"{row['f1']:>10.3f}{row['support']:>9}")
        labels = result["confusion"]["labels"]
        lines.append("   confusion (rows gold, columns predicted): " + " ".join(labels))
        for name, row in zip(labels, result["confusion"]["matrix"], strict=True):
            lines.append(f"   {name:<22}" + " ".join(f"{v:>5}" for v in row))
    return "\n".join(lines)

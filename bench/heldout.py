"""The shipped model on our held-out split, as typed and with every diacritic stripped.

python bench/heldout.py [--model DIR]   (after python data/build_splits.py)
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse

from classifier import load_model
from classifier.evaluate import evaluate_model
from classifier.text import fold
from classifier.train import read_jsonl

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--heldout", default=str(ROOT / "data" / "heldout.jsonl"))
    args = parser.parse_args()
    model = load_model(args.model)
    records = read_jsonl(Path(args.heldout))
    stripped = [{**r, "text": fold(r["text"])} for r in records]
    as_typed, plain = evaluate_model(model, records), evaluate_model(model, stripped)
    print(f"model {model.version}, {len(records)} held-out reports")
    print(f"{'label':<10}{'macro-F1':>10}{'weighted':>10}{'no-diacritics macro-F1':>25}{'drop':>8}")
    for label in as_typed:
        a, b = as_typed[label], plain[label]
        print(f"{label:<10}{a['macro_f1']:>10.4f}{a['weighted_f1']:>10.4f}{b['macro_f1']:>25.4f}"
              f"{a['macro_f1'] - b['macro_f1']:>8.4f}")
    urgent = as_typed["urgency"]["per_class"]["khan_cap"]
    print(f"khan_cap recall {urgent['recall']:.4f} (precision {urgent['precision']:.4f}, "
          f"support {urgent['support']}); without diacritics "
          f"{plain['urgency']['per_class']['khan_cap']['recall']:.4f}")


if __name__ == "__main__":
    main()

"""UIT-VSFC: train our pipeline on its train split, report weighted and macro F1 on its test split.

python bench/uit_vsfc.py [--dataset ../shared/datasets/uit-vsfc]
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import time
from pathlib import Path

from classifier.evaluate import score
from classifier.train import train_model

ROOT = Path(__file__).resolve().parent.parent
UIT_PARAMS = {"augment_folded": False, "linear": "svm", "C": 0.3, "char_ngrams": [1, 3],
              "class_weight": None}
SENTIMENTS = {"0": "negative", "1": "neutral", "2": "positive"}
TOPICS = {"0": "lecturer", "1": "training_programme", "2": "facilities", "3": "others"}


def load_split(folder: Path) -> list[dict]:
    def lines(name):
        return (folder / name).read_text(encoding="utf-8").splitlines()
    return [{"text": text, "sentiment": SENTIMENTS[s.strip()], "topic": TOPICS[t.strip()]}
            for text, s, t in zip(lines("sents.txt"), lines("sentiments.txt"), lines("topics.txt"),
                                  strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default=str(ROOT.parent / "shared" / "datasets" / "uit-vsfc"))
    args = parser.parse_args()
    dataset = Path(args.dataset)
    train, test = load_split(dataset / "train"), load_split(dataset / "test")
    started = time.perf_counter()
    # Parameters chosen on UIT-VSFC's validation split (BENCHMARKS.md); the corpus is typed
    # with diacritics, so no folded copies are added.
    model = train_model(train, ["sentiment", "topic"], UIT_PARAMS)
    trained = time.perf_counter() - started
    predictions = model.predict([r["text"] for r in test], explain=False)
    print(f"UIT-VSFC: {len(train)} train, {len(test)} test sentences; training took {trained:.0f} s")
    for label in ("sentiment", "topic"):
        result = score([r[label] for r in test], [p.labels[label] for p in predictions])
        print(f"{label:<10} weighted-F1 {result['weighted_f1']:.4f}  macro-F1 {result['macro_f1']:.4f}  "
              f"accuracy {result['accuracy']:.4f}")


if __name__ == "__main__":
    main()

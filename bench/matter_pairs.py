"""Same matter or not: how well report similarity separates the labelled pairs.

python bench/matter_pairs.py
Reads data/matters/pairs.jsonl (written for this project; data/matters/README.md). The
thresholds are chosen on the "tune" half only, then precision and recall are reported on the
"test" half, which played no part in choosing them:
- join threshold: the lowest score above every different-matter pair of the tune half
  (auto-join precision 1.0 there; the target is 0.95, the margin is for reports unlike ours);
- suggestion threshold: the highest score (not above the join threshold) at which at least
  0.95 of the tune half's same-matter pairs are suggested or joined.
"Suggestion recall" counts a same-matter pair as found when its score reaches the suggestion
threshold (a joined pair is found too). Several measures are compared; the app uses the first.
"""
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import itertools
import json

from classifier.text import folded_tokens
from opinion.services import matters, similarity

PAIRS = Path(__file__).resolve().parent.parent / "data" / "matters" / "pairs.jsonl"
JOIN_PRECISION = 1.0
SUGGEST_RECALL = 0.95


def bigrams(text):
    words = [w for w, _s, _e in folded_tokens(text) if w not in similarity.STOPWORDS]
    return frozenset(words) | frozenset(f"{a}_{b}" for a, b in itertools.pairwise(words))


def char4(text):
    joined = " ".join(w for w, _s, _e in folded_tokens(text) if w not in similarity.STOPWORDS)
    return frozenset(joined[i:i + 4] for i in range(len(joined) - 3))


MEASURES = {
    "content words, Jaccard (used)": similarity.features,
    "content words + bigrams, Jaccard": bigrams,
    "character 4-grams, Jaccard": char4,
}


def rates(scored, join, suggest):
    joined = [same for score, same in scored if score >= join]
    positives = [score for score, same in scored if same]
    negatives = [score for score, same in scored if not same]
    return {
        "join_precision": sum(joined) / len(joined) if joined else 1.0,
        "join_recall": sum(s >= join for s in positives) / len(positives),
        "suggest_recall": sum(s >= suggest for s in positives) / len(positives),
        "different_suggested": sum(s >= suggest for s in negatives) / len(negatives),
    }


def choose(scored):
    candidates = sorted({round(score, 4) for score, _ in scored})
    join = next((t for t in candidates
                 if all(rates(scored, u, 0)["join_precision"] >= JOIN_PRECISION for u in candidates if u >= t)), 1.0)
    suggest = max((t for t in candidates if t <= join and rates(scored, join, t)["suggest_recall"] >= SUGGEST_RECALL),
                  default=0.0)
    # Round outward to two decimals: the join threshold up, the suggestion threshold down.
    return round(join + 0.005, 2), round(max(suggest - 0.005, 0), 2)


def main():
    pairs = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    halves = {name: [p for p in pairs if p["split"] == name] for name in ("tune", "test")}
    print(f"pairs: {len(pairs)} ({sum(p['same'] for p in pairs)} same matter); "
          f"tune {len(halves['tune'])}, test {len(halves['test'])}")
    for name, feature in MEASURES.items():
        scored = {half: [(similarity.jaccard(feature(p["a"]), feature(p["b"])), p["same"]) for p in items]
                  for half, items in halves.items()}
        join, suggest = choose(scored["tune"])
        test = rates(scored["test"], join, suggest)
        print(f"\n{name}\n  thresholds (from tune): join >= {join:.2f}, suggest >= {suggest:.2f}")
        print(f"  test: auto-join precision {test['join_precision']:.3f}, auto-join recall {test['join_recall']:.3f}, "
              f"suggestion recall {test['suggest_recall']:.3f}, different-matter pairs suggested "
              f"{test['different_suggested']:.3f}")
        if name.endswith("(used)"):
            kinds = {}
            for p in halves["test"]:
                score = similarity.jaccard(feature(p["a"]), feature(p["b"]))
                key = p["kind"] if not p["same"] else "same: " + p["kind"]
                hit = score >= (suggest if p["same"] else join)
                kinds.setdefault(key, []).append(hit)
            print("  test by kind (same: share suggested or joined; different: share wrongly auto-joined):")
            for key in sorted(kinds):
                print(f"    {key:48s} {sum(kinds[key]):3d}/{len(kinds[key])}")
            # The search reads only the rarest QUERY_WORDS words of the new report's prefix.
            above = [(feature(p["a"]), feature(p["b"])) for p in pairs if p["same"]]
            above = [(a, b) for a, b in above if similarity.jaccard(a, b) >= suggest]

            def found(new, old, suggest=suggest):
                looked_up = similarity.prefix(new, suggest)[:matters.QUERY_WORDS]
                return bool(set(looked_up) & set(similarity.prefix(old, matters.INDEX_MIN_SIMILARITY)))

            kept = sum(found(a, b) and found(b, a) for a, b in above)
            print(f"  index search (both halves, {matters.QUERY_WORDS} rarest words looked up): finds {kept} of the "
                  f"{len(above)} same-matter pairs at or above the suggestion threshold, whichever comes first")


if __name__ == "__main__":
    main()

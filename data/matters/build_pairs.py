"""Build pairs.jsonl from the hand-written matters in matters.py (see README.md).

Pairs inside one matter are "same"; pairs across the two matters of a group (same topic,
same village, different matter) and a few across groups are "different". Groups with an
odd number form the "tune" half (thresholds are chosen on it), even ones the "test" half.
Run: python data/matters/build_pairs.py
"""
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from classifier.text import fold

sys.path.insert(0, str(HERE))
from matters import GROUPS

# v0 formal, v1 short social, v2 paraphrase, v3 = v1 typed without diacritics,
# v4 = v0 typed without diacritics (differs from v0 only in diacritics).
VARIANT_KINDS = {0: "formal", 1: "social", 2: "paraphrase", 3: "social_nodiacritics", 4: "formal_nodiacritics"}


def variants(texts):
    return [texts[0], texts[1], texts[2], fold(texts[1]), fold(texts[0])]


def main():
    pairs = []
    for g, (topic, village, matters) in enumerate(GROUPS, start=1):
        split = "tune" if g % 2 else "test"
        all_variants = [variants(m) for m in matters]
        for m, vs in enumerate(all_variants):
            for i, j in itertools.combinations(range(len(vs)), 2):
                pairs.append({"a": vs[i], "b": vs[j], "same": True, "split": split, "group": g,
                              "kind": f"{VARIANT_KINDS[i]}~{VARIANT_KINDS[j]}", "topic": topic, "village": village})
        a, b = all_variants
        for i, j in itertools.product((0, 1, 2, 3), (0, 1, 2, 4)):
            pairs.append({"a": a[i], "b": b[j], "same": False, "split": split, "group": g,
                          "kind": "same_topic_village", "topic": topic, "village": village})
        other = GROUPS[g % len(GROUPS)]
        for i in range(3):
            pairs.append({"a": a[i], "b": variants(other[2][i % 2])[i], "same": False, "split": split,
                          "group": g, "kind": "other_group", "topic": topic, "village": village})
    with open(HERE / "pairs.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(pair, ensure_ascii=False) + "\n" for pair in pairs)
    same = sum(p["same"] for p in pairs)
    print(f"{len(pairs)} pairs: {same} same matter, {len(pairs) - same} different")


if __name__ == "__main__":
    main()

"""Split data/corpus/**/*.jsonl into data/train.jsonl and data/heldout.jsonl, reproducibly.

Each example goes to the held-out split when a hash of its text falls in the last 20%, so the
split never changes when examples are added elsewhere, and each topic keeps about 20% held out.
python data/build_splits.py
"""
import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent
HELDOUT_SHARE = 0.2


def is_heldout(text: str) -> bool:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELDOUT_SHARE


def main() -> None:
    train, heldout = [], []
    for path in sorted((DATA / "corpus").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                (heldout if is_heldout(record["text"]) else train).append(record)
    for name, records in (("train", train), ("heldout", heldout)):
        with (DATA / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(train)} training and {len(heldout)} held-out examples")


if __name__ == "__main__":
    main()

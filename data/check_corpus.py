"""Check data/corpus/**/*.jsonl: valid codes, no duplicate texts, and the spread per file.

python data/check_corpus.py [files...]   (exit status 1 when a line is invalid)
"""
import collections
import json
import sys
from pathlib import Path

TOPICS = {
    "dat_dai", "an_sinh", "y_te", "giao_duc", "hanh_chinh", "tham_nhung", "an_ninh_trat_tu",
    "dan_toc_ton_giao", "kinh_te", "ha_tang_moi_truong", "tin_sai_su_that", "van_hoa_xa_hoi", "khac",
}
URGENCIES = {"khan_cap", "cao", "trung_binh", "thap"}
SENTIMENTS = {"tich_cuc", "trung_lap", "tieu_cuc"}
STYLES = {"field", "social", "social_nodiacritics", "press", "meeting"}
FIELDS = {"text", "topic", "urgency", "sentiment", "style"}


def check(paths: list[Path]) -> int:
    errors = 0
    seen: dict[str, str] = {}
    for path in paths:
        counts = {key: collections.Counter() for key in ("topic", "urgency", "sentiment", "style")}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{where}: not JSON ({error})")
                errors += 1
                continue
            problems = []
            if set(record) != FIELDS:
                problems.append(f"fields {sorted(record)}")
            for key, allowed in (("topic", TOPICS), ("urgency", URGENCIES),
                                 ("sentiment", SENTIMENTS), ("style", STYLES)):
                if record.get(key) not in allowed:
                    problems.append(f"{key}={record.get(key)!r}")
            text = str(record.get("text", "")).strip()
            if len(text) < 15:
                problems.append("text too short")
            key = " ".join(text.lower().split())
            if key in seen:
                problems.append(f"duplicate of {seen[key]}")
            seen[key] = where
            if problems:
                print(f"{where}: " + "; ".join(problems))
                errors += 1
                continue
            for field, counter in counts.items():
                counter[record[field]] += 1
        total = sum(counts["topic"].values())
        print(f"{path.name}: {total} examples")
        for field in ("topic", "urgency", "sentiment", "style"):
            shares = ", ".join(f"{code} {count}" for code, count in counts[field].most_common())
            print(f"  {field}: {shares}")
    return errors


if __name__ == "__main__":
    corpus = Path(__file__).resolve().parent / "corpus"
    files = [Path(arg) for arg in sys.argv[1:]] or sorted(corpus.rglob("*.jsonl"))
    sys.exit(1 if check(files) else 0)

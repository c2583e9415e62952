"""Finding similar reports for a new report among 100,000 open reports of one commune (PostgreSQL).

python bench/similar.py [--reports 100000] [--pg postgresql://postgres@127.0.0.1:5432/opinion_bench_similar]
Fills a fresh database: one commune holding N open reports from the last 14 days (the whole
matter window), and a second commune with N/10 more (never compared). Each report is a text
of the training corpus (data/corpus/*.jsonl, 2,406 texts) with a fifth of its content words
dropped and three random words of the corpus vocabulary added, so the commune is full of
near-duplicates on every topic: far denser than a real commune. Its content words go into
`report_tokens` as intake would put them, and the tables are vacuumed. Then times `services.matters.find_similar` (the
candidate search in the index, then the exact score of the best 200) for 300 new reports
written separately (data/corpus/extra/) and for 300 repeats of matters already there (a corpus
text with a fifth of its words dropped), and prints the median and the 95th percentile.
"""
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import io
import json
import random
import statistics
import tempfile
import time
from datetime import timedelta

from flask_migrate import upgrade
from sqlalchemy import text

from bench.databases import fresh_database
from opinion import create_app
from opinion.config import TestConfig, normalise_database_url
from opinion.extensions import db
from opinion.models import Report
from opinion.models.base import utcnow
from opinion.services import matters, similarity

ROOT = Path(__file__).resolve().parent.parent
QUERIES = 300


def texts(folder: Path) -> list[str]:
    return [json.loads(line)["text"] for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]


def fill(n: int, rng: random.Random) -> tuple[int, int]:
    db.session.execute(text("INSERT INTO units (code, name, kind) VALUES ('S', 'Tỉnh đo', 'province')"))
    for code in ("S-1", "S-2"):
        db.session.execute(text("INSERT INTO units (code, name, kind, parent_id) SELECT :c, :c, 'commune', id "
                                "FROM units WHERE code = 'S'"), {"c": code})
    units = dict(db.session.execute(text("SELECT code, id FROM units WHERE kind = 'commune'")).all())
    db.session.execute(text("INSERT INTO users (username, full_name, role, unit_id, password_hash, active, "
                            "must_change_password, created_at) VALUES ('s.ctv', 'Đo', 'collaborator', :u, 'x', true, false, now())"),
                       {"u": units["S-1"]})
    author = db.session.scalar(text("SELECT id FROM users WHERE username = 's.ctv'"))
    db.session.commit()

    corpus = texts(ROOT / "data" / "corpus")
    features = [sorted(similarity.features(t)) for t in corpus]
    vocabulary = sorted({word for words in features for word in words})
    now = utcnow()
    reports, tokens = io.StringIO(), io.StringIO()
    total = n + n // 10
    for i in range(1, total + 1):
        pick = rng.randrange(len(corpus))
        words = [w for w in features[pick] if rng.random() > 0.2] + rng.sample(vocabulary, 3)
        unit = units["S-1"] if i <= n else units["S-2"]
        created = (now - timedelta(days=13.9) * rng.random()).isoformat()
        body = corpus[pick].replace("\t", " ").replace("\n", " ").replace("\\", " ")
        reports.write("\t".join(["field", body, body.lower(), "truc_tiep", str(unit), str(author),
                                 f"s-{i}", created, "moi", "2", "f", "f", " ".join(sorted(set(words)))]) + "\n")
        for key in {similarity.token_key(w) for w in similarity.prefix(words, matters.INDEX_MIN_SIMILARITY)}:
            tokens.write(f"{i}\t{key}\t{unit}\t{created}\n")
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy("COPY reports (kind, text, text_folded, source, unit_id, author_id, submission_key, "
                         "created_at, status, urgency_rank, needs_review, queue_hidden, similarity_words) "
                         "FROM STDIN") as copy:
            copy.write(reports.getvalue())
        with cursor.copy("COPY report_tokens (report_id, token, unit_id, created_at) FROM STDIN") as copy:
            copy.write(tokens.getvalue())
        raw.commit()
    finally:
        raw.close()
    # The state autovacuum keeps a live table in: statistics, and a visibility map so the
    # search reads the index alone (without it every index row also visits the table).
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    rows = db.session.scalar(text("SELECT count(*) FROM report_tokens"))
    return units["S-1"], rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/opinion_bench_similar")
    args = parser.parse_args()
    url = normalise_database_url(args.pg)
    fresh_database(url)
    rng = random.Random(42)
    app = create_app(TestConfig(Path(tempfile.mkdtemp()), url))
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        unit_id, rows = fill(args.reports, rng)
        print(f"{args.reports} open reports in the commune (+{args.reports // 10} in another), "
              f"{rows} index rows, filled in {time.perf_counter() - started:.0f} s", flush=True)
        now = utcnow()
        corpus = texts(ROOT / "data" / "corpus")
        sets = {
            "new texts (data/corpus/extra)": rng.sample(texts(ROOT / "data" / "corpus" / "extra"), QUERIES),
            # Another report of a matter already in the commune: a corpus text, a fifth of its words dropped.
            "repeats of a known matter": [" ".join(w for w in t.split() if rng.random() > 0.2)
                                          for t in rng.sample(corpus, QUERIES)],
        }
        for name, bodies in sets.items():
            samples, found = [], []
            for i, body in enumerate(bodies):
                report = Report(id=-1 - i, unit_id=unit_id, text=body,
                                similarity_words=similarity.encode(similarity.features(body)))
                started = time.perf_counter()
                result = matters.find_similar(report, now)
                samples.append((time.perf_counter() - started) * 1000)
                found.append(len(result))
            samples.sort()
            print(f"find_similar, {QUERIES} {name}, {args.reports} open reports, PostgreSQL: "
                  f"median {statistics.median(samples):.1f} ms, p95 {samples[int(0.95 * len(samples)) - 1]:.1f} ms, "
                  f"max {samples[-1]:.1f} ms; similar reports found per query: median {statistics.median(found)}")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()

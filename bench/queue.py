"""Queue speed at 1,000 and 1,000,000 reports (PostgreSQL): first page and page 50, with filters.

python bench/queue.py [--sizes 1000 1000000] [--pg postgresql://postgres@127.0.0.1:5432/opinion_bench]
Fills a fresh database per size with generate_series (10 communes, the measured one holding a
tenth of the reports), then times the queue service as the API calls it.
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text

from bench.databases import fresh_database
from opinion import create_app
from opinion.config import TestConfig, normalise_database_url
from opinion.extensions import db
from opinion.models import User
from opinion.models.base import utcnow
from opinion.services import queue as queue_service

COMMUNES = 10
RUNS = 15
# Independent pseudo-random columns (setseed makes every run the same).
FILL = """
INSERT INTO reports (kind, text, text_folded, source, unit_id, village_id, author_id, submission_key,
                     created_at, status, topic, urgency, sentiment, urgency_rank, needs_review, due_at)
SELECT 'field',
       'Báo cáo số ' || g || ': người dân phản ánh ' || (ARRAY['bồi thường đất','trợ cấp chậm','đường sạt lở','trường thu phí','giá lợn giảm'])[1 + floor(r.t * 5)::int],
       'bao cao so ' || g || ': nguoi dan phan anh ' || (ARRAY['boi thuong dat','tro cap cham','duong sat lo','truong thu phi','gia lon giam'])[1 + floor(r.t * 5)::int],
       'truc_tiep', c.id, NULL, :author, 'bench-' || g,
       now() - r.age * interval '90 days',
       (ARRAY['moi','dang_xu_ly','da_chuyen','bao_cao_cap_tren','da_giai_quyet','luu_tru'])[1 + floor(r.s * 6)::int],
       (ARRAY['dat_dai','an_sinh','y_te','giao_duc','hanh_chinh','kinh_te','ha_tang_moi_truong'])[1 + floor(r.p * 7)::int],
       (ARRAY['khan_cap','cao','trung_binh','thap'])[1 + floor(r.u * 4)::int],
       'tieu_cuc', floor(r.u * 4)::int, false, now()
FROM generate_series(1, :n) AS g
CROSS JOIN LATERAL (SELECT random() AS t, random() AS age, random() AS s, random() AS p,
                           random() AS u, floor(random() * :communes)::int AS commune, g AS k) AS r
JOIN units c ON c.code = 'B-' || r.commune
"""


def fill(n: int) -> User:
    db.session.execute(text("INSERT INTO units (code, name, kind) VALUES ('B', 'Tỉnh đo', 'province')"))
    for i in range(COMMUNES):
        db.session.execute(text(
            "INSERT INTO units (code, name, kind, parent_id) SELECT :c, :n, 'commune', id FROM units WHERE code='B'"),
            {"c": f"B-{i}", "n": f"Xã đo {i}"})
    unit_id = db.session.scalar(text("SELECT id FROM units WHERE code = 'B-0'"))
    reviewer = User(username="bench.reviewer", full_name="Đo", role="reviewer", unit_id=unit_id, password_hash="x")
    author = User(username="bench.ctv", full_name="Đo", role="collaborator", unit_id=unit_id, password_hash="x")
    db.session.add_all([reviewer, author])
    db.session.flush()
    db.session.execute(text("SELECT setseed(0.42)"))
    db.session.execute(text(FILL), {"n": n, "author": author.id, "communes": COMMUNES})
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return reviewer


def timed(fn) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(reviewer: User) -> dict:
    now = utcnow()
    cases = {
        "open statuses": {"status": ["moi", "dang_xu_ly", "da_chuyen"]},
        "open + urgency cao + topic dat_dai": {"status": ["moi", "dang_xu_ly", "da_chuyen"],
                                                 "urgency": ["cao"], "topic": ["dat_dai"]},
        "text search 'boi thuong'": {"q": "boi thuong"},
    }
    results = {}
    for name, values in cases.items():
        filters = queue_service.QueueFilters(**values)

        def first_page(filters=filters):
            queue_service.queue_page(reviewer, filters, 20, None, now)

        cursor = None
        for _ in range(49):
            _, cursor = queue_service.queue_page(reviewer, filters, 20, cursor, now)
            if cursor is None:  # fewer than 50 pages
                break
        page50_cursor = cursor

        def page_50(filters=filters, cursor=cursor):
            queue_service.queue_page(reviewer, filters, 20, cursor, now)

        results[name] = (timed(first_page), timed(page_50) if page50_cursor else None)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 1_000_000])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/opinion_bench")
    args = parser.parse_args()
    url = normalise_database_url(args.pg)
    table = {}
    for size in args.sizes:
        fresh_database(url)
        app = create_app(TestConfig(Path(tempfile.mkdtemp()), url))
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            reviewer = fill(size)
            print(f"{size:>9} reports filled in {time.perf_counter() - started:.0f} s", flush=True)
            table[size] = measure(reviewer)
            db.session.remove()
            db.engine.dispose()
    print("\nmedian of", RUNS, "runs, ms (first page / page 50), 20 rows a page, PostgreSQL")
    for name in next(iter(table.values())):
        cells = [f"{table[s][name][0]:7.1f} / " + ("n/a" if table[s][name][1] is None else f"{table[s][name][1]:.1f}")
                 for s in args.sizes]
        print(f"{name:<38}" + "  ".join(f"{s:>9}: {c}" for s, c in zip(args.sizes, cells, strict=True)))


if __name__ == "__main__":
    main()

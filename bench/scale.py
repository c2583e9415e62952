"""Country scale on PostgreSQL: 3,300 communes in 34 provinces, reports over 24 months.

python bench/scale.py [--sizes 100000 10000000] [--submissions 2000] [--pg postgresql://postgres@127.0.0.1:5432/opinion_scale]

For each size: a fresh database migrated to the latest schema, filled with generate_series
(indexes dropped during the load and rebuilt after, as a bulk load would), then timed:
the queue's first page and page 50 for a commune reviewer and a province reviewer, text
search, the monthly figures of a commune and of a province for the last full month, and
submissions through the API under gunicorn (2 workers, 16 concurrent clients).
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from flask_migrate import upgrade
from sqlalchemy import inspect, select, text

from bench.queue import fresh_database
from opinion import create_app
from opinion.config import TestConfig, normalise_database_url
from opinion.extensions import db
from opinion.models import Unit, User
from opinion.models.base import utcnow
from opinion.services import queue as queue_service
from opinion.services.monthly import Month, monthly_figures

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = 34
COMMUNES = 3300
MONTHS = 24
RUNS = 9
PASSWORD = "bench-password-2026"
UNITS = (
    ("INSERT INTO units (code, name, kind) SELECT 'P' || p, 'Tỉnh đo ' || p, 'province' "
     "FROM generate_series(0, :provinces - 1) p"),
    ("INSERT INTO units (code, name, kind, parent_id) "
     "SELECT 'P' || (c % :provinces) || '-C' || c, 'Xã đo ' || c, 'commune', u.id "
     "FROM generate_series(0, :communes - 1) c JOIN units u ON u.code = 'P' || (c % :provinces)"),
)
FILL = """
INSERT INTO reports (kind, text, text_folded, source, unit_id, author_id, submission_key,
                     created_at, status, topic, urgency, sentiment, urgency_rank, needs_review,
                     due_at, first_action_at)
SELECT 'field',
       'Báo cáo ' || g || ': người dân phản ánh ' || (ARRAY['bồi thường đất','trợ cấp chậm','đường sạt lở','trường thu phí','giá lợn giảm','nước sinh hoạt','học phí tăng','lừa đảo qua mạng'])[1 + floor(r.t * 8)::int],
       'bao cao ' || g || ': nguoi dan phan anh ' || (ARRAY['boi thuong dat','tro cap cham','duong sat lo','truong thu phi','gia lon giam','nuoc sinh hoat','hoc phi tang','lua dao qua mang'])[1 + floor(r.t * 8)::int],
       'truc_tiep', commune.id, :author, 'scale-' || g, r.created,
       (ARRAY['moi','dang_xu_ly','da_chuyen','bao_cao_cap_tren','da_giai_quyet','luu_tru'])[1 + floor(r.s * 6)::int],
       (ARRAY['dat_dai','an_sinh','y_te','giao_duc','hanh_chinh','tham_nhung','an_ninh_trat_tu','dan_toc_ton_giao','kinh_te','ha_tang_moi_truong','tin_sai_su_that','van_hoa_xa_hoi','khac'])[1 + floor(r.p * 13)::int],
       (ARRAY['khan_cap','cao','trung_binh','thap'])[1 + floor(r.u * 4)::int],
       (ARRAY['tich_cuc','trung_lap','tieu_cuc'])[1 + floor(r.t * 3)::int],
       floor(r.u * 4)::int, false, r.created + interval '24 hours',
       CASE WHEN r.s >= 1.0 / 6 THEN r.created + r.t * interval '48 hours' END
FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g
CROSS JOIN LATERAL (SELECT random() AS t, random() AS s, random() AS p, random() AS u,
                           :start + random() * (:end - :start) AS created,
                           floor(random() * :communes)::int AS c, g AS k) AS r
JOIN units commune ON commune.code = 'P' || (r.c % :provinces) || '-C' || r.c
"""
CHUNK = 1_000_000


def _drop_report_indexes() -> list[str]:
    """Drop the reports table's secondary indexes; return their definitions to rebuild."""
    rows = db.session.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports' "
        "AND indexname NOT LIKE 'pk_%' AND indexname NOT LIKE 'uq_%'")).all()
    for name, _ in rows:
        db.session.execute(text(f'DROP INDEX "{name}"'))
    db.session.commit()
    return [definition for _, definition in rows]


def fill(size: int, months: list[Month]) -> None:
    for statement in UNITS:
        db.session.execute(text(statement), {"provinces": PROVINCES, "communes": COMMUNES})
    author = User(username="scale.ctv", full_name="Đo", role="collaborator", password_hash="x",
                  unit_id=db.session.scalar(select(Unit.id).where(Unit.code == "P0-C0")))
    db.session.add(author)
    db.session.commit()
    definitions = _drop_report_indexes()
    db.session.execute(text("SELECT setseed(0.42)"))
    for first in range(1, size + 1, CHUNK):
        last = min(size, first + CHUNK - 1)
        db.session.execute(text(FILL), {
            "first": first, "last": last, "author": author.id, "communes": COMMUNES,
            "provinces": PROVINCES, "start": months[0].start, "end": months[-1].end})
        db.session.commit()
        print(f"  {last:,} reports", flush=True)
    for definition in definitions:
        db.session.execute(text(definition))
        db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def timed(fn) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _pages(user: User, filters, now) -> tuple[float, float | None]:
    cursor = None
    for _ in range(49):
        _, cursor = queue_service.queue_page(user, filters, 20, cursor, now)
        if cursor is None:
            break
    page50 = cursor
    first = timed(lambda: queue_service.queue_page(user, filters, 20, None, now))
    fiftieth = timed(lambda: queue_service.queue_page(user, filters, 20, page50, now)) if page50 else None
    return first, fiftieth


def measure_queries(month: Month) -> dict:
    now = utcnow()
    commune = db.session.scalar(select(Unit).where(Unit.code == "P0-C0"))
    province = db.session.scalar(select(Unit).where(Unit.code == "P0"))
    reviewer = User(username="scale.reviewer", full_name="Đo", role="reviewer", password_hash="x", unit=commune)
    province_reviewer = User(username="scale.tinh", full_name="Đo", role="reviewer", password_hash="x", unit=province)
    db.session.add_all([reviewer, province_reviewer])
    db.session.commit()
    open_work = queue_service.QueueFilters(status=["moi", "dang_xu_ly", "da_chuyen"])
    escalated = queue_service.QueueFilters(status=["bao_cao_cap_tren"])
    return {
        "queue, commune (first / page 50)": _pages(reviewer, open_work, now),
        "queue, province: escalated (first / page 50)": _pages(province_reviewer, escalated, now),
        "search 'lua dao', commune (first / page 50)": _pages(reviewer, queue_service.QueueFilters(q="lua dao"), now),
        "monthly figures, commune": (timed(lambda: monthly_figures(commune, month, now)), None),
        "monthly figures, province": (timed(lambda: monthly_figures(province, month, now)), None),
    }


def measure_submissions(url: str, count: int) -> float:
    """Submissions per second through the API under gunicorn (2 workers, 16 clients)."""
    env = {**os.environ, "OPINION_ENV": "development", "DATABASE_URL": url, "OPINION_RATE_LIMITS": "off",
           "SECRET_KEY": uuid.uuid4().hex * 2, "LOG_LEVEL": "WARNING"}
    port = 8765
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
         "opinion:create_app()"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)

        def call(path, body, headers=None):
            request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                             headers={"Content-Type": "application/json", **(headers or {})})
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())

        token = call("/api/v1/auth/token", {"username": "scale.ctv", "password": PASSWORD})["token"]
        auth = {"Authorization": f"Bearer {token}"}
        def submit(i):
            call("/api/v1/reports", {"kind": "field", "source": "truc_tiep",
                                     "text": f"Bà con thôn phản ánh đường liên thôn số {i} bị sạt lở sau mưa lớn."},
                 {**auth, "Idempotency-Key": uuid.uuid4().hex})

        call("/api/v1/reports", {"kind": "field", "source": "truc_tiep", "text": "Khởi động: tải mô hình phân loại."},
             {**auth, "Idempotency-Key": uuid.uuid4().hex})
        started = time.perf_counter()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(submit, range(count)))
        return count / (time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 10_000_000])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/opinion_scale")
    args = parser.parse_args()
    url = normalise_database_url(args.pg)
    month = Month.containing(utcnow()).previous()
    months = [month]
    for _ in range(MONTHS - 1):
        months.insert(0, months[0].previous())
    results = {}
    for size in args.sizes:
        fresh_database(url)
        app = create_app(TestConfig(Path(tempfile.mkdtemp()), url))
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            fill(size, months)
            print(f"{size:,} reports over {MONTHS} months filled in {time.perf_counter() - started:.0f} s", flush=True)
            author = db.session.scalar(select(User).where(User.username == "scale.ctv"))
            author.set_password(PASSWORD)
            db.session.commit()
            assert "ix_reports_unit_queue" in {i["name"] for i in inspect(db.engine).get_indexes("reports")}
            results[size] = measure_queries(month)
            db.session.remove()
            db.engine.dispose()
        results[size]["submissions per second (gunicorn, 2 workers)"] = (
            measure_submissions(url, args.submissions), None)
        for name, (first, second) in results[size].items():
            extra = "" if second is None else f" / {second:.1f}"
            print(f"  {name:<48} {first:9.1f}{extra}", flush=True)
    print(f"\nmedian of {RUNS} runs (ms; submissions per second), PostgreSQL, month {month.code}")
    names = list(next(iter(results.values())))
    for name in names:
        cells = []
        for size in args.sizes:
            first, second = results[size][name]
            cells.append(f"{first:.1f}" + ("" if second is None else f" / {second:.1f}"))
        print(f"{name:<48}" + "  ".join(f"{size:>11,}: {cell:<16}" for size, cell in zip(args.sizes, cells, strict=True)))


if __name__ == "__main__":
    main()

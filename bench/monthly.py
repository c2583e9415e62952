"""Monthly report speed (PostgreSQL): the JSON figures and the Word document for a province
month of 100,000 reports.

python bench/monthly.py [--reports 100000] [--months 7] [--pg postgresql://postgres@127.0.0.1:5432/opinion_bench]
Fills a fresh database with generate_series: a province of 20 communes with 5 villages each,
`--reports` reports in each of `--months` months ending with the measured one (so the previous
month and the six-month trend are full too), a third of them acted on, a fifth resolved with
an event, some escalated; then times monthly_figures, build_docx and build_xlsx.
"""
import sys
from pathlib import Path

# Run as a script, bench/ comes first on sys.path: bench/classifier.py would shadow the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import statistics
import tempfile
import time

from flask_migrate import upgrade
from sqlalchemy import select, text

from bench.queue import fresh_database
from opinion import create_app
from opinion.config import TestConfig, normalise_database_url
from opinion.extensions import db
from opinion.models import Unit
from opinion.models.base import utcnow
from opinion.services import monthly_docx, monthly_xlsx
from opinion.services.monthly import Month, monthly_figures

COMMUNES = 20
VILLAGES = 5
RUNS = 5
FILL = """
INSERT INTO reports (kind, text, text_folded, source, platform, canonical_url, unit_id, village_id,
                     author_id, submission_key, created_at, status, topic, urgency, sentiment,
                     urgency_rank, needs_review, due_at, first_action_at)
SELECT CASE WHEN r.link < 0.4 THEN 'social' ELSE 'field' END,
       'Báo cáo số ' || g || ': người dân phản ánh ' || (ARRAY['bồi thường đất','trợ cấp chậm','đường sạt lở','trường thu phí','giá lợn giảm'])[1 + floor(r.t * 5)::int],
       'bao cao so ' || g,
       CASE WHEN r.link < 0.4 THEN 'mang_xa_hoi' ELSE 'truc_tiep' END,
       CASE WHEN r.link < 0.4 THEN (ARRAY['facebook','zalo','tiktok','youtube','news'])[1 + floor(r.t * 5)::int] END,
       CASE WHEN r.link < 0.4 THEN 'facebook.com/posts/' || floor(r.link * 100000)::int END,
       c.id, v.id, :author, 'bench-' || :tag || '-' || g,
       r.created,
       (ARRAY['moi','dang_xu_ly','da_chuyen','bao_cao_cap_tren','da_giai_quyet','luu_tru'])[1 + floor(r.s * 6)::int],
       (ARRAY['dat_dai','an_sinh','y_te','giao_duc','hanh_chinh','tham_nhung','an_ninh_trat_tu','dan_toc_ton_giao','kinh_te','ha_tang_moi_truong','tin_sai_su_that','van_hoa_xa_hoi','khac'])[1 + floor(r.p * 13)::int],
       (ARRAY['khan_cap','cao','trung_binh','thap'])[1 + floor(r.u * 4)::int],
       (ARRAY['tich_cuc','trung_lap','tieu_cuc'])[1 + floor(r.t * 3)::int],
       floor(r.u * 4)::int, false, r.created + interval '24 hours',
       CASE WHEN r.s >= 1.0 / 6 THEN r.created + r.t * interval '48 hours' END
FROM generate_series(1, :n) AS g
CROSS JOIN LATERAL (SELECT random() AS t, random() AS link, random() AS s, random() AS p, random() AS u,
                           :start + random() * (:end - :start) AS created,
                           floor(random() * :communes)::int AS commune,
                           floor(random() * :villages)::int AS village, g AS k) AS r
JOIN units c ON c.code = 'B-' || r.commune
JOIN units v ON v.code = 'B-' || r.commune || '-' || r.village
"""
EVENTS = """
INSERT INTO report_events (report_id, kind, created_at, from_status, to_status, note)
SELECT id, 'transition', first_action_at + interval '6 hours', 'dang_xu_ly', status, 'Đã xử lý theo thẩm quyền.'
FROM reports WHERE status IN ('da_giai_quyet', 'bao_cao_cap_tren', 'luu_tru', 'da_chuyen')
"""


def fill(per_month: int, months: list[Month]) -> Unit:
    db.session.execute(text("INSERT INTO units (code, name, kind) VALUES ('B', 'Tỉnh Đo Lường', 'province')"))
    for i in range(COMMUNES):
        db.session.execute(text(
            "INSERT INTO units (code, name, kind, parent_id) SELECT :c, :n, 'commune', id FROM units WHERE code='B'"),
            {"c": f"B-{i}", "n": f"Xã Đo {i:02d}"})
        for j in range(VILLAGES):
            db.session.execute(text(
                "INSERT INTO units (code, name, kind, parent_id) SELECT :c, :n, 'village', id FROM units WHERE code=:p"),
                {"c": f"B-{i}-{j}", "n": f"Thôn {j}", "p": f"B-{i}"})
    author = db.session.execute(text(
        "INSERT INTO users (username, full_name, password_hash, role, unit_id, active, created_at) "
        "SELECT 'bench.ctv', 'Đo', 'x', 'collaborator', id, true, now() FROM units WHERE code = 'B-0' "
        "RETURNING id")).scalar()
    db.session.execute(text("SELECT setseed(0.42)"))
    for month in months:
        db.session.execute(text(FILL), {"n": per_month, "author": author, "communes": COMMUNES,
                                        "villages": VILLAGES, "start": month.start, "end": month.end,
                                        "tag": month.code})
    db.session.execute(text(EVENTS))
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return db.session.scalar(select(Unit).where(Unit.code == "B"))


def timed(fn) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000, help="reports per month")
    parser.add_argument("--months", type=int, default=7)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/opinion_bench")
    args = parser.parse_args()
    url = normalise_database_url(args.pg)
    fresh_database(url)
    app = create_app(TestConfig(Path(tempfile.mkdtemp()), url))
    measured = Month.containing(utcnow()).previous()
    months = [measured]
    for _ in range(args.months - 1):
        months.insert(0, months[0].previous())
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        province = fill(args.reports, months)
        total = args.reports * args.months
        print(f"{total:,} reports ({args.reports:,} a month, {args.months} months) filled in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        now = utcnow()
        commune = db.session.scalar(select(Unit).where(Unit.code == "B-0"))
        json_s, figures = timed(lambda: monthly_figures(province, measured, now))
        commune_s, _ = timed(lambda: monthly_figures(commune, measured, now))
        docx_s, document = timed(lambda: monthly_docx.build_docx(monthly_figures(province, measured, now)))
        xlsx_s, sheet = timed(lambda: monthly_xlsx.build_xlsx(monthly_figures(province, measured, now),
                                                              province, measured))
        print(f"province month {measured.code}: {figures['totals']['reports']:,} reports, "
              f"{figures['totals']['matters']:,} matters")
        print(f"median of {RUNS} runs, PostgreSQL")
        print(f"  figures (JSON), province month   {json_s:6.2f} s   (budget 2 s)")
        print(f"  figures (JSON), one commune      {commune_s:6.2f} s")
        print(f"  Word document incl. figures      {docx_s:6.2f} s   (budget 5 s, {len(document) // 1024} KB)")
        print(f"  spreadsheet incl. all reports    {xlsx_s:6.2f} s   ({len(sheet) // 1024} KB)")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()

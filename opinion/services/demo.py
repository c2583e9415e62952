"""Demo data (contract.md): a fictional province, two communes, accounts and ~200 reports."""
import json
import random
from datetime import timedelta
from pathlib import Path

from opinion.extensions import db
from opinion.models import Unit
from opinion.models.base import utcnow
from opinion.services import admin, handlers, intake, labels, triage

DEMO_PASSWORD = "demo-2026"  # fixed by contract.md; seeding is refused in production
DEMO_REPORTS = Path(__file__).resolve().parent.parent / "demo" / "reports.jsonl"

UNITS = [
    # code, name, kind, parent
    ("DEMO", "Tỉnh Lâm Sơn", "province", None),
    ("DEMO-TH", "Xã Tân Hòa", "commune", "DEMO"),
    ("DEMO-TH-NP", "Thôn Nà Pàn", "village", "DEMO-TH"),
    ("DEMO-TH-BC", "Bản Chắt", "village", "DEMO-TH"),
    ("DEMO-TH-DT", "Thôn Đồng Tâm", "village", "DEMO-TH"),
    ("DEMO-TH-PV", "Thôn Pác Vằn", "village", "DEMO-TH"),
    ("DEMO-PM", "Xã Phú Mỹ", "commune", "DEMO"),
    ("DEMO-PM-PL", "Thôn Phú Lợi", "village", "DEMO-PM"),
    ("DEMO-PM-MH", "Thôn Mỹ Hưng", "village", "DEMO-PM"),
    ("DEMO-PM-T3", "Tổ dân phố 3", "village", "DEMO-PM"),
]

USERS = [
    # username, full name, role, unit, village
    ("ctv.demo", "Cộng tác viên Nà Pàn", "collaborator", "DEMO-TH", "DEMO-TH-NP"),
    ("ctv2.demo", "Cộng tác viên Bản Chắt", "collaborator", "DEMO-TH", "DEMO-TH-BC"),
    ("ctv3.demo", "Cộng tác viên Phú Lợi", "collaborator", "DEMO-PM", "DEMO-PM-PL"),
    ("ctv4.demo", "Cộng tác viên Mỹ Hưng", "collaborator", "DEMO-PM", "DEMO-PM-MH"),
    ("ban35.demo", "Ban Công tác 35 xã Tân Hòa", "reviewer", "DEMO-TH", None),
    ("ban35b.demo", "Ban Công tác 35 xã Phú Mỹ", "reviewer", "DEMO-PM", None),
    ("tinh.demo", "Ban Tuyên giáo và Dân vận tỉnh", "reviewer", "DEMO", None),
    ("admin.demo", "Quản trị viên tỉnh", "admin", "DEMO", None),
]
REVIEWER_OF = {"DEMO-TH": "ban35.demo", "DEMO-PM": "ban35b.demo"}

# The path from "moi" to each demo status.
PATHS = {
    "moi": [],
    "dang_xu_ly": ["dang_xu_ly"],
    "da_chuyen": ["dang_xu_ly", "da_chuyen"],
    "bao_cao_cap_tren": ["dang_xu_ly", "bao_cao_cap_tren"],
    "da_giai_quyet": ["dang_xu_ly", "da_giai_quyet"],
    "luu_tru": ["dang_xu_ly", "luu_tru"],
}
DEFAULT_NOTES = {
    "dang_xu_ly": "Đã tiếp nhận, đang kiểm tra thông tin.",
    "da_chuyen": "Chuyển cơ quan chức năng xem xét, xử lý theo thẩm quyền.",
    "bao_cao_cap_tren": "Vượt thẩm quyền của xã, báo cáo tỉnh cho ý kiến chỉ đạo.",
    "da_giai_quyet": "Đã kiểm tra, giải thích và giải quyết cho người dân.",
    "luu_tru": "Thông tin chung, lưu để tổng hợp báo cáo tháng.",
}


def _users_by_name() -> dict:
    from sqlalchemy import select

    from opinion.models import User
    return {u.username: u for u in db.session.scalars(select(User).where(User.username.like("%.demo")))}


def seed_demo(reports_file: Path = DEMO_REPORTS) -> int:
    """Create the demo data unless it exists. Returns the number of reports created."""
    if admin.find_unit("DEMO") is not None:
        return 0
    units: dict[str, Unit] = {}
    for code, name, kind, parent in UNITS:
        units[code] = Unit(code=code, name=name, kind=kind, parent=units.get(parent))
        db.session.add(units[code])
    db.session.flush()
    for code in REVIEWER_OF:
        handlers.add_defaults(units[code])
    for username, full_name, role, unit, village in USERS:
        admin.create_user(username=username, full_name=full_name, role=role, unit_code=unit,
                          password=DEMO_PASSWORD, village_code=village,
                          password_rules=False)
    users = _users_by_name()

    rng = random.Random(2026)  # the same demo every time
    now = utcnow()
    rows = [json.loads(line) for line in reports_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    for index, row in enumerate(rows):
        created = now - timedelta(days=row["days_ago"], hours=rng.randint(0, 20), minutes=rng.randint(0, 59))
        if created > now:
            created = now - timedelta(minutes=5)
        submission = intake.Submission(
            kind=row["kind"], text=row["text"], source=row["source"], url=row.get("url"),
            village=row.get("village"), submission_key=f"demo-{index:04d}")
        report, _ = intake.submit_report(users[row["author"]], submission, now=created)
        if report.matter_id is not None:
            continue  # joined a matter on submission (same link or text): it moves with the matter
        reviewer = users[REVIEWER_OF[row["commune"]]]
        moment = created
        if row["status"] != "moi":
            # Handled reports have been looked at: the demo's labels stand as the reviewer's.
            moment = min(moment + timedelta(minutes=rng.randint(10, 90)), now)
            labels.correct_labels(report, reviewer, {f: row[f] for f in ("topic", "urgency", "sentiment")},
                                  moment)
        for step in PATHS[row["status"]]:
            moment = min(moment + timedelta(hours=rng.randint(1, 30)), now)
            is_last = step == row["status"]
            note = (row.get("note") if is_last else None) or DEFAULT_NOTES[step]
            triage.transition(report, reviewer, step, note, moment,
                              handler=row.get("handler") or "UBND xã")
    db.session.flush()
    return len(rows)

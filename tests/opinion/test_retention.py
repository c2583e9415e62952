"""Retention: resolved and archived reports past their commune's retention period are
anonymised once; recent or open ones are not; the monthly figures do not change."""
import copy
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report, ReportEvent
from opinion.models.base import utcnow
from opinion.services import matters, retention, settings, triage
from opinion.services.monthly import Month, monthly_figures

LINK = "https://www.facebook.com/groups/anbinh/posts/123456789"


@pytest.fixture
def reports(users, make_report):
    """Four reports of commune A made two years ago, and one of commune B."""
    reviewer, now = users["reviewer"], utcnow()
    long_ago = now - timedelta(days=800)
    text = "Ông Nguyễn Văn Bình (0912 345 678) phản ánh đường vào thôn Nà Lầu bị sạt lở."
    made = {name: make_report(users["ctv"], text=text, kind="social", source="mang_xa_hoi", url=LINK)
            for name in ("old_resolved", "old_archived")}
    # The two reports of one link are one matter on submission; these had different fates, so
    # a reviewer took one out (the monthly figures still count the link once). The others are
    # different matters: with the same text they would be grouped.
    assert made["old_archived"].matter_id == made["old_resolved"].matter_id is not None
    matters.split(made["old_archived"], reviewer, now)
    made["open"] = make_report(users["ctv"], text="Ông Nguyễn Văn Bình (0912 345 678) phản ánh trạm y tế xã hết "
                                                   "thuốc huyết áp cấp theo bảo hiểm y tế từ đầu tháng.")
    made["recent_resolved"] = make_report(users["ctv2"], text="Ông Nguyễn Văn Bình (0912 345 678) hỏi tiền hỗ trợ "
                                                              "khắc phục thiệt hại sau bão số 3 bao giờ được nhận.")
    made["other_commune"] = make_report(users["ctv_b"], text=text)
    for report in made.values():
        report.created_at = long_ago
    triage.transition(made["old_resolved"], reviewer, "dang_xu_ly", None, long_ago + timedelta(hours=1))
    triage.transition(made["old_resolved"], reviewer, "da_giai_quyet", "Đã sửa đường.", long_ago + timedelta(hours=5))
    triage.transition(made["old_archived"], reviewer, "luu_tru", "Trùng.", long_ago + timedelta(hours=2))
    triage.transition(made["open"], reviewer, "dang_xu_ly", None, long_ago + timedelta(hours=2))
    triage.transition(made["recent_resolved"], reviewer, "dang_xu_ly", None, long_ago + timedelta(hours=2))
    triage.transition(made["recent_resolved"], reviewer, "da_giai_quyet", "Xong.", now - timedelta(days=10))
    triage.transition(made["other_commune"], users["reviewer_b"], "luu_tru", "Trùng.", long_ago + timedelta(hours=2))
    db.session.commit()
    return made


def figures(unit, month, now):
    result = copy.deepcopy(monthly_figures(unit, month, now))
    for group in result["main_matters"].values():  # quoted texts are what retention removes
        for matter in group:
            matter.pop("excerpt")
    return result


def test_old_closed_reports_are_anonymised_and_figures_stay(reports, users, units):
    settings.set_many(units["b"], users["admin"], {"retention_days": "3650"}, utcnow())
    db.session.commit()
    now = utcnow()
    month = Month.containing(reports["old_resolved"].created_at)
    before = {code: figures(units[code], month, now) for code in ("province", "a", "b")}
    assert before["a"]["totals"]["matters"] == 3  # the two reports sharing a link are one matter

    summary = retention.anonymise_expired(now)
    db.session.commit()
    assert {row.code: row.anonymised for row in summary} == {"T1-A": 2, "T1-B": 0}
    for name in ("old_resolved", "old_archived"):
        report = db.session.get(Report, reports[name].id)
        assert report.text.startswith(retention.MARKER)
        assert "Bình" not in report.text and "0912" not in report.text
        assert "binh" not in report.text_folded and report.text_folded.startswith("[da an danh")
        assert report.url is None and LINK not in (report.canonical_url or "")
        assert report.explanation is None and report.similarity_words is None
        assert report.status in ("da_giai_quyet", "luu_tru") and report.village_id == units["a1"].id
    for name in ("open", "recent_resolved", "other_commune"):
        assert "Nguyễn Văn Bình" in db.session.get(Report, reports[name].id).text
    assert {code: figures(units[code], month, now) for code in before} == before

    again = retention.anonymise_expired(now)
    db.session.commit()
    assert sum(row.anonymised for row in again) == 0
    assert db.session.scalar(select(func.count(ReportEvent.id)).where(ReportEvent.kind == "anonymised")) == 2


def test_dry_run_changes_nothing(reports, runner):
    result = runner.invoke(args=["retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Xã An Bình (T1-A): sẽ ẩn danh 2 báo cáo (thời hạn lưu trữ 730 ngày)." in result.output
    assert "Xã Bình Minh (T1-B): sẽ ẩn danh 1 báo cáo" in result.output
    db.session.expire_all()
    assert all("Nguyễn Văn Bình" in db.session.get(Report, report.id).text for report in reports.values())
    assert db.session.scalar(select(func.count(ReportEvent.id)).where(ReportEvent.kind == "anonymised")) == 0

    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0, result.output
    assert "Xã An Bình (T1-A): đã ẩn danh 2 báo cáo" in result.output
    assert "Tổng cộng đã ẩn danh 3 báo cáo" in result.output

"""The monthly report: its figures equal direct counts, and the page, JSON, Word and
spreadsheet carry the same numbers (SQLite and PostgreSQL)."""
import io
import itertools
import re
import uuid
from datetime import UTC, datetime, timedelta

import docx
import openpyxl
import pytest
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import Report
from opinion.services import intake, labels, triage
from opinion.services.monthly import Month, monthly_figures

# 1 October 2026, 00:00 in Vietnam is 30 September, 17:00 UTC.
OCTOBER_STARTS = datetime(2026, 9, 30, 17, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
OCTOBER = Month(2026, 10)


# Different matters: near-identical placeholder texts would now be grouped into one matter.
MATTERS = itertools.cycle([
    "Đường lên khu Cốc Phường bị sạt taluy, đất đá lấp kín mặt đường.",
    "Mười hai cụ trên 80 tuổi chưa nhận trợ cấp xã hội tháng 9.",
    "Trường tiểu học thu 350 nghìn đồng mỗi em tiền mua máy chiếu.",
    "Trại lợn xả nước thải chưa xử lý ra mương tưới, mùi hôi lan khắp xóm.",
    "Đêm qua một hộ bị mất trộm hai con trâu nhốt ở chuồng sát đường.",
    "Trạm y tế hết thuốc huyết áp cấp theo bảo hiểm y tế từ đầu tháng.",
    "Bộ phận một cửa trả hồ sơ chứng thực chậm năm ngày so với giấy hẹn.",
    "Giá phân đạm tăng ba mươi phần trăm, đại lý bán chịu tính lãi cao.",
    "Bảy cháu nhỏ sốt cao, nổi ban trong tuần, phụ huynh lo dịch sởi.",
    "Cột điện hạ thế gần nhà văn hóa bị nghiêng, dây võng sát đầu người.",
    "Công ty thu mua chè búp tươi chậm thanh toán hai tháng cho bà con.",
])


def submit(author, at, text=None, topic=None, urgency=None, sentiment=None, village=None,
           url=None, reviewer=None):
    kind = "social" if url else "field"
    report, _ = intake.submit_report(author, intake.Submission(
        kind=kind, text=text or next(MATTERS),
        source="mang_xa_hoi" if url else "truc_tiep", url=url, village=village,
        submission_key=uuid.uuid4().hex), now=at)
    changes = {k: v for k, v in (("topic", topic), ("urgency", urgency), ("sentiment", sentiment)) if v}
    if changes:
        labels.correct_labels(report, reviewer, changes, at + timedelta(minutes=1))
    db.session.commit()
    return report


@pytest.fixture
def untagged(app, tmp_path):
    """No classifier: labels come only from the reviewers' corrections made here."""
    app.config["CLASSIFIER_MODEL_DIR"] = str(tmp_path / "no-model")
    yield
    app.config["CLASSIFIER_MODEL_DIR"] = None


@pytest.fixture
def october(untagged, users, units):
    """Reports of commune A around October 2026, with handling; one of commune B."""
    ctv, ctv2, reviewer = users["ctv"], users["ctv2"], users["reviewer"]
    made = {
        # Just before and just after midnight of 1 October in Vietnam.
        "sept_last": submit(ctv, OCTOBER_STARTS - timedelta(seconds=1), topic="dat_dai", reviewer=reviewer),
        "oct_first": submit(ctv, OCTOBER_STARTS, topic="dat_dai", urgency="cao", reviewer=reviewer,
                            village="T1-A-1"),
        "oct_land": submit(ctv2, OCTOBER_STARTS + timedelta(days=3), topic="dat_dai", urgency="khan_cap",
                           sentiment="tieu_cuc", reviewer=reviewer, village="T1-A-2",
                           text="Bà con đang tụ tập phản đối cưỡng chế, gọi 0912 345 678 để biết thêm."),
        "oct_school": submit(ctv2, OCTOBER_STARTS + timedelta(days=5), topic="giao_duc", urgency="thap",
                             sentiment="tich_cuc", reviewer=reviewer),
        "oct_post_1": submit(ctv, OCTOBER_STARTS + timedelta(days=6), url="https://www.facebook.com/groups/1/posts/42",
                             topic="tin_sai_su_that", urgency="cao", reviewer=reviewer),
        "oct_post_2": submit(ctv2, OCTOBER_STARTS + timedelta(days=7), url="https://m.facebook.com/groups/1/posts/42?fbclid=x",
                             topic="tin_sai_su_that", urgency="cao", reviewer=reviewer),
        "oct_untagged": submit(ctv, OCTOBER_STARTS + timedelta(days=30, hours=6, minutes=59)),
        # 31 October 23:59 in Vietnam is still October; 1 November 00:00 is not.
        "nov_first": submit(ctv, OCTOBER_STARTS + timedelta(days=31), topic="y_te", reviewer=reviewer),
        "other_commune": submit(users["ctv_b"], OCTOBER_STARTS + timedelta(days=2), topic="kinh_te",
                                reviewer=users["reviewer_b"]),
    }
    # Handling: first action 4 h after the school report, resolved after 10 h; the land
    # report escalated and answered by the province; the first report never acted on.
    school = made["oct_school"]
    triage.transition(school, reviewer, "dang_xu_ly", None, school.created_at + timedelta(hours=4))
    triage.transition(school, reviewer, "da_giai_quyet", "Đã trả lời phụ huynh.", school.created_at + timedelta(hours=10))
    land = made["oct_land"]
    triage.transition(land, reviewer, "dang_xu_ly", None, land.created_at + timedelta(hours=2))
    triage.transition(land, reviewer, "bao_cao_cap_tren", "Xin ý kiến tỉnh.", land.created_at + timedelta(hours=3))
    triage.transition(land, users["province"], "dang_xu_ly", "Tổ chức đối thoại.", land.created_at + timedelta(hours=20))
    db.session.commit()
    return made


def direct_count(unit_ids, month, **where):
    query = select(func.count(Report.id)).where(
        Report.unit_id.in_(unit_ids), Report.created_at >= month.start, Report.created_at < month.end)
    for column, value in where.items():
        query = query.where(getattr(Report, column) == value)
    return db.session.scalar(query)


def by_code(rows):
    return {row["code"]: row for row in rows}


def test_month_boundaries_follow_vietnam_time():
    assert OCTOBER.start == OCTOBER_STARTS
    assert OCTOBER.end == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert Month(2026, 1).previous() == Month(2025, 12) and Month(2025, 12).next() == Month(2026, 1)
    assert Month.containing(datetime(2026, 10, 31, 17, 30, tzinfo=UTC)) == Month(2026, 11)


@pytest.mark.parametrize("raw", ["", "2026-13", "2026/10", "tháng 10", "99999-01", "1800-01"])
def test_a_malformed_month_is_refused_in_vietnamese(raw):
    from opinion.errors import ValidationFailed
    with pytest.raises(ValidationFailed) as err:
        Month.parse(raw)
    assert "Tháng" in err.value.fields.get("month", "") or "Năm" in err.value.fields.get("month", "")


def test_commune_figures_equal_direct_counts(october, units):
    figures = monthly_figures(units["a"], OCTOBER, NOW)
    ids = [units["a"].id]
    assert figures["totals"]["reports"] == direct_count(ids, OCTOBER) == 6
    assert figures["totals"]["reports_previous"] == direct_count(ids, OCTOBER.previous()) == 1
    # The two spellings of one Facebook post are one matter.
    assert figures["totals"]["matters"] == 5
    topics = by_code(figures["by_topic"])
    for code in ("dat_dai", "giao_duc", "tin_sai_su_that", "y_te", "kinh_te"):
        assert topics[code]["count"] == direct_count(ids, OCTOBER, topic=code)
    assert topics["dat_dai"]["count"] == 2 and topics["dat_dai"]["previous"] == 1 and topics["dat_dai"]["change"] == 1
    assert topics["chua_phan_loai"]["count"] == 1
    assert sum(row["count"] for row in figures["by_topic"]) == 6
    assert topics["dat_dai"]["share"] == round(100 * 2 / 6, 1)
    urgency = by_code(figures["by_urgency"])
    assert urgency["khan_cap"]["count"] == 1 and urgency["cao"]["count"] == 3
    platforms = by_code(figures["by_platform"])
    assert platforms["facebook"]["count"] == 2 and platforms["khong_lien_ket"]["count"] == 4
    villages = by_code(figures["by_village"])
    # A report without a village is counted at its collaborator's village.
    assert villages["T1-A-1"]["count"] == 3 and villages["T1-A-2"]["count"] == 3
    assert "khong_ghi_thon" not in villages
    statuses = by_code(figures["by_status"])
    assert statuses["da_giai_quyet"]["count"] == 1 and statuses["dang_xu_ly"]["count"] == 1
    assert statuses["moi"]["count"] == 4
    assert figures["communes"] == []


def test_handling_figures(october, units):
    handling = monthly_figures(units["a"], OCTOBER, NOW)["handling"]
    assert handling["acted"] == 2
    assert handling["median_hours_to_first_action"] == 3.0  # 2 h and 4 h
    assert handling["resolved"] == 1 and handling["median_hours_to_resolution"] == 10.0
    assert handling["resolved_share"] == round(100 / 6, 1)
    assert handling["escalated"] == 1 and handling["escalations_answered"] == 1
    # Untouched reports past their time to first action by NOW are overdue.
    overdue = db.session.scalar(select(func.count(Report.id)).where(
        Report.unit_id == units["a"].id, Report.created_at >= OCTOBER.start, Report.created_at < OCTOBER.end,
        Report.first_action_at.is_(None), Report.due_at < NOW))
    assert handling["overdue"] == overdue == 4


def test_collaborators_are_counted_never_named(october, units, users):
    figures = monthly_figures(units["a"], OCTOBER, NOW)
    assert figures["collaborators"] == {"active": 2, "registered": 2, "active_share": 100.0}
    text = repr(figures)
    for user in users.values():
        assert user.username not in text and user.full_name not in text


def test_main_matters_mask_personal_numbers(october, units):
    matters = monthly_figures(units["a"], OCTOBER, NOW)["main_matters"]
    assert [m["reports"] for m in matters["most_reported"]] == [2]
    urgent = matters["most_urgent"]
    assert urgent[0]["id"] == october["oct_land"].id and urgent[0]["urgency"] == "khan_cap"
    assert "0912 345 678" not in urgent[0]["excerpt"] and "*******678" in urgent[0]["excerpt"]
    assert "Tổ chức đối thoại" in urgent[0]["done"]


def test_province_rolls_up_its_communes_side_by_side(october, units):
    figures = monthly_figures(units["province"], OCTOBER, NOW)
    assert figures["totals"]["reports"] == direct_count([units["a"].id, units["b"].id], OCTOBER) == 7
    communes = by_code(figures["communes"])
    assert communes["T1-A"]["reports"] == 6 and communes["T1-B"]["reports"] == 1
    assert by_code(figures["by_village"])["T1-B"]["count"] == 1
    assert by_code(figures["by_topic"])["kinh_te"]["count"] == 1


def test_trend_covers_six_months(october, units):
    trend = monthly_figures(units["a"], OCTOBER, NOW)["trend"]
    assert [point["month"] for point in trend] == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    assert [point["reports"] for point in trend] == [0, 0, 0, 0, 1, 6]
    assert trend[-1]["urgent"] == 4


def test_an_empty_month_and_units_without_children(units, make_unit, users):
    lonely_province = make_unit("T9", "province", name="Tỉnh Chưa Có Xã")
    lonely_commune = make_unit("T1-C", "commune", units["province"], "Xã Chưa Có Thôn")
    for unit in (units["a"], lonely_province, lonely_commune):
        figures = monthly_figures(unit, Month(2026, 3), NOW)
        assert figures["totals"]["reports"] == 0 and figures["totals"]["matters"] == 0
        assert all(row["count"] == 0 and row["share"] == 0 for row in figures["by_topic"])
        assert figures["handling"]["median_hours_to_first_action"] is None
        assert figures["main_matters"] == {"most_reported": [], "most_urgent": []}
    assert monthly_figures(lonely_province, Month(2026, 3), NOW)["communes"] == []
    assert [row["code"] for row in monthly_figures(lonely_commune, Month(2026, 3), NOW)["by_village"]] == []


# ---- the four views of the same numbers ---------------------------------------------

def _xlsx_values(content: bytes) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        summary = {row[0]: row[1:] for row in book["Tổng hợp"].iter_rows(min_row=5, values_only=True) if row[0]}
        topics = {row[0]: row[2] for row in book["Theo lĩnh vực"].iter_rows(min_row=2, values_only=True)}
        reports = list(book["Báo cáo trong tháng"].iter_rows(min_row=2, values_only=True))
        return {"summary": summary, "topics": topics, "reports": reports, "sheets": book.sheetnames}
    finally:
        book.close()


@pytest.mark.parametrize("unit_key", ["a", "province"])
def test_page_json_docx_and_xlsx_carry_the_same_numbers(october, units, users, client, login, api_token, unit_key):
    unit = units[unit_key]
    viewer = users["province"] if unit_key == "province" else users["reviewer"]
    token = api_token(viewer)
    query = f"unit={unit.code}&month=2026-10"
    data = client.get(f"/api/v1/stats/monthly?{query}", headers={"Authorization": f"Bearer {token}"}).get_json()
    direct = direct_count([units["a"].id] if unit_key == "a" else [units["a"].id, units["b"].id], OCTOBER)
    assert data["totals"]["reports"] == direct

    login(viewer)
    page = client.get(f"/bao-cao-thang?{query}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert re.search(rf'data-figure="reports">{direct}<', html)
    assert re.search(rf'data-figure="matters">{data["totals"]["matters"]}<', html)
    for row in data["by_topic"]:
        assert f"<td>{row['name']}</td><td class=\"num\">{row['count']}</td>" in html

    sheet = client.get(f"/reports/monthly.xlsx?{query}")
    assert sheet.status_code == 200 and "attachment" in sheet.headers["Content-Disposition"]
    values = _xlsx_values(sheet.data)
    assert values["summary"]["Số báo cáo tiếp nhận"][:2] == (direct, data["totals"]["reports_previous"])
    assert values["summary"]["Số vụ việc"][0] == data["totals"]["matters"]
    assert {row["code"]: row["count"] for row in data["by_topic"]} == values["topics"]
    assert len(values["reports"]) == direct
    assert ("Các xã" in values["sheets"]) == (unit_key == "province")

    word = client.get(f"/reports/monthly.docx?{query}", headers={"Authorization": f"Bearer {token}"})
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.data))
    cells = {cell.text.strip() for table in document.tables for row in table.rows for cell in row.cells}
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(cells)
    assert str(direct) in text
    topic_rows = {row.cells[0].text.strip(): row.cells[1].text.strip()
                  for table in document.tables for row in table.rows if len(row.cells) > 1}
    for row in data["by_topic"]:
        if row["name"] in topic_rows:
            assert topic_rows[row["name"]] == str(row["count"])


def test_spreadsheet_masks_text_and_names_no_one(october, units, users, client, login):
    login(users["reviewer"])
    values = _xlsx_values(client.get("/reports/monthly.xlsx?month=2026-10").data)
    flat = repr(values)
    assert "0912 345 678" not in flat and "*******678" in flat
    assert "facebook.com" not in flat
    for user in users.values():
        assert user.full_name not in flat and user.username not in flat


def test_charts_are_png_images(october, users, client, login):
    login(users["reviewer"])
    for name in ("linh-vuc", "xu-huong", "muc-do", "sac-thai"):
        response = client.get(f"/bao-cao-thang/bieu-do/{name}.png?month=2026-10")
        assert response.status_code == 200 and response.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/bao-cao-thang/bieu-do/khong-co.png").status_code == 404


def test_who_may_read_which_monthly_report(october, units, users, client, login, api_token):
    # A collaborator: no monthly report at all.
    token = api_token(users["ctv"])
    assert client.get("/api/v1/stats/monthly", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert client.get("/reports/monthly.xlsx", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    # Another commune's reviewer: not found, through the API, the page and the files.
    token = api_token(users["reviewer_b"])
    answer = client.get("/api/v1/stats/monthly?unit=T1-A", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "not_found"
    assert client.get("/reports/monthly.docx?unit=T1-A", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert client.get("/api/v1/stats/monthly?unit=T1", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    login(users["reviewer_b"])
    assert client.get("/bao-cao-thang?unit=T1-A").status_code == 404
    # The province reads itself and each of its communes.
    token = api_token(users["province"])
    for code in ("T1", "T1-A", "T1-B"):
        assert client.get(f"/api/v1/stats/monthly?unit={code}&month=2026-10",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # A bad token: 401.
    assert client.get("/reports/monthly.xlsx", headers={"Authorization": "Bearer sai"}).status_code == 401


def test_a_bad_month_is_answered_in_vietnamese_everywhere(users, client, login, api_token):
    token = api_token(users["reviewer"])
    answer = client.get("/api/v1/stats/monthly?month=2026-13", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"]["month"].startswith("Tháng phải có dạng YYYY-MM")
    login(users["reviewer"])
    page = client.get("/bao-cao-thang?month=abc")
    assert page.status_code == 422 and "Tháng phải có dạng YYYY-MM" in page.get_data(as_text=True)
    download = client.get("/reports/monthly.docx?month=abc")
    assert download.status_code == 422 and "Tháng phải có dạng YYYY-MM" in download.get_data(as_text=True)

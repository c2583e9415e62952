"""The monthly report as a spreadsheet: one sheet per breakdown and the month's reports.

The figures come from `monthly.monthly_figures`, so the sheets show the same numbers as the
page, the JSON and the Word document. The sheet of reports carries masked text and no names:
neither collaborators' nor links (a post's address can name its author).
"""
import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from sqlalchemy import select
from sqlalchemy.orm import aliased

from opinion.extensions import db
from opinion.models import Report, Unit
from opinion.models.reports import REPORT_KINDS
from opinion.services import taxonomy
from opinion.services.masking import mask_personal_numbers
from opinion.services.monthly import BREAKDOWNS, PLATFORM_NAMES, UNTAGGED, Month, report_scope
from opinion.timezone import VIETNAM
from opinion.workflow import STATUS_NAMES

BREAKDOWN_COLUMNS = ("Mã", "Tên", "Số báo cáo", "Tỷ lệ (%)", "Tháng trước", "Tăng/giảm")
REPORT_COLUMNS = ("Mã báo cáo", "Vụ việc", "Ngày tiếp nhận", "Xã", "Thôn, bản", "Loại", "Nguồn", "Nền tảng",
                  "Lĩnh vực", "Mức độ", "Sắc thái", "Trạng thái", "Nội dung (đã che số cá nhân)")
SHEET_NAMES = {  # Excel allows at most 31 characters per sheet name
    "by_topic": "Theo lĩnh vực",
    "by_urgency": "Theo mức độ",
    "by_sentiment": "Theo sắc thái",
    "by_source": "Theo nguồn",
    "by_platform": "Theo nền tảng",
    "by_village": "Theo thôn",
    "by_status": "Theo trạng thái",
}


def _bold(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _text(sheet, value, alignment=None):
    """Free text typed by people, as a text cell: openpyxl would store "=..." as a formula that
    runs when the file is opened (spreadsheet formula injection)."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _summary_rows(figures: dict) -> list[tuple]:
    totals, handling, people = figures["totals"], figures["handling"], figures["collaborators"]
    return [
        ("Số báo cáo tiếp nhận", totals["reports"], totals["reports_previous"], totals["reports_change"]),
        ("Số vụ việc", totals["matters"], totals["matters_previous"], totals["matters_change"]),
        ("Số báo cáo đã có xử lý ban đầu", handling["acted"]),
        ("Tỷ lệ đã có xử lý ban đầu (%)", handling["acted_share"]),
        ("Thời gian đến xử lý đầu tiên, trung vị (giờ)", handling["median_hours_to_first_action"]),
        ("Số báo cáo đã giải quyết", handling["resolved"]),
        ("Tỷ lệ đã giải quyết (%)", handling["resolved_share"]),
        ("Thời gian đến khi giải quyết, trung vị (giờ)", handling["median_hours_to_resolution"]),
        ("Số báo cáo quá hạn xử lý", handling["overdue"]),
        ("Tỷ lệ quá hạn (%)", handling["overdue_share"]),
        ("Số báo cáo đã báo cáo cấp trên", handling["escalated"]),
        ("Số báo cáo cấp trên đã trả lời", handling["escalations_answered"]),
        ("Cộng tác viên có gửi báo cáo", people["active"]),
        ("Cộng tác viên đang hoạt động trong danh sách", people["registered"]),
    ]


def _report_rows(unit: Unit, month: Month):
    """The month's reports, oldest first, streamed from the database."""
    village = aliased(Unit)
    commune = aliased(Unit)
    query = (select(Report.id, Report.matter_id, Report.created_at, commune.name, village.name, Report.kind,
                    Report.source, Report.platform, Report.topic, Report.urgency, Report.sentiment,
                    Report.status, Report.text)
             .join(commune, Report.unit_id == commune.id)
             .outerjoin(village, Report.village_id == village.id)
             .where(Report.unit_id.in_(report_scope(unit)), Report.created_at >= month.start,
                    Report.created_at < month.end)
             .order_by(Report.created_at, Report.id))
    names = {field: taxonomy.names(field) for field in ("topic", "urgency", "sentiment", "source")}
    for row in db.session.execute(query).yield_per(2000):
        report_id, matter_id, *row = row
        created: datetime = row[0]
        yield (report_id, matter_id or "", created.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"), row[1],
               row[2] or "", REPORT_KINDS.get(row[3], row[3]), names["source"].get(row[4], row[4]),
               PLATFORM_NAMES.get(row[5], "") if row[5] else "",
               names["topic"].get(row[6], UNTAGGED[1]), names["urgency"].get(row[7], UNTAGGED[1]),
               names["sentiment"].get(row[8], UNTAGGED[1]), STATUS_NAMES.get(row[9], row[9]),
               ILLEGAL_CHARACTERS_RE.sub("", mask_personal_numbers(row[10])))


def build_xlsx(figures: dict, unit: Unit, month: Month) -> bytes:
    workbook = Workbook(write_only=True)
    title = f"Tình hình dư luận xã hội {figures['month_label']} — {figures['unit']['name']}"

    summary = workbook.create_sheet("Tổng hợp")
    summary.column_dimensions["A"].width = 48
    summary.append([_bold(summary, title)])
    summary.append([f"Lập lúc {figures['generated_at']}"])
    summary.append([])
    summary.append([_bold(summary, h) for h in ("Chỉ tiêu", "Tháng này", "Tháng trước", "Tăng/giảm")])
    for row in _summary_rows(figures):
        summary.append(list(row))

    for key in BREAKDOWNS:
        sheet = workbook.create_sheet(SHEET_NAMES[key])
        sheet.column_dimensions["B"].width = 40
        sheet.append([_bold(sheet, h) for h in BREAKDOWN_COLUMNS])
        for entry in figures[key]:
            sheet.append([entry["code"], entry["name"], entry["count"], entry["share"],
                          entry["previous"], entry["change"]])

    trend = workbook.create_sheet("Xu hướng 6 tháng")
    trend.append([_bold(trend, h) for h in ("Tháng", "Số báo cáo", "Khẩn cấp và cao", "Tiêu cực")])
    for point in figures["trend"]:
        trend.append([point["label"], point["reports"], point["urgent"], point["negative"]])

    if figures["communes"]:
        communes = workbook.create_sheet("Các xã")
        communes.column_dimensions["B"].width = 30
        communes.append([_bold(communes, h) for h in (
            "Mã", "Xã", "Số báo cáo", "Tháng trước", "Tăng/giảm", "Khẩn cấp và cao", "Tiêu cực",
            "Đã giải quyết", "Tỷ lệ giải quyết (%)", "Đang báo cáo cấp trên")])
        for c in figures["communes"]:
            communes.append([c["code"], c["name"], c["reports"], c["previous"], c["change"], c["urgent"],
                             c["negative"], c["resolved"], c["resolved_share"], c["escalated_now"]])

    matters = workbook.create_sheet("Vụ việc nổi bật")
    matters.column_dimensions["H"].width = 80
    matters.append([_bold(matters, h) for h in (
        "Nhóm", "Mã báo cáo", "Ngày", "Xã", "Thôn, bản", "Lĩnh vực", "Mức độ", "Trích nội dung",
        "Số báo cáo", "Kết quả xử lý")])
    for group, label in (("most_reported", "Được phản ánh nhiều nhất"), ("most_urgent", "Khẩn cấp nhất")):
        for m in figures["main_matters"][group]:
            matters.append([label, m["id"], m["date"], m["commune"], m["village"] or "", m["topic_name"],
                            m["urgency_name"], _text(matters, m["excerpt"]), m["reports"], _text(matters, m["done"])])

    reports = workbook.create_sheet("Báo cáo trong tháng")
    reports.column_dimensions["M"].width = 100
    reports.append([_bold(reports, h) for h in REPORT_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in _report_rows(unit, month):
        reports.append([*row[:-1], _text(reports, row[-1], wrap)])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

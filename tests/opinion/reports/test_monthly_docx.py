"""The Word report and its charts, built from sample figures (no database): the administrative
layout, the numbers exactly as the figures give them, the placeholders for the officials' own
judgement, a month without reports, and PNG charts."""
import copy
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from PIL import Image

from opinion.services import monthly_charts
from opinion.services.monthly_docx import NO_REPORTS, build_docx, default_settings

DATA = Path(__file__).parent / "data"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECTIONS = ["I. TÌNH HÌNH CHUNG", "II. DƯ LUẬN XÃ HỘI NỔI BẬT THEO LĨNH VỰC",
            "III. KẾT QUẢ TIẾP NHẬN, XỬ LÝ", "IV. NHẬN ĐỊNH, ĐỀ XUẤT"]
BREAKDOWNS = ("by_topic", "by_urgency", "by_sentiment", "by_source", "by_platform", "by_village",
              "by_status")


def load(name: str) -> dict:
    return json.loads((DATA / f"sample_{name}.json").read_text(encoding="utf-8"))


def empty_month(figures: dict) -> dict:
    """The same unit in a month without a single report, nor any in the months before."""
    empty = copy.deepcopy(figures)
    empty["totals"] = dict.fromkeys(figures["totals"], 0)
    for key in BREAKDOWNS:
        for row in empty[key]:
            row.update(count=0, share=0.0, previous=0, change=0)
    empty["handling"] = {key: None if key.startswith("median") else 0.0 if key.endswith("share")
                         else 0 for key in figures["handling"]}
    empty["collaborators"].update(active=0, active_share=0.0)
    empty["main_matters"] = {"most_reported": [], "most_urgent": []}
    for month in empty["trend"]:
        month.update(reports=0, urgent=0, negative=0)
    for commune in empty["communes"]:
        commune.update(reports=0, previous=0, change=0, urgent=0, negative=0, resolved=0,
                       resolved_share=0.0, escalated_now=0)
    return empty


def share(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


@pytest.fixture(params=["commune", "province"])
def figures(request) -> dict:
    return load(request.param)


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def paragraphs_text(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def all_text(document) -> str:
    cells = [paragraph.text for table in document.tables for row in table.rows
             for cell in row.cells for paragraph in cell.paragraphs]
    return paragraphs_text(document) + "\n" + "\n".join(cells)


def table_starting(document, first_header: str):
    return next(table for table in document.tables if table.rows[0].cells[0].text == first_header)


def test_heading_block_title_and_sections_in_order(figures):
    document = open_docx(build_docx(figures))
    province = figures["unit"]["kind"] == "province"
    heading = document.tables[0]
    left = [row.cells[0].text for row in heading.rows]
    right = [row.cells[1].text for row in heading.rows]
    assert left[0] == ("TỈNH ỦY LÂM SƠN" if province else "ĐẢNG ỦY XÃ TÂN HÒA")
    assert left[1] == ("BAN CHỈ ĐẠO 35" if province else "BAN CÔNG TÁC 35")
    assert re.fullmatch(r"Số:\s+-BC/BCĐ35", left[3])
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto = heading.rows[0].cells[1].paragraphs[0].runs[0]
    assert motto.bold and motto.underline
    place = "Lâm Sơn" if province else "Tân Hòa"
    assert right[3] == f"{place}, ngày 23 tháng 11 năm 2026"  # figures["generated_at"]
    assert heading.rows[3].cells[1].paragraphs[0].runs[0].italic

    texts = [paragraph.text for paragraph in document.paragraphs]
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == "Tình hình dư luận xã hội tháng 10 năm 2026"
    assert document.paragraphs[title].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.paragraphs[title].runs[0].bold
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sections == SECTIONS
    assert [texts.index(section) for section in SECTIONS] == sorted(
        texts.index(section) for section in SECTIONS)


def test_totals_and_breakdowns_are_the_figures_numbers(figures):
    document = open_docx(build_docx(figures))
    text = paragraphs_text(document)
    totals = figures["totals"]
    assert (f"tiếp nhận {totals['reports']} báo cáo của cộng tác viên (tháng trước "
            f"{totals['reports_previous']} báo cáo; {signed(totals['reports_change'])}), phản ánh "
            f"{totals['matters']} vụ việc (tháng trước {totals['matters_previous']}; "
            f"{signed(totals['matters_change'])})") in text

    topics = table_starting(document, "Lĩnh vực")
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in topics.rows[1:]}
    for topic in figures["by_topic"]:
        assert rows[topic["name"]] == [str(topic["count"]), share(topic["share"]),
                                       str(topic["previous"]), signed(topic["change"])]
    assert rows["Tổng cộng"][0] == str(totals["reports"])
    # The cells of numbers are right-aligned, the header repeats on every page.
    assert topics.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert topics.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in topics.rows[0].cells for run in cell.paragraphs[0].runs)

    handling = figures["handling"]
    hours = f"{handling['median_hours_to_first_action']:.1f}".replace(".", ",") + " giờ"
    assert f"Đã có xử lý ban đầu {handling['acted']}/{totals['reports']} báo cáo" in text
    assert hours in text
    assert f"Có {handling['overdue']} báo cáo quá thời hạn xử lý ban đầu" in text
    collaborators = figures["collaborators"]
    assert f"Có {collaborators['active']}/{collaborators['registered']} cộng tác viên" in text

    grouped = table_starting(document, "Tiêu chí")  # sources and platforms
    assert grouped.rows[1].cells[0].text == "Nguồn tiếp nhận"
    assert {row.cells[1].text: row.cells[2].text for row in grouped.rows[1:]} == {
        row["name"]: str(row["count"]) for row in figures["by_source"] + figures["by_platform"]}

    status = table_starting(document, "Trạng thái")
    status_rows = {row.cells[0].text: row.cells[1].text for row in status.rows[1:]}
    assert all(status_rows[row["name"]] == str(row["count"]) for row in figures["by_status"])
    if figures["unit"]["kind"] == "province":
        communes = table_starting(document, "Xã, phường")
        by_name = {row.cells[0].text: row.cells[1].text for row in communes.rows[1:]}
        assert by_name == {c["name"]: str(c["reports"]) for c in figures["communes"]}
    else:
        villages = table_starting(document, "Thôn, bản, tổ dân phố")
        by_name = {row.cells[0].text: row.cells[1].text for row in villages.rows[1:]}
        assert all(by_name[row["name"]] == str(row["count"]) for row in figures["by_village"])


def test_a_name_in_a_first_column_is_followed_by_its_count():
    """Any table's first two cells read as name and count (as test_monthly reads them): the
    untagged rows of urgency and sentiment must not shadow the untagged topic row."""
    figures = load("commune")
    for key, count in (("by_topic", 1), ("by_urgency", 4), ("by_sentiment", 2)):
        figures[key].append({"code": "chua_phan_loai", "name": "Chưa phân loại", "count": count,
                             "share": 2.2, "previous": 0, "change": count})
    document = open_docx(build_docx(figures))
    first_two = {row.cells[0].text.strip(): row.cells[1].text.strip()
                 for table in document.tables for row in table.rows if len(row.cells) > 1}
    for row in figures["by_topic"]:
        assert first_two[row["name"]] == str(row["count"])


def test_main_matters_are_quoted_with_date_and_what_was_done(figures):
    text = paragraphs_text(open_docx(build_docx(figures)))
    for group in ("most_reported", "most_urgent"):
        for matter in figures["main_matters"][group]:
            year, month, day = matter["date"].split("-")
            assert f"Ngày {day}/{month}/{year}, {matter['village']}" in text
            assert f"“{matter['excerpt']}”" in text
            assert f"Kết quả xử lý: {matter['done']}" in text


def test_section_iv_has_placeholders_and_the_signature_block(figures):
    document = open_docx(build_docx(figures))
    settings = default_settings(figures)
    paragraphs = document.paragraphs
    texts = [paragraph.text for paragraph in paragraphs]
    judgement = texts.index("1. Nhận định")
    proposal = texts.index("2. Đề xuất, kiến nghị")
    assert texts.index(SECTIONS[3]) < judgement < proposal
    for index in (judgement + 1, proposal + 1):
        assert texts[index].startswith("[") and texts[index].endswith("]")
        assert all(run.italic for run in paragraphs[index].runs)
    assert texts[judgement + 1].startswith(f"[{settings['body_name']} nhận định")

    closing = document.tables[-1]
    recipients, signature = (cell.text.split("\n") for cell in closing.rows[0].cells)
    assert recipients[0] == "Nơi nhận:"
    assert recipients[-1].startswith("- Lưu: ") and recipients[-1].endswith(".")
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[1:-1])
    assert signature[0] == settings["signer_on_behalf"] and signature[1] == "TRƯỞNG BAN"
    assert signature[-1] == "[Họ và tên]"


def test_page_is_a4_with_the_administrative_margins_and_times_new_roman(figures):
    document = open_docx(build_docx(figures))
    section = document.sections[0]
    for length, expected in ((section.page_width, 210), (section.page_height, 297),
                             (section.top_margin, 20), (section.bottom_margin, 20),
                             (section.left_margin, 30), (section.right_margin, 15)):
        assert abs(length.mm - expected) < 0.1
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Body Text"].font.size.pt == 14
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"}
    assert fonts.get(qn("w:asciiTheme")) is None
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].font.name == "Times New Roman"
    used = {run.font.name for paragraph in document.paragraphs for run in paragraph.runs}
    assert used <= {None, "Times New Roman"}
    topics = table_starting(document, "Lĩnh vực")
    assert {run.font.size.pt for row in topics.rows for cell in row.cells
            for paragraph in cell.paragraphs for run in paragraph.runs} == {12}
    # Page numbers from page 2: a PAGE field in the header, none on the first page.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_charts_are_in_the_document_within_the_text_width(figures):
    document = open_docx(build_docx(figures))
    shapes = document.inline_shapes
    assert len(shapes) == 4
    assert all(shape.width.cm <= 16.5 for shape in shapes)
    without = open_docx(build_docx(figures, {"charts": False}))
    assert len(without.inline_shapes) == 0


def test_settings_override_the_defaults(figures):
    settings = {"signer_name": "Hoàng Văn Mẫu", "blank_day": True, "document_number": "27",
                "recipients": ["Thường trực Đảng ủy (để báo cáo)", "Lưu: VP"]}
    document = open_docx(build_docx(figures, settings))
    text = all_text(document)
    assert "Hoàng Văn Mẫu" in text and "[Họ và tên]" not in text
    assert re.search(r", ngày\s+tháng 11 năm 2026", text)
    assert "Số: 27-BC/BCĐ35" in text
    assert "- Thường trực Đảng ủy (để báo cáo);\n- Lưu: VP." in text


def test_default_settings_follow_the_unit():
    commune, province = default_settings(load("commune")), default_settings(load("province"))
    assert commune["parent_body"] == "ĐẢNG ỦY XÃ TÂN HÒA" and commune["place"] == "Tân Hòa"
    assert commune["issuing_body"] == "BAN CÔNG TÁC 35"
    assert commune["signer_on_behalf"] == "T/M BAN CÔNG TÁC 35"
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Sơn (để báo cáo)" in commune["recipients"]
    assert province["parent_body"] == "TỈNH ỦY LÂM SƠN" and province["place"] == "Lâm Sơn"
    for settings in (commune, province):
        assert {"parent_body", "issuing_body", "document_number", "place", "signer_on_behalf",
                "signer_title", "signer_name", "recipients"} <= settings.keys()
        assert settings["recipients"][-1].startswith("Lưu: ")


@pytest.mark.parametrize("name", ["commune", "province"])
def test_a_month_without_reports_still_builds(name):
    figures = empty_month(load(name))
    document = open_docx(build_docx(figures))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts.count(NO_REPORTS) == 3  # sections I, II and III
    assert [text for text in texts if text in SECTIONS] == SECTIONS
    assert "1. Nhận định" in texts and "2. Đề xuất, kiến nghị" in texts
    assert "Có 0/" in "\n".join(texts)


@pytest.mark.parametrize("name", ["commune", "province", "empty"])
def test_charts_are_png_images(name):
    figures = empty_month(load("commune")) if name == "empty" else load(name)
    charts = {
        "topic": monthly_charts.topic_bars(figures),
        "trend": monthly_charts.trend_line(figures),
        "urgency": monthly_charts.share_bars(figures, "by_urgency"),
        "sentiment": monthly_charts.share_bars(figures, "by_sentiment"),
    }
    for chart, content in charts.items():
        assert content[:8] == PNG_SIGNATURE, chart
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            assert image.format == "PNG"
        assert width == round(monthly_charts.WIDTH * monthly_charts.DPI), chart
        assert 150 < height < 1000, chart


def test_charts_leave_pyplot_alone():
    script = ("import json, sys; from opinion.services import monthly_charts as c; "
              f"f = json.load(open({str(DATA / 'sample_commune.json')!r}, encoding='utf-8')); "
              "c.topic_bars(f); c.trend_line(f); c.share_bars(f, 'by_urgency'); "
              "assert 'matplotlib.pyplot' not in sys.modules")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parents[3])

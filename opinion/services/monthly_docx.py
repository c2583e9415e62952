"""The monthly public-opinion report (báo cáo tình hình dư luận xã hội tháng) as a Word file.

The layout is that of a report of a party committee's body (Hướng dẫn 36-HD/VPTW, with the
page set-up of Nghị định 30/2020/NĐ-CP): A4, margins 20/20/30/15 mm, Times New Roman 14 pt;
the issuing body and the motto side by side at the top, the title, four numbered sections,
then the recipients and the signature block side by side. Page numbers start on page 2.

Every number comes from the dict of `monthly.monthly_figures` as it is; this module only
formats it the Vietnamese way (decimal comma, "." between thousands, signed changes). The
heading block, signer and recipients come from `default_settings`, which a caller may
override key by key. Texts are the masked excerpts of the figures: no person is named.
"""
import calendar
import io
import unicodedata
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from opinion.services import monthly_charts

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
CHART_WIDTH = 15.0  # cm; the text is 16.5 cm wide (210 mm less margins of 30 and 15 mm)
NO_REPORTS = "Trong tháng không tiếp nhận báo cáo nào."
NAME_PLACEHOLDER = "[Họ và tên]"
BLANK_NUMBER = " " * 8
KEEP_TOGETHER_ROWS = 8
KEEP_ROWS = 3
BREAKDOWN_HEADER = ("Số báo cáo", "Tỷ lệ", "Tháng trước", "Tăng/giảm")
# Prefixes of unit names, longest first, and the party committee each kind of unit has.
UNIT_PREFIXES = ("Thành phố", "Đặc khu", "Thị trấn", "Phường", "Tỉnh", "Xã")
PARTY_COMMITTEES = {"Thành phố": "Thành ủy", "Tỉnh": "Tỉnh ủy", "Xã": "Đảng ủy xã",
                    "Phường": "Đảng ủy phường", "Đặc khu": "Đảng ủy đặc khu",
                    "Thị trấn": "Đảng ủy thị trấn"}


# Numbers as Vietnamese documents write them.

def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _share(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def _signed(value: int) -> str:
    if value > 0:
        return "+" + _count(value)
    return "-" + _count(-value) if value < 0 else "0"


def _hours(value: float | None) -> str:
    return "chưa có số liệu" if value is None else f"{value:.1f}".replace(".", ",") + " giờ"


def _day(iso: str) -> str:
    """'2026-10-08' -> '08/10/2026'."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Unit names: "Xã Tân Hòa" -> prefix "Xã", place "Tân Hòa".

def _split_name(name: str) -> tuple[str | None, str]:
    name = unicodedata.normalize("NFC", name.strip())
    for prefix in UNIT_PREFIXES:
        if name.lower().startswith(prefix.lower() + " "):
            return prefix, name[len(prefix) + 1:].strip()
    return None, name


def _in_sentence(name: str) -> str:
    """A unit's name inside a sentence: 'Xã Tân Hòa' -> 'xã Tân Hòa'."""
    prefix, place = _split_name(name)
    return f"{prefix.lower()} {place}" if prefix else name


def _committee(name: str, kind: str) -> str:
    """The party committee of a unit, e.g. 'Đảng ủy xã Tân Hòa', 'Tỉnh ủy Lâm Sơn'."""
    prefix, place = _split_name(name)
    default = "Tỉnh ủy" if kind == "province" else "Đảng ủy xã"
    return f"{PARTY_COMMITTEES.get(prefix, default)} {place}"


def default_settings(figures: dict) -> dict:
    """The heading block, signer and recipients of the report; every key may be overridden."""
    unit = figures["unit"]
    _prefix, place = _split_name(unit["name"])
    committee = _committee(unit["name"], unit["kind"])
    committee_word = committee[:len(committee) - len(place)].strip()  # "Đảng ủy xã", "Tỉnh ủy"
    if unit["kind"] == "province":
        issuing_body, body_name = "BAN CHỈ ĐẠO 35", "Ban Chỉ đạo 35"
        recipients = [f"Thường trực {committee_word} (để báo cáo)",
                      f"Ban Tuyên giáo và Dân vận {committee_word}",
                      "Đảng ủy các xã, phường, đặc khu",
                      f"Lưu: Văn phòng {committee_word}"]
    else:
        issuing_body, body_name = "BAN CÔNG TÁC 35", "Ban Công tác 35"
        parent = unit.get("parent")
        province = _committee(parent["name"], "province") if parent else "Tỉnh ủy"
        recipients = [f"Ban Tuyên giáo và Dân vận {province} (để báo cáo)",
                      f"Thường trực {committee_word} (để báo cáo)",
                      f"Các thành viên {body_name}",
                      f"Lưu: Văn phòng {committee_word}"]
    return {
        "parent_body": committee.upper(),
        "issuing_body": issuing_body,
        "body_name": body_name,  # the issuing body inside sentences
        "document_number": "",  # empty: left blank for the registry to write in
        "document_symbol": "BC/BCĐ35",
        "place": place,
        "date": datetime.fromisoformat(figures["generated_at"]).date(),
        "blank_day": False,  # True: "ngày      tháng 11 năm 2026", the day written at signing
        "signer_on_behalf": f"T/M {issuing_body}",
        "signer_title": "TRƯỞNG BAN",
        "signer_name": "",  # empty: a placeholder to fill in
        "recipients": recipients,
        "charts": True,
    }


def _date_line(settings: dict) -> str:
    """'Tân Hòa, ngày 23 tháng 11 năm 2026': days below 10 and months 1 and 2 take a 0."""
    when = settings["date"]
    if isinstance(when, str):
        when = date.fromisoformat(when)
    day = " " * 6 if settings.get("blank_day") else f"{when.day:02d}"
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return f"{settings['place']}, ngày {day} tháng {month} năm {when.year}"


# Low-level helpers on the document XML.

def _set_fonts(rpr, size: int | None = None) -> None:
    """Times New Roman for every script, replacing theme fonts, and Vietnamese as language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for tag, value in (("w:sz", size), ("w:szCs", size)):
        if value is not None:
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(value * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _table_borders(table, value: str) -> None:
    """All borders of a table single ('single') or none ('nil')."""
    properties = table._tbl.tblPr
    borders = properties.find(qn("w:tblBorders"))
    if borders is not None:
        properties.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), value)
        if value != "nil":
            border.set(qn("w:sz"), "4")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        borders.append(border)
    # The schema orders tblPr's children: tblBorders comes before these.
    later = [child for child in properties if child.tag in {
        qn(f"w:{tag}") for tag in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
                                   "tblDescription")}]
    if later:
        later[0].addprevious(borders)
    else:
        properties.append(borders)


def _row_flags(row, *, header: bool = False) -> None:
    """A row never splits across pages; a header row repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (e.g. PAGE) with the text shown until the field is updated."""
    def fld_char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld_char("end"))


class _Report:
    """Writes one report: the page set-up and styles, then the blocks top to bottom."""

    def __init__(self, figures: dict, settings: dict):
        self.figures, self.settings = figures, settings
        self.doc = Document()
        self.tables = 0
        self.charts = 0
        self.has_reports = figures["totals"]["reports"] > 0
        self._page_setup()
        self._styles()

    # Set-up.

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        section.different_first_page_header_footer = True  # no number on page 1
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(header, "PAGE", "2")
        for run in header.runs:
            run.font.size = Pt(13)

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_SIZE)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        normal = styles["Normal"]
        _set_fonts(normal.element.get_or_add_rPr(), BODY_SIZE)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        body = styles["Body Text"]  # the report's running text
        _set_fonts(body.element.get_or_add_rPr(), BODY_SIZE)
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.first_line_indent = Cm(1)
        body.paragraph_format.space_before = Pt(0)
        body.paragraph_format.space_after = Pt(6)
        body.paragraph_format.line_spacing = 1.2
        for name, italic in (("Heading 1", False), ("Heading 2", False), ("Heading 3", True)):
            style = styles[name]
            _set_fonts(style.element.get_or_add_rPr(), BODY_SIZE)
            style.font.bold = not italic
            style.font.italic = italic
            style.font.color.rgb = RGBColor(0, 0, 0)
            fmt = style.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1)
            fmt.space_before = Pt(6)
            fmt.space_after = Pt(6)
            fmt.line_spacing = 1.2
            fmt.keep_with_next = True
        for name in ("Header", "Footer"):
            _set_fonts(styles[name].element.get_or_add_rPr(), 13)
        caption = styles.add_style("Chú thích bảng", WD_STYLE_TYPE.PARAGRAPH)  # above a table
        caption.base_style = styles["Normal"]
        caption.font.size = Pt(13)
        caption.font.bold = True
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_before = Pt(6)
        caption.paragraph_format.space_after = Pt(4)
        caption.paragraph_format.keep_with_next = True

    # Paragraphs.

    def text(self, *parts, style: str = "Body Text", align=None, size: int | None = None,
             keep_next: bool = False):
        """A paragraph of runs; each part is a str or a (str, formats) pair, formats holding
        'b' for bold and 'i' for italic."""
        paragraph = self.doc.add_paragraph(style=style)
        for part in parts:
            content, formats = (part, "") if isinstance(part, str) else part
            run = paragraph.add_run(content)
            run.bold = "b" in formats or None
            run.italic = "i" in formats or None
            if size:
                run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        if keep_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def heading(self, text: str, level: int):
        return self.doc.add_paragraph(text, style=f"Heading {level}")

    def placeholder(self, text: str):
        return self.text((f"[{text}]", "i"))

    # Tables and charts.

    def table(self, header, rows, widths, *, total=None, numbers_from: int = 1,
              header_size: int = TABLE_SIZE):
        """A bordered table: bold header repeated on each page, numbers right-aligned."""
        self.tables += 1
        table = self.doc.add_table(rows=0, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders(table, "single")
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)

        def add(values, *, bold=False, is_header=False):
            row = table.add_row()
            _row_flags(row, header=is_header)
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = Cm(widths[index])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)
                if is_header:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif index >= numbers_from:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(value)
                run.font.size = Pt(header_size if is_header else TABLE_SIZE)
                run.bold = bold or is_header or None
            return row

        add(header, is_header=True)
        for values in rows:
            add(values)
        if total is not None:
            add(total, bold=True)
        # Widow and orphan control for tables: a short table moves to the next page whole; a
        # long one may break, but not after its header or first rows, nor before its last rows.
        rows = table.rows
        if len(rows) <= KEEP_TOGETHER_ROWS:
            kept = rows[:-1]
        else:
            kept = rows[:KEEP_ROWS] + rows[-KEEP_ROWS - 1:-1]
        for row in kept:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        return table

    def table_caption(self, text: str):
        return self.doc.add_paragraph(f"Bảng {self.tables + 1}. {text}", style="Chú thích bảng")

    def breakdown_table(self, title: str, first_column: str, breakdown: list[dict], *,
                        total: bool = False):
        """A table of breakdown rows: name, count, share, previous month, change."""
        rows = [[row["name"], _count(row["count"]), _share(row["share"]),
                 _count(row["previous"]), _signed(row["change"])] for row in breakdown]
        totals = self.figures["totals"]
        total_row = ["Tổng cộng", _count(totals["reports"]), "100%",
                     _count(totals["reports_previous"]), _signed(totals["reports_change"])]
        self.table_caption(title)
        self.table((first_column, *BREAKDOWN_HEADER), rows, (6.8, 2.3, 2.3, 2.3, 2.3),
                   total=total_row if total else None)
        self.text("", style="Normal", size=6)  # a little air below the table

    def grouped_table(self, title: str, second_column: str, groups: list[tuple[str, list]]):
        """Several breakdowns in one table, each group's name in a merged first column."""
        rows, spans = [], []
        for group_title, breakdown in groups:
            if not breakdown:
                continue
            spans.append((len(rows) + 1, len(rows) + len(breakdown), group_title))
            rows += [["", row["name"], _count(row["count"]), _share(row["share"]),
                      _count(row["previous"]), _signed(row["change"])] for row in breakdown]
        self.table_caption(title)
        table = self.table(("Tiêu chí", second_column, *BREAKDOWN_HEADER), rows,
                           (2.6, 5.8, 1.9, 1.9, 1.9, 1.9), numbers_from=2)
        for first, last, group_title in spans:
            merged = table.cell(first, 0).merge(table.cell(last, 0))
            for extra in merged.paragraphs[1:]:  # merging keeps every cell's paragraph
                extra._element.getparent().remove(extra._element)
            run = merged.paragraphs[0].add_run(group_title)
            run.bold = True
            run.font.size = Pt(TABLE_SIZE)
        self.text("", style="Normal", size=6)

    def chart(self, png: bytes, caption: str, width: float = CHART_WIDTH):
        if not self.settings.get("charts", True):
            return
        self.charts += 1
        picture = self.doc.add_paragraph(style="Normal")
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.space_before = Pt(6)
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(width))
        label = self.doc.add_paragraph(style="Normal")
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label.paragraph_format.space_before = Pt(3)
        label.paragraph_format.space_after = Pt(9)
        run = label.add_run(f"Biểu đồ {self.charts}. {caption}")
        run.italic = True
        run.font.size = Pt(12)

    # The blocks of the report, top to bottom.

    def build(self) -> bytes:
        self.heading_block()
        self.title()
        self.general()
        self.topics()
        self.handling()
        self.assessment()
        self.closing()
        self.properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def heading_block(self) -> None:
        """Issuing body and number on the left, motto and place and date on the right."""
        s = self.settings
        number = s.get("document_number") or BLANK_NUMBER
        left = [(s["parent_body"], ""), (s["issuing_body"], "b"), ("*", ""),
                (f"Số: {number}-{s['document_symbol']}", "")]
        right = [("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""), ("", ""), (_date_line(s), "i")]
        table = self.doc.add_table(rows=len(left), cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders(table, "nil")
        widths = (Cm(7.2), Cm(9.3))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row, pair in zip(table.rows, zip(left, right, strict=True), strict=True):
            for cell, width, (content, formats) in zip(row.cells, widths, pair, strict=True):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(content)
                run.bold = "b" in formats or None
                run.italic = "i" in formats or None
                run.underline = "u" in formats or None
                if content == "ĐẢNG CỘNG SẢN VIỆT NAM":
                    run.font.size = Pt(15)

    def title(self) -> None:
        self.text(("BÁO CÁO", "b"), style="Normal", align=WD_ALIGN_PARAGRAPH.CENTER,
                  size=16).paragraph_format.space_before = Pt(24)
        self.text((f"Tình hình dư luận xã hội {self.figures['month_label']}", "b"),
                  style="Normal", align=WD_ALIGN_PARAGRAPH.CENTER)
        self.text("-----", style="Normal", align=WD_ALIGN_PARAGRAPH.CENTER
                  ).paragraph_format.space_after = Pt(12)
        year, month = (int(part) for part in self.figures["month"].split("-"))
        last_day = calendar.monthrange(year, month)[1]
        self.text(f"{self.settings['body_name']} báo cáo tình hình dư luận xã hội "
                  f"{self.figures['month_label']} trên địa bàn "
                  f"{_in_sentence(self.figures['unit']['name'])} (số liệu từ ngày 01/{month:02d}/"
                  f"{year} đến hết ngày {last_day:02d}/{month:02d}/{year}, tổng hợp từ báo cáo "
                  "của cộng tác viên dư luận xã hội) như sau:")

    def general(self) -> None:
        f = self.figures
        totals, people = f["totals"], f["collaborators"]
        province = f["unit"]["kind"] == "province"
        self.heading("I. TÌNH HÌNH CHUNG", 1)
        self.heading("1. Tiếp nhận báo cáo", 2)
        if self.has_reports:
            who = "các xã, phường trên địa bàn đã" if province else f"{self.settings['body_name']} đã"
            self.text(f"Trong tháng, {who} tiếp nhận ", (_count(totals["reports"]), "b"),
                      f" báo cáo của cộng tác viên (tháng trước {_count(totals['reports_previous'])}"
                      f" báo cáo; {_signed(totals['reports_change'])}), phản ánh ",
                      (_count(totals["matters"]), "b"),
                      f" vụ việc (tháng trước {_count(totals['matters_previous'])}; "
                      f"{_signed(totals['matters_change'])}); các báo cáo cùng một liên kết hoặc được "
                      "gộp vào cùng một vụ việc được tính là một vụ việc.")
            self.grouped_table("Báo cáo tiếp nhận theo nguồn và nền tảng", "Nguồn, nền tảng",
                               [("Nguồn tiếp nhận", f["by_source"]),
                                ("Nền tảng của liên kết", f["by_platform"])])
        else:
            self.text(NO_REPORTS)
            if totals["reports_previous"]:
                self.text(f"Tháng trước tiếp nhận {_count(totals['reports_previous'])} báo cáo, "
                          f"{_count(totals['matters_previous'])} vụ việc.")
        if any(month["reports"] for month in f["trend"]):
            self.chart(monthly_charts.trend_line(f),
                       f"Số báo cáo tiếp nhận {len(f['trend'])} tháng gần nhất")
        self.heading("2. Hoạt động của mạng lưới cộng tác viên", 2)
        self.text(f"Có {_count(people['active'])}/{_count(people['registered'])} cộng tác viên "
                  f"đang hoạt động đã gửi báo cáo trong tháng ({_share(people['active_share'])}).")

    def topics(self) -> None:
        f = self.figures
        self.heading("II. DƯ LUẬN XÃ HỘI NỔI BẬT THEO LĨNH VỰC", 1)
        if not self.has_reports:
            self.text(NO_REPORTS)
            return
        self.heading("1. Theo lĩnh vực", 2)
        ranked = sorted((row for row in f["by_topic"] if row["count"]), key=lambda r: -r["count"])
        listed = "; ".join(f"{_lower_first(row['name'])} ({_count(row['count'])} báo cáo, "
                           f"{_share(row['share'])})" for row in ranked[:3])
        self.text(f"Dư luận tập trung nhiều nhất vào các lĩnh vực: {listed}.")
        rising = sorted((row for row in f["by_topic"] if row["change"] > 0),
                        key=lambda r: -r["change"])[:3]
        if rising:
            self.text("Tăng nhiều nhất so với tháng trước: " + "; ".join(
                f"{_lower_first(row['name'])} ({_signed(row['change'])})" for row in rising) + ".")
        self.breakdown_table("Báo cáo theo lĩnh vực", "Lĩnh vực", f["by_topic"], total=True)
        self.chart(monthly_charts.topic_bars(f), "Số báo cáo theo lĩnh vực, so với tháng trước")

        self.heading("2. Theo mức độ khẩn cấp và sắc thái", 2)
        for label, key in (("Về mức độ khẩn cấp", "by_urgency"), ("Về sắc thái", "by_sentiment")):
            self.text(f"{label}: " + "; ".join(
                f"{_lower_first(row['name'])} {_count(row['count'])} báo cáo ({_share(row['share'])})"
                for row in f[key]) + ".")
        self.grouped_table("Báo cáo theo mức độ khẩn cấp và sắc thái", "Phân loại",
                           [("Mức độ khẩn cấp", f["by_urgency"]), ("Sắc thái", f["by_sentiment"])])
        self.chart(monthly_charts.share_bars(f, "by_urgency"),
                   "Tỷ lệ báo cáo theo mức độ khẩn cấp, so với tháng trước")
        self.chart(monthly_charts.share_bars(f, "by_sentiment"),
                   "Tỷ lệ báo cáo theo sắc thái, so với tháng trước")

        self.heading("3. Các vụ việc nổi bật", 2)
        matters = f["main_matters"]
        self.heading("a) Vụ việc được nhiều cộng tác viên cùng phản ánh", 3)
        if matters["most_reported"]:
            for matter in matters["most_reported"]:
                self.matter(matter)
        else:
            self.text("Trong tháng không có vụ việc nào được nhiều cộng tác viên cùng phản ánh.")
        self.heading("b) Vụ việc khẩn cấp, mức độ cao", 3)
        if matters["most_urgent"]:
            for matter in matters["most_urgent"]:
                self.matter(matter)
        else:
            self.text("Trong tháng không có vụ việc khẩn cấp hoặc mức độ cao.")

    def matter(self, matter: dict) -> None:
        place = matter["village"]
        commune = _in_sentence(matter["commune"])
        if self.figures["unit"]["kind"] == "province" or not place:
            place = f"{place}, {commune}" if place else commune
        details = f"lĩnh vực {_lower_first(matter['topic_name'])}; mức độ {_lower_first(matter['urgency_name'])}"
        if matter["reports"] > 1:
            details += f"; {_count(matter['reports'])} báo cáo cùng phản ánh"
        self.text("- ", (f"Ngày {_day(matter['date'])}, {place}", "b"), f" ({details}): ",
                  (f"“{matter['excerpt']}”", "i"), keep_next=True)
        self.text(("Kết quả xử lý: ", "b"), matter["done"])

    def handling(self) -> None:
        f = self.figures
        handling, totals = f["handling"], f["totals"]
        province = f["unit"]["kind"] == "province"
        self.heading("III. KẾT QUẢ TIẾP NHẬN, XỬ LÝ", 1)
        if not self.has_reports:
            self.text(NO_REPORTS)
            return
        self.heading("1. Kết quả xử lý", 2)
        self.text(f"- Đã có xử lý ban đầu {_count(handling['acted'])}/{_count(totals['reports'])} "
                  f"báo cáo ({_share(handling['acted_share'])}); thời gian từ khi tiếp nhận đến khi "
                  f"xử lý ban đầu (trung vị) là {_hours(handling['median_hours_to_first_action'])}.")
        self.text(f"- Đã giải quyết xong {_count(handling['resolved'])} báo cáo "
                  f"({_share(handling['resolved_share'])}); thời gian từ khi tiếp nhận đến khi "
                  f"giải quyết (trung vị) là {_hours(handling['median_hours_to_resolution'])}.")
        self.text(f"- Có {_count(handling['overdue'])} báo cáo quá thời hạn xử lý ban đầu "
                  f"({_share(handling['overdue_share'])}).")
        self.breakdown_table("Tình trạng xử lý các báo cáo tiếp nhận trong tháng", "Trạng thái",
                             f["by_status"], total=True)
        self.heading("2. Báo cáo, xin ý kiến cấp trên", 2)
        if handling["escalated"]:
            who = "Các xã, phường đã báo cáo lên cấp tỉnh" if province else "Đã báo cáo cấp trên"
            self.text(f"{who} {_count(handling['escalated'])} báo cáo; cấp trên đã trả lời, "
                      f"chỉ đạo {_count(handling['escalations_answered'])} báo cáo.")
        else:
            self.text("Trong tháng không có báo cáo nào phải báo cáo, xin ý kiến cấp trên.")
        if province:
            self.heading("3. Tình hình theo xã, phường", 2)
            self.communes()
        else:
            self.heading("3. Tình hình theo thôn, bản, tổ dân phố", 2)
            self.breakdown_table("Báo cáo theo thôn, bản, tổ dân phố", "Thôn, bản, tổ dân phố",
                                 f["by_village"], total=True)

    def communes(self) -> None:
        header = ("Xã, phường", "Số báo cáo", "Tháng trước", "Tăng/ giảm", "Khẩn cấp, cao",
                  "Tiêu cực", "Đã giải quyết", "Tỷ lệ giải quyết", "Đang chờ cấp trên")
        rows = [[c["name"], _count(c["reports"]), _count(c["previous"]), _signed(c["change"]),
                 _count(c["urgent"]), _count(c["negative"]), _count(c["resolved"]),
                 _share(c["resolved_share"]), _count(c["escalated_now"])]
                for c in self.figures["communes"]]
        self.table_caption("Báo cáo tiếp nhận và kết quả xử lý theo xã, phường")
        self.table(header, rows, (2.9,) + (1.6,) * 7 + (1.9,), header_size=11)
        self.text("", style="Normal", size=6)

    def assessment(self) -> None:
        body = self.settings["body_name"]
        self.heading("IV. NHẬN ĐỊNH, ĐỀ XUẤT", 1)
        self.heading("1. Nhận định", 2)
        self.placeholder(f"{body} nhận định về tình hình dư luận xã hội trong tháng: những vấn đề "
                         "nổi lên được nhiều người quan tâm, nguyên nhân, chiều hướng diễn biến; "
                         "dự báo tình hình thời gian tới.")
        self.heading("2. Đề xuất, kiến nghị", 2)
        self.placeholder("Đề xuất giải pháp định hướng dư luận, giải quyết dứt điểm các vụ việc "
                         "còn tồn đọng; kiến nghị với cấp ủy, chính quyền và cấp trên.")
        self.text(f"Trên đây là báo cáo tình hình dư luận xã hội {self.figures['month_label']} "
                  f"của {body}./.", keep_next=True)  # the signature never stands alone on a page

    def closing(self) -> None:
        """Recipients on the left, the signature block on the right."""
        s = self.settings
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders(table, "nil")
        _row_flags(table.rows[0])  # recipients and signature stay on one page
        widths = (Cm(7.5), Cm(9.0))
        for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
            column.width = cell.width = width
        left, right = table.rows[0].cells
        paragraph = left.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(12)
        run = paragraph.add_run("Nơi nhận:")
        run.bold = run.italic = True
        run.font.size = Pt(12)
        recipients = list(s["recipients"])
        for index, recipient in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            line = recipient if recipient.endswith((".", ";", ",")) else recipient + end
            run = left.add_paragraph().add_run(f"- {line}")
            run.font.size = Pt(11)
        lines = [(s["signer_on_behalf"], 12), (s["signer_title"], 0), ("", 0), ("", 0), ("", 0),
                 ("", 0), (s.get("signer_name") or NAME_PLACEHOLDER, 0)]
        for index, (content, before) in enumerate(lines):
            paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(before)
            paragraph.add_run(content).bold = True

    def properties(self) -> None:
        properties = self.doc.core_properties
        generated = datetime.fromisoformat(self.figures["generated_at"])
        properties.title = f"Báo cáo tình hình dư luận xã hội {self.figures['month_label']}"
        properties.subject = self.figures["unit"]["name"]
        properties.author = properties.last_modified_by = self.settings["body_name"]
        properties.comments = ""
        properties.language = "vi-VN"
        properties.created = properties.modified = generated.astimezone(UTC).replace(tzinfo=None)


def build_docx(figures: dict, settings: dict | None = None) -> bytes:
    """The monthly report of `figures` as .docx bytes; `settings` overrides `default_settings`."""
    merged = default_settings(figures)
    merged.update(settings or {})
    return _Report(figures, merged).build()

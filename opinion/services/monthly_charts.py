"""The charts of the monthly report, as PNG images for the Word document and the web page.

Each function takes the dict of `monthly.monthly_figures` and returns PNG bytes. The figures are
drawn on `matplotlib.figure.Figure` objects with an explicit Agg canvas, so nothing touches
pyplot's global state and a web worker can draw in several threads. Sizes are in inches at the
width the Word document prints them (15 cm), so the 9-point labels print at 9 points.
Colours are sober and differ in lightness, and lines differ in dash and marker, so a greyscale
printer keeps every series apart. A month without reports still gives an image with a note.
"""
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

FONT = "DejaVu Sans"  # ships with matplotlib and has every Vietnamese letter
DPI = 150
WIDTH = 5.9  # inches: 15 cm, the width the Word document prints them at
TEXT = "#222222"
GRID = "#d0d0d0"
CURRENT = "#2f4a68"  # dark slate blue: this month
PREVIOUS = "#b9c3cf"  # light grey-blue: the month before
TREND_SERIES = (  # (key, label, colour, line style, marker)
    ("reports", "Tổng số báo cáo", "#2f4a68", "-", "o"),
    ("urgent", "Khẩn cấp và cao", "#8e3b2e", "--", "s"),
    ("negative", "Sắc thái tiêu cực", "#7d7d7d", ":", "^"),
)
# Colours by code, from dark to light so the order survives greyscale printing.
SHARE_COLOURS = {
    "by_urgency": {"khan_cap": "#5e1f1a", "cao": "#a2503f", "trung_binh": "#d8a898",
                   "thap": "#f1e4dc"},
    "by_sentiment": {"tieu_cuc": "#5e2a2a", "trung_lap": "#9a9a9a", "tich_cuc": "#dde6d5"},
}
FALLBACK_COLOURS = ("#4d4d4d", "#8a8a8a", "#bdbdbd", "#e3e3e3")
UNTAGGED_CODE = "chua_phan_loai"
NO_REPORTS = "Không có báo cáo"


def _month_label(code: str) -> str:
    """'2026-10' -> '10/2026'."""
    year, month = code.split("-")
    return f"{month}/{year}"


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def _new_figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(figure)  # the Agg canvas, set explicitly for this figure only
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _style_axes(axes, grid_axis: str) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#888888")
    axes.tick_params(labelsize=9, labelcolor=TEXT, color="#888888", labelfontfamily=FONT)
    axes.grid(axis=grid_axis, color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _note(axes, text: str = NO_REPORTS) -> None:
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", fontsize=11,
              color="#555555", fontfamily=FONT, style="italic")


def _empty(height: float) -> bytes:
    figure = _new_figure(height)
    axes = figure.add_subplot()
    axes.set_axis_off()
    _note(axes)
    return _png(figure)


def _legend(axes, **options):
    legend = axes.legend(prop={"family": FONT, "size": 9}, frameon=False, **options)
    for text in legend.get_texts():
        text.set_color(TEXT)
    return legend


def topic_bars(figures: dict) -> bytes:
    """Reports per topic this month (dark bars, most reported first) and last month (light)."""
    rows = list(figures["by_topic"])
    if not any(row["count"] or row["previous"] for row in rows):
        return _empty(1.6)
    rows.sort(key=lambda row: (-row["count"], -row["previous"]))
    height = 1.0 + 0.26 * len(rows)
    figure = _new_figure(height)
    axes = figure.add_subplot()
    _style_axes(axes, "x")
    positions = list(range(len(rows)))
    bar = 0.38
    current = axes.barh([p - bar / 2 for p in positions], [row["count"] for row in rows], height=bar,
                        color=CURRENT, label=f"Tháng {_month_label(figures['month'])}")
    previous = axes.barh([p + bar / 2 for p in positions], [row["previous"] for row in rows],
                         height=bar, color=PREVIOUS, edgecolor="#8c97a3", linewidth=0.4,
                         label=f"Tháng {_month_label(figures['previous_month'])}")
    axes.bar_label(current, padding=2, fontsize=9, color=TEXT, fontfamily=FONT, fontweight="bold")
    axes.bar_label(previous, padding=2, fontsize=8, color="#666666", fontfamily=FONT)
    axes.set_yticks(positions, [row["name"] for row in rows])
    axes.invert_yaxis()
    axes.tick_params(axis="y", length=0)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(max(row["count"], row["previous"]) for row in rows) * 1.12 + 0.5)
    axes.set_xlabel("Số báo cáo", fontsize=9, color=TEXT, fontfamily=FONT)
    _legend(axes, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    return _png(figure)


def trend_line(figures: dict) -> bytes:
    """Reports per month over the trend's months, with the urgent and the negative ones."""
    trend = figures["trend"]
    figure = _new_figure(2.6)
    axes = figure.add_subplot()
    _style_axes(axes, "y")
    positions = list(range(len(trend)))
    for key, label, colour, style, marker in TREND_SERIES:
        values = [month[key] for month in trend]
        axes.plot(positions, values, linestyle=style, marker=marker, markersize=4.5, linewidth=1.6,
                  color=colour, label=label)
    for position, month in zip(positions, trend, strict=True):
        axes.annotate(str(month["reports"]), (position, month["reports"]), xytext=(0, 6),
                      textcoords="offset points", ha="center", fontsize=9, color=TEXT,
                      fontfamily=FONT, fontweight="bold")
    axes.set_xticks(positions, [month["label"] for month in trend])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    highest = max((month[key] for month in trend for key, *_ in TREND_SERIES), default=0)
    axes.set_ylim(0, max(highest * 1.2, 1) + 0.5)
    axes.set_xlim(-0.4, len(trend) - 0.6)
    axes.set_ylabel("Số báo cáo", fontsize=9, color=TEXT, fontfamily=FONT)
    if highest == 0:
        _note(axes)
    _legend(axes, loc="upper left", ncols=len(TREND_SERIES))
    return _png(figure)


def _text_colour(colour: str) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 140 else TEXT


def share_bars(figures: dict, key: str) -> bytes:
    """One 100% bar for this month and one for last month, split by `key`'s categories
    ("by_urgency" or "by_sentiment"); shares of 7% and more are written in their segment."""
    rows = figures[key]
    months = (  # (label, counts, shares); this month's shares are the figures' own
        (f"Tháng {_month_label(figures['month'])}", [row["count"] for row in rows],
         [row["share"] for row in rows]),
        (f"Tháng {_month_label(figures['previous_month'])}", [row["previous"] for row in rows],
         None),
    )
    colours, fallback = SHARE_COLOURS.get(key, {}), iter(FALLBACK_COLOURS * 3)
    figure = _new_figure(1.85)
    axes = figure.add_subplot()
    _style_axes(axes, "x")
    segment_colours = []
    for row in rows:
        if row["code"] in colours:
            segment_colours.append(colours[row["code"]])
        elif row["code"] == UNTAGGED_CODE:
            segment_colours.append("white")
        else:
            segment_colours.append(next(fallback))
    drawn = set()
    for position, (_label, counts, shares) in enumerate(months):
        total = sum(counts)
        if not total:
            axes.text(50, position, NO_REPORTS, ha="center", va="center", fontsize=9,
                      color="#555555", fontfamily=FONT, style="italic")
            continue
        if shares is None:
            shares = [round(100.0 * count / total, 1) for count in counts]
        left = 0.0
        for row, count, share, colour in zip(rows, counts, shares, segment_colours, strict=True):
            width = 100.0 * count / total
            if not width:
                continue
            label = row["name"] if row["code"] not in drawn else None
            drawn.add(row["code"])
            axes.barh(position, width, left=left, height=0.62, color=colour, edgecolor="#555555",
                      linewidth=0.5, hatch="///" if colour == "white" else None, label=label)
            if width >= 7:
                axes.text(left + width / 2, position, _percent(share), ha="center", va="center",
                          fontsize=9, color=_text_colour(colour) if colour != "white" else TEXT,
                          fontfamily=FONT)
            left += width
    axes.set_yticks(range(len(months)), [label for label, *_ in months])
    axes.invert_yaxis()
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(0, 100)
    axes.set_ylim(len(months) - 0.45, -0.55)
    axes.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    if drawn:
        handles, labels = axes.get_legend_handles_labels()
        order = [labels.index(row["name"]) for row in rows if row["name"] in labels]
        _legend(axes, handles=[handles[i] for i in order], labels=[labels[i] for i in order],
                loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=len(order),
                handlelength=1.2, columnspacing=1.2)
    return _png(figure)

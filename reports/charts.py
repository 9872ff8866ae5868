"""Bar charts as server-rendered SVG, for the page and the PDF report.

The markup carries presentation attributes only (``fill``, ``font-size``…), never a ``style``
attribute or element, so it passes the strict Content Security Policy and WeasyPrint draws it
the same way. A chart is drawn from a table *as displayed*: a hidden cell ("<5", "x") gets no
bar, only its mark — a bar's length would give the number back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tables import DisplayCell, DisplayTable

WIDTH = 640
LABEL_WIDTH = 220
BAR_X = LABEL_WIDTH + 10
BAR_SPACE = WIDTH - BAR_X - 70
BAR_HEIGHT = 13
GROUP_GAP = 9
LEGEND_HEIGHT = 26
LABEL_CHARACTERS = 36
FONT = "DejaVu Sans, Liberation Sans, sans-serif"
INK = "#1f2430"
MUTED = "#525b6b"
#: Series colours (brand purple, teal, ochre, olive): each 4.5:1 or more on white.
COLOURS = ("#6a2c70", "#1f6f7f", "#9a4a0b", "#4b5a12")


@dataclass
class ChartSpec:
    """Which part of a table to draw: body rows by the given columns (``series``), or — with
    ``from_total_row`` — the total row, one bar per column."""

    table: str
    series: tuple[int, ...] = (0,)
    limit: int | None = None
    from_total_row: bool = False


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(
    *, title: str, categories: list[tuple[str, list[DisplayCell]]], series: list[str]
) -> SafeString:
    """A horizontal bar chart: one group of bars per category, one bar per series."""
    shown = [cell.value for _label, cells in categories for cell in cells if not cell.is_hidden]
    largest = max(shown, default=0) or 1
    legend = LEGEND_HEIGHT if len(series) > 1 else 6
    group_height = BAR_HEIGHT * len(series) + GROUP_GAP
    height = legend + group_height * max(len(categories), 1) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    if len(series) > 1:
        x = BAR_X
        for index, name in enumerate(series):
            colour = COLOURS[index % len(COLOURS)]
            parts.append(
                f'<rect x="{x}" y="6" width="11" height="11" fill="{colour}"></rect>'
                f'<text x="{x + 16}" y="15" fill="{INK}">{escape(name)}</text>'
            )
            x += 24 + 7 * len(str(name))
    if not categories:
        parts.append(f'<text x="{BAR_X}" y="{legend + 12}" fill="{MUTED}">—</text>')
    for row, (label, cells) in enumerate(categories):
        top = legend + row * group_height
        middle = top + BAR_HEIGHT * len(series) / 2 + 4
        parts.append(
            f'<text x="{LABEL_WIDTH}" y="{middle:.1f}" text-anchor="end" fill="{INK}">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        for index, cell in enumerate(cells):
            y = top + index * BAR_HEIGHT
            colour = COLOURS[index % len(COLOURS)]
            if cell.is_hidden:
                parts.append(
                    f'<text x="{BAR_X}" y="{y + BAR_HEIGHT - 3}" fill="{MUTED}">'
                    f"{escape(cell.text)}</text>"
                )
                continue
            length = round(BAR_SPACE * cell.value / largest, 1)
            if cell.value and length < 1:
                length = 1
            parts.append(
                f'<rect class="chart__bar" x="{BAR_X}" y="{y}" width="{length}" '
                f'height="{BAR_HEIGHT - 2}" fill="{colour}"></rect>'
                f'<text x="{BAR_X + length + 4}" y="{y + BAR_HEIGHT - 3}" fill="{INK}">'
                f"{escape(cell.text)}</text>"
            )
    parts.append("</svg>")
    # Every piece of text above went through escape().
    return mark_safe("".join(parts))  # noqa: S308


def chart_for(table: DisplayTable, spec: ChartSpec) -> SafeString:
    """The chart ``spec`` describes, drawn from ``table`` as displayed."""
    if spec.from_total_row:
        total = table.total_row
        count = len(table.headers) - (1 if table.row_totals else 0)
        categories = [(table.headers[index], [total.cells[index]]) for index in range(count)]
        return bar_chart(title=table.title, categories=categories if total else [], series=[""])
    rows = table.body_rows
    if spec.limit:
        rows = rows[: spec.limit]
    categories = [(row.label, [row.cells[index] for index in spec.series]) for row in rows]
    return bar_chart(
        title=table.title,
        categories=categories,
        series=[table.headers[index] for index in spec.series],
    )

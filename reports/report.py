"""The statistics as a reader sees them — on the page and in every export: the tables with small
numbers hidden (funder version) or not (internal version), the charts drawn from what is shown,
COMAR's time to decide, and the definitions. Built from ``selectors.Statistics`` without any
further query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .charts import ChartSpec, chart_for
from .definitions import DEFINITIONS
from .selectors import Period, Statistics
from .selectors.casework import MedianFigure
from .suppression import COMPLEMENTARY, PRIMARY, THRESHOLD
from .tables import (
    COMPLEMENTARY_MARK,
    PRIMARY_MARK,
    WITHHELD_NOTE,
    DisplayCell,
    DisplayRow,
    DisplayTable,
    Row,
    Table,
    display,
    suppression_patterns,
)

#: The charts and the table each one is drawn from (shown right after that table).
CHARTS = [
    ChartSpec("age_group", series=(0, 1)),
    ChartSpec("nationality", series=(-1,), limit=10),
    ChartSpec("violence_type_place", series=(-1,)),
    ChartSpec("cases_by_type", series=(0, 1)),
    ChartSpec("deadlines", from_total_row=True),
    ChartSpec("referrals_service", series=(0,), limit=12),
]


@dataclass
class Block:
    table: DisplayTable
    chart: str = ""


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block]


@dataclass
class Report:
    period: Period
    suppressed: bool
    sections: list[Section]
    served: int
    family: int
    consented: int
    left_out: int
    computed_at: datetime.datetime
    definitions: list
    #: How the consented and left-out counts are shown (``consent_split``).
    consent_marks: tuple[str, str] = ("", "")

    @property
    def tables(self) -> list[DisplayTable]:
        return [block.table for section in self.sections for block in section.blocks]

    def table(self, key: str) -> DisplayTable:
        return next(table for table in self.tables if table.key == key)

    @property
    def summary(self) -> list[tuple[str, DisplayCell]]:
        """The headline figures, taken from the "people served" table as displayed."""
        served = self.table("served")
        clients = served.cell(str(served.body_rows[0].label), -1)
        new = served.body_rows[0].cells[0]
        continuing = served.body_rows[0].cells[1]
        family = served.body_rows[1].cells[-1]
        return [
            (_("Clients served"), clients),
            (_("New clients"), new),
            (_("Continuing clients"), continuing),
            (_("Family members served"), family),
        ]

    @property
    def consented_text(self) -> str:
        return self.consent_marks[0]

    @property
    def left_out_text(self) -> str:
        return self.consent_marks[1]


def comar_table(figure: MedianFigure, *, suppressed: bool) -> DisplayTable:
    """COMAR's time to decide: how many first decisions, and the median days. In the funder
    version a median of fewer than five decisions is withheld (it would be one woman's wait)."""
    count = figure.decisions
    count_cell = DisplayCell(value=count, text=number_format(count, force_grouping=True))
    if suppressed and 0 < count < THRESHOLD:
        count_cell = DisplayCell(value=count, text=PRIMARY_MARK, state=PRIMARY)
    median = figure.median_days
    if median is None:
        median_cell = DisplayCell(value=0, text="—")
    elif suppressed and count < THRESHOLD:
        median_cell = DisplayCell(value=median, text=COMPLEMENTARY_MARK, state=COMPLEMENTARY)
    else:
        decimals = 0 if float(median).is_integer() else 1
        median_cell = DisplayCell(
            value=round(median, 1), text=number_format(median, decimal_pos=decimals)
        )
    return DisplayTable(
        key="comar_time",
        title=_("COMAR's time to decide"),
        stub=_("Figure"),
        headers=[_("Value")],
        rows=[
            DisplayRow(_("First COMAR decisions in the period"), [count_cell]),
            DisplayRow(_("Median days from filing to the first decision"), [median_cell]),
        ],
        unit=_("asylum cases"),
        note=_(
            "For advocacy: the authority's time, not the clinic's. In the funder version the "
            "median is not shown when it rests on fewer than five decisions."
        ),
        sensitive=False,
        suppressed=suppressed,
        row_totals=False,
    )


def _count_text(value: int, *, suppressed: bool) -> str:
    if suppressed and 0 < value < THRESHOLD:
        return PRIMARY_MARK
    return number_format(value, force_grouping=True)


def consent_split(statistics: Statistics) -> Table:
    """The clients served split into those the sensitive tables count (current statistical
    consent) and those left out — figures the notes print, suppressed with the tables: the two
    add up to the clients served, and the consented ones are the total of the disability and
    LBTIQ+ tables."""
    return Table(
        key="consent_split",
        title="",
        stub="",
        columns=["consented", "left_out"],
        rows=[Row("", [statistics.consented, statistics.left_out])],
        column_totals=False,
        same_as={(0, 2): ("served", 0, -1)},
    )


def consent_texts(split: DisplayTable) -> tuple[str, str]:
    """The consented and left-out counts as shown, from the displayed ``consent_split``."""
    cells = split.rows[0].cells
    return cells[0].text, cells[1].text


def consent_note(marks: tuple[str, str]) -> str:
    """What every sensitive table says about who it counts (small numbers hidden in the funder
    version, like the cells; ``consent_split``)."""
    return _(
        "Counts only the %(consented)s clients served whose current statistical consent is "
        "signed; %(left_out)s clients served were left out (no signed statistical consent)."
    ) % {"consented": marks[0], "left_out": marks[1]}


def report_build(statistics: Statistics, *, suppressed: bool) -> Report:
    charts = {spec.table: spec for spec in CHARTS}
    sections = []
    sections_tables = statistics.sections()
    split = consent_split(statistics)
    # Small numbers are hidden across all tables at once: they share figures.
    patterns = (
        suppression_patterns(
            [table for _key, _title, tables in sections_tables for table in tables] + [split]
        )
        if suppressed
        else {}
    )
    marks = consent_texts(display(split, suppressed=suppressed, hidden=patterns.get(split.key)))
    for key, title, tables in sections_tables:
        blocks = []
        for table in tables:
            shown = display(table, suppressed=suppressed, hidden=patterns.get(table.key))
            if table.sensitive:
                shown.note = consent_note(marks)
            if shown.withheld:
                shown.note = f"{WITHHELD_NOTE} {shown.note}".strip()
            spec = charts.get(table.key)
            blocks.append(Block(shown, chart_for(shown, spec) if spec else ""))
        if key == "outcomes":
            blocks.append(Block(comar_table(statistics.comar, suppressed=suppressed)))
        sections.append(Section(key, title, blocks))
    return Report(
        period=statistics.period,
        suppressed=suppressed,
        sections=sections,
        served=statistics.served,
        family=statistics.family,
        consented=statistics.consented,
        left_out=statistics.left_out,
        computed_at=statistics.computed_at,
        consent_marks=marks,
        definitions=DEFINITIONS,
    )

"""Statistics tables: the counts a selector computed (``Table``) and what a reader sees
(``DisplayTable``), with small numbers hidden in the funder version (``reports.suppression``).

A table holds only aggregates and category labels — never a name, a client code or a case
number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .suppression import COMPLEMENTARY, PRIMARY, grid_lines, suppression_pattern

#: What a hidden cell shows: "<5" for a count from 1 to 4, "x" for a count hidden so that a
#: small one cannot be worked out from the totals.
PRIMARY_MARK = "<5"
COMPLEMENTARY_MARK = "x"
TOTAL = _("Total")


def _interpolate(template, values: dict) -> str:
    return str(template) % {key: str(value) for key, value in values.items()}


#: ``gettext_lazy("… %(name)s …") % {…}`` would be translated at once; this stays lazy, so a
#: label is read in the language of whoever displays the table.
interpolate_lazy = lazy(_interpolate, str)


def joined_lazy(*parts) -> str:
    """ "Type — stage" labels, lazily."""
    return interpolate_lazy("%(first)s — %(second)s", {"first": parts[0], "second": parts[1]})


@dataclass
class Row:
    label: str
    values: list[int]


@dataclass
class Table:
    """Counts by category. ``row_totals`` adds a "Total" column (the sum of each row),
    ``column_totals`` a "Total" row; without them the rows (columns) do not add up, e.g. cases
    opened and cases active in the same period."""

    key: str
    title: str
    stub: str
    columns: list[str]
    rows: list[Row]
    row_totals: bool = True
    column_totals: bool = True
    unit: str = ""
    note: str = ""
    sensitive: bool = False

    def grid(self) -> list[list[int]]:
        """Body cells with their margins (the total column last, the total row last)."""
        grid = [
            list(row.values) + ([sum(row.values)] if self.row_totals else []) for row in self.rows
        ]
        if self.column_totals:
            width = len(self.columns) + (1 if self.row_totals else 0)
            grid.append([sum(cells[column] for cells in grid) for column in range(width)])
        return grid

    def value(self, row_label: str, column: int | str = 0) -> int:
        """One count, by row label and column index or label (tests and charts)."""
        index = self.columns.index(column) if isinstance(column, str) else column
        for row in self.rows:
            if str(row.label) == str(row_label):
                return row.values[index]
        raise KeyError(row_label)

    def as_dict(self) -> dict[str, list[int]]:
        """``{row label: [values…, total]}`` with the total row under "Total" — exact figures,
        for tests."""
        labels = [str(row.label) for row in self.rows] + (
            [str(TOTAL)] if self.column_totals else []
        )
        return dict(zip(labels, self.grid(), strict=True))


@dataclass
class DisplayCell:
    value: int
    text: str
    state: str = ""  # "", PRIMARY or COMPLEMENTARY
    is_total: bool = False

    @property
    def is_hidden(self) -> bool:
        return bool(self.state)

    @property
    def export_value(self) -> int | str:
        """What a CSV or spreadsheet cell holds: the number, or the mark of a hidden cell."""
        return self.text if self.state else self.value


@dataclass
class DisplayRow:
    label: str
    cells: list[DisplayCell]
    is_total: bool = False


@dataclass
class DisplayTable:
    key: str
    title: str
    stub: str
    headers: list[str]
    rows: list[DisplayRow]
    unit: str
    note: str
    sensitive: bool
    suppressed: bool
    row_totals: bool = True
    hidden: int = 0
    extra: dict = field(default_factory=dict)

    def cell(self, row_label: str, column: int | str = 0) -> DisplayCell:
        index = self.headers.index(column) if isinstance(column, str) else column
        for row in self.rows:
            if str(row.label) == str(row_label):
                return row.cells[index]
        raise KeyError(row_label)

    @property
    def body_rows(self) -> list[DisplayRow]:
        return [row for row in self.rows if not row.is_total]

    @property
    def total_row(self) -> DisplayRow | None:
        return next((row for row in self.rows if row.is_total), None)


def display(table: Table, *, suppressed: bool) -> DisplayTable:
    """What a reader sees: every count in the internal version; in the funder version, counts
    from 1 to 4 as "<5" and the complementary cells as "x"."""
    grid = table.grid()
    width = len(table.columns)
    hidden = {}
    if suppressed:
        lines = grid_lines(
            rows=len(table.rows),
            columns=width,
            row_totals=table.row_totals,
            column_totals=table.column_totals,
        )
        hidden = suppression_pattern(grid, lines)
    labels = [row.label for row in table.rows] + ([TOTAL] if table.column_totals else [])
    rows = []
    for row_index, (label, values) in enumerate(zip(labels, grid, strict=True)):
        is_total_row = table.column_totals and row_index == len(table.rows)
        cells = []
        for column, value in enumerate(values):
            state = hidden.get((row_index, column), "")
            text = {PRIMARY: PRIMARY_MARK, COMPLEMENTARY: COMPLEMENTARY_MARK}.get(
                state, number_format(value, force_grouping=True)
            )
            cells.append(
                DisplayCell(
                    value=value,
                    text=text,
                    state=state,
                    is_total=is_total_row or (table.row_totals and column == width),
                )
            )
        rows.append(DisplayRow(label=label, cells=cells, is_total=is_total_row))
    return DisplayTable(
        key=table.key,
        title=table.title,
        stub=table.stub,
        headers=list(table.columns) + ([TOTAL] if table.row_totals else []),
        rows=rows,
        unit=table.unit,
        note=table.note,
        sensitive=table.sensitive,
        suppressed=suppressed,
        row_totals=table.row_totals,
        hidden=len(hidden),
    )

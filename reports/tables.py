"""Statistics tables: the counts a selector computed (``Table``) and what a reader sees
(``DisplayTable``), with small numbers hidden in the funder version (``reports.suppression``).

A table holds only aggregates and category labels — never a name, a client code or a case
number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .suppression import (
    COMPLEMENTARY,
    PRIMARY,
    WITHHELD,
    Cell,
    grid_lines,
    narrowed,
    suppression_pattern,
)

#: A cell of another table: (table key, grid row, grid column).
CellRef = tuple[str, int, int]

#: What a hidden cell shows: "<5" for a count from 1 to 4, "x" for a count hidden so that a
#: small one cannot be worked out from the totals.
PRIMARY_MARK = "<5"
COMPLEMENTARY_MARK = "x"
#: What every cell of a table withheld from the funder version shows ("no disponible").
WITHHELD_MARK = "n.d."
WITHHELD_NOTE = _(
    "Withheld from this version: with so few cases, its figures would let small numbers be "
    "worked out."
)
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
    #: ``{grid cell: (table key, grid row, grid column)}``: figures this table shares with
    #: another (the total row of a clients' table is the clients' row of "people served").
    #: Negative indices count from the end, as in Python (-1: the total row or column).
    same_as: dict[Cell, CellRef] = field(default_factory=dict)
    #: ``[(grid cells, (table key, grid row, grid column))]``: cells of this table that add up
    #: to a figure of another (a case type's closures by outcome to its closures by type).
    adds_up_to: list[tuple[list[Cell], CellRef]] = field(default_factory=list)

    def total_row_same_as(self, key: str, row: int) -> None:
        """This table's total row is row ``row`` of table ``key``, column for column."""
        width = len(self.columns) + (1 if self.row_totals else 0)
        self.same_as.update(
            {(len(self.rows), column): (key, row, column) for column in range(width)}
        )

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
    #: Left out of the funder version whole (every cell "n.d."): see ``suppression_patterns``.
    withheld: bool = False
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


def display(
    table: Table, *, suppressed: bool, hidden: dict[Cell, str] | None = None
) -> DisplayTable:
    """What a reader sees: every count in the internal version; in the funder version, counts
    from 1 to 4 as "<5" and the complementary cells as "x". ``hidden``: the table's cells to
    hide, worked out with the tables it shares figures with (``suppression_patterns``); by
    default, from this table alone."""
    grid = table.grid()
    width = len(table.columns)
    if not suppressed:
        hidden = {}
    elif hidden is None:
        hidden = suppression_patterns([table])[table.key]
    labels = [row.label for row in table.rows] + ([TOTAL] if table.column_totals else [])
    rows = []
    for row_index, (label, values) in enumerate(zip(labels, grid, strict=True)):
        is_total_row = table.column_totals and row_index == len(table.rows)
        cells = []
        for column, value in enumerate(values):
            state = hidden.get((row_index, column), "")
            text = {
                PRIMARY: PRIMARY_MARK,
                COMPLEMENTARY: COMPLEMENTARY_MARK,
                WITHHELD: WITHHELD_MARK,
            }.get(state, number_format(value, force_grouping=True))
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
        withheld=bool(hidden) and WITHHELD in hidden.values(),
    )


def _lines(table: Table) -> list[list[Cell]]:
    return grid_lines(
        rows=len(table.rows),
        columns=len(table.columns),
        row_totals=table.row_totals,
        column_totals=table.column_totals,
    )


@dataclass
class JointProblem:
    """Tables stacked into one grid for suppression: ``values`` the grid, ``lines`` what adds
    up (shared figures merged into one cell), ``cost`` how many places show each cell,
    ``cell_of`` a table's (key, row, column) to its cell in the grid, ``unmatched`` the links
    whose figures differ (a bug in a selector: they are left out)."""

    values: list[list[int]]
    lines: list[list[Cell]]
    cost: Counter
    cell_of: dict[tuple[str, int, int], Cell]
    unmatched: list[str]


def joint_problem(tables: list[Table]) -> JointProblem:
    grids = {table.key: table.grid() for table in tables}
    offsets, height = {}, 0
    for table in tables:
        offsets[table.key] = height
        height += len(grids[table.key])
    width = max((len(row) for grid in grids.values() for row in grid), default=0)
    stacked = [[0] * width for _row in range(height)]
    for key, grid in grids.items():
        for row, cells in enumerate(grid):
            stacked[offsets[key] + row][: len(cells)] = cells

    def place(key: str, row: int, column: int) -> Cell | None:
        grid = grids.get(key)
        if not grid:
            return None  # a table not suppressed with this one (a test's single table)
        row = row % len(grid)
        return offsets[key] + row, column % len(grid[row])

    parent: dict[Cell, Cell] = {}

    def find(cell: Cell) -> Cell:
        while parent.get(cell, cell) != cell:
            cell = parent[cell]
        return cell

    def value(cell: Cell) -> int:
        return stacked[cell[0]][cell[1]]

    unmatched = []
    for table in tables:
        for (row, column), ref in table.same_as.items():
            mine, theirs = place(table.key, row, column), place(*ref)
            if theirs is None:
                continue
            if value(mine) == value(theirs):
                parent[find(mine)] = find(theirs)
            else:
                unmatched.append(f"{table.key}{(row, column)} = {ref}")
    lines = [
        [find((offsets[table.key] + row, column)) for row, column in line]
        for table in tables
        for line in _lines(table)
    ]
    for table in tables:
        for cells, ref in table.adds_up_to:
            total = place(*ref)
            if total is None:
                continue
            mine = [place(table.key, row, column) for row, column in cells]
            if sum(value(cell) for cell in mine) == value(total):
                lines.append([find(cell) for cell in mine] + [find(total)])
            else:
                unmatched.append(f"{table.key}{cells} adds up to {ref}")
    cell_of = {
        (table.key, row, column): find((offsets[table.key] + row, column))
        for table in tables
        for row, cells in enumerate(grids[table.key])
        for column in range(len(cells))
    }
    return JointProblem(stacked, lines, Counter(cell_of.values()), cell_of, unmatched)


def suppression_patterns(tables: list[Table]) -> dict[str, dict[Cell, str]]:
    """The cells to hide in each table (``{key: {grid cell: PRIMARY | COMPLEMENTARY |
    WITHHELD}}``), worked out for all of them together (``joint_problem``): the tables are
    stacked into one grid, a figure two tables share (``same_as``) becomes one cell, a sum shown
    by another table (``adds_up_to``) one more line. A shared figure is then hidden in every
    table or in none, and the cells shown in several places are the last chosen to protect
    another. A table in which a small count can still be worked out is withheld whole, and the
    rest is worked out again without it."""
    withheld: set[str] = set()
    while True:
        shown = [table for table in tables if table.key not in withheld]
        problem = joint_problem(shown)
        hidden = suppression_pattern(problem.values, problem.lines, cost=problem.cost)
        bounds = narrowed(problem.values, problem.lines, hidden)
        pinned = {
            cell
            for cell, state in hidden.items()
            if state == PRIMARY and bounds[cell][0] == bounds[cell][1]
        }
        if not pinned:
            break
        withheld |= {key for (key, _r, _c), cell in problem.cell_of.items() if cell in pinned}
    patterns: dict[str, dict[Cell, str]] = {table.key: {} for table in tables}
    for (key, row, column), cell in problem.cell_of.items():
        if cell in hidden:
            patterns[key][(row, column)] = hidden[cell]
    for table in tables:
        if table.key in withheld:
            grid = table.grid()
            patterns[table.key] = {
                (row, column): WITHHELD
                for row in range(len(grid))
                for column in range(len(grid[row]))
            }
    return patterns

"""Small-cell suppression for the funder version of the statistics (docs/statistics.md).

* **Primary**: a count from 1 to 4 is hidden and shown as "<5". Zero stays 0 (there is nobody to
  protect, and hiding it would say "between 1 and 4", which is false).
* **Complementary**: a table's totals would give a hidden count back (a row of 3 hidden and 20
  shown whose total is 23). A *line* is a set of cells that add up — a row with its total, a
  column with its total. A line holding exactly one hidden cell gets a second one hidden: the
  smallest other non-zero cell of that line (ties: the first in reading order). Hiding it can
  leave another line with a single hidden cell, so this repeats until nothing changes.

Totals are always the true totals; a total of 1 to 4 is hidden like any other cell. The
functions here know nothing about the ORM: they work on grids of integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Counts from 1 to THRESHOLD - 1 are hidden.
THRESHOLD = 5

PRIMARY = "primary"
COMPLEMENTARY = "complementary"

Cell = tuple[int, int]


def suppression_pattern(
    values: Sequence[Sequence[int]], lines: Iterable[Sequence[Cell]], *, threshold: int = THRESHOLD
) -> dict[Cell, str]:
    """The cells to hide in ``values`` (a grid, totals included) given the ``lines`` of cells
    that add up. Returns ``{(row, column): PRIMARY | COMPLEMENTARY}``; cells not in it are
    shown."""
    lines = [list(line) for line in lines]
    hidden: dict[Cell, str] = {
        (row, column): PRIMARY
        for row, cells in enumerate(values)
        for column, value in enumerate(cells)
        if 0 < value < threshold
    }
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            candidates = [
                (values[row][column], position, (row, column))
                for position, (row, column) in enumerate(line)
                if (row, column) not in hidden and values[row][column] > 0
            ]
            if not candidates:
                # Every other cell is 0: the hidden one equals nothing recoverable.
                continue
            hidden[min(candidates)[2]] = COMPLEMENTARY
            changed = True
    return hidden


def grid_lines(
    *, rows: int, columns: int, row_totals: bool, column_totals: bool
) -> list[list[Cell]]:
    """The lines of a table of ``rows`` by ``columns`` body cells laid out with its margins: a
    total column at index ``columns`` when ``row_totals``, a total row at index ``rows`` when
    ``column_totals``. Rows add up only when there is a total column; columns only when there
    is a total row."""
    height = rows + (1 if column_totals else 0)
    width = columns + (1 if row_totals else 0)
    lines: list[list[Cell]] = []
    if row_totals:
        lines += [[(row, column) for column in range(width)] for row in range(height)]
    if column_totals:
        lines += [[(row, column) for row in range(height)] for column in range(width)]
    return lines

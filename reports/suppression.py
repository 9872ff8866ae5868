"""Small-cell suppression for the funder version of the statistics (docs/statistics.md).

* **Primary**: a count from 1 to 4 is hidden and shown as "<5". Zero stays 0 (there is nobody to
  protect, and hiding it would say "between 1 and 4", which is false).
* **Complementary**: a table's totals would give a hidden count back (a row of 3 hidden and 20
  shown whose total is 23). A *line* is a set of cells that add up — a row with its total, a
  column with its total. A line holding exactly one hidden cell gets a second one hidden: the
  smallest other non-zero cell of that line (ties: the first in reading order). Hiding it can
  leave another line with a single hidden cell, so this repeats until nothing changes.

* **Audit**: two hidden cells in a line are not always enough. A reader knows that "<5" is 1 to
  4 and that "x" is 5 or more (a complementary cell is never 0 and never small), so a column
  30, <5, <5 with total 32 gives both hidden cells back (1 and 1), and 30, x, <5 with total 36
  gives 5 and 1. After the complementary pass, each hidden cell's possible values are narrowed
  line by line, as a reader would, until nothing changes (``narrowed``); a small count pinned
  to one value gets one more cell of its lines hidden (the smallest shown non-zero one), and
  everything runs again.
* **Across tables**: tables share figures — the clients' row of "people served" is the total
  row of every clients' table, a case type's closures by outcome add up to its closures in
  "cases by type", an outcome indicator adds up closures by outcome. Hiding a cell in one table
  protects nothing if another shows it, so linked tables are suppressed together
  (``reports.tables.suppression_patterns``): a shared figure is one cell, hidden everywhere or
  nowhere, and a sum shown elsewhere is one more line.

* **Withheld**: in a very small clinic a table can have nothing left to hide — every non-zero
  cell hidden, and the zeros and the other tables still pin a small count down. Such a table is
  withheld from the funder version whole (every cell "n.d.", with a note), and the others are
  worked out again without it (``reports.tables.suppression_patterns``).

Totals are always the true totals; a total of 1 to 4 is hidden like any other cell. The
functions here know nothing about the ORM: they work on grids of integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Counts from 1 to THRESHOLD - 1 are hidden.
THRESHOLD = 5

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
#: A whole table left out of the funder version: with so few cases nothing else protects them.
WITHHELD = "withheld"

Cell = tuple[int, int]


def suppression_pattern(
    values: Sequence[Sequence[int]],
    lines: Iterable[Sequence[Cell]],
    *,
    threshold: int = THRESHOLD,
    cost: dict[Cell, int] | None = None,
) -> dict[Cell, str]:
    """The cells to hide in ``values`` (a grid, totals included) given the ``lines`` of cells
    that add up (each line's last cell is its total). Returns ``{(row, column): PRIMARY |
    COMPLEMENTARY}``; cells not in it are shown. ``cost``: how many places show a cell (1 by
    default); a complementary cell is taken among the cheapest first, then the smallest."""
    cost = cost or {}
    lines = [list(line) for line in lines]
    hidden: dict[Cell, str] = {
        (row, column): PRIMARY
        for row, cells in enumerate(values)
        for column, value in enumerate(cells)
        if 0 < value < threshold
    }

    def protect(line: list[Cell]) -> bool:
        candidates = [
            (cost.get(cell, 1), _value(values, cell), position, cell)
            for position, cell in enumerate(line)
            if cell not in hidden and _value(values, cell) > 0
        ]
        if not candidates:
            return False
        hidden[min(candidates)[3]] = COMPLEMENTARY
        return True

    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                if sum(cell in hidden for cell in line) == 1:
                    # Every other cell 0: nothing to hide it with, and nothing to give back.
                    changed = protect(line) or changed
        bounds = narrowed(values, lines, hidden, threshold)
        exposed = next(
            (
                cell
                for cell, state in sorted(hidden.items())
                if state == PRIMARY and bounds[cell][0] == bounds[cell][1]
            ),
            None,
        )
        if exposed is None or not _protect_around(exposed, lines, hidden, bounds, protect):
            return hidden


def _protect_around(exposed: Cell, lines, hidden, bounds, protect) -> bool:
    """Hide one more cell near ``exposed``: in one of its lines, or — when those hold nothing
    left to hide — in a line of a hidden cell the reader can also work out exactly, which is
    what gives it away (a column of 1s adding up to an "x" that its row shows to be 5)."""
    seen, waiting = {exposed}, [exposed]
    while waiting:
        cell = waiting.pop(0)
        for line in lines:
            if cell not in line:
                continue
            if protect(line):
                return True
            for other in line:
                known = other in hidden and bounds[other][0] == bounds[other][1]
                if known and other not in seen:
                    seen.add(other)
                    waiting.append(other)
    return False


def _value(values: Sequence[Sequence[int]], cell: Cell) -> int:
    return values[cell[0]][cell[1]]


def narrowed(values, lines, hidden, threshold: int = THRESHOLD) -> dict[Cell, tuple]:
    """What a reader can tell of each hidden cell: ``{cell: (lowest, highest)}``, starting from
    "1 to threshold - 1" for a small count and "threshold or more" for a complementary cell,
    narrowed by every line (its cells add up to its total) until nothing changes."""
    infinity = float("inf")
    bounds = {
        cell: (1, threshold - 1) if state == PRIMARY else (threshold, infinity)
        for cell, state in hidden.items()
    }
    # Each line as an equation: the sum of coefficient x cell is 0 (its cells minus its total).
    equations = [
        [(cell, 1) for cell in line[:-1]] + [(line[-1], -1)]
        for line in lines
        if any(cell in bounds for cell in line)
    ]

    def interval(cell: Cell, coefficient: int) -> tuple[float, float]:
        low, high = bounds.get(cell) or (_value(values, cell),) * 2
        return (low, high) if coefficient > 0 else (-high, -low)

    for _round in range(200):  # a fixed point comes long before
        changed = False
        for equation in equations:
            # The whole equation's range, with infinite ends counted apart (inf - inf is not
            # a number): each hidden cell's range is what is left once the others take theirs.
            terms = [interval(cell, coefficient) for cell, coefficient in equation]
            low_sum = sum(low for low, _high in terms if low != -infinity)
            low_infinite = sum(low == -infinity for low, _high in terms)
            high_sum = sum(high for _low, high in terms if high != infinity)
            high_infinite = sum(high == infinity for _low, high in terms)
            for (cell, coefficient), (low, high) in zip(equation, terms, strict=True):
                if cell not in bounds:
                    continue
                # coefficient x cell = -(the others), so it lies in [-others' high, -others' low]
                others_high_infinite = high_infinite - (high == infinity)
                others_low_infinite = low_infinite - (low == -infinity)
                others_high = (
                    infinity
                    if others_high_infinite
                    else high_sum - (high if high != infinity else 0)
                )
                others_low = (
                    -infinity if others_low_infinite else low_sum - (low if low != -infinity else 0)
                )
                new_low, new_high = -others_high, -others_low
                if coefficient < 0:
                    new_low, new_high = -new_high, -new_low
                old = bounds[cell]
                new = (max(old[0], new_low), min(old[1], new_high))
                if new != old:
                    bounds[cell] = new
                    changed = True
        if not changed:
            break
    return bounds


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

"""Small-cell suppression on hand-made tables: counts from 1 to 4 hidden ("<5"), 0 kept, and
complementary cells hidden until no line (a row or a column with its total) has a single
hidden cell — iterating when one hidden cell creates another single."""

from reports.suppression import COMPLEMENTARY, PRIMARY, grid_lines, suppression_pattern
from reports.tables import Row, Table, display

P, C = PRIMARY, COMPLEMENTARY


def pattern(body, *, row_totals=True, column_totals=True):
    table = Table(
        key="t",
        title="t",
        stub="",
        columns=[str(index) for index in range(len(body[0]))],
        rows=[Row(str(index), values) for index, values in enumerate(body)],
        row_totals=row_totals,
        column_totals=column_totals,
    )
    grid = table.grid()
    lines = grid_lines(
        rows=len(body), columns=len(body[0]), row_totals=row_totals, column_totals=column_totals
    )
    return grid, suppression_pattern(grid, lines)


def test_nothing_is_hidden_when_every_count_is_zero_or_five_and_more():
    # given / when
    grid, hidden = pattern([[0, 5], [12, 0]])
    # then
    assert grid == [[0, 5, 5], [12, 0, 12], [12, 5, 17]]
    assert hidden == {}


def test_a_small_count_hides_its_row_and_column_partners_and_the_fourth_corner():
    # given: 3 is the only small count
    # when
    grid, hidden = pattern([[3, 10], [8, 9]])
    # then: 3 (primary); 10 for its row, 8 for its column; then column 1 holds only 10 hidden,
    # so 9 is hidden too — the second pass of the iteration
    assert grid == [[3, 10, 13], [8, 9, 17], [11, 19, 30]]
    assert hidden == {(0, 0): P, (0, 1): C, (1, 0): C, (1, 1): C}


def test_zero_stays_shown_and_a_small_total_is_hidden_too():
    # given: 2 is small, and so is its column's total
    # when
    grid, hidden = pattern([[0, 7], [2, 6]])
    # then: rows first, then columns — row 1 hides 6 beside its 2, the total row 13 beside its
    # 2; every column then holds two hidden cells (the 0 is never hidden)
    assert grid == [[0, 7, 7], [2, 6, 8], [2, 13, 15]]
    assert hidden == {(1, 0): P, (2, 0): P, (1, 1): C, (2, 1): C}


def test_hiding_repeats_until_no_line_has_a_single_hidden_cell():
    # given: two small counts in opposite corners
    # when
    grid, hidden = pattern([[3, 20, 30], [40, 50, 60], [70, 80, 1]])
    # then: first pass — 20 (row 0), 70 (row 2), 50 (column 1), 30 (column 2); row 1 now holds
    # only 50 hidden, so a second pass hides 40
    assert grid[3] == [113, 150, 91, 354]
    assert hidden == {
        (0, 0): P,
        (2, 2): P,
        (0, 1): C,
        (2, 0): C,
        (1, 1): C,
        (0, 2): C,
        (1, 0): C,
    }
    lines = grid_lines(rows=3, columns=3, row_totals=True, column_totals=True)
    assert all(sum(cell in hidden for cell in line) != 1 for line in lines)


def test_a_single_column_with_a_total_hides_a_second_cell_only_when_needed():
    # given / when
    _grid, two_small = pattern([[3], [10], [1]], row_totals=False)
    _grid, one_small = pattern([[3], [10], [20]], row_totals=False)
    # then
    assert two_small == {(0, 0): P, (2, 0): P}
    assert one_small == {(0, 0): P, (1, 0): C}


def test_rows_that_do_not_add_up_get_primary_suppression_only():
    # given: indicators counting different things (no total)
    # when
    _grid, hidden = pattern([[2], [40], [0]], row_totals=False, column_totals=False)
    # then
    assert hidden == {(0, 0): P}


def test_display_shows_marks_for_hidden_cells_and_the_true_totals():
    # given
    table = Table(
        key="served",
        title="People",
        stub="Who",
        columns=["New", "Continuing"],
        rows=[Row("Clients", [5, 5]), Row("Family", [3, 2])],
    )
    # when
    funder = display(table, suppressed=True)
    internal = display(table, suppressed=False)
    # then
    assert [[cell.text for cell in row.cells] for row in funder.rows] == [
        ["x", "x", "10"],
        ["<5", "<5", "5"],
        ["8", "7", "15"],
    ]
    assert funder.hidden == 4
    assert [[cell.export_value for cell in row.cells] for row in funder.rows][1] == ["<5", "<5", 5]
    assert [[cell.text for cell in row.cells] for row in internal.rows] == [
        ["5", "5", "10"],
        ["3", "2", "5"],
        ["8", "7", "15"],
    ]
    assert internal.hidden == 0

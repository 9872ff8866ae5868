"""Small-cell suppression on hand-made tables: counts from 1 to 4 hidden ("<5"), 0 kept, and
complementary cells hidden until no line (a row or a column with its total) has a single
hidden cell — iterating when one hidden cell creates another single."""

import pytest

from reports.suppression import COMPLEMENTARY, PRIMARY, grid_lines, narrowed, suppression_pattern
from reports.tables import Row, Table, _lines, display, suppression_patterns

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
    # then: hiding only the four cells would not do — a reader knows an "x" is 5 or more, so
    # x + x = 10 makes both 5, and the family's 3 and 2 follow from the totals 8 and 7. With
    # the totals hidden too, the family's counts could each be anything from 1 to 4.
    assert [[cell.text for cell in row.cells] for row in funder.rows] == [
        ["x", "x", "x"],
        ["<5", "<5", "x"],
        ["x", "x", "15"],
    ]
    assert funder.hidden == 8
    assert [[cell.export_value for cell in row.cells] for row in funder.rows][1] == [
        "<5",
        "<5",
        "x",
    ]
    assert [[cell.text for cell in row.cells] for row in internal.rows] == [
        ["5", "5", "10"],
        ["3", "2", "5"],
        ["8", "7", "15"],
    ]
    assert internal.hidden == 0


def test_two_small_counts_that_add_up_to_what_the_total_leaves_are_protected_further():
    # given: a column 30, 1, 1 with its total 32 — "<5", "<5" would add up to 2: both 1
    # when
    grid, hidden = pattern([[30], [1], [1]], row_totals=False)
    # then: the 30 is hidden too, and a reader is left with two counts from 1 to 4
    assert grid == [[30], [1], [1], [32]]
    assert hidden == {(1, 0): P, (2, 0): P, (0, 0): C}


def test_a_complementary_cell_is_five_or_more_and_a_reader_knows_it():
    # given: 30, 5, 1 with its total 36 — "x" and "<5" add up to 6, so they were 5 and 1
    # when
    grid, hidden = pattern([[30], [5], [1]], row_totals=False)
    # then: the 30 is hidden as well
    assert grid[-1] == [36]
    assert hidden == {(2, 0): P, (1, 0): C, (0, 0): C}


def _table(key, body, **options):
    return Table(
        key=key,
        title=key,
        stub="",
        columns=[str(index) for index in range(len(body[0]))],
        rows=[Row(str(index), values) for index, values in enumerate(body)],
        **options,
    )


def test_a_figure_two_tables_share_is_hidden_in_both_or_in_neither():
    # given: people served — clients 40 new, 50 continuing; family members 2 and 0 — and a
    # clients' table whose total row is the clients' row
    served = _table("served", [[40, 50], [2, 0]])
    gender = _table("gender", [[38, 50], [2, 0]])
    gender.total_row_same_as("served", 0)
    # when
    alone = suppression_patterns([served])["served"]
    together = suppression_patterns([served, gender])
    # then: alone, the clients' 40 would be hidden to protect the 2; but the gender table shows
    # 40 as its total — together, 40 is hidden in both tables, or the 2 is protected otherwise
    assert alone[(0, 0)] == C
    shared_hidden = [(0, 0) in together["served"], (2, 0) in together["gender"]]
    assert shared_hidden[0] == shared_hidden[1]
    for key, table in (("served", served), ("gender", gender)):
        bounds = narrowed(table.grid(), _lines(table), together[key])
        assert all(low < high for low, high in bounds.values() if low < 5), (key, bounds)


def test_a_sum_shown_by_another_table_is_one_more_line():
    # given: closures by outcome of one case type, 20 and 3 (and 9 of another type); "cases by
    # type" shows its 23 closures
    by_type = _table("cases_by_type", [[5, 23], [5, 9]], row_totals=False)
    by_outcome = _table(
        "cases_by_outcome",
        [[20], [3], [9]],
        row_totals=False,
        adds_up_to=[([(0, 0), (1, 0)], ("cases_by_type", 0, 1))],
    )
    # when
    hidden = suppression_patterns([by_type, by_outcome])["cases_by_outcome"]
    # then: 23 - 20 would give the 3 back, so the 20 is hidden with it
    assert hidden[(1, 0)] == P
    assert hidden[(0, 0)] == C


def test_an_indicator_adding_up_rows_of_another_table_is_hidden_with_them():
    # given: 20 recognitions beside a small count of complementary protection; the indicators
    # repeat the 20
    closures = _table(
        "cases_by_outcome",
        [[20], [3]],
        row_totals=False,
        adds_up_to=[([(0, 0)], ("outcomes", 0, 0))],
    )
    indicators = _table("outcomes", [[20], [12]], row_totals=False, column_totals=False)
    # when
    hidden = suppression_patterns([closures, indicators])
    # then
    assert hidden["cases_by_outcome"] == {(1, 0): P, (0, 0): C, (2, 0): C} or (
        hidden["cases_by_outcome"][(0, 0)] == C
    )
    assert hidden["outcomes"] == {(0, 0): C}


def test_no_small_count_can_be_worked_out_from_the_lines_of_a_larger_table():
    body = [[30, 1, 7, 0], [1, 12, 2, 40], [9, 0, 1, 3], [25, 4, 6, 1]]
    grid, hidden = pattern(body)
    bounds = narrowed(
        grid, grid_lines(rows=4, columns=4, row_totals=True, column_totals=True), hidden
    )
    for cell, state in hidden.items():
        if state == P:
            assert bounds[cell][0] < bounds[cell][1], cell


@pytest.mark.parametrize(
    ("consented", "left_out", "shown"),
    [(45, 3, ("x", "<5")), (2, 46, ("<5", "x")), (48, 0, ("48", "0")), (30, 18, ("30", "18"))],
)
def test_the_consent_counts_hide_each_other_when_one_is_small(consented, left_out, shown):
    from types import SimpleNamespace

    from reports.report import consent_split, consent_texts

    # given: 48 clients served, shown; the sensitive tables' note splits them
    served = _table("served", [[30, 18], [0, 0]])
    split = consent_split(SimpleNamespace(consented=consented, left_out=left_out))
    # when
    patterns = suppression_patterns([served, split])
    # then: 48 - 45 would give the 3 back — the 45 is hidden too
    assert consent_texts(display(split, suppressed=True, hidden=patterns[split.key])) == shown
    assert consent_texts(display(split, suppressed=False)) == (str(consented), str(left_out))


def test_a_29_february_birthday_falls_on_28_february_in_a_common_year():
    import datetime

    from reports.selectors.population import years_before

    D = datetime.date
    assert years_before(D(2026, 2, 28), 18) == D(2008, 2, 29)  # born 29/2/2008: 18 that day
    assert years_before(D(2024, 2, 29), 18) == D(2006, 2, 28)
    assert years_before(D(2026, 3, 1), 18) == D(2008, 3, 1)
    assert years_before(D(2025, 12, 31), 60) == D(1965, 12, 31)


def test_a_name_a_spreadsheet_would_run_is_exported_as_text():
    from reports.exports import _as_text

    assert _as_text('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert _as_text("@SUM(A1)") == "'@SUM(A1)"
    assert _as_text("Sin Fronteras") == "Sin Fronteras"
    assert _as_text(-3) == -3

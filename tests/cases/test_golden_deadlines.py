"""The golden table: deadlines counted by hand on a real calendar (tests/cases/golden_deadlines.csv)
must match the engine exactly: due date (or due time), date without closures, later alternative.

Rules named ``test_*`` in the table are examples defined here (no DOMAIN rule is in months)."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from cases.deadlines import RULES, CalendarCode, ClosureSpec, DeadlineKind, RuleSpec, Unit, compute

GOLDEN = Path(__file__).with_name("golden_deadlines.csv")
COLUMNS = [
    "id",
    "rule",
    "trigger",
    "alt_trigger",
    "closures",
    "extended",
    "expected_due",
    "expected_without_closures",
    "expected_later_alternative",
    "reasoning",
    "source",
]
EXAMPLE_RULES = {
    "test_one_month": RuleSpec(
        code="test_one_month",
        name="One month (example)",
        kind=DeadlineKind.CLINIC,
        period=1,
        unit=Unit.MONTHS,
        calendar=CalendarCode.LFPA,
        trigger="notification",
        source="LFPA art. 29",
    ),
}


def _rows() -> list[dict]:
    with GOLDEN.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = _rows()


def _moment(text: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def _approved_closures(text: str) -> list[ClosureSpec]:
    """``start..end|approved;…`` -> the approved closures only, as the app passes them."""
    closures = []
    for entry in filter(None, text.split(";")):
        dates, status = entry.split("|")
        assert status in ("approved", "unapproved"), entry
        if status == "approved":
            start, end = dates.split("..")
            closures.append(
                ClosureSpec(
                    start=dt.date.fromisoformat(start),
                    end=dt.date.fromisoformat(end),
                    reference=f"golden closure {start}..{end}",
                )
            )
    return closures


def test_golden_table_is_large_and_well_formed():
    # given / when
    ids = [row["id"] for row in ROWS]
    # then
    assert len(ROWS) >= 30
    assert len(ids) == len(set(ids))
    for row in ROWS:
        assert row["rule"] in RULES or row["rule"] in EXAMPLE_RULES, row["id"]
        assert row["reasoning"].strip(), row["id"]
        assert row["source"].strip(), row["id"]
        assert row["extended"] in ("0", "1"), row["id"]


def test_golden_table_covers_every_period_rule():
    # given
    used = {row["rule"] for row in ROWS}
    # then: tvrh_expiry is the card's date itself (covered by the engine tests)
    assert set(RULES) - used == {"tvrh_expiry"}


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_golden_deadline(row):
    # given
    rule = RULES.get(row["rule"]) or EXAMPLE_RULES[row["rule"]]
    alt_trigger = _moment(row["alt_trigger"]) if row["alt_trigger"] else None
    # when
    computation = compute(
        rule,
        trigger=_moment(row["trigger"]),
        alt_trigger=alt_trigger,
        closures=_approved_closures(row["closures"]),
        extended=row["extended"] == "1",
    )
    # then
    expected_due = _moment(row["expected_due"])
    if isinstance(expected_due, dt.datetime):
        assert computation.due_at == expected_due
        assert computation.due_at.utcoffset() == dt.timedelta(hours=-6)
        assert computation.due_date == expected_due.date()
    else:
        assert computation.due_at is None
        assert computation.due_date == expected_due
    assert computation.without_closures == dt.date.fromisoformat(row["expected_without_closures"])
    expected_later = (
        dt.date.fromisoformat(row["expected_later_alternative"])
        if row["expected_later_alternative"]
        else None
    )
    assert computation.later_alternative == expected_later
    assert bool(computation.later_alternative_reason) == (expected_later is not None)

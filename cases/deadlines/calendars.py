"""Working-day calendars for legal deadlines (pure Python: no database).

Each authority counts business days on its own calendar. A day is one of three things:

- **non-working** by statute (weekends and the holidays the statute lists) or because an approved
  closure covers it;
- **doubtful**: a federal holiday (``holidays.MX``) that the calendar's statute does not list. By
  the safety principle it *counts as a working day*; the engine computes the variant that treats it
  as non-working only as a later alternative;
- **working**.

Reason codes (``saturday``, ``lfpa_art28``, ``closure``…) are stored in computations; the labels
are translated when they are rendered, in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db import models
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


class CalendarCode(models.TextChoices):
    LFPA = "lfpa", gettext_lazy("LFPA art. 28 (COMAR, INM)")
    AMPARO = "amparo", gettext_lazy("Ley de Amparo art. 19 (federal courts)")
    TFJA = "tfja", gettext_lazy("TFJA (nullity suits)")
    LFT = "lft", gettext_lazy("LFT art. 74 (federal holidays)")
    US = "us", gettext_lazy("US federal calendar")
    ALL_DAYS = "all_days", gettext_lazy("All days count")


@dataclass(frozen=True)
class ClosureSpec:
    """An approved declared closure: every day from ``start`` to ``end`` (inclusive) is
    non-working. ``reference`` is the DOF publication or the authority's acuerdo."""

    start: dt.date
    end: dt.date
    reference: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


# Fixed (month, day) pairs; neither statute moves them to a Monday.
LFPA_ART_28 = frozenset(
    {(1, 1), (2, 5), (3, 21), (5, 1), (5, 5), (9, 1), (9, 16), (11, 20), (12, 25)}
)
AMPARO_ART_19 = frozenset(
    {(1, 1), (2, 5), (3, 21), (5, 1), (5, 5), (9, 14), (9, 16), (10, 12), (11, 20), (12, 25)}
)
# Years of the transfer of federal executive power (2018, 2024, 2030…).
INAUGURATION_YEAR_REMAINDER = 2018 % 6
# Until 2018 the inauguration was on 1 December, a day LFPA art. 28 still names; from 2024 it is on
# 1 October (LFT art. 74). Neither is assumed non-working for LFPA counts from 2024 (DOMAIN.md).
LAST_DECEMBER_INAUGURATION = 2018

WEEKEND_CODES = ("saturday", "sunday")
CLOSURE = "closure"

# Reason codes of non-working and doubtful days.
REASON_CODES = (
    "saturday",
    "sunday",
    "lfpa_art28",
    "amparo_art19",
    "lft_art74",
    "us_federal",
    CLOSURE,
    "doubtful_lft",
    "doubtful_lfpa_december",
)


def _is_inauguration_year(year: int) -> bool:
    return year % 6 == INAUGURATION_YEAR_REMAINDER


@lru_cache(maxsize=128)
def _mexican_holidays(year: int, language: str = "en_US") -> dict[dt.date, str]:
    return dict(holidays.MX(years=year, language=language))


@lru_cache(maxsize=128)
def _us_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.US(years=year))


def _statutory_list(calendar: str) -> frozenset[tuple[int, int]] | None:
    if calendar in (CalendarCode.LFPA, CalendarCode.TFJA):
        return LFPA_ART_28
    if calendar == CalendarCode.AMPARO:
        return AMPARO_ART_19
    return None


def non_working_code(calendar: str, day: dt.date) -> str | None:
    """The reason code of a fixed non-working day of ``calendar`` (weekend or statutory
    holiday), else None. Declared closures are not considered here."""
    if calendar == CalendarCode.ALL_DAYS:
        return None
    weekday = day.weekday()
    if weekday >= 5:
        return WEEKEND_CODES[weekday - 5]
    statutory = _statutory_list(calendar)
    if statutory is not None:
        if (day.month, day.day) in statutory:
            return "amparo_art19" if calendar == CalendarCode.AMPARO else "lfpa_art28"
        if (
            calendar != CalendarCode.AMPARO
            and (day.month, day.day) == (12, 1)
            and _is_inauguration_year(day.year)
            and day.year <= LAST_DECEMBER_INAUGURATION
        ):
            return "lfpa_art28"
        return None
    if calendar == CalendarCode.LFT:
        return "lft_art74" if day in _mexican_holidays(day.year) else None
    if calendar == CalendarCode.US:
        return "us_federal" if day in _us_holidays(day.year) else None
    raise ValueError(f"unknown calendar {calendar!r}")


def doubtful_code(calendar: str, day: dt.date) -> str | None:
    """The reason code of a doubtful day: working under the calendar's statute but a federal
    holiday (``holidays.MX``) or, for LFPA/TFJA, the 1 December that LFPA art. 28 still names in an
    inauguration year from 2024. None for LFT, US and ALL_DAYS, and for non-working days."""
    statutory = _statutory_list(calendar)
    if statutory is None or non_working_code(calendar, day) is not None:
        return None
    if day in _mexican_holidays(day.year):
        return "doubtful_lft"
    if (
        calendar != CalendarCode.AMPARO
        and (day.month, day.day) == (12, 1)
        and _is_inauguration_year(day.year)
        and day.year > LAST_DECEMBER_INAUGURATION
    ):
        return "doubtful_lfpa_december"
    return None


def _holidays_language() -> str:
    return "es" if (get_language() or "").startswith("es") else "en_US"


def _statute_label(calendar: str) -> str:
    if calendar == CalendarCode.AMPARO:
        return _("Ley de Amparo art. 19")
    return _("LFPA art. 28")


def reason_label(code: str, day: dt.date, calendar: str, reference: str = "") -> str:
    """A short label for a non-working or doubtful day, translated in the active language."""
    month_day = formats.date_format(day, "MONTH_DAY_FORMAT")
    if (get_language() or "").startswith("es"):
        month_day = month_day.lower()
    if code == "saturday":
        return _("Saturday")
    if code == "sunday":
        return _("Sunday")
    if code in ("lfpa_art28", "amparo_art19"):
        return _("%(day)s (%(statute)s)") % {"day": month_day, "statute": _statute_label(calendar)}
    if code in ("lft_art74", "doubtful_lft"):
        name = _mexican_holidays(day.year, _holidays_language()).get(day, month_day)
        if code == "lft_art74":
            return _("%(holiday)s (LFT art. 74)") % {"holiday": name}
        return _("%(holiday)s (LFT art. 74 holiday, not listed in %(statute)s)") % {
            "holiday": name,
            "statute": _statute_label(calendar),
        }
    if code == "doubtful_lfpa_december":
        return _("1 December (named in LFPA art. 28; the inauguration moved to 1 October)")
    if code == "us_federal":
        return _("%(holiday)s (US federal holiday)") % {
            "holiday": _us_holidays(day.year).get(day, month_day)
        }
    if code == CLOSURE:
        return _("declared closure: %(reference)s") % {"reference": reference}
    return code


def non_working_reason(calendar: str, day: dt.date) -> str | None:
    """A short translated label if ``day`` is a fixed non-working day of ``calendar`` (weekend or
    statutory holiday), else None. ALL_DAYS: always None."""
    code = non_working_code(calendar, day)
    return None if code is None else reason_label(code, day, calendar)


def doubtful_reason(calendar: str, day: dt.date) -> str | None:
    """A short translated label if ``day`` is doubtful under ``calendar`` (it counts as working;
    the later alternative treats it as non-working), else None."""
    code = doubtful_code(calendar, day)
    return None if code is None else reason_label(code, day, calendar)


def closure_covering(day: dt.date, closures: Iterable[ClosureSpec]) -> ClosureSpec | None:
    for closure in closures:
        if closure.start <= day <= closure.end:
            return closure
    return None


def day_code(
    calendar: str,
    day: dt.date,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> str | None:
    """Why ``day`` is not a business day (a reason code), or None if it is one. The statutory
    reason wins over a closure covering the same day."""
    code = non_working_code(calendar, day)
    if code is not None:
        return code
    if closure_covering(day, closures) is not None:
        return CLOSURE
    if doubtful_as_non_working:
        return doubtful_code(calendar, day)
    return None


def is_business_day(
    calendar: str,
    day: dt.date,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> bool:
    """True if ``day`` counts under ``calendar``: not a weekend or statutory holiday and not
    covered by a closure. Doubtful days count as working unless ``doubtful_as_non_working``."""
    return (
        day_code(calendar, day, closures, doubtful_as_non_working=doubtful_as_non_working) is None
    )


def add_business_days(
    calendar: str,
    day: dt.date,
    n: int,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> dt.date:
    """The ``n``-th business day after ``day`` (before it if ``n`` is negative), not counting
    ``day`` itself; ``day`` when ``n`` is 0."""
    closures = tuple(closures)
    step = dt.timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    current = day
    while remaining:
        current += step
        if is_business_day(
            calendar, current, closures, doubtful_as_non_working=doubtful_as_non_working
        ):
            remaining -= 1
    return current


def business_days_between(
    calendar: str,
    start: dt.date,
    end: dt.date,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> int:
    """The number of business days in ``(start, end]``; when ``end`` is before ``start``, minus
    the number in ``(end, start]`` (so swapping the arguments flips the sign); 0 if equal."""
    if end < start:
        return -business_days_between(
            calendar, end, start, closures, doubtful_as_non_working=doubtful_as_non_working
        )
    closures = tuple(closures)
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_business_day(
            calendar, current, closures, doubtful_as_non_working=doubtful_as_non_working
        ):
            count += 1
    return count


def next_business_day(
    calendar: str,
    day: dt.date,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> dt.date:
    """``day`` itself if it is a business day, else the next business day."""
    closures = tuple(closures)
    while not is_business_day(
        calendar, day, closures, doubtful_as_non_working=doubtful_as_non_working
    ):
        day += dt.timedelta(days=1)
    return day


def previous_business_day(
    calendar: str,
    day: dt.date,
    closures: Iterable[ClosureSpec] = (),
    *,
    doubtful_as_non_working: bool = False,
) -> dt.date:
    """``day`` itself if it is a business day, else the previous business day."""
    closures = tuple(closures)
    while not is_business_day(
        calendar, day, closures, doubtful_as_non_working=doubtful_as_non_working
    ):
        day -= dt.timedelta(days=1)
    return day

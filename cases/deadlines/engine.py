"""The legal-deadline engine: from a rule, a trigger and the approved closures to a due date, its
later alternative and a structured explanation (pure Python: no database).

The safety principle (DOMAIN.md): when a rule, a non-working day or a start date is in doubt the
date shown is the **earliest defensible** one; later defensible dates are kept as information only.
Concretely:

- of two trigger candidates the earliest starts the count;
- doubtful days count as working days (but for a date counted *backwards* from an expiry the
  earliest reading treats them as non-working: the engine always keeps the earlier variant);
- a month with no such day number ends on its last day;
- only closures the caller passes (approved ones) make days non-working, and the date without them
  is always computed too.

The explanation is stored as codes and parameters (``steps``) and rendered by :func:`explain` in
the language active at render time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from .calendars import (
    CLOSURE,
    WEEKEND_CODES,
    CalendarCode,
    ClosureSpec,
    add_business_days,
    closure_covering,
    day_code,
    doubtful_code,
    next_business_day,
    non_working_code,
    previous_business_day,
    reason_label,
)

MEXICO_CITY = ZoneInfo("America/Mexico_City")
ONE_DAY = dt.timedelta(days=1)
EN_DASH = "\u2013"


class Unit(models.TextChoices):
    HOURS = "hours", gettext_lazy("hours")
    BUSINESS_DAYS = "business_days", gettext_lazy("business days")
    CALENDAR_DAYS = "calendar_days", gettext_lazy("calendar days")
    MONTHS = "months", gettext_lazy("months")
    YEARS = "years", gettext_lazy("years")
    # The trigger itself is the due date (e.g. a card's expiry); then the offset applies.
    DATE = "date", gettext_lazy("fixed date")


class DeadlineKind(models.TextChoices):
    CLINIC = "clinic", gettext_lazy("Clinic deadline")
    WATCH = "watch", gettext_lazy("Authority watch date")
    APPOINTMENT = "appointment", gettext_lazy("Appointment")


# Later-alternative reason codes, in the order they win a tie.
ALTERNATIVE_REASONS = ("doubtful_days", "later_trigger", "month_end", "extension", "roll_forward")

TRIGGER_LABELS = {
    "entry": gettext_lazy("entry to Mexico"),
    "representation_filed": gettext_lazy("the filing by a representative"),
    "filing": gettext_lazy("the filing"),
    "notification": gettext_lazy("the notification"),
    "decision": gettext_lazy("the decision"),
    "detention": gettext_lazy("the detention"),
    "cessation": gettext_lazy(
        "the cessation, revocation or cancellation of the principal's status"
    ),
    "prevention_notice": gettext_lazy("the notice of missing documents"),
    "complete_file": gettext_lazy("the completion of the file"),
    "stay_expiry": gettext_lazy("the expiry of the authorised stay"),
    "card_expiry": gettext_lazy("the card's expiry"),
    "curp_issued": gettext_lazy("the issue of the temporary CURP"),
    "us_arrival": gettext_lazy("the last arrival in the US"),
    "service": gettext_lazy("service of the claim"),
    "ruling_on_suspension": gettext_lazy("the ruling on the suspension"),
    "arco_request": gettext_lazy("receipt of the ARCO request"),
}


@dataclass(frozen=True)
class RuleSpec:
    """One deadline rule. The engine reads these attributes only, so a model row with the same
    attribute names works too."""

    code: str
    name: str  # English msgid (marked with gettext_noop), translated when shown
    kind: str  # DeadlineKind
    period: int
    unit: str  # Unit
    calendar: str  # CalendarCode
    trigger: str  # what starts it: "entry", "notification", "card_expiry"…
    start_same_day: bool = False  # False: counting starts the day after the trigger (LFPA 28-31)
    roll_forward: bool = True  # a due date on a non-working day moves to the next business day
    month_end_last_day: bool = True  # see DOMAIN.md "Counting business days"
    extension_period: int = 0  # e.g. comar_resolution +45
    offset_days: int = (
        0  # signed calendar days after the period; a non-working result moves EARLIER
    )
    source: str = ""
    unverified: bool = False  # ⚠ in DOMAIN.md: "review with a supervising attorney"
    late_filing_allowed: bool = False  # past due reads "file now with justification"
    authority: str = ""
    note: str = ""  # English msgid shown as information


@dataclass
class Computation:
    rule_code: str
    start: dt.date
    trigger: dt.date | dt.datetime
    due_date: dt.date
    due_at: dt.datetime | None
    without_closures: dt.date
    later_alternative: dt.date | None
    later_alternative_reason: str
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "rule_code": self.rule_code,
            "start": self.start.isoformat(),
            "trigger": self.trigger.isoformat(),
            "due_date": self.due_date.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "without_closures": self.without_closures.isoformat(),
            "later_alternative": (
                self.later_alternative.isoformat() if self.later_alternative else None
            ),
            "later_alternative_reason": self.later_alternative_reason,
            "skipped": [[day.isoformat(), code] for day, code in self.skipped],
            "steps": [
                {"code": step["code"], "params": dict(step.get("params", {}))}
                for step in self.steps
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Computation:
        trigger = data["trigger"]
        return cls(
            rule_code=data["rule_code"],
            start=dt.date.fromisoformat(data["start"]),
            trigger=(
                dt.datetime.fromisoformat(trigger)
                if "T" in trigger
                else dt.date.fromisoformat(trigger)
            ),
            due_date=dt.date.fromisoformat(data["due_date"]),
            due_at=dt.datetime.fromisoformat(data["due_at"]) if data.get("due_at") else None,
            without_closures=dt.date.fromisoformat(data["without_closures"]),
            later_alternative=(
                dt.date.fromisoformat(data["later_alternative"])
                if data.get("later_alternative")
                else None
            ),
            later_alternative_reason=data.get("later_alternative_reason", ""),
            skipped=[(dt.date.fromisoformat(day), code) for day, code in data.get("skipped", [])],
            steps=[
                {"code": step["code"], "params": dict(step.get("params", {}))}
                for step in data.get("steps", [])
            ],
        )


# --- Counting ------------------------------------------------------------------------------------


@dataclass
class _Run:
    """One variant of a count (one trigger, one treatment of doubtful days)."""

    window_start: dt.date  # the first calendar day of the period (trigger + 1, or the trigger)
    start: dt.date  # the first day counted
    end: dt.date  # the period's end before roll-forward and offset
    due: dt.date
    month_end: dt.date | None = None  # the last day of the month when the day number is missing
    rolled_from: dt.date | None = None
    offset_target: dt.date | None = None  # reference + offset, before moving to a business day
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    doubtful: list[tuple[dt.date, str]] = field(default_factory=list)


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def _run(
    rule: Any,
    trigger_day: dt.date,
    period: int,
    closures: tuple,
    *,
    same_day: bool,
    doubtful_as_non_working: bool,
) -> _Run:
    calendar = rule.calendar
    unit = rule.unit
    flag = {"doubtful_as_non_working": doubtful_as_non_working}
    window_start = trigger_day if same_day else trigger_day + ONE_DAY

    def reason(day: dt.date) -> str | None:
        return day_code(calendar, day, closures, **flag)

    if unit == Unit.BUSINESS_DAYS:
        end = add_business_days(calendar, window_start - ONE_DAY, period, closures, **flag)
        start = next_business_day(calendar, window_start, closures, **flag)
        run = _Run(window_start=window_start, start=start, end=end, due=end)
        counted = watched = list(_days(window_start, end))
    else:
        month_end = None
        if unit == Unit.CALENDAR_DAYS:
            end = trigger_day + dt.timedelta(days=period - (1 if same_day else 0))
        elif unit in (Unit.MONTHS, Unit.YEARS):
            delta = (
                relativedelta(months=period) if unit == Unit.MONTHS else relativedelta(years=period)
            )
            end = trigger_day + delta
            if end.day != trigger_day.day and rule.month_end_last_day:
                month_end = end  # relativedelta clamps to the last day of the month
        elif unit == Unit.DATE:
            end = trigger_day
            window_start = trigger_day
        else:
            raise ValueError(f"unknown unit {unit!r}")
        run = _Run(window_start=window_start, start=window_start, end=end, due=end)
        run.month_end = month_end
        counted, watched = [], [end]
        # A date counted back from a reference (an offset) is not rolled forward first: the
        # reference (an expiry) is a fact, and rolling it would only make the result later.
        if rule.roll_forward and unit != Unit.DATE and not rule.offset_days:
            run.due = next_business_day(calendar, end, closures, **flag)
            if run.due != end:
                run.rolled_from = end
                counted = watched = list(_days(end, run.due))
    if rule.offset_days:
        run.offset_target = run.due + dt.timedelta(days=rule.offset_days)
        run.due = previous_business_day(calendar, run.offset_target, closures, **flag)
        counted = watched = list(_days(run.due, run.offset_target))
    run.skipped = [(day, code) for day in counted if (code := reason(day)) is not None]
    if not doubtful_as_non_working:
        run.doubtful = [
            (day, code)
            for day in watched
            if (code := doubtful_code(calendar, day)) is not None
            and closure_covering(day, closures) is None
        ]
    return run


def _best(
    rule: Any, trigger_day: dt.date, period: int, closures: tuple, *, same_day: bool
) -> tuple[_Run, _Run, bool]:
    """The earliest of the two treatments of doubtful days, the other one, and whether the
    earliest is the one treating doubtful days as non-working (only for counts moved earlier)."""
    working = _run(
        rule, trigger_day, period, closures, same_day=same_day, doubtful_as_non_working=False
    )
    non_working = _run(
        rule, trigger_day, period, closures, same_day=same_day, doubtful_as_non_working=True
    )
    if non_working.due < working.due:
        non_working.doubtful = [
            (day, code) for day, code in non_working.skipped if code.startswith("doubtful")
        ]
        return non_working, working, True
    return working, non_working, False


def _as_local_datetime(value: dt.date | dt.datetime) -> tuple[dt.datetime, bool]:
    """An aware datetime in Mexico City, and whether the time was unknown (a bare date counts
    from 00:00: the earliest defensible reading)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=MEXICO_CITY), False
        return value.astimezone(MEXICO_CITY), False
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=MEXICO_CITY), True


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(MEXICO_CITY)
        return value.date()
    return value


def _iso_pairs(pairs: Iterable[tuple[dt.date, str]]) -> list[list[str]]:
    return [[day.isoformat(), code] for day, code in pairs]


def _closure_params(closures: tuple, days: Iterable[dt.date]) -> list[dict]:
    used = []
    for day in days:
        closure = closure_covering(day, closures)
        if closure is not None and closure not in used:
            used.append(closure)
    return [
        {
            "start": closure.start.isoformat(),
            "end": closure.end.isoformat(),
            "reference": str(closure.reference),
        }
        for closure in used
    ]


def _tail_steps(rule: Any) -> list[dict]:
    steps = []
    if rule.source:
        steps.append({"code": "source", "params": {"source": str(rule.source)}})
    if rule.note:
        steps.append({"code": "note", "params": {"note": str(rule.note)}})
    if rule.late_filing_allowed:
        steps.append({"code": "late_filing_allowed", "params": {}})
    if rule.unverified:
        steps.append({"code": "unverified", "params": {}})
    return steps


def _pick_later(candidates: list[tuple[str, dt.date]], due: dt.date) -> tuple[dt.date | None, str]:
    later = [(reason, day) for reason, day in candidates if day > due]
    if not later:
        return None, ""
    best_day = max(day for _reason, day in later)
    reason = next(reason for reason, day in later if day == best_day)
    return best_day, reason


def _compute_hours(rule: Any, trigger, alt_trigger) -> Computation:
    first, time_unknown = _as_local_datetime(trigger)
    candidates = [(first, time_unknown, trigger)]
    if alt_trigger is not None:
        candidates.append((*_as_local_datetime(alt_trigger), alt_trigger))
    candidates.sort(key=lambda item: item[0])
    first, time_unknown, original = candidates[0]
    period = dt.timedelta(hours=rule.period)
    due_at = (first + period).astimezone(MEXICO_CITY)
    due_date = due_at.date()
    steps: list[dict] = []
    alternatives: list[tuple[str, dt.date]] = []
    if len(candidates) == 2 and candidates[1][0] != first:
        later_at = candidates[1][0]
        later_due_at = (later_at + period).astimezone(MEXICO_CITY)
        steps.append(
            {
                "code": "trigger_candidates",
                "params": {"earliest": first.isoformat(), "later": later_at.isoformat()},
            }
        )
        alternatives.append(("later_trigger", later_due_at.date()))
    steps.append(
        {
            "code": "hours",
            "params": {
                "period": rule.period,
                "trigger_at": first.isoformat(),
                "due_at": due_at.isoformat(),
                "time_unknown": time_unknown,
            },
        }
    )
    steps.append(
        {"code": "result", "params": {"due": due_date.isoformat(), "kind": str(rule.kind)}}
    )
    later_alternative, reason = _pick_later(alternatives, due_date)
    if later_alternative:
        later_at = candidates[1][0]
        steps.append(
            {
                "code": "alternative",
                "params": {
                    "reason": reason,
                    "date": later_alternative.isoformat(),
                    "trigger": later_at.isoformat(),
                    "due_at": (later_at + period).astimezone(MEXICO_CITY).isoformat(),
                },
            }
        )
    steps.extend(_tail_steps(rule))
    return Computation(
        rule_code=rule.code,
        start=first.date(),
        trigger=original,
        due_date=due_date,
        due_at=due_at,
        without_closures=due_date,
        later_alternative=later_alternative,
        later_alternative_reason=reason,
        skipped=[],
        steps=steps,
    )


def compute(
    rule: Any,
    *,
    trigger: dt.date | dt.datetime,
    alt_trigger: dt.date | dt.datetime | None = None,
    closures: Iterable[ClosureSpec] = (),
    extended: bool = False,
    same_day: bool | None = None,
) -> Computation:
    """Compute a deadline. ``closures`` must hold only approved closures (they make days
    non-working, moving forward counts later and counts back from an expiry earlier);
    ``alt_trigger`` is a second start candidate: the earliest one is used and the other one's
    result is reported as the later alternative. ``extended`` applies ``extension_period``;
    ``same_day`` overrides ``rule.start_same_day`` (personal notification)."""
    if rule.unit == Unit.HOURS:
        return _compute_hours(rule, trigger, alt_trigger)
    closures = tuple(closures)
    if same_day is None:
        same_day = rule.start_same_day
    triggers = [(_as_local_date(trigger), trigger)]
    if alt_trigger is not None:
        triggers.append((_as_local_date(alt_trigger), alt_trigger))
    triggers.sort(key=lambda item: item[0])
    first_day, original = triggers[0]
    period = rule.period + (rule.extension_period if extended else 0)
    calendar = rule.calendar

    chosen, other, doubtful_non_working = _best(
        rule, first_day, period, closures, same_day=same_day
    )
    bare, _bare_other, _flag = _best(rule, first_day, period, (), same_day=same_day)
    due = chosen.due

    alternatives: list[tuple[str, dt.date, dict]] = []
    if other.due != due:
        alternatives.append(("doubtful_days", other.due, {}))
    if len(triggers) == 2 and triggers[1][0] != first_day:
        later_run, _other, _flag = _best(rule, triggers[1][0], period, closures, same_day=same_day)
        alternatives.append(
            ("later_trigger", later_run.due, {"trigger": triggers[1][0].isoformat()})
        )
    if chosen.month_end is not None:
        first_of_next = chosen.month_end.replace(day=1) + relativedelta(months=1)
        alternatives.append(("month_end", next_business_day(calendar, first_of_next, closures), {}))
    if rule.extension_period and not extended:
        extended_run, _other, _flag = _best(
            rule, first_day, period + rule.extension_period, closures, same_day=same_day
        )
        alternatives.append(("extension", extended_run.due, {"extension": rule.extension_period}))
    unrolled = (
        not rule.roll_forward
        and not rule.offset_days
        and rule.unit in (Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS)
    )
    if unrolled:
        alternatives.append(("roll_forward", next_business_day(calendar, due, closures), {}))
    later_alternative, later_reason = _pick_later(
        [(reason, day) for reason, day, _params in alternatives], due
    )

    # --- the explanation, as codes and JSON-ready parameters ---
    steps: list[dict] = []
    if len(triggers) == 2 and triggers[1][0] != first_day:
        steps.append(
            {
                "code": "trigger_candidates",
                "params": {
                    "earliest": first_day.isoformat(),
                    "later": triggers[1][0].isoformat(),
                },
            }
        )
    steps.append(
        {
            "code": "start",
            "params": {
                "trigger": first_day.isoformat(),
                "event": str(rule.trigger),
                "start": chosen.start.isoformat(),
                "window_start": chosen.window_start.isoformat(),
                "same_day": same_day,
                "unit": str(rule.unit),
            },
        }
    )
    steps.append(
        {
            "code": "rule",
            "params": {
                "period": period,
                "unit": str(rule.unit),
                "calendar": str(calendar),
                "extension": rule.extension_period if extended else 0,
            },
        }
    )
    if chosen.skipped:
        steps.append(
            {
                "code": "skipped",
                "params": {
                    "calendar": str(calendar),
                    "days": _iso_pairs(chosen.skipped),
                    "closures": _closure_params(
                        closures, (day for day, code in chosen.skipped if code == CLOSURE)
                    ),
                },
            }
        )
    if chosen.month_end is not None:
        steps.append(
            {
                "code": "month_end",
                "params": {
                    "day_number": first_day.day,
                    "last_day": chosen.month_end.isoformat(),
                },
            }
        )
    if chosen.rolled_from is not None:
        steps.append(
            {
                "code": "roll_forward",
                "params": {"from": chosen.rolled_from.isoformat(), "to": due.isoformat()},
            }
        )
    if unrolled and non_working_code(calendar, due) is not None:
        steps.append({"code": "no_roll_forward", "params": {"date": due.isoformat()}})
    if chosen.offset_target is not None:
        steps.append(
            {
                "code": "offset",
                "params": {
                    "reference": (
                        chosen.offset_target - dt.timedelta(days=rule.offset_days)
                    ).isoformat(),
                    "days": rule.offset_days,
                    "target": chosen.offset_target.isoformat(),
                    "to": due.isoformat(),
                },
            }
        )
    if chosen.doubtful:
        steps.append(
            {
                "code": "doubtful",
                "params": {
                    "calendar": str(calendar),
                    "days": _iso_pairs(chosen.doubtful),
                    "treated_as": "non_working" if doubtful_non_working else "working",
                },
            }
        )
    steps.append({"code": "result", "params": {"due": due.isoformat(), "kind": str(rule.kind)}})
    for reason, day, params in alternatives:
        if day > due:
            steps.append(
                {
                    "code": "alternative",
                    "params": {"reason": reason, "date": day.isoformat(), **params},
                }
            )
    if bare.due != due:
        steps.append({"code": "without_closures", "params": {"date": bare.due.isoformat()}})
    steps.extend(_tail_steps(rule))

    return Computation(
        rule_code=rule.code,
        start=chosen.start,
        trigger=original,
        due_date=due,
        due_at=None,
        without_closures=bare.due,
        later_alternative=later_alternative,
        later_alternative_reason=later_reason,
        skipped=list(chosen.skipped),
        steps=steps,
    )


def is_late(computation: Computation, today: dt.date | dt.datetime) -> bool:
    """True once ``today`` is past the due date (for hour rules given a datetime: past
    ``due_at``). For ``late_filing_allowed`` rules lateness means "file now with a written
    justification", never "expired": wording is the caller's job."""
    if isinstance(today, dt.datetime):
        if computation.due_at is not None:
            moment = today if today.tzinfo else today.replace(tzinfo=MEXICO_CITY)
            return moment > computation.due_at
        today = _as_local_date(today)
    return today > computation.due_date


# --- Rendering -----------------------------------------------------------------------------------


def _is_spanish() -> bool:
    return (get_language() or "").startswith("es")


def _long_date(value: dt.date) -> str:
    text = "{} {}".format(
        formats.date_format(value, "l"), formats.date_format(value, "DATE_FORMAT")
    )
    return text.lower() if _is_spanish() else text


def _long_datetime(value: dt.datetime) -> str:
    local = value.astimezone(MEXICO_CITY)
    return _("%(date)s at %(time)s") % {
        "date": _long_date(local.date()),
        "time": formats.time_format(local.time(), "H:i"),
    }


def _short_date(value: dt.date) -> str:
    return formats.date_format(value, "j b" if _is_spanish() else "j M")


def _run_text(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _short_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{EN_DASH}{_short_date(last)}"
    return f"{_short_date(first)}{EN_DASH}{_short_date(last)}"


def _period_text(period: int, unit: str) -> str:
    if unit == Unit.BUSINESS_DAYS:
        return ngettext("%(count)d business day", "%(count)d business days", period) % {
            "count": period
        }
    if unit == Unit.CALENDAR_DAYS:
        return ngettext("%(count)d calendar day", "%(count)d calendar days", period) % {
            "count": period
        }
    if unit == Unit.MONTHS:
        return ngettext("%(count)d month", "%(count)d months", period) % {"count": period}
    if unit == Unit.YEARS:
        return ngettext("%(count)d year", "%(count)d years", period) % {"count": period}
    if unit == Unit.HOURS:
        return ngettext("%(count)d hour", "%(count)d hours", period) % {"count": period}
    return _("the date itself")


def _group_key(code: str, day: dt.date, closures: list[dict]) -> str:
    if code in WEEKEND_CODES:
        return "weekend"
    if code == CLOSURE:
        for closure in closures:
            if closure["start"] <= day.isoformat() <= closure["end"]:
                return "closure:" + closure["reference"]
        return "closure:"
    return code


def _group_label(key: str, calendar: str) -> str:
    if key == "weekend":
        return _("weekend")
    if key.startswith("closure:"):
        return _("declared closure: %(reference)s") % {"reference": key.removeprefix("closure:")}
    if key in ("lfpa_art28", "amparo_art19"):
        return _("Ley de Amparo art. 19") if calendar == CalendarCode.AMPARO else _("LFPA art. 28")
    if key == "lft_art74":
        return _("LFT art. 74")
    if key == "us_federal":
        return _("US federal holiday")
    return _("doubtful day treated as non-working")


def _skipped_text(days: list[tuple[dt.date, str]], calendar: str, closures: list[dict]) -> str:
    """Compact: "6-7 Dec, 13-14 Dec (weekend); 25 Dec (LFPA art. 28); 22 Dec-2 Jan (declared
    closure: ...)", with en dashes. A closure's run continues across other skipped days inside
    it."""
    skipped_days = {day for day, _code in days}
    groups: dict[str, list[list[dt.date]]] = {}
    for day, code in sorted(days):
        key = _group_key(code, day, closures)
        runs = groups.setdefault(key, [])
        if runs:
            last = runs[-1][-1]
            between = list(_days(last + ONE_DAY, day - ONE_DAY))
            contiguous = not between or (
                key.startswith("closure:") and all(other in skipped_days for other in between)
            )
            if contiguous:
                runs[-1].append(day)
                continue
        runs.append([day])
    parts = []
    for key, runs in groups.items():
        dates = ", ".join(_run_text(run[0], run[-1]) for run in runs)
        parts.append(f"{dates} ({_group_label(key, calendar)})")
    return "; ".join(parts)


def _labels(days: list[tuple[dt.date, str]], calendar: str) -> str:
    return ", ".join(
        f"{_short_date(day)} — {reason_label(code, day, calendar)}" for day, code in days
    )


def _pairs(raw: list) -> list[tuple[dt.date, str]]:
    return [(dt.date.fromisoformat(day), code) for day, code in raw]


def _render_step(step: dict, context: dict) -> str | None:
    code = step["code"]
    params = step.get("params", {})

    def day(name: str) -> str:
        return _long_date(dt.date.fromisoformat(params[name]))

    if code == "trigger_candidates":
        earliest, later = params["earliest"], params["later"]
        if "T" in earliest:
            values = {
                "earliest": _long_datetime(dt.datetime.fromisoformat(earliest)),
                "later": _long_datetime(dt.datetime.fromisoformat(later)),
            }
        else:
            values = {"earliest": day("earliest"), "later": day("later")}
        return (
            _("Two start dates are on record, %(earliest)s and %(later)s: the earliest is used.")
            % values
        )
    if code == "start":
        event = TRIGGER_LABELS.get(params["event"], params["event"])
        values = {"start": day("start"), "trigger": day("trigger"), "event": event}
        if params["unit"] == Unit.DATE:
            return _("The reference date is %(trigger)s (%(event)s).") % values
        if params["same_day"]:
            if params["start"] == params["trigger"]:
                return _("Counting starts on %(start)s, the day of %(event)s.") % values
            return (
                _(
                    "Counting starts on %(start)s, the first business day from %(event)s on "
                    "%(trigger)s."
                )
                % values
            )
        if params["start"] == params["window_start"]:
            return (
                _("Counting starts on %(start)s, the day after %(event)s (%(trigger)s).") % values
            )
        return (
            _("Counting starts on %(start)s, the first business day after %(event)s (%(trigger)s).")
            % values
        )
    if code == "rule":
        if params["unit"] == Unit.DATE:
            return _("Calendar: %(calendar)s.") % {
                "calendar": CalendarCode(params["calendar"]).label
            }
        text = _("Period: %(period)s, calendar %(calendar)s.") % {
            "period": _period_text(params["period"], params["unit"]),
            "calendar": CalendarCode(params["calendar"]).label,
        }
        if params.get("extension"):
            text += " " + _("Includes the extension of %(extension)s.") % {
                "extension": _period_text(params["extension"], params["unit"])
            }
        return text
    if code == "skipped":
        return _("Skipped: %(days)s.") % {
            "days": _skipped_text(
                _pairs(params["days"]), params["calendar"], params.get("closures", [])
            )
        }
    if code == "month_end":
        return _(
            "That month has no day %(day_number)s: its last day, %(last_day)s, is used (earliest "
            "defensible date)."
        ) % {"day_number": params["day_number"], "last_day": day("last_day")}
    if code == "roll_forward":
        return _(
            "The period ends on %(from)s, a non-working day: it moves to the next business day, "
            "%(to)s."
        ) % {"from": day("from"), "to": day("to")}
    if code == "no_roll_forward":
        return _(
            "%(date)s is a non-working day; this rule does not move the date to the next business "
            "day."
        ) % {"date": day("date")}
    if code == "offset":
        count = abs(params["days"])
        values = {"count": count, "reference": day("reference"), "target": day("target")}
        if params["days"] < 0:
            text = (
                ngettext(
                    "%(count)d day before %(reference)s is %(target)s.",
                    "%(count)d days before %(reference)s is %(target)s.",
                    count,
                )
                % values
            )
        else:
            text = (
                ngettext(
                    "%(count)d day after %(reference)s is %(target)s.",
                    "%(count)d days after %(reference)s is %(target)s.",
                    count,
                )
                % values
            )
        if params["to"] != params["target"]:
            text += " " + _("It is not a business day: the date moves earlier, to %(to)s.") % {
                "to": day("to")
            }
        return text
    if code == "hours":
        text = _("%(period)s from %(trigger_at)s: %(due_at)s (every day and hour counts).") % {
            "period": _period_text(params["period"], Unit.HOURS),
            "trigger_at": _long_datetime(dt.datetime.fromisoformat(params["trigger_at"])),
            "due_at": _long_datetime(dt.datetime.fromisoformat(params["due_at"])),
        }
        if params.get("time_unknown"):
            text += " " + _("The time is unknown: counted from 00:00.")
        return text
    if code == "doubtful":
        labels = _labels(_pairs(params["days"]), params["calendar"])
        if params["treated_as"] == "non_working":
            return _(
                "Treated as non-working although in doubt (the earlier date is the safe one): "
                "%(days)s."
            ) % {"days": labels}
        return _("Counted as business days although in doubt: %(days)s.") % {"days": labels}
    if code == "result":
        values = {"due": day("due")}
        if params.get("kind") == DeadlineKind.WATCH:
            return _("Authority watch date: %(due)s.") % values
        if params.get("kind") == DeadlineKind.APPOINTMENT:
            return _("Appointment: %(due)s.") % values
        return _("Due date: %(due)s.") % values
    if code == "alternative":
        reason = params["reason"]
        values = {"date": day("date")}
        if reason == "doubtful_days":
            return (
                _(
                    "If the doubtful days were non-working, the date would be %(date)s "
                    "(information only)."
                )
                % values
            )
        if reason == "later_trigger":
            if "due_at" in params:
                return _(
                    "Counted from the later start, %(trigger)s, it would be %(due_at)s "
                    "(information only)."
                ) % {
                    "trigger": _long_datetime(dt.datetime.fromisoformat(params["trigger"])),
                    "due_at": _long_datetime(dt.datetime.fromisoformat(params["due_at"])),
                }
            return _(
                "Counted from the later start, %(trigger)s, it would be %(date)s (information "
                "only)."
            ) % {**values, "trigger": day("trigger")}
        if reason == "month_end":
            return (
                _(
                    "Statutory alternative: the first business day of the next month, %(date)s "
                    "(information only)."
                )
                % values
            )
        if reason == "extension":
            return _("With the extension of %(extension)s it would be %(date)s.") % {
                **values,
                "extension": _period_text(params["extension"], context.get("unit", "")),
            }
        return _("Moved to the next business day it would be %(date)s (information only).") % values
    if code == "without_closures":
        return _("Without declared closures it would be %(date)s.") % {"date": day("date")}
    if code == "source":
        return _("Source: %(source)s.") % {"source": params["source"]}
    if code == "note":
        return _(params["note"])  # a msgid marked with gettext_noop in rules.py
    if code == "late_filing_allowed":
        return _(
            "A late filing is admissible with a written justification: past this date, file now "
            "and justify the delay; the right does not expire."
        )
    if code == "unverified":
        return _("Rule to be verified: review it with a supervising attorney.")
    return None


def explain(computation_or_json: Computation | dict) -> list[str]:
    """The explanation as sentences in the active language, rendered from the stored steps."""
    computation = (
        computation_or_json
        if isinstance(computation_or_json, Computation)
        else Computation.from_json(computation_or_json)
    )
    context: dict = {}
    for step in computation.steps:
        if step["code"] == "rule":
            context["unit"] = step["params"]["unit"]
    sentences = []
    for step in computation.steps:
        sentence = _render_step(step, context)
        if sentence:
            sentences.append(_contract(sentence) if _is_spanish() else sentence)
    return sentences


def _contract(sentence: str) -> str:
    """Spanish contractions where a translated phrase meets an article ("a el" → "al")."""
    return sentence.replace(" a el ", " al ").replace(" de el ", " del ")

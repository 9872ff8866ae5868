"""Legal deadlines: calendars, the counting engine and the rules table (pure Python).

See docs/deadlines.md. Public API::

    from cases.deadlines import RULES, ClosureSpec, compute, explain

    computation = compute(RULES["comar_review_appeal"], trigger=date(2025, 12, 8))
    computation.due_date, computation.later_alternative, explain(computation)
"""

from .calendars import (
    CalendarCode,
    ClosureSpec,
    add_business_days,
    business_days_between,
    doubtful_reason,
    is_business_day,
    next_business_day,
    non_working_reason,
    previous_business_day,
)
from .engine import (
    Computation,
    DeadlineKind,
    RuleSpec,
    Unit,
    compute,
    explain,
    is_late,
)
from .rules import INFO_RULES, RULES, InfoRuleSpec

__all__ = [
    "INFO_RULES",
    "RULES",
    "CalendarCode",
    "ClosureSpec",
    "Computation",
    "DeadlineKind",
    "InfoRuleSpec",
    "RuleSpec",
    "Unit",
    "add_business_days",
    "business_days_between",
    "compute",
    "doubtful_reason",
    "explain",
    "is_business_day",
    "is_late",
    "next_business_day",
    "non_working_reason",
    "previous_business_day",
]

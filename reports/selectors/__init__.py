"""Reads of the reports app: the statistics of a period, computed in SQL, and the exports a
coordinator asked for (docs/statistics.md).

Only coordinators reach any of it: every view is ``role_required(Role.COORDINATOR)`` and an
export is readable by the person who asked for it alone. The statistics hold aggregates and
category labels only — no name, client code or case number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from clinic.accounts.models import Role, User
from clinic.core import clock

from ..models import StatisticsExport
from ..tables import Table
from .casework import (
    MedianFigure,
    add_cases,
    case_tables,
    comar_time_to_decision,
    referral_tables,
)
from .people import add_people, people_tables
from .population import Period
from .sql import GroupedCounts

__all__ = [
    "SECTIONS",
    "Period",
    "Statistics",
    "default_period",
    "export_get_for_user",
    "exports_for_user",
    "grant_tags",
    "statistics_compute",
]

READ_ROLES = (Role.COORDINATOR,)

#: (key, title, table keys) in the order the page and the exports show them.
SECTIONS = [
    (
        "people",
        _("People served"),
        [
            "served",
            "age_group",
            "gender",
            "family_sex",
            "nationality",
            "indigenous",
            "state",
            "migration_status",
        ],
    ),
    (
        "sensitive",
        _("Disability, LBTIQ+, violence and crimes (statistical consent only)"),
        [
            "disability",
            "lgbtiq",
            "violence_type_place",
            "violence_type_perpetrator",
            "violence_perpetrator_place",
            "crimes",
        ],
    ),
    (
        "cases",
        _("Cases, appeals and deadlines"),
        ["cases_by_type", "cases_by_stage", "cases_by_outcome", "appeals", "deadlines"],
    ),
    ("outcomes", _("Outcomes"), ["outcomes"]),
    (
        "referrals",
        _("Referrals"),
        ["referrals_organisation", "referrals_service", "referrals_outcome"],
    ),
]


@dataclass
class Statistics:
    period: Period
    tables: dict[str, Table]
    served: int
    consented: int
    family: int
    comar: MedianFigure
    computed_at: datetime.datetime = field(default_factory=clock.now)

    @property
    def left_out(self) -> int:
        return self.served - self.consented

    def sections(self) -> list[tuple[str, str, list[Table]]]:
        return [
            (key, title, [self.tables[name] for name in names]) for key, title, names in SECTIONS
        ]


def default_period(today: datetime.date | None = None) -> Period:
    """The current calendar year (Mexico City)."""
    today = today or clock.today()
    return Period(start=datetime.date(today.year, 1, 1), end=datetime.date(today.year, 12, 31))


def statistics_compute(period: Period) -> Statistics:
    """Every figure of the period, in a constant number of aggregate queries (about fifteen,
    whatever the number of clients), read in one transaction so that they agree."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # PostgreSQL's JIT compiler would spend seconds compiling these one-off
                # aggregates (12 s measured on 100 000 clients) to save milliseconds; parallel
                # workers would each rebuild the same hashed subqueries; and the default 4 MB
                # of sort memory would spill the case list to disk.
                cursor.execute(
                    "SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0;"
                    " SET LOCAL work_mem = '16MB'"
                )
        counts = GroupedCounts()
        add_cases(counts, period)  # first: the people tables read its case population
        add_people(counts, period)
        result = counts.run()
        people = people_tables(result, period)
        tables = {**people.tables, **case_tables(result, period), **referral_tables(period)}
        comar = comar_time_to_decision(period)
    return Statistics(
        period=period,
        tables=tables,
        served=people.served,
        consented=people.consented,
        family=people.family,
        comar=comar,
    )


def grant_tags() -> list[str]:
    """The grant or project tags in use on cases (for the filter)."""
    return list(
        Case.objects.exclude(grant_tag="")
        .order_by("grant_tag")
        .values_list("grant_tag", flat=True)
        .distinct()
    )


def exports_for_user(*, user: User) -> QuerySet[StatisticsExport]:
    """Her own exports, newest first (nobody sees another person's)."""
    if not user.has_role(*READ_ROLES):
        return StatisticsExport.objects.none()
    return StatisticsExport.objects.filter(requested_by=user).select_related("job")


def export_get_for_user(*, user: User, pk) -> StatisticsExport:
    try:
        return exports_for_user(user=user).get(pk=pk)
    except (StatisticsExport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

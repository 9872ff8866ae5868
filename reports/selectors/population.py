"""Who the statistics count: the period, the clients served in it (new and continuing), their
family members served, the clients with a current statistical consent, and the cases.

Everything returns querysets (or ``Q`` objects): the tables aggregate them in SQL, so no row of
a person is ever loaded into Python.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Case as CaseExpression
from django.db.models import Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Value, When

from cases import choices
from cases.models import Case, CaseEvent, CaseNote, Client, ClientNationality, Consent
from cases.services.consent import SIGNED_METHODS
from referrals.selectors import sent_referrals


@dataclass(frozen=True)
class Period:
    """A date range (both ends included) and, optionally, a grant or project tag."""

    start: datetime.date
    end: datetime.date
    grant_tag: str = ""

    @property
    def new(self) -> Q:
        """Among the clients served: the new ones (intake in the period)."""
        return Q(intake_date__gte=self.start)

    @property
    def continuing(self) -> Q:
        return Q(intake_date__lt=self.start)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The last birth date that makes someone ``years`` old on ``day``: the same day ``years``
    earlier. Someone born on 29 February has her birthday on 28 February in a common year, so
    on 28 February of a common year those born on 29 February of a leap year count too."""
    year = day.year - years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year) and calendar.isleap(year):
        return datetime.date(year, 2, 29)
    return day.replace(year=year)


def age_at_least(field: str, end: datetime.date, years: int) -> Q:
    """Born on or before the day she turned ``years`` by ``end``: her age at ``end`` is at
    least ``years``. Pure date comparisons, the same in every database."""
    return Q(**{f"{field}__lte": years_before(end, years)})


# --- Cases ------------------------------------------------------------------------------------


def period_cases(period: Period) -> QuerySet[Case]:
    """The cases the statistics look at: not archived (an archived case was opened by mistake),
    of a client who is not archived, under the grant tag when one is chosen."""
    cases = Case.objects.filter(archived_at__isnull=True, client__archived_at__isnull=True)
    if period.grant_tag:
        cases = cases.filter(grant_tag=period.grant_tag)
    return cases


def case_scope_q(period: Period, prefix: str = "case__") -> Q:
    """``period_cases`` as conditions on a related case (``prefix``): for a few hundred events
    the database follows each one's case, instead of listing every case of the clinic."""
    scope = Q(
        **{f"{prefix}archived_at__isnull": True, f"{prefix}client__archived_at__isnull": True}
    )
    if period.grant_tag:
        scope &= Q(**{f"{prefix}grant_tag": period.grant_tag})
    return scope


def active_q(period: Period, prefix: str = "") -> Q:
    """A case open at some time in the period: opened by its end, not closed before its start."""
    return Q(**{f"{prefix}opened_on__lte": period.end}) & (
        Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gte": period.start})
    )


# --- Clients served ---------------------------------------------------------------------------


def served_clients(period: Period) -> QuerySet[Client]:
    """The clients served in the period.

    * **new**: her intake date falls in the period;
    * **continuing**: her intake is earlier and, in the period, she had a case open or any
      activity — a case event or a timeline entry dated in it, or a referral sent in it.

    Drafts (no intake date) and archived records are never counted. With a grant tag, only
    clients with a case under that tag, and only those cases' activity, count. Membership
    tests are ``IN (subquery)``, which PostgreSQL evaluates once per query (hashed), not once
    per client.
    """
    # The client's own row is checked below (not archived): the case filters need not join it.
    cases = Case.objects.filter(archived_at__isnull=True)
    case_filter = {"case__archived_at__isnull": True}
    if period.grant_tag:
        cases = cases.filter(grant_tag=period.grant_tag)
        case_filter["case__grant_tag"] = period.grant_tag
    active = cases.filter(active_q(period)).values("client_id")
    events = CaseEvent.objects.filter(
        archived_at__isnull=True,
        occurred_on__gte=period.start,
        occurred_on__lte=period.end,
        **case_filter,
    ).values("case__client_id")
    notes = CaseNote.objects.filter(
        archived_at__isnull=True,
        happened_on__gte=period.start,
        happened_on__lte=period.end,
        **case_filter,
    ).values("case__client_id")
    referrals = sent_referrals(
        start=period.start, end=period.end, grant_tag=period.grant_tag
    ).values("client_id")
    clients = Client.objects.filter(
        archived_at__isnull=True, intake_date__isnull=False, intake_date__lte=period.end
    )
    if period.grant_tag:
        clients = clients.filter(pk__in=cases.values("client_id"))
    had_activity = Q(pk__in=active) | Q(pk__in=events) | Q(pk__in=notes) | Q(pk__in=referrals)
    return clients.filter(period.new | (period.continuing & had_activity))


def latest_statistical_consents() -> QuerySet:
    """Each client's latest statistics consent record (``l_client``) and whether it is a
    current consent (``l_given``: "given" by signature or fingerprint — a verbal consent is
    pending, a withdrawal ends it). ``DISTINCT ON`` on PostgreSQL (one ordered pass), the
    records with no later one elsewhere."""
    purpose = choices.ConsentPurpose.STATISTICS
    records = Consent.objects.filter(purpose=purpose)
    if connection.vendor == "postgresql":
        latest = records.order_by("client_id", "-recorded_at", "-pk").distinct("client_id")
    else:
        later = Consent.objects.filter(client=OuterRef("client"), purpose=purpose).filter(
            Q(recorded_at__gt=OuterRef("recorded_at"))
            | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
        )
        latest = records.filter(~Exists(later))
    given = Q(decision=choices.ConsentDecision.GIVEN, method__in=list(SIGNED_METHODS))
    return latest.values(
        l_client=F("client_id"),
        l_given=CaseExpression(
            When(given, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
    )


def first_nationalities() -> QuerySet:
    """Each client's first nationality recorded (``n_client``, ``n_country``): ``DISTINCT ON``
    on PostgreSQL, the lowest id per client elsewhere."""
    nationalities = ClientNationality.objects.all()
    if connection.vendor == "postgresql":
        first = nationalities.order_by("client_id", "pk").distinct("client_id")
    else:
        lowest = ClientNationality.objects.values("client_id").annotate(first=Min("pk"))
        first = nationalities.filter(pk__in=lowest.values("first"))
    return first.values(n_client=F("client_id"), n_country=F("country"))


# --- Categories -------------------------------------------------------------------------------

AGE_GROUPS = (
    ("0-4", 0, 5),
    ("5-11", 5, 12),
    ("12-17", 12, 18),
    ("18-59", 18, 60),
    ("60+", 60, None),
)


def age_group_q(field: str, end: datetime.date, low: int, high: int | None) -> Q:
    """Age at ``end`` from ``low`` (included) to ``high`` (excluded)."""
    known = Q(**{f"{field}__isnull": False})
    lower = age_at_least(field, end, low) if low else known
    upper = ~age_at_least(field, end, high) & known if high is not None else Q()
    return lower & upper


def any_of(conditions) -> Q:
    return reduce(or_, conditions)


def all_of(conditions) -> Q:
    return reduce(and_, conditions)

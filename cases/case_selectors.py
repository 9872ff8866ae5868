"""Reads for cases, deadlines and the attorney's week, enforcing who may see what.

* coordinators: every case;
* attorneys: cases of the clients on their team (``ClientAssignment``), except confidential
  cases, which only the attorneys assigned to that case (and coordinators) can open;
* everyone else: no cases.

Every case view goes through ``case_get_for_user``: a case outside the scope is a 404, exactly
like one that does not exist (docs/permissions.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from clinic.accounts.models import Role, User
from clinic.core import clock

from . import choices
from .deadlines import DeadlineKind
from .models import Case, CaseAssignment, CaseEvent, CaseNote, Client, ClientAssignment
from .models.deadlines import (
    Deadline,
    DeclaredClosure,
    SignatureOccurrence,
    StateTransferAuthorisation,
)
from .selectors import can_read_restricted, client_scope_q

NOTHING = Q(pk__in=[])
PENDING = choices.DeadlineStatus.PENDING


def _assigned_to_case(user: User):
    return Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=user, ended_at=None))


def case_scope_q(*, user: User) -> Q:
    if not user.is_active:
        return NOTHING
    if user.has_role(Role.COORDINATOR):
        return Q()
    if not user.has_role(Role.ATTORNEY):
        return NOTHING
    on_team = Exists(
        ClientAssignment.objects.filter(client=OuterRef("client"), user=user, ended_at=None)
    )
    return Q(on_team) & (Q(is_confidential=False) | Q(_assigned_to_case(user)))


def cases_for_user(*, user: User) -> QuerySet[Case]:
    return Case.objects.filter(case_scope_q(user=user))


def case_get_for_user(*, user: User, pk) -> Case:
    try:
        return (
            cases_for_user(user=user)
            .select_related("client", "stage", "supervisor", "created_by")
            .get(pk=pk)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_edit_case(*, user: User, case: Case) -> bool:
    """Coordinators and the attorneys assigned to this case."""
    if not user.is_active:
        return False
    if user.has_role(Role.COORDINATOR):
        return True
    return CaseAssignment.objects.filter(case=case, user=user, ended_at=None).exists()


def can_read_restricted_notes(*, user: User, case: Case) -> bool:
    return can_edit_case(user=user, case=case) or can_read_restricted(user=user, client=case.client)


def case_team(case: Case) -> list[User]:
    return [
        row.user
        for row in CaseAssignment.objects.filter(case=case, ended_at=None)
        .select_related("user")
        .order_by("pk")
    ]


def case_events(case: Case) -> list[CaseEvent]:
    return list(
        case.events.filter(archived_at__isnull=True)
        .select_related("recorded_by", "challenges")
        .order_by("-occurred_on", "-pk")
    )


def case_notes(*, case: Case, user: User) -> list[CaseNote]:
    notes = case.notes.filter(archived_at__isnull=True).select_related("author")
    if not can_read_restricted_notes(user=user, case=case):
        notes = notes.filter(is_restricted=False)
    return list(notes.order_by("-happened_on", "-pk"))


def case_note_get_for_user(*, user: User, case: Case, pk) -> CaseNote:
    """A live timeline entry of a case in scope (restricted ones only for the team)."""
    notes = case.notes.filter(archived_at__isnull=True)
    if not can_read_restricted_notes(user=user, case=case):
        notes = notes.filter(is_restricted=False)
    try:
        return notes.get(pk=pk)
    except (CaseNote.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def transfer_get_for_user(*, user: User, pk) -> StateTransferAuthorisation:
    try:
        return StateTransferAuthorisation.objects.select_related("case").get(
            pk=pk, case__in=cases_for_user(user=user)
        )
    except (StateTransferAuthorisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def deadline_alternatives(deadline: Deadline) -> list[Deadline]:
    """The other routes of the same refusal, in the same case."""
    if not deadline.alternative_group:
        return []
    return list(
        Deadline.objects.filter(
            case_id=deadline.case_id, alternative_group=deadline.alternative_group
        )
        .exclude(pk=deadline.pk)
        .order_by("due_date", "pk")
    )


def case_deadlines(case: Case) -> list[Deadline]:
    return list(
        case.deadlines.select_related(
            "rule", "responsible", "source_event", "accompanied_by"
        ).order_by("due_date", "due_at", "pk")
    )


def deadline_get_for_user(*, user: User, pk) -> Deadline:
    """A deadline of a case in scope, or of a client in scope; else 404."""
    scope = Q(case__in=cases_for_user(user=user)) | Q(
        client__in=Client.objects.filter(client_scope_q(user=user)), case__isnull=True
    )
    try:
        return (
            Deadline.objects.filter(scope)
            .select_related("rule", "case__client", "client", "responsible", "source_event")
            .get(pk=pk)
        )
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def signature_get_for_user(*, user: User, pk) -> SignatureOccurrence:
    try:
        return (
            SignatureOccurrence.objects.filter(case__in=cases_for_user(user=user))
            .select_related("case", "schedule")
            .get(pk=pk)
        )
    except (SignatureOccurrence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Consular guard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsularGuard:
    claim_open: bool
    refugee: bool

    @property
    def active(self) -> bool:
        return self.claim_open or self.refugee


def consular_guard(client: Client) -> ConsularGuard:
    """While an asylum claim is open or granted anywhere in her family (her own cases, which
    carry her dependants), contacting her consulate can harm her (LRPCAP 21, cessation 32-I)."""
    asylum = Case.objects.filter(client=client, case_type=choices.CaseType.ASYLUM)
    claim_open = asylum.exclude(status=choices.CaseStatus.CLOSED).exists()
    refugee = asylum.filter(
        outcome__in=[
            choices.CaseOutcome.REFUGEE_STATUS,
            choices.CaseOutcome.COMPLEMENTARY_PROTECTION,
        ]
    ).exists() or client.migration_status in (
        choices.MigrationStatus.REFUGEE,
        choices.MigrationStatus.COMPLEMENTARY,
    )
    return ConsularGuard(claim_open=claim_open, refugee=refugee)


# --- The attorney's week -----------------------------------------------------------------------


MY_CASES_SORTS = {
    "deadline": (F("next_due").asc(nulls_last=True), "case_number"),
    "-deadline": (F("next_due").desc(nulls_last=True), "case_number"),
    "number": ("case_number",),
    "-number": ("-case_number",),
    "client": ("client_sort", "case_number"),
    "-client": ("-client_sort", "case_number"),
    "type": ("case_type", "case_number"),
    "stage": ("stage__order", "case_number"),
    "opened": ("opened_on", "case_number"),
    "-opened": ("-opened_on", "case_number"),
}


def my_cases(
    *,
    user: User,
    attorney: User | None = None,
    case_type: str = "",
    status: str = "",
    sort: str = "deadline",
) -> QuerySet[Case]:
    """Cases of an attorney (``attorney``, default herself) with their next clinic deadline
    (``Case.next_deadline``, kept by the deadline services), in one query whatever the page
    size (paginate it with ``clinic.core.pagination.page_of_ids``). Open and on-hold cases
    unless ``status`` says otherwise."""
    attorney = attorney or user
    queryset = cases_for_user(user=user).filter(
        assignments__user=attorney, assignments__ended_at=None
    )
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.exclude(status=choices.CaseStatus.CLOSED)
    if case_type:
        queryset = queryset.filter(case_type=case_type)
    if sort in ("client", "-client"):
        # The client's name as a correlated lookup, not a join: joined with 100 000 clients,
        # PostgreSQL misjudged the caseload and scanned the whole table (three times slower).
        queryset = queryset.annotate(
            client_sort=Subquery(
                Client.objects.filter(pk=OuterRef("client_id")).order_by().values("sort_name")[:1]
            )
        )
    return queryset.order_by(*MY_CASES_SORTS.get(sort, MY_CASES_SORTS["deadline"]))


MY_CASES_COLUMNS = (
    "case_number",
    "case_type",
    "status",
    "is_confidential",
    "next_due",
    "client__given_names",
    "client__first_surname",
    "client__second_surname",
    "stage__label",
    "next_deadline__title",
    "next_deadline__rule__calendar",
    "next_deadline__rule__late_filing_allowed",
)


def cases_in_order(ids: list[int]) -> list[Case]:
    """The rows of one page, with what the list shows, in the order of ``ids`` (one query).
    Paginating ids first lets PostgreSQL sort a caseload without joining every client."""
    rows = (
        Case.objects.filter(pk__in=ids)
        .select_related("client", "stage", "next_deadline__rule")
        # Only what the list shows: a whole client row is a hundred columns, most of them
        # restricted, and building them took two thirds of the time of this query.
        .only(*MY_CASES_COLUMNS)
        .order_by()
    )
    by_pk = {case.pk: case for case in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# The week page shows the first rows of each section, most urgent first, and links to the full,
# paginated list of the section: 400 rows of a large caseload took 300 ms to build and render,
# and nobody reads them on one page. The section totals are always shown.
WEEK_SECTION_ROWS = 10
WEEK_SECTIONS = ("overdue", "deadlines", "appointments", "signatures", "unconfirmed")
DEADLINE_SECTIONS = ("overdue", "deadlines", "appointments")
MISSED_SHOWN_DAYS = 14


@dataclass
class WeekSection:
    """The first rows of one section of the week and how many there are in all."""

    name: str
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class SignatureDay:
    day: datetime.date
    total: int
    pending: int


@dataclass
class Week:
    start: datetime.date
    end: datetime.date
    overdue: WeekSection
    deadlines: WeekSection
    appointments: WeekSection
    signatures: WeekSection
    unconfirmed_signatures: WeekSection
    signature_days: list[SignatureDay]


def _week_deadlines(user: User) -> QuerySet[Deadline]:
    """Deadlines she is responsible for, or that colleagues on leave who named her their
    delegate are: of a case in her scope that is not closed, or of a client in her scope."""
    responsible = [user.pk, *_delegators(user)]
    # A correlated probe per deadline on the case's primary key (the week reads a few hundred
    # deadlines; her scope holds thousands of cases, and a join made PostgreSQL hash all of
    # them).
    open_case_in_scope = Exists(
        cases_for_user(user=user)
        .filter(pk=OuterRef("case_id"))
        .exclude(status=choices.CaseStatus.CLOSED)
    )
    client_in_scope = Q(
        case__isnull=True, client__in=Client.objects.filter(client_scope_q(user=user))
    )
    return Deadline.objects.filter(responsible_id__in=responsible).filter(
        Q(open_case_in_scope) | client_in_scope
    )


def _deadline_section_q(section: str, *, start: datetime.date, end: datetime.date) -> Q:
    today = clock.today()
    if section == "overdue":
        # Her clinic deadlines still pending after their date (a late-admissible filing
        # window), or missed in the last two weeks.
        return Q(kind=DeadlineKind.CLINIC, status=PENDING, due_date__lt=min(start, today)) | Q(
            kind=DeadlineKind.CLINIC,
            status=choices.DeadlineStatus.MISSED,
            due_date__gte=today - datetime.timedelta(days=MISSED_SHOWN_DAYS),
        )
    in_week = Q(status=PENDING, due_date__range=(start, end))
    if section == "appointments":
        return in_week & Q(kind=DeadlineKind.APPOINTMENT)
    return in_week & ~Q(kind=DeadlineKind.APPOINTMENT)


def _deadline_urgency_order() -> list:
    """Most urgent first: pending clinic deadlines (what she must file) before missed ones and
    before the authority's watch dates, then by date."""
    first = models.Case(
        When(kind=DeadlineKind.CLINIC, status=PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return [first.asc(), F("due_date").asc(), F("due_at").asc(nulls_first=True), F("pk").asc()]


def _week_signatures(user: User) -> QuerySet[SignatureOccurrence]:
    """COMAR signatures of the open cases she is assigned to."""
    my_case_ids = CaseAssignment.objects.filter(user=user, ended_at=None).values("case_id")
    return SignatureOccurrence.objects.filter(
        case_id__in=my_case_ids, case__status=choices.CaseStatus.OPEN
    )


def _signature_section_q(section: str, *, start: datetime.date, end: datetime.date) -> Q:
    if section == "unconfirmed":  # last week's signatures nobody recorded
        return Q(
            status=choices.SignatureStatus.PENDING,
            due_on__lt=min(start, clock.today()),
            due_on__gte=start - datetime.timedelta(days=7),
        )
    return Q(due_on__range=(start, end))


def _week_deadline_rows(deadlines: QuerySet[Deadline]) -> QuerySet[Deadline]:
    """What a row of the week shows (templates/cases/includes/_week_rows.html), and no more."""
    return deadlines.select_related("case", "client", "rule", "responsible").only(
        "kind",
        "title",
        "due_date",
        "due_at",
        "status",
        "appointment_kind",
        "interpreter_needed",
        "interpreter_booked",
        "case__case_number",
        "client__client_code",
        "rule__calendar",
        "rule__late_filing_allowed",
        "responsible__username",
        "responsible__first_name",
        "responsible__last_name",
    )


def _week_signature_rows(signatures: QuerySet[SignatureOccurrence]) -> QuerySet:
    """What a signature row of the week shows (_week_signatures.html), and no more."""
    return signatures.select_related("case").only("due_on", "status", "case__case_number")


def week_for_user(*, user: User, start: datetime.date) -> Week:
    """Her week (Monday ``start`` to Sunday), by section: overdue clinic deadlines, the week's
    deadlines and watch dates, appointments, COMAR signatures and last week's unconfirmed
    ones (``week_section_for_user`` says which rows are in which). Each section holds its
    first ``WEEK_SECTION_ROWS`` rows, most urgent first, and its total; signatures are also
    counted per day, and a week with more of them than that shows the days instead of rows.

    Five queries whatever the caseload: her delegators; the keys of every row in her
    deadline sections and in her signature sections (scope checked there, on the indexes of
    responsible, status and date); then the rows shown, by primary key."""
    end = start + datetime.timedelta(days=6)
    sections = {name: WeekSection(name, [], 0) for name in WEEK_SECTIONS}
    limits = {name: _deadline_section_q(name, start=start, end=end) for name in DEADLINE_SECTIONS}
    keys = (
        _week_deadlines(user)
        .filter(limits["overdue"] | limits["deadlines"] | limits["appointments"])
        .annotate(
            section=models.Case(
                *(models.When(q, then=Value(name)) for name, q in limits.items()),
                output_field=CharField(),
            )
        )
        .order_by(*_deadline_urgency_order())
        .values_list("pk", "section")
    )
    shown: dict[int, str] = {}
    for pk, name in keys:
        section = sections[name]
        section.total += 1
        if section.total <= WEEK_SECTION_ROWS:
            shown[pk] = name
    if shown:
        by_pk = _week_deadline_rows(Deadline.objects.filter(pk__in=shown)).order_by().in_bulk()
        for pk, name in shown.items():  # in the order of the keys
            if pk in by_pk:
                sections[name].rows.append(by_pk[pk])

    days: dict[datetime.date, SignatureDay] = {}
    shown = {}
    signature_keys = (
        _week_signatures(user)
        .filter(
            _signature_section_q("signatures", start=start, end=end)
            | _signature_section_q("unconfirmed", start=start, end=end)
        )
        .order_by("due_on", "pk")
        .values_list("pk", "due_on", "status")
    )
    for pk, due_on, status in signature_keys:
        name = "unconfirmed" if due_on < start else "signatures"
        section = sections[name]
        section.total += 1
        if section.total <= WEEK_SECTION_ROWS:
            shown[pk] = name
        if name == "signatures":
            day = days.setdefault(due_on, SignatureDay(due_on, 0, 0))
            day.total += 1
            day.pending += status == choices.SignatureStatus.PENDING
    if sections["signatures"].total > WEEK_SECTION_ROWS:
        # More than fit: the week's signatures are shown per day, each day linking to its
        # list (the first rows of one day would say nothing about the others).
        shown = {pk: name for pk, name in shown.items() if name != "signatures"}
    if shown:
        by_pk = _week_signature_rows(SignatureOccurrence.objects.filter(pk__in=shown)).in_bulk()
        for pk, name in shown.items():
            if pk in by_pk:
                sections[name].rows.append(by_pk[pk])
    return Week(
        start=start,
        end=end,
        overdue=sections["overdue"],
        deadlines=sections["deadlines"],
        appointments=sections["appointments"],
        signatures=sections["signatures"],
        unconfirmed_signatures=sections["unconfirmed"],
        signature_days=list(days.values()),
    )


def week_section_for_user(
    *, user: User, start: datetime.date, section: str, day: datetime.date | None = None
) -> QuerySet:
    """Every row of one section of her week (``WEEK_SECTIONS``), in the order of the week
    page, for a paginated list:

    * ``overdue``: her clinic deadlines still pending after their date (before this week, or
      before today), and those missed in the last two weeks;
    * ``deadlines`` / ``appointments``: pending deadlines and watch dates / appointments
      dated this week (hers and those of colleagues on leave who named her their delegate,
      within her scope);
    * ``signatures``: COMAR signatures of her open cases this week (``day``: of that day);
    * ``unconfirmed``: last week's signatures nobody recorded."""
    end = start + datetime.timedelta(days=6)
    if section in DEADLINE_SECTIONS:
        return _week_deadline_rows(
            _week_deadlines(user).filter(_deadline_section_q(section, start=start, end=end))
        ).order_by(*_deadline_urgency_order())
    if section not in ("signatures", "unconfirmed"):
        raise ValueError(section)
    rows = _week_signatures(user).filter(_signature_section_q(section, start=start, end=end))
    if day is not None:
        rows = rows.filter(due_on=day)
    return _week_signature_rows(rows).order_by("due_on", "pk")


def _delegators(user: User) -> list[int]:
    """Colleagues on leave who named her their delegate (leave still running)."""
    today = clock.today()
    return list(
        User.objects.filter(on_leave=True, delegate=user, is_active=True)
        .filter(Q(leave_until__isnull=True) | Q(leave_until__gte=today))
        .values_list("pk", flat=True)
    )


def team_workload(*, user: User) -> list[User]:
    """Coordinators: every active attorney with her open cases, pending clinic deadlines in the
    next 7 days, overdue ones and the next date (three grouped SQL aggregations)."""
    if not user.has_role(Role.COORDINATOR):
        return []
    today = clock.today()
    attorneys = list(
        User.objects.filter(is_active=True, is_attorney=True)
        .select_related("delegate")
        .order_by("first_name", "last_name", "pk")
    )
    open_cases = dict(
        CaseAssignment.objects.filter(ended_at=None)
        .exclude(case__status=choices.CaseStatus.CLOSED)
        .values("user")
        .annotate(n=Count("pk"))
        .values_list("user", "n")
    )
    deadlines = {
        row["responsible"]: row
        for row in Deadline.objects.filter(status=PENDING, kind=DeadlineKind.CLINIC)
        .values("responsible")
        .annotate(
            due_soon=Count(
                "pk", filter=Q(due_date__range=(today, today + datetime.timedelta(days=7)))
            ),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            next_due=Min("due_date", filter=Q(due_date__gte=today)),
        )
    }
    for attorney in attorneys:
        row = deadlines.get(attorney.pk, {})
        attorney.open_cases = open_cases.get(attorney.pk, 0)
        attorney.due_soon = row.get("due_soon", 0)
        attorney.overdue = row.get("overdue", 0)
        attorney.next_due = row.get("next_due")
    return attorneys


def watch_dates_passed(*, user: User) -> QuerySet[Deadline]:
    if not user.has_role(Role.COORDINATOR):
        return Deadline.objects.none()
    return (
        Deadline.objects.filter(status=PENDING, kind=DeadlineKind.WATCH, due_date__lt=clock.today())
        .select_related("case__client", "client", "responsible", "rule")
        .order_by("due_date", "pk")
    )


def closures_for_user(*, user: User) -> QuerySet[DeclaredClosure]:
    if not user.has_role(Role.COORDINATOR, Role.ADMIN):
        return DeclaredClosure.objects.none()
    return DeclaredClosure.objects.select_related("recorded_by", "decided_by")


def closure_get_for_user(*, user: User, pk) -> DeclaredClosure:
    try:
        return closures_for_user(user=user).get(pk=pk)
    except (DeclaredClosure.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def next_deadline_counts(*, user: User) -> dict:
    """For the dashboard: her pending clinic deadlines by urgency (one query)."""
    today = clock.today()
    rows = Deadline.objects.filter(
        responsible_id__in=[user.pk, *_delegators(user)], status=PENDING, kind=DeadlineKind.CLINIC
    ).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        week=Count("pk", filter=Q(due_date__range=(today, today + datetime.timedelta(days=7)))),
        first=Min("due_date"),
    )
    return rows


def case_prefetch_team():
    return Prefetch(
        "assignments",
        queryset=CaseAssignment.objects.filter(ended_at=None).select_related("user"),
        to_attr="open_assignments",
    )

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

from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
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
OVERDUE_LIMIT = 100


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
    "client": ("client__sort_name", "case_number"),
    "-client": ("-client__sort_name", "case_number"),
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
    size. Open and on-hold cases unless ``status`` says otherwise."""
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
    return queryset.order_by(*MY_CASES_SORTS.get(sort, MY_CASES_SORTS["deadline"]))


def cases_in_order(ids: list[int]) -> list[Case]:
    """The rows of one page, with what the list shows, in the order of ``ids`` (one query).
    Paginating ids first lets PostgreSQL sort a caseload without joining every client."""
    rows = Case.objects.filter(pk__in=ids).select_related("client", "stage", "next_deadline__rule")
    by_pk = {case.pk: case for case in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


@dataclass
class Week:
    start: datetime.date
    end: datetime.date
    overdue: list[Deadline]
    deadlines: list[Deadline]
    appointments: list[Deadline]
    signatures: list[SignatureOccurrence]
    unconfirmed_signatures: list[SignatureOccurrence]


def week_for_user(*, user: User, start: datetime.date) -> Week:
    """Her week (Monday ``start`` to Sunday): the deadlines, watch dates and appointments she is
    responsible for, and those of colleagues on leave who named her their delegate; the COMAR
    signatures of her cases; last week's signatures nobody confirmed; and her clinic deadlines
    still pending after their date or missed in the last two weeks. Five queries whatever the
    caseload (each on an index: responsible, status, date)."""
    end = start + datetime.timedelta(days=6)
    today = clock.today()
    responsible = [user.pk, *_delegators(user)]
    in_scope = _deadline_case_scope_q(user) | Q(
        case__isnull=True, client__in=Client.objects.filter(client_scope_q(user=user))
    )
    base = (
        Deadline.objects.filter(responsible_id__in=responsible)
        .filter(in_scope)
        .filter(Q(case__isnull=True) | ~Q(case__status=choices.CaseStatus.CLOSED))
        .select_related("case__client", "client", "rule", "responsible")
    )
    in_week = list(
        base.filter(status=PENDING, due_date__range=(start, end)).order_by(
            "due_date", "due_at", "pk"
        )
    )
    overdue = list(
        base.filter(kind=DeadlineKind.CLINIC)
        .filter(
            Q(status=PENDING, due_date__lt=min(start, today))
            | Q(
                status=choices.DeadlineStatus.MISSED,
                due_date__gte=today - datetime.timedelta(days=14),
            )
        )
        .order_by("due_date", "pk")[:OVERDUE_LIMIT]
    )
    my_case_ids = CaseAssignment.objects.filter(user=user, ended_at=None).values("case_id")
    signatures = SignatureOccurrence.objects.filter(
        case_id__in=my_case_ids, case__status=choices.CaseStatus.OPEN
    ).select_related("case__client", "schedule")
    return Week(
        start=start,
        end=end,
        overdue=overdue,
        deadlines=[row for row in in_week if row.kind != DeadlineKind.APPOINTMENT],
        appointments=[row for row in in_week if row.kind == DeadlineKind.APPOINTMENT],
        signatures=list(signatures.filter(due_on__range=(start, end)).order_by("due_on", "pk")),
        unconfirmed_signatures=list(
            signatures.filter(
                status=choices.SignatureStatus.PENDING,
                due_on__lt=min(start, today),
                due_on__gte=start - datetime.timedelta(days=7),
            ).order_by("due_on", "pk")
        ),
    )


def _deadline_case_scope_q(user: User) -> Q:
    """``case_scope_q`` seen from a deadline row: probes per row on indexes instead of hashing
    the whole scope (the week reads a few hundred rows, the scope holds thousands of cases)."""
    if not user.is_active:
        return NOTHING
    if user.has_role(Role.COORDINATOR):
        return Q(case__isnull=False)
    if not user.has_role(Role.ATTORNEY):
        return NOTHING
    on_team = Exists(
        ClientAssignment.objects.filter(client=OuterRef("case__client"), user=user, ended_at=None)
    )
    assigned = Exists(
        CaseAssignment.objects.filter(case=OuterRef("case"), user=user, ended_at=None)
    )
    return Q(on_team) & (Q(case__is_confidential=False) | Q(assigned))


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

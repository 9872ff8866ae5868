"""Opening and running cases: numbers, team, stages, typed events and the deadlines they start.

Every write goes through here; views only validate forms and call these functions. Events are
the single source of deadlines (docs/deadlines.md, "Triggers").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import choices
from cases.deadlines import DeadlineKind
from cases.models import (
    Case,
    CaseAssignment,
    CaseDependant,
    CaseEvent,
    CaseNote,
    CaseStage,
    Client,
    ClientAssignment,
    FamilyMember,
)
from cases.models.deadlines import (
    Deadline,
    SignatureOccurrence,
    SignatureSchedule,
    StateTransferAuthorisation,
)
from clinic.accounts.models import Role, User
from clinic.core import clock

from . import deadlines as deadline_services
from .common import save_tracked, save_versioned

K = choices.EventKind
SIGNATURE_HORIZON_WEEKS = 12


# --- Opening, team, stage, closing -------------------------------------------------------------


def _first_stage(case_type: str) -> CaseStage:
    stage = CaseStage.objects.filter(case_type=case_type, is_active=True).order_by("order").first()
    if stage is None:
        raise ValidationError(_("This case type has no stages configured."))
    return stage


def _check_attorney(user: User) -> None:
    if not user.is_active or not user.has_role(Role.ATTORNEY):
        raise ValidationError({"attorney": _("Choose an active attorney.")})


def _ensure_on_team(*, client: Client, user: User, by: User) -> None:
    if not ClientAssignment.objects.filter(
        client=client, user=user, ended_at__isnull=True
    ).exists():
        save_tracked(
            ClientAssignment(client=client, user=user, assigned_by=by),
            by=by,
            reason=_("Attorney assigned"),
        )


@transaction.atomic
def case_open(
    *,
    client: Client,
    case_type: str,
    by: User,
    attorney: User | None = None,
    dependants: Iterable[FamilyMember] = (),
    supervisor: User | None = None,
    grant_tag: str = "",
    is_confidential: bool = False,
    summary: str = "",
    opened_on: datetime.date | None = None,
) -> Case:
    """Open a case for a submitted client. The attorney is ``attorney`` (a coordinator
    assigning) or the attorney opening it herself. Asylum cases start the COMAR filing window."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status == choices.ClientStatus.DRAFT:
        raise ValidationError(_("The intake has not been submitted yet."))
    if client.archived_at is not None:
        raise ValidationError(_("This client is archived."))
    if attorney is None:
        if not by.has_role(Role.ATTORNEY):
            raise ValidationError({"attorney": _("Choose the attorney for this case.")})
        attorney = by
    _check_attorney(attorney)
    if supervisor is not None and not supervisor.has_role(Role.COORDINATOR):
        raise ValidationError({"supervisor": _("The supervisor must be a coordinator.")})
    sequence = (client.cases.aggregate(top=Max("sequence"))["top"] or 0) + 1
    case = Case(
        client=client,
        sequence=sequence,
        case_number=f"{client.client_code}-{sequence:02d}",
        case_type=case_type,
        stage=_first_stage(case_type),
        supervisor=supervisor,
        grant_tag=grant_tag.strip(),
        is_confidential=is_confidential,
        summary=summary,
        opened_on=opened_on or clock.today(),
        created_by=by,
    )
    save_tracked(case, by=by, reason=_("Case opened"))
    _set_dependants(case=case, members=dependants, by=by)
    save_tracked(
        CaseAssignment(case=case, user=attorney, assigned_by=by),
        by=by,
        reason=_("Attorney assigned"),
    )
    _ensure_on_team(client=client, user=attorney, by=by)
    if client.status != choices.ClientStatus.ASSIGNED:
        client.status = choices.ClientStatus.ASSIGNED
        client.version += 1
        save_tracked(client, by=by, reason=_("Case opened"))
    if case_type == choices.CaseType.ASYLUM:
        _start_filing_window(case=case, by=by)
    if attorney != by:
        _notify_assignment(case=case, attorney=attorney)
    return case


def _start_filing_window(*, case: Case, by: User) -> Deadline | None:
    """COMAR filing window (LRPCAP 18): 30 business days from the day after entry, or from the
    day filing became materially possible (shown as the later alternative)."""
    client = case.client
    starts = [day for day in (client.entry_date, client.filing_possible_date) if day]
    if not starts:
        return None
    return deadline_services.deadline_from_rule(
        rule_code="comar_filing",
        by=by,
        responsible=case_responsible(case),
        case=case,
        trigger=min(starts),
        alt_trigger=max(starts) if len(starts) == 2 and starts[0] != starts[1] else None,
    )


def _notify_assignment(*, case: Case, attorney: User) -> None:
    from clinic.notifications.services import notification_create

    notification_create(
        recipient=attorney,
        kind="assignment",
        text=_("You were assigned case %(number)s") % {"number": case.case_number},
        url=reverse("cases:case_detail", args=[case.pk]),
        case_number=case.case_number,
    )


def _set_dependants(*, case: Case, members: Iterable[FamilyMember], by: User) -> None:
    wanted = {member.pk: member for member in members}
    for member in wanted.values():
        if member.client_id != case.client_id:
            raise ValidationError({"dependants": _("Choose members of her family.")})
        if case.case_type == choices.CaseType.ASYLUM and member.born_in_mexico:
            raise ValidationError(
                {
                    "dependants": _(
                        "%(name)s was born in Mexico and is Mexican: never an asylum dependant."
                    )
                    % {"name": member.given_names}
                }
            )
    current = {link.family_member_id: link for link in case.dependant_links.all()}
    for pk, link in current.items():
        if pk not in wanted:
            link._history_user = by
            link.delete()
    for pk in wanted.keys() - current.keys():
        save_tracked(
            CaseDependant(case=case, family_member_id=pk), by=by, reason=_("Dependant added")
        )


def case_responsible(case: Case) -> User:
    """Who deadlines of the case belong to: its first assigned attorney."""
    assignment = (
        case.assignments.filter(ended_at__isnull=True).select_related("user").order_by("pk").first()
    )
    if assignment is None:
        raise ValidationError(_("The case has no attorney assigned."))
    return assignment.user


CASE_EDITABLE = (
    "stage",
    "supervisor",
    "grant_tag",
    "is_confidential",
    "summary",
    "comar_office",
    "comar_state",
    "constancia_number",
    "constancia_valid_until",
    "comar_folio",
    "inm_number",
    "prosecutor_file",
    "prosecutor_office",
    "court_file",
)


@transaction.atomic
def case_update(
    *, case: Case, by: User, data: dict, version: int, dependants: Iterable[FamilyMember] | None
) -> Case:
    """Save the case form; a stale version is refused with the other person's changes."""
    before_state = case.comar_state
    for field, value in data.items():
        if field not in CASE_EDITABLE:
            raise ValidationError(_("This field cannot be changed here."))
        setattr(case, field, value)
    if case.stage.case_type != case.case_type:
        raise ValidationError({"stage": _("Choose a stage of this case type.")})
    save_versioned(case, by=by, reason=_("Case updated"), expected_version=version)
    if dependants is not None:
        _set_dependants(case=case, members=dependants, by=by)
    if case.comar_state != before_state:
        _recompute_comar_state(case=case, by=by)
    return case


def _recompute_comar_state(*, case: Case, by: User) -> None:
    """The COMAR state changed: its pending deadlines follow that state's closures."""
    for deadline in case.deadlines.filter(
        status=choices.DeadlineStatus.PENDING, authority=choices.Authority.COMAR
    ).select_related("rule"):
        deadline.authority_state = case.comar_state
        if deadline.rule_id:
            deadline_services._apply_computation(deadline)
        deadline.version += 1
        deadline_services._save(deadline, by=by, reason=_("Recomputed: the COMAR office changed"))


@transaction.atomic
def case_set_status(
    *,
    case: Case,
    by: User,
    status: str,
    version: int,
    outcome: str = "",
    closed_on: datetime.date | None = None,
    reason: str = "",
) -> Case:
    if status == choices.CaseStatus.CLOSED:
        if outcome not in choices.OUTCOMES_BY_TYPE.get(case.case_type, ()):
            raise ValidationError({"outcome": _("Choose the outcome of this case.")})
        case.closed_on = closed_on or clock.today()
        if case.closed_on < case.opened_on:
            raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
        case.outcome = outcome
        for deadline in case.deadlines.filter(status=choices.DeadlineStatus.PENDING):
            deadline_services.deadline_cancel(
                deadline=deadline, by=by, reason=_("The case was closed")
            )
        for occurrence in case.signatures.filter(
            status=choices.SignatureStatus.PENDING, due_on__gte=clock.today()
        ):
            occurrence.status = choices.SignatureStatus.SUSPENDED
            occurrence.note = _("The case was closed")
            save_tracked(occurrence, by=by, reason=_("The case was closed"))
    else:
        case.closed_on, case.outcome = None, ""
    case.status = status
    label = dict(choices.CaseStatus.choices)[status]
    text = _("Status: %(status)s") % {"status": label}
    if reason.strip():
        text = f"{text} — {reason.strip()}"
    save_versioned(case, by=by, reason=text, expected_version=version)
    return case


@transaction.atomic
def case_assign(*, case: Case, attorney: User, by: User, replace: User | None = None) -> Case:
    """A coordinator adds an attorney to the case, or replaces one (reassignment): the pending
    deadlines of the attorney replaced move to the new one. History keeps both."""
    if not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only a coordinator can assign cases."))
    _check_attorney(attorney)
    if not CaseAssignment.objects.filter(case=case, user=attorney, ended_at__isnull=True).exists():
        save_tracked(
            CaseAssignment(case=case, user=attorney, assigned_by=by),
            by=by,
            reason=_("Attorney assigned"),
        )
    _ensure_on_team(client=case.client, user=attorney, by=by)
    if replace is not None and replace != attorney:
        ended = CaseAssignment.objects.filter(case=case, user=replace, ended_at__isnull=True)
        for row in ended:
            row.ended_at = clock.now()
            save_tracked(row, by=by, reason=_("Case reassigned"))
        for deadline in case.deadlines.filter(
            status=choices.DeadlineStatus.PENDING, responsible=replace
        ):
            deadline_services.deadline_reassign(deadline=deadline, by=by, responsible=attorney)
        _leave_team_if_idle(client=case.client, user=replace, by=by)
    _notify_assignment(case=case, attorney=attorney)
    return case


def _leave_team_if_idle(*, client: Client, user: User, by: User) -> None:
    """Her client-level access ends once she has no open assignment on any of the client's
    cases."""
    if CaseAssignment.objects.filter(
        case__client=client, user=user, ended_at__isnull=True
    ).exists():
        return
    for row in ClientAssignment.objects.filter(client=client, user=user, ended_at__isnull=True):
        row.ended_at = clock.now()
        save_tracked(row, by=by, reason=_("Case reassigned"))


# --- Events ------------------------------------------------------------------------------------


EVENT_FIELDS = {
    K.FILING: ("authority", "office", "reference"),
    K.REPRESENTATION_FILED: ("authority", "office"),
    K.DECISION: (
        "authority",
        "result",
        "notified_on",
        "notification_method",
        "knowledge_on",
        "reference",
    ),
    K.NOTIFICATION: ("challenges", "notified_on", "notification_method", "knowledge_on"),
    K.PREVENTION: ("authority", "notified_on", "reference"),
    K.APPEAL_FILED: ("challenges", "strategy", "authority", "reference"),
    K.STRATEGY: ("challenges", "strategy"),
    K.DETENTION: ("occurred_at", "office"),
    K.RELEASE: ("occurred_at", "office"),
    K.CESSATION: ("notified_on",),
    K.CARD_ISSUED: ("expires_on", "reference"),
    K.CURP_ISSUED: ("expires_on", "reference"),
    K.EXTENSION: ("authority", "reference"),
}
REQUIRED = {
    K.DECISION: ("result",),
    K.NOTIFICATION: ("challenges", "notified_on", "notification_method"),
    K.PREVENTION: ("notified_on",),
    K.APPEAL_FILED: ("strategy",),
    K.STRATEGY: ("challenges", "strategy"),
    K.DETENTION: ("occurred_at",),
    K.CARD_ISSUED: ("expires_on",),
}


def _validate_event(event: CaseEvent) -> None:
    errors = {}
    for field in REQUIRED.get(event.kind, ()):
        if not getattr(event, field if field != "challenges" else "challenges_id"):
            errors[field] = _("This field is required for this event.")
    if event.occurred_on and event.occurred_on > clock.today():
        errors["occurred_on"] = _("An event cannot be in the future; add an appointment instead.")
    if event.notified_on and event.occurred_on and event.notified_on < event.occurred_on:
        errors["notified_on"] = _("The notification cannot come before the decision.")
    if event.knowledge_on and event.knowledge_on > clock.today():
        errors["knowledge_on"] = _("The date cannot be in the future.")
    if (
        event.knowledge_on
        and event.occurred_on
        and event.kind == K.DECISION
        and event.knowledge_on < event.occurred_on
    ):
        errors["knowledge_on"] = _("She cannot have learned of it before the decision.")
    if event.notified_on and not event.notification_method and event.kind == K.DECISION:
        errors["notification_method"] = _("Say how it was notified.")
    if event.challenges_id:
        target = event.challenges
        if target.case_id != event.case_id or target.kind != K.DECISION:
            errors["challenges"] = _("Choose a decision of this case.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_record(*, case: Case, kind: str, by: User, occurred_on=None, **fields) -> CaseEvent:
    """Record a typed event and start, finish or cancel the deadlines it drives."""
    if case.status == choices.CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed: reopen it to record events."))
    allowed = set(EVENT_FIELDS.get(kind, ())) | {"detail"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unexpected fields for this event: %(f)s") % {"f": sorted(unknown)})
    moment = fields.get("occurred_at")
    if occurred_on is None and moment is not None:
        occurred_on = clock.localdate(moment)
    event = CaseEvent(case=case, kind=kind, occurred_on=occurred_on, recorded_by=by, **fields)
    _validate_event(event)
    save_tracked(event, by=by, reason=_("Event recorded"))
    _drive_deadlines(event=event, by=by)
    return event


def _pending(case: Case, code: str):
    return case.deadlines.filter(rule__code=code, status=choices.DeadlineStatus.PENDING)


def _drive_deadlines(*, event: CaseEvent, by: User) -> None:
    case, kind = event.case, event.kind
    responsible = case_responsible(case)
    common = {"by": by, "responsible": responsible, "case": case, "source_event": event}
    if kind == K.FILING:
        for deadline in _pending(case, "comar_filing"):
            deadline_services.deadline_mark_done(
                deadline=deadline, by=by, done_on=event.occurred_on
            )
        rule = {
            choices.CaseType.ASYLUM: "comar_resolution",
            choices.CaseType.TVRH: "inm_resolution",
            choices.CaseType.REGULARISATION: "inm_regularisation",
        }.get(case.case_type)
        if rule:
            deadline_services.deadline_from_rule(
                rule_code=rule, trigger=event.occurred_on, **common
            )
    elif kind == K.REPRESENTATION_FILED:
        deadline_services.deadline_from_rule(
            rule_code="comar_ratify", trigger=event.occurred_on, **common
        )
    elif kind == K.DECISION:
        watches = case.deadlines.filter(
            status=choices.DeadlineStatus.PENDING, kind=DeadlineKind.WATCH
        )
        if event.authority:
            watches = watches.filter(authority=event.authority)
        for deadline in watches:
            deadline_services.deadline_mark_done(
                deadline=deadline, by=by, done_on=event.occurred_on
            )
        if (event.notified_on or event.knowledge_on) and event.result in (
            choices.DecisionResult.REFUSED,
            choices.DecisionResult.DISMISSED,
        ):
            _start_alternatives(decision=event, notice=event, by=by)
    elif kind == K.NOTIFICATION:
        decision = event.challenges
        if decision.result in (choices.DecisionResult.REFUSED, choices.DecisionResult.DISMISSED):
            _start_alternatives(decision=decision, notice=event, by=by)
    elif kind == K.STRATEGY:
        _choose_strategy(decision=event.challenges, strategy=event.strategy, by=by, event=event)
    elif kind == K.APPEAL_FILED:
        routes = case.deadlines.filter(
            status=choices.DeadlineStatus.PENDING, strategy=event.strategy
        )
        if event.challenges_id:
            routes = routes.filter(alternative_group=f"decision-{event.challenges_id}")
        for deadline in routes:
            deadline_services.deadline_mark_done(
                deadline=deadline, by=by, done_on=event.occurred_on
            )
        if event.challenges_id:
            _choose_strategy(decision=event.challenges, strategy=event.strategy, by=by, event=event)
    elif kind == K.PREVENTION:
        deadline_services.deadline_from_rule(
            rule_code="inm_prevention_fix", trigger=event.notified_on, **common
        )
    elif kind == K.DETENTION:
        deadline_services.deadline_from_rule(
            rule_code="detention_36h", trigger=event.occurred_at, **common
        )
    elif kind == K.RELEASE:
        for deadline in _pending(case, "detention_36h"):
            deadline_services.deadline_cancel(
                deadline=deadline, by=by, reason=_("She was released")
            )
    elif kind == K.CESSATION:
        start = event.notified_on or event.occurred_on
        deadline_services.deadline_from_rule(
            rule_code="comar_dependant_claim", trigger=start, **common
        )
        deadline_services.deadline_from_rule(
            rule_code="comar_cessation_appeal", trigger=start, **common
        )
    elif kind == K.CARD_ISSUED:
        deadline_services.deadline_from_rule(
            rule_code="tvrh_renewal", trigger=event.expires_on, **common
        )
    elif kind == K.CURP_ISSUED:
        deadline_services.deadline_from_rule(
            rule_code="temp_curp_renewal", trigger=event.occurred_on, **common
        )
    elif kind == K.EXTENSION:
        for deadline in case.deadlines.filter(
            status=choices.DeadlineStatus.PENDING, kind=DeadlineKind.WATCH, extended=False
        ).select_related("rule"):
            if deadline.rule and deadline.rule.extension_period:
                deadline.extended = True
                deadline_services._apply_computation(deadline)
                deadline.version += 1
                deadline_services._save(
                    deadline, by=by, reason=_("Recomputed: the authority extended")
                )


ALTERNATIVE_RULES = (
    (choices.Strategy.REVIEW, "comar_review_appeal"),
    (choices.Strategy.AMPARO, "amparo"),
    (choices.Strategy.NULLITY, "tfja_nullity"),
)


def _start_alternatives(*, decision: CaseEvent, notice: CaseEvent, by: User) -> None:
    """After a refusal: the recurso de revisión, the amparo and the nullity suit, each from the
    earliest defensible start (her date of knowledge when earlier than the notification),
    until a strategy is chosen."""
    case = decision.case
    group = f"decision-{decision.pk}"
    if case.deadlines.filter(alternative_group=group).exists():
        return
    known_dates = [day for day in (notice.knowledge_on, decision.knowledge_on) if day]
    known = min(known_dates) if known_dates else None
    notified = notice.notified_on
    starts = sorted(day for day in (known, notified) if day)
    trigger = starts[0]
    alternative = starts[-1] if starts[-1] != trigger else None
    for strategy, code in ALTERNATIVE_RULES:
        deadline_services.deadline_from_rule(
            rule_code=code,
            by=by,
            responsible=case_responsible(case),
            case=case,
            trigger=trigger,
            alt_trigger=alternative,
            source_event=notice,
            alternative_group=group,
            strategy=strategy,
        )


def _choose_strategy(*, decision: CaseEvent, strategy: str, by: User, event: CaseEvent) -> None:
    label = dict(choices.Strategy.choices)[strategy]
    group = f"decision-{decision.pk}"
    for deadline in decision.case.deadlines.filter(
        alternative_group=group, status=choices.DeadlineStatus.PENDING
    ).exclude(strategy=strategy):
        deadline_services.deadline_cancel(
            deadline=deadline,
            by=by,
            reason=_("Strategy chosen: %(strategy)s") % {"strategy": label},
        )


# --- Timeline notes ----------------------------------------------------------------------------


@transaction.atomic
def note_add(
    *, case: Case, by: User, kind: str, body: str, happened_on: datetime.date, restricted: bool
) -> CaseNote:
    if not body.strip():
        raise ValidationError({"body": _("Write the note.")})
    if happened_on > clock.today():
        raise ValidationError({"happened_on": _("The date cannot be in the future.")})
    note = CaseNote(
        case=case,
        kind=kind,
        body=body.strip(),
        happened_on=happened_on,
        is_restricted=restricted,
        author=by,
    )
    save_tracked(note, by=by, reason=_("Timeline entry added"))
    return note


@transaction.atomic
def note_archive(*, note: CaseNote, by: User, reason: str) -> CaseNote:
    if not reason.strip():
        raise ValidationError({"archive_reason": _("Give a reason for archiving.")})
    if note.author_id != by.pk and not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only its author or a coordinator can archive this entry."))
    note.archived_at, note.archived_by, note.archive_reason = clock.now(), by, reason.strip()
    save_tracked(note, by=by, reason=_("Archived"))
    return note


# --- COMAR signature and state transfers ------------------------------------------------------


def _occurrence_dates(schedule: SignatureSchedule, until: datetime.date) -> list[datetime.date]:
    first = schedule.starts_on + datetime.timedelta(
        days=(schedule.weekday - schedule.starts_on.weekday()) % 7
    )
    last = min(until, schedule.ends_on) if schedule.ends_on else until
    dates, day = [], first
    while day <= last:
        dates.append(day)
        day += datetime.timedelta(weeks=schedule.every_weeks)
    return dates


@transaction.atomic
def signature_schedule_set(
    *,
    case: Case,
    by: User,
    weekday: int,
    every_weeks: int,
    starts_on: datetime.date,
    office: str = "",
    state: str = "",
) -> SignatureSchedule:
    """Set (or change) the weekday and frequency COMAR gave her. A previous schedule ends the
    day before; its future, unrecorded signatures are dropped from the list."""
    if case.case_type != choices.CaseType.ASYLUM:
        raise ValidationError(_("Signatures belong to asylum cases."))
    for previous in case.signature_schedules.filter(ends_on__isnull=True):
        previous.ends_on = starts_on - datetime.timedelta(days=1)
        save_tracked(previous, by=by, reason=_("Signature schedule changed"))
        previous.occurrences.filter(
            due_on__gte=starts_on, status=choices.SignatureStatus.PENDING
        ).delete()
    schedule = SignatureSchedule(
        case=case,
        weekday=weekday,
        every_weeks=every_weeks,
        starts_on=starts_on,
        office=office,
        state=state or case.comar_state,
        created_by=by,
    )
    save_tracked(schedule, by=by, reason=_("Signature schedule set"))
    signatures_extend(schedule=schedule)
    return schedule


def signatures_extend(*, schedule: SignatureSchedule, today: datetime.date | None = None) -> int:
    """Create the next weeks' signature dates (idempotent; a daily job keeps the horizon)."""
    today = today or clock.today()
    until = today + datetime.timedelta(weeks=SIGNATURE_HORIZON_WEEKS)
    existing = set(schedule.occurrences.values_list("due_on", flat=True))
    rows = [
        SignatureOccurrence(schedule=schedule, case_id=schedule.case_id, due_on=day)
        for day in _occurrence_dates(schedule, until)
        if day not in existing
    ]
    SignatureOccurrence.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def signatures_extend_all() -> int:
    schedules = SignatureSchedule.objects.filter(
        case__status=choices.CaseStatus.OPEN, ends_on__isnull=True
    )
    return sum(signatures_extend(schedule=schedule) for schedule in schedules)


@transaction.atomic
def signature_record(
    *, occurrence: SignatureOccurrence, by: User, status: str, note: str = ""
) -> SignatureOccurrence:
    if occurrence.due_on > clock.today() and status != choices.SignatureStatus.SUSPENDED:
        raise ValidationError(_("This signature date has not come yet."))
    if status == choices.SignatureStatus.SUSPENDED and not note.strip():
        raise ValidationError({"note": _("Give COMAR's acuerdo or the reason.")})
    occurrence.status, occurrence.note = status, note.strip()
    occurrence.recorded_by, occurrence.recorded_at = by, clock.now()
    save_tracked(occurrence, by=by, reason=_("Signature recorded"))
    return occurrence


@transaction.atomic
def transfer_record(
    *,
    case: Case,
    by: User,
    to_state: str,
    requested_on: datetime.date,
    reference: str = "",
) -> StateTransferAuthorisation:
    if not case.comar_state:
        raise ValidationError(_("Record the state where she filed first."))
    if to_state == case.comar_state:
        raise ValidationError({"to_state": _("Choose a different state.")})
    transfer = StateTransferAuthorisation(
        case=case,
        from_state=case.comar_state,
        to_state=to_state,
        requested_on=requested_on,
        reference=reference,
        recorded_by=by,
    )
    save_tracked(transfer, by=by, reason=_("Transfer requested"))
    return transfer


@transaction.atomic
def transfer_decide(
    *, transfer: StateTransferAuthorisation, by: User, authorised: bool, decided_on: datetime.date
) -> StateTransferAuthorisation:
    if transfer.status != choices.TransferStatus.REQUESTED:
        raise ValidationError(_("This request was already decided."))
    transfer.status = (
        choices.TransferStatus.AUTHORISED if authorised else choices.TransferStatus.REFUSED
    )
    transfer.decided_on = decided_on
    save_tracked(transfer, by=by, reason=_("Transfer decided"))
    if authorised:
        case = Case.objects.select_for_update().get(pk=transfer.case_id)
        case.comar_state = transfer.to_state
        case.version += 1
        save_tracked(case, by=by, reason=_("COMAR authorised the move to another state"))
        _recompute_comar_state(case=case, by=by)
    return transfer

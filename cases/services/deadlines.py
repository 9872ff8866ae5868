"""Deadlines: computing them from the rules, keeping them current, and their life cycle.

The arithmetic is ``cases.deadlines`` (pure, golden-tested). This module decides *which*
closures apply (approved ones, for the deadline's authority and state), stores the result with
its explanation, and records every change in history (docs/deadlines.md).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from cases import choices
from cases.deadlines import ClosureSpec, DeadlineKind, compute
from cases.models import Case, CaseEvent, Client, DeadlineRule, DeclaredClosure
from cases.models.deadlines import Deadline
from clinic.accounts.models import Role, User
from clinic.core import clock

from .common import save_tracked

PENDING = choices.DeadlineStatus.PENDING


def case_next_deadline_refresh(case_id: int | None) -> None:
    """Keep ``Case.next_due`` / ``next_deadline`` (the earliest pending clinic deadline) in
    step. A derived column, written with ``update()`` and kept out of history on purpose."""
    if case_id is None:
        return
    upcoming = (
        Deadline.objects.filter(case_id=case_id, status=PENDING, kind=DeadlineKind.CLINIC)
        .order_by("due_date", "pk")
        .values_list("pk", "due_date")
        .first()
    )
    pk, due = upcoming if upcoming else (None, None)
    Case.objects.filter(pk=case_id).update(next_deadline_id=pk, next_due=due)


def _save(deadline: Deadline, *, by, reason: str) -> None:
    """Every deadline write: history with the reason, then the case's next deadline."""
    save_tracked(deadline, by=by, reason=reason)
    case_next_deadline_refresh(deadline.case_id)


def closures_for(*, authority: str, state: str = "") -> list[ClosureSpec]:
    """Approved closures that apply to an authority (and the office's state)."""
    if not authority:
        return []
    rows = DeclaredClosure.objects.filter(
        authority=authority, status=choices.ClosureStatus.APPROVED
    )
    rows = rows.filter(Q(state="") | Q(state=state)) if state else rows.filter(state="")
    return [
        ClosureSpec(start=row.start_date, end=row.end_date, reference=row.reference)
        for row in rows.order_by("start_date")
    ]


def rule_get(code: str) -> DeadlineRule:
    try:
        return DeadlineRule.objects.get(code=code, is_active=True)
    except DeadlineRule.DoesNotExist:
        raise ValidationError(
            _("The deadline rule “%(code)s” is missing or not in use.") % {"code": code}
        ) from None


def _apply_computation(deadline: Deadline) -> None:
    """(Re)compute a rule-based deadline in place from its trigger and the closures."""
    rule = deadline.rule
    trigger = deadline.trigger_at or deadline.trigger_date
    result = compute(
        rule,
        trigger=trigger,
        alt_trigger=deadline.alt_trigger_date,
        closures=closures_for(authority=deadline.authority, state=deadline.authority_state),
        extended=deadline.extended,
    )
    deadline.computed_date = result.due_date
    deadline.without_closures = result.without_closures
    deadline.later_alternative = result.later_alternative
    deadline.computation = result.to_json()
    deadline.due_date = deadline.override_date or result.due_date
    deadline.due_at = None if deadline.override_date else result.due_at


def deadline_from_rule(
    *,
    rule_code: str,
    by: User | None,
    responsible: User,
    trigger: datetime.date | datetime.datetime,
    case: Case | None = None,
    client: Client | None = None,
    alt_trigger: datetime.date | None = None,
    source_event: CaseEvent | None = None,
    alternative_group: str = "",
    strategy: str = "",
    extended: bool = False,
    reason: str | None = None,
    title: str = "",
) -> Deadline:
    """Create a deadline computed by a rule (one per rule and source: recording the same event
    twice does not double it). ``title`` defaults to the rule's name."""
    rule = rule_get(rule_code)
    existing = Deadline.objects.filter(
        rule=rule, case=case, client=client, source_event=source_event, status=PENDING
    ).first()
    if existing is not None and source_event is not None:
        return existing
    state = ""
    if case is not None:
        state = case.comar_state if rule.authority == choices.Authority.COMAR else ""
    deadline = Deadline(
        case=case,
        client=client,
        kind=rule.kind,
        rule=rule,
        title=title or _(rule.name),
        responsible=responsible,
        source_event=source_event,
        alternative_group=alternative_group,
        strategy=strategy,
        authority=rule.authority,
        authority_state=state,
        extended=extended,
        created_by=by,
    )
    if isinstance(trigger, datetime.datetime):
        deadline.trigger_at = trigger
        deadline.trigger_date = clock.localdate(trigger)
    else:
        deadline.trigger_date = trigger
    deadline.alt_trigger_date = alt_trigger
    _apply_computation(deadline)
    _save(deadline, by=by, reason=reason or _("Deadline computed"))
    return deadline


@transaction.atomic
def deadline_create_manual(
    *,
    by: User,
    responsible: User,
    kind: str,
    title: str,
    due_date: datetime.date,
    case: Case | None = None,
    client: Client | None = None,
    due_at: datetime.datetime | None = None,
    **details,
) -> Deadline:
    """A deadline or appointment typed in by staff (no rule)."""
    if kind == DeadlineKind.WATCH:
        raise ValidationError(_("Authority watch dates come from the rules, not by hand."))
    _check_responsible(responsible, case=case)
    deadline = Deadline(
        case=case,
        client=client,
        kind=kind,
        title=title.strip(),
        responsible=responsible,
        due_date=due_date,
        due_at=due_at,
        created_by=by,
        **details,
    )
    if case is not None:
        deadline.authority = details.get("authority", "")
    _save(
        deadline,
        by=by,
        reason=_("Appointment added") if kind == DeadlineKind.APPOINTMENT else _("Deadline added"),
    )
    return deadline


def _check_responsible(user: User, *, case: Case | None) -> None:
    """The responsible person must be able to open the case (never widen who sees it)."""
    from cases.case_selectors import cases_for_user

    if not user.is_active or not user.has_role(Role.ATTORNEY, Role.COORDINATOR):
        raise ValidationError({"responsible": _("Choose an active attorney or coordinator.")})
    if case is not None and not cases_for_user(user=user).filter(pk=case.pk).exists():
        raise ValidationError(
            {"responsible": _("Choose someone on the case's team or a coordinator.")}
        )


def _locked(deadline: Deadline) -> Deadline:
    return (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("rule", "case", "client", "responsible")
        .get(pk=deadline.pk)
    )


@transaction.atomic
def deadline_override(
    *, deadline: Deadline, by: User, new_date: datetime.date | None, reason: str, version: int
) -> Deadline:
    """An attorney sets the date herself (or, with ``new_date=None``, goes back to the computed
    one). The reason stays in history; the computed date stays visible beside it."""
    if not reason.strip():
        raise ValidationError({"override_reason": _("Say why the date changes.")})
    current = _locked(deadline)
    if current.version != version:
        from .common import StaleEditError

        raise StaleEditError(current)
    if current.status != PENDING:
        raise ValidationError(_("Only a pending deadline can be changed."))
    if new_date is None and current.computed_date is None:
        raise ValidationError({"override_date": _("Give the new date.")})
    current.override_date = new_date
    current.override_reason = reason.strip() if new_date else ""
    if new_date:
        current.due_date, current.due_at = new_date, None
    else:
        _apply_computation(current)
    current.version += 1
    _save(
        current,
        by=by,
        reason=(_("Date changed by hand: %(reason)s") % {"reason": reason.strip()})
        if new_date
        else (_("Back to the computed date: %(reason)s") % {"reason": reason.strip()}),
    )
    return current


@transaction.atomic
def deadline_mark_done(
    *, deadline: Deadline, by: User, done_on: datetime.date, note: str = ""
) -> Deadline:
    current = _locked(deadline)
    if current.status != PENDING:
        raise ValidationError(_("This deadline is no longer pending."))
    if done_on > clock.today():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    current.status, current.done_on = choices.DeadlineStatus.DONE, done_on
    current.status_reason = note.strip()
    current.version += 1
    _save(current, by=by, reason=_("Marked done"))
    return current


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, by: User, reason: str) -> Deadline:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for cancelling.")})
    current = _locked(deadline)
    if current.status != PENDING:
        raise ValidationError(_("This deadline is no longer pending."))
    current.status, current.status_reason = choices.DeadlineStatus.CANCELLED, reason.strip()
    current.version += 1
    _save(current, by=by, reason=_("Cancelled: %(reason)s") % {"reason": reason.strip()})
    return current


@transaction.atomic
def deadline_reassign(*, deadline: Deadline, by: User, responsible: User) -> Deadline:
    current = _locked(deadline)
    _check_responsible(responsible, case=current.case)
    current.responsible = responsible
    current.version += 1
    _save(current, by=by, reason=_("Responsible changed"))
    return current


# --- Closures ---------------------------------------------------------------------------------


def _notify(recipient: User, *, kind: str, text: str, url: str, case_number: str) -> None:
    from clinic.notifications.services import notification_create

    notification_create(recipient=recipient, kind=kind, text=text, url=url, case_number=case_number)


def _case_url(deadline: Deadline) -> str:
    if deadline.case_id:
        return reverse("cases:case_detail", args=[deadline.case_id])
    return reverse("cases:client_detail", args=[deadline.client_id])


def _safe_title(deadline: Deadline) -> str:
    """What a notification may say about a deadline: the rule's name or the kind, never a
    title typed by staff (it may hold personal details)."""
    if deadline.rule_id:
        return _(deadline.rule.name)
    return str(dict(DeadlineKind.choices)[deadline.kind])


def _label(deadline: Deadline) -> str:
    return deadline.case.case_number if deadline.case_id else deadline.client.client_code


@transaction.atomic
def closure_record(*, by: User, **fields) -> DeclaredClosure:
    if not by.has_role(Role.COORDINATOR, Role.ADMIN):
        raise ValidationError(_("Only coordinators and administrators record closures."))
    closure = DeclaredClosure(recorded_by=by, **fields)
    save_tracked(closure, by=by, reason=_("Closure recorded, waiting for a second approval"))
    others = User.objects.filter(is_active=True, is_coordinator=True).exclude(pk=by.pk)
    for other in others:
        _notify(
            other,
            kind="closure_pending",
            text=_("A declared closure waits for your approval: %(closure)s")
            % {"closure": str(closure)},
            url=reverse("cases:closure_list"),
            case_number="",
        )
    return closure


@transaction.atomic
def closure_decide(*, closure: DeclaredClosure, by: User, approve: bool, version: int) -> int:
    """A second coordinator approves (dates move) or rejects a closure. Returns how many
    deadlines moved."""
    if not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only a coordinator can approve a closure."))
    current = DeclaredClosure.objects.select_for_update().get(pk=closure.pk)
    if current.version != version:
        from .common import StaleEditError

        raise StaleEditError(current)
    if current.status != choices.ClosureStatus.PENDING:
        raise ValidationError(_("This closure was already decided."))
    if current.recorded_by_id == by.pk:
        raise ValidationError(_("A second person must approve the closure you recorded."))
    current.status = choices.ClosureStatus.APPROVED if approve else choices.ClosureStatus.REJECTED
    current.decided_by, current.decided_at = by, clock.now()
    current.version += 1
    save_tracked(current, by=by, reason=_("Approved") if approve else _("Rejected"))
    if not approve:
        return 0
    return deadlines_recompute(
        authority=current.authority,
        state=current.state,
        since=current.start_date,
        by=by,
        reason=_("Recomputed: declared closure approved (%(reference)s)")
        % {"reference": current.reference},
    )


def deadlines_recompute(
    *, authority: str, state: str, since: datetime.date, by: User, reason: str
) -> int:
    """Recompute the pending rule-based deadlines a calendar change can move (their counting
    reaches ``since``); notify whoever is responsible for each date that moved."""
    affected = (
        Deadline.objects.filter(status=PENDING, rule__isnull=False, authority=authority)
        .filter(Q(computed_date__gte=since) | Q(without_closures__gte=since))
        .select_related("rule", "case", "client", "responsible")
    )
    if state:
        affected = affected.filter(authority_state=state)
    moved = 0
    for deadline in affected.select_for_update(of=("self",)):
        before = deadline.due_date
        before_computed = deadline.computed_date
        _apply_computation(deadline)
        if deadline.computed_date == before_computed:
            continue
        deadline.version += 1
        _save(deadline, by=by, reason=reason)
        moved += 1
        _notify(
            deadline.responsible,
            kind="date_moved",
            text=_("%(title)s moved from %(before)s to %(after)s (%(reason)s)")
            % {
                "title": _safe_title(deadline),
                "before": formats.date_format(before_computed or before, "SHORT_DATE_FORMAT"),
                "after": formats.date_format(deadline.computed_date, "SHORT_DATE_FORMAT"),
                "reason": reason,
            },
            url=_case_url(deadline),
            case_number=_label(deadline),
        )
    return moved


# --- Periodic jobs ----------------------------------------------------------------------------


def deadlines_mark_missed(*, today: datetime.date | None = None) -> int:
    """Mark pending clinic deadlines whose date passed as missed (runs at 00:00 Mexico City).

    Never watch dates (the authority's time) and never a late-admissible filing window (it
    reads "file now with a written justification"). Watch dates that passed create their
    follow-up action once instead.
    """
    today = today or clock.today()
    robot = None  # history shows the system, not a person
    count = 0
    overdue = (
        Deadline.objects.filter(status=PENDING, kind=DeadlineKind.CLINIC, due_date__lt=today)
        .exclude(rule__late_filing_allowed=True)
        .select_related("case", "client", "responsible")
    )
    for pk in list(overdue.values_list("pk", flat=True)):
        with transaction.atomic():
            deadline = _locked(Deadline(pk=pk))
            if deadline.status != PENDING or deadline.due_date >= today:
                continue  # done or moved meanwhile
            deadline.status = choices.DeadlineStatus.MISSED
            deadline.version += 1
            _save(deadline, by=robot, reason=_("Missed: the date passed"))
            recipients = {deadline.responsible}
            recipients.update(User.objects.filter(is_active=True, is_coordinator=True))
            for recipient in recipients:
                _notify(
                    recipient,
                    kind="deadline_missed",
                    text=_("Missed deadline: %(title)s") % {"title": _safe_title(deadline)},
                    url=_case_url(deadline),
                    case_number=_label(deadline),
                )
            count += 1
    passed = Deadline.objects.filter(
        status=PENDING, kind=DeadlineKind.WATCH, due_date__lt=today, action_created=False
    ).select_related("case", "client", "responsible", "rule")
    for watch in passed:
        with transaction.atomic():
            watch_follow_up(watch=watch, by=robot, today=today)
    return count


def watch_follow_up(*, watch: Deadline, by: User | None, today: datetime.date) -> Deadline:
    """When an authority's time to decide passes: a clinic task to ask for the tacit-refusal
    certificate (INM, LM 128) or to consider an amparo for failure to act (COMAR)."""
    if watch.authority == choices.Authority.INM:
        title = _("Ask INM for the certificate of tacit refusal (LM art. 128)")
    else:
        title = _("Authority did not decide in time: ask, or consider an amparo for failure to act")
    task = Deadline(
        case=watch.case,
        client=watch.client,
        kind=DeadlineKind.CLINIC,
        title=title,
        responsible=watch.responsible,
        source_label=_("Watch date passed: %(title)s") % {"title": _safe_title(watch)},
        due_date=today + datetime.timedelta(days=5),
        created_by=by,
    )
    _save(task, by=by, reason=_("Follow-up created: watch date passed"))
    watch.action_created = True
    watch.version += 1
    _save(watch, by=by, reason=_("Watch date passed; follow-up created"))
    _notify(
        watch.responsible,
        kind="watch_passed",
        text=_("The authority's time to decide passed: %(title)s") % {"title": _safe_title(watch)},
        url=_case_url(watch),
        case_number=_label(watch),
    )
    return task

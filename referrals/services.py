"""Writes for referrals: draft, send (behind the consent gate), move along the life cycle,
follow up; and the inbound referral (who referred her to the clinic). docs/referrals.md.

Every write is atomic, validated, attributed in history with a reason, and every status change
or follow-up is also a dated ``ReferralEvent``. Sending records the hand-off only: nothing here
e-mails anyone, and nothing sends personal data outside the application.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import choices as case_choices
from cases.deadlines import DeadlineKind
from cases.models import Case, Client
from cases.models.deadlines import Deadline
from cases.services import deadlines as deadline_services
from cases.services.common import StaleEditError, save_tracked, save_versioned
from cases.services.consent import consent_latest, consent_lock, consent_state_of
from clinic.accounts.models import User
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from directory.choices import Service
from directory.models import Office, Organisation

from . import choices, selectors
from .models import InboundReferral, Referral, ReferralEvent, ReferralService

FOLLOWUP_RULE = "referral_followup"
STATUS = choices.ReferralStatus
EDITABLE_FIELDS = (
    "case",
    "kind",
    "organisation",
    "office",
    "internal_team",
    "reason",
    "urgency",
    "shared_fields",
    "ongoing",
)
#: Closing a referral ends its pending follow-up this way.
CLOSING_NOTES = {
    STATUS.COMPLETED: "done",
    STATUS.DECLINED: "done",
    STATUS.NO_SHOW: "done",
    STATUS.REVOKED: "cancel",
}
NOTE_REQUIRED = {STATUS.DECLINED, STATUS.NO_SHOW, STATUS.REVOKED}


def _event(
    referral: Referral,
    *,
    by: User,
    kind: str,
    on: datetime.date,
    from_status: str = "",
    to_status: str = "",
    outcome: str = "",
    note: str = "",
) -> ReferralEvent:
    event = ReferralEvent(
        referral=referral,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        on=on,
        outcome=outcome,
        note=note.strip(),
        by=by,
    )
    event.full_clean()
    event.save()
    return event


def _check_date(on: datetime.date, *, field: str, not_before: datetime.date | None = None) -> None:
    if on > clock.today():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before is not None and on < not_before:
        raise ValidationError(
            {
                field: _("The date cannot be before %(date)s.")
                % {"date": date_format(not_before, "SHORT_DATE_FORMAT")}
            }
        )


def _validate(referral: Referral, services: list[str]) -> None:
    """The rules a draft must meet (the database constraints say the same, less kindly)."""
    errors: dict[str, list[str]] = {}
    if referral.is_outbound:
        referral.internal_team = ""
        organisation = referral.organisation
        if organisation is None:
            errors.setdefault("organisation", []).append(_("Choose the organisation."))
        elif not Organisation.objects.filter(pk=organisation.pk, archived_at=None).exists():
            errors.setdefault("organisation", []).append(
                _("This organisation is archived: choose another or ask to restore it.")
            )
        office = referral.office
        if office is not None and organisation is not None:
            if office.organisation_id != organisation.pk:
                errors.setdefault("office", []).append(
                    _("Choose an office of the organisation you chose.")
                )
            elif not Office.objects.filter(pk=office.pk, archived_at=None).exists():
                errors.setdefault("office", []).append(_("This office is archived."))
    else:
        referral.organisation = referral.office = None
        if not referral.internal_team:
            errors.setdefault("internal_team", []).append(_("Choose the team."))
    if referral.case is not None and referral.case.client_id != referral.client_id:
        errors.setdefault("case", []).append(_("Choose one of her cases."))
    if not services:
        errors.setdefault("services", []).append(_("Choose at least one service."))
    elif set(services) - set(Service.values):
        errors.setdefault("services", []).append(_("Choose services from the list."))
    shared = referral.shared_fields
    if not isinstance(shared, list) or set(shared) - set(choices.SharedField.values):
        errors.setdefault("shared_fields", []).append(_("Choose details from the list."))
    else:
        # Stored in the catalogue's order, once each: the letter prints them in that order.
        referral.shared_fields = [code for code in choices.SharedField.values if code in shared]
    if not referral.reason.strip():
        errors.setdefault("reason", []).append(_("Say why she is referred."))
    if errors:
        raise ValidationError(errors)


def _set_services(referral: Referral, services: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(services))
    referral.services.exclude(service__in=wanted).delete()
    existing = set(referral.services.values_list("service", flat=True))
    ReferralService.objects.bulk_create(
        [
            ReferralService(referral=referral, service=code)
            for code in wanted
            if code not in existing
        ]
    )


@transaction.atomic
def referral_create(
    *,
    client: Client,
    by: User,
    services: list[str],
    reason: str,
    kind: str = choices.ReferralKind.OUTBOUND,
    organisation: Organisation | None = None,
    office: Office | None = None,
    internal_team: str = "",
    case: Case | None = None,
    urgency: str = choices.Urgency.ROUTINE,
    shared_fields: list[str] | None = None,
    ongoing: bool = False,
) -> Referral:
    """A draft referral. Nothing leaves the clinic until it is sent."""
    if not selectors.can_refer(user=by, client=client, case=case):
        raise PermissionDenied
    referral = Referral(
        client=client,
        case=case,
        kind=kind,
        organisation=organisation,
        office=office,
        internal_team=internal_team,
        reason=reason.strip(),
        urgency=urgency,
        shared_fields=list(
            choices.DEFAULT_SHARED_FIELDS if shared_fields is None else shared_fields
        ),
        ongoing=ongoing,
        referred_by=by,
    )
    _validate(referral, services)
    save_tracked(referral, by=by, reason=_("Referral drafted"))
    _set_services(referral, services)
    _event(
        referral, by=by, kind=ReferralEvent.Kind.STATUS, to_status=STATUS.DRAFT, on=clock.today()
    )
    return referral


@transaction.atomic
def referral_update(
    *, referral: Referral, by: User, version: int, services: list[str], **fields
) -> Referral:
    """Change a draft (a sent referral is a record of what was shared: it is not edited)."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if not selectors.can_manage_referral(user=by, referral=current):
        raise PermissionDenied
    if current.status != STATUS.DRAFT:
        raise ValidationError(_("Only a draft can be changed: this referral was already sent."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    # Checked on what the draft becomes, case or no case: clearing a confidential case's
    # referral would otherwise move its reason into the client's wider scope unchecked.
    if not selectors.can_refer(user=by, client=current.client, case=current.case):
        raise ValidationError({"case": _("Choose a case you work on.")})
    _validate(current, services)
    save_versioned(current, by=by, reason=_("Referral changed"), expected_version=version)
    _set_services(current, services)
    return current


def _responsible(referral: Referral, *, by: User) -> User:
    """Who answers for the referral's deadlines: the person who referred her while she is still
    active and may still act on the case (or the client), else the person acting now — never
    someone who has left the case, whose reminders would name a case she no longer sees."""
    referrer = referral.referred_by
    if referrer.is_active and selectors.can_refer(
        user=referrer, client=referral.client, case=referral.case
    ):
        return referrer
    return by


def _followup_deadline(
    referral: Referral, *, by: User, trigger: datetime.date, on_date: datetime.date | None = None
) -> Deadline:
    """The next follow-up, computed by the ``referral_followup`` rule from ``trigger`` (10
    business days by default; the rule is data). A date chosen by hand is an override with its
    reason, the computed one staying visible."""
    destination = (
        referral.organisation.acronym or referral.organisation.name
        if referral.organisation is not None
        else referral.get_internal_team_display()
    )
    deadline = deadline_services.deadline_from_rule(
        rule_code=FOLLOWUP_RULE,
        by=by,
        responsible=_responsible(referral, by=by),
        trigger=trigger,
        case=referral.case,
        client=None if referral.case is not None else referral.client,
        title=_("Follow up referral %(number)s (%(destination)s)")
        % {"number": str(referral), "destination": destination},
        reason=_("Follow-up of referral %(number)s") % {"number": str(referral)},
    )
    if on_date is not None and on_date != deadline.due_date:
        deadline = deadline_services.deadline_override(
            deadline=deadline,
            by=by,
            new_date=on_date,
            reason=_("Date agreed at the follow-up"),
            version=deadline.version,
        )
    return deadline


def _delivery_deadline(referral: Referral, *, by: User) -> Deadline | None:
    """An organisation that needs notice (``lead_time_days``, e.g. CGRS's 42 days for a
    country packet) turns the request into a clinic deadline: the day to check it delivered,
    counted in calendar days from the day it was sent."""
    organisation = referral.organisation
    if organisation is None or not organisation.lead_time_days:
        return None
    return deadline_services.deadline_create_manual(
        by=by,
        responsible=_responsible(referral, by=by),
        kind=DeadlineKind.CLINIC,
        title=_("Check what %(organisation)s delivered (referral %(number)s)")
        % {"organisation": organisation.acronym or organisation.name, "number": str(referral)},
        due_date=referral.sent_on + datetime.timedelta(days=organisation.lead_time_days),
        case=referral.case,
        client=None if referral.case is not None else referral.client,
        source_label=_("%(days)s days' notice: %(note)s")
        % {"days": organisation.lead_time_days, "note": organisation.lead_time_note or "—"},
    )


def _close_followup(
    referral: Referral, *, by: User, how: str, on: datetime.date, note: str
) -> None:
    """End the pending follow-up (and the expected delivery, when there is one)."""
    for deadline in (referral.followup_deadline, referral.delivery_deadline):
        if deadline is None:
            continue
        deadline = Deadline.objects.get(pk=deadline.pk)
        if not deadline.is_pending:
            continue
        if how == "done":
            deadline_services.deadline_mark_done(deadline=deadline, by=by, done_on=on, note=note)
        else:
            deadline_services.deadline_cancel(deadline=deadline, by=by, reason=note)


@transaction.atomic
def referral_send(
    *,
    referral: Referral,
    by: User,
    sent_on: datetime.date,
    version: int,
    acknowledged: Iterable[str] = (),
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Record the hand-off of a draft.

    The consent gate: a referral to an outside organisation is sent only when her current
    consent to share with partners is given and signed (or fingerprinted with a witness). A
    coordinator may send without it by writing the reason, which is kept on the referral, in a
    dated event, in history and in the audit trail. The warnings (consular guard, "do not
    disclose to", conflict check) must each be acknowledged. Sending starts the follow-up
    deadline."""
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("client", "organisation", "case", "referred_by")
        .get(pk=referral.pk)
    )
    if not selectors.can_manage_referral(user=by, referral=current):
        raise PermissionDenied
    if current.status != STATUS.DRAFT:
        raise ValidationError(_("This referral was already sent."))
    if current.is_outbound and current.organisation.archived_at is not None:
        raise ValidationError(_("The organisation was archived: choose another one."))
    if current.version != version:
        raise StaleEditError(current)
    # A hand-off may be recorded after the fact (a phone call yesterday), never ahead of time.
    _check_date(sent_on, field="sent_on")
    override_reason = override_reason.strip()
    consent_lock(current.client_id)  # a withdrawal being recorded now is seen, or waits
    record = consent_latest(client=current.client, purpose=case_choices.ConsentPurpose.SHARING)
    consent_given = consent_state_of(record) == case_choices.ConsentState.GIVEN
    overridden = False
    if current.is_outbound and not consent_given:
        if not override_reason:
            raise ValidationError(
                _(
                    "She has not given signed consent to share her information with partner "
                    "organisations. Record her signed consent first; only a coordinator may "
                    "send without it, writing the reason."
                ),
                code="consent_missing",
            )
        if not selectors.can_override_consent(user=by):
            raise PermissionDenied
        overridden = True
    missing = [
        warning
        for warning in selectors.referral_warnings(referral=current, user=by)
        if warning.code not in set(acknowledged)
    ]
    if missing:
        raise ValidationError(
            _("Read and confirm each warning before sending."), code="warnings_not_acknowledged"
        )
    codes = [warning.code for warning in selectors.referral_warnings(referral=current, user=by)]
    current.status = STATUS.SENT
    current.sent_on = sent_on
    current.warnings_acknowledged = codes
    current.consent_checked = record if consent_given else None
    if overridden:
        current.consent_override_reason = override_reason
        current.consent_override_by = by
    current.version += 1
    save_tracked(current, by=by, reason=_("Referral sent"))
    _event(
        current,
        by=by,
        kind=ReferralEvent.Kind.STATUS,
        from_status=STATUS.DRAFT,
        to_status=STATUS.SENT,
        on=sent_on,
    )
    if overridden:
        _event(
            current,
            by=by,
            kind=ReferralEvent.Kind.OVERRIDE,
            on=clock.today(),
            note=override_reason,
        )
        audit_record(action=AuditAction.CONSENT_OVERRIDE, request=request, user=by, obj=current)
    if current.is_outbound:
        audit_record(action=AuditAction.REFERRAL_SENT, request=request, user=by, obj=current)
    current.followup_deadline = _followup_deadline(current, by=by, trigger=sent_on)
    if current.is_outbound:
        current.delivery_deadline = _delivery_deadline(current, by=by)
    save_tracked(current, by=by, reason=_("Follow-up scheduled"))
    return current


@transaction.atomic
def referral_transition(
    *, referral: Referral, by: User, to_status: str, on: datetime.date, note: str = ""
) -> Referral:
    """Move a referral along its life cycle (``choices.TRANSITIONS``), dated. Accepting keeps
    the follow-ups going; completing, declining, a no-show and revoking end the pending
    follow-up (revoking cancels it)."""
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("client", "case", "followup_deadline", "delivery_deadline")
        .get(pk=referral.pk)
    )
    if not selectors.can_manage_referral(user=by, referral=current):
        raise PermissionDenied
    if to_status not in choices.transitions_by_hand(current.status):
        raise ValidationError(
            _("A referral that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": current.get_status_display(),
                "to": STATUS(to_status).label if to_status in STATUS.values else to_status,
            }
        )
    if to_status in NOTE_REQUIRED and not note.strip():
        raise ValidationError({"note": _("Write what happened.")})
    not_before = current.sent_on or clock.localdate(current.created_at)
    if current.accepted_on and to_status != STATUS.REVOKED:
        not_before = current.accepted_on
    _check_date(on, field="on", not_before=not_before)
    from_status = current.status
    current.status = to_status
    if to_status == STATUS.ACCEPTED:
        current.accepted_on = on
    if to_status in choices.CLOSED_STATUSES:
        current.closed_on = on
    current.version += 1
    save_tracked(
        current, by=by, reason=_("Referral: %(status)s") % {"status": STATUS(to_status).label}
    )
    _event(
        current,
        by=by,
        kind=ReferralEvent.Kind.STATUS,
        from_status=from_status,
        to_status=to_status,
        on=on,
        note=note,
    )
    if to_status in CLOSING_NOTES and from_status != STATUS.DRAFT:
        _close_followup(
            current,
            by=by,
            how=CLOSING_NOTES[to_status],
            on=on,
            note=note.strip() or _("Referral %(status)s") % {"status": STATUS(to_status).label},
        )
    return current


@transaction.atomic
def referral_follow_up(
    *,
    referral: Referral,
    by: User,
    on: datetime.date,
    outcome: str,
    note: str = "",
    next_on: datetime.date | None = None,
) -> ReferralEvent:
    """Record a follow-up of an open referral (sent or accepted): the pending follow-up
    deadline is done, and the next one is scheduled — by the rule from today's follow-up, or
    on the date agreed. Ongoing support (emotional support…) is followed up this way for as
    long as it lasts."""
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("client", "case", "organisation", "referred_by", "followup_deadline")
        .get(pk=referral.pk)
    )
    if not selectors.can_manage_referral(user=by, referral=current):
        raise PermissionDenied
    if not current.is_open:
        raise ValidationError(_("Only a sent or accepted referral is followed up."))
    if outcome not in choices.FollowUpOutcome.values:
        raise ValidationError({"outcome": _("Choose what you found out.")})
    if outcome == choices.FollowUpOutcome.OTHER and not note.strip():
        raise ValidationError({"note": _("Write what happened.")})
    _check_date(on, field="on", not_before=current.sent_on)
    if next_on is not None and next_on <= on:
        raise ValidationError({"next_on": _("The next follow-up must come after this one.")})
    event = _event(
        current,
        by=by,
        kind=ReferralEvent.Kind.FOLLOW_UP,
        on=on,
        outcome=outcome,
        note=note,
    )
    deadline = current.followup_deadline
    if deadline is not None:
        deadline = Deadline.objects.get(pk=deadline.pk)
        if deadline.is_pending:
            deadline_services.deadline_mark_done(
                deadline=deadline,
                by=by,
                done_on=on,
                note=str(choices.FollowUpOutcome(outcome).label),
            )
    current.followup_deadline = _followup_deadline(current, by=by, trigger=on, on_date=next_on)
    save_tracked(current, by=by, reason=_("Follow-up recorded"))
    return event


# --- Inbound referrals --------------------------------------------------------------------------


@transaction.atomic
def inbound_referral_record(
    *,
    client: Client,
    by: User,
    received_on: datetime.date,
    organisation: Organisation | None = None,
    office: Office | None = None,
    other_source: str = "",
    contact_person: str = "",
    note: str = "",
) -> InboundReferral:
    """Who referred her to the clinic: an organisation of the directory, or the name of one
    that is not there."""
    if not selectors.can_record_inbound(user=by, client=client):
        raise PermissionDenied
    errors = {}
    if organisation is None and not other_source.strip():
        errors["organisation"] = _(
            "Choose the organisation, or write its name if it is not listed."
        )
    if office is not None and (organisation is None or office.organisation_id != organisation.pk):
        errors["office"] = _("Choose an office of the organisation you chose.")
    if errors:
        raise ValidationError(errors)
    _check_date(received_on, field="received_on")
    inbound = InboundReferral(
        client=client,
        organisation=organisation,
        office=office,
        other_source="" if organisation is not None else other_source.strip(),
        received_on=received_on,
        contact_person=contact_person.strip(),
        note=note.strip(),
        recorded_by=by,
    )
    save_tracked(inbound, by=by, reason=_("Inbound referral recorded"))
    return inbound


@transaction.atomic
def inbound_referral_archive(*, inbound: InboundReferral, by: User, reason: str) -> InboundReferral:
    if not selectors.can_record_inbound(user=by, client=inbound.client):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    current = InboundReferral.objects.select_for_update().get(pk=inbound.pk)
    if current.archived_at is not None:
        return current
    current.archived_at, current.archived_by = clock.now(), by
    current.archive_reason = reason.strip()
    save_tracked(current, by=by, reason=_("Archived: %(reason)s") % {"reason": reason.strip()})
    return current

"""The intake lifecycle: draft → submitted (coordinator's unassigned queue) → assigned.

Drafts are created only after consent to legal services has been recorded and the duplicate
check has been answered; nothing sensitive is stored before consent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import choices
from cases.models import (
    Client,
    ClientAssignment,
    ClientNationality,
    ClientNeed,
    ClientPhone,
    ClientUrgentFlag,
    DuplicateDecision,
)
from clinic.accounts.models import Role
from clinic.core import clock

from .codes import client_code_allocate
from .common import save_tracked, save_versioned
from .consent import consent_record, consent_states

DRAFT_RETENTION = timedelta(days=30)


@dataclass
class ConsentAnswer:
    purpose: str
    decision: str
    method: str = ""
    witness_name: str = ""


@dataclass
class DuplicateAnswer:
    candidate: Client
    score: int
    decision: str
    note: str = ""


@dataclass
class PhoneData:
    number: str
    label: str = ""
    has_whatsapp: bool = False
    safe_to_call: bool = False
    safe_to_message: bool = False
    safe_times: str = ""


@dataclass
class PersonData:
    fields: dict
    nationalities: list[str] = field(default_factory=list)
    languages: list = field(default_factory=list)


@transaction.atomic
def client_create_draft(
    *,
    by,
    person: PersonData,
    consents: Iterable[ConsentAnswer],
    duplicates: Iterable[DuplicateAnswer] = (),
) -> Client:
    """Create the draft with her consent records and the answers to the duplicate check.

    Refuses unless consent to legal services is given (signed, fingerprinted or verbal)."""
    consents = list(consents)
    legal = [
        answer
        for answer in consents
        if answer.purpose == choices.ConsentPurpose.LEGAL_SERVICES
        and answer.decision == choices.ConsentDecision.GIVEN
    ]
    if not legal:
        raise ValidationError(_("Record her consent to legal services before anything else."))
    client = Client(
        **person.fields,
        registered_by=by,
        client_code=client_code_allocate(year=clock.today().year),
        status=choices.ClientStatus.DRAFT,
    )
    save_tracked(client, by=by, reason=_("Intake started"))
    _set_nationalities(client=client, codes=person.nationalities, by=by)
    client.languages.set(person.languages)
    for answer in consents:
        consent_record(
            client=client,
            by=by,
            purpose=answer.purpose,
            decision=answer.decision,
            method=answer.method,
            witness_name=answer.witness_name,
        )
    for answer in duplicates:
        save_tracked(
            DuplicateDecision(
                client=client,
                candidate=answer.candidate,
                score=answer.score,
                decision=answer.decision,
                decided_by=by,
                note=answer.note,
            ),
            by=by,
            reason=_("Duplicate check answered"),
        )
    return client


def _set_nationalities(*, client: Client, codes: Iterable[str], by) -> None:
    wanted = set(codes)
    current = {row.country.code: row for row in client.nationalities.all()}
    for code, row in current.items():
        if code not in wanted:
            row._history_user = by
            row.delete()
    for code in wanted - set(current):
        save_tracked(
            ClientNationality(client=client, country=code), by=by, reason=_("Nationality added")
        )


@transaction.atomic
def client_update(
    *,
    client: Client,
    by,
    fields: dict,
    expected_version: int | None,
    nationalities: list[str] | None = None,
    languages: list | None = None,
    reason: str = "",
) -> Client:
    """Change her record. A stale ``expected_version`` raises StaleEditError (nothing saved)."""
    for name, value in fields.items():
        setattr(client, name, value)
    if client.migration_status != choices.MigrationStatus.DETAINED:
        client.detention_place, client.detained_at = "", None
        client.inm_file_number, client.asylum_requested_in_detention = "", False
    if not client.is_pregnant:
        client.due_date = None
    save_versioned(
        client, by=by, reason=reason or _("Record updated"), expected_version=expected_version
    )
    if nationalities is not None:
        _set_nationalities(client=client, codes=nationalities, by=by)
    if languages is not None:
        client.languages.set(languages)
    return client


@transaction.atomic
def client_phones_set(*, client: Client, by, phones: Iterable[PhoneData]) -> None:
    """Replace her phone list (numbers already normalised to E.164)."""
    wanted = {phone.number: phone for phone in phones}
    existing = {row.number: row for row in client.phones.all()}
    for number, row in existing.items():
        if number not in wanted:
            row._history_user = by
            row.delete()
    for number, data in wanted.items():
        row = existing.get(number) or ClientPhone(client=client, number=number)
        row.label, row.has_whatsapp = data.label, data.has_whatsapp
        row.safe_to_call, row.safe_to_message = data.safe_to_call, data.safe_to_message
        row.safe_times = data.safe_times
        save_tracked(row, by=by, reason=_("Phone saved"))


@transaction.atomic
def client_urgent_flags_set(*, client: Client, by, flags: Iterable[str], note: str = "") -> None:
    """Open the flags in ``flags`` that are not open, resolve the open ones that are not."""
    wanted = set(flags)
    open_flags = {row.flag: row for row in client.urgent_flags.filter(resolved_at__isnull=True)}
    for flag, row in open_flags.items():
        if flag not in wanted:
            row.resolved_at = clock.now()
            save_tracked(row, by=by, reason=_("Urgent flag resolved"))
    for flag in wanted - set(open_flags):
        save_tracked(
            ClientUrgentFlag(client=client, flag=flag, note=note, raised_by=by),
            by=by,
            reason=_("Urgent flag raised"),
        )


@transaction.atomic
def client_needs_set(*, client: Client, by, case_types: Iterable[str]) -> None:
    wanted = set(case_types)
    existing = {row.case_type: row for row in client.needs.all()}
    for case_type, row in existing.items():
        if case_type not in wanted:
            row._history_user = by
            row.delete()
    for case_type in wanted - set(existing):
        save_tracked(ClientNeed(client=client, case_type=case_type), by=by, reason=_("Need added"))


@transaction.atomic
def client_submit(*, client: Client, by) -> Client:
    """Finish the intake: she enters the coordinator's unassigned queue with her needs."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status != choices.ClientStatus.DRAFT:
        raise ValidationError(_("This intake was already submitted."))
    states = consent_states(client=client)
    if states[choices.ConsentPurpose.LEGAL_SERVICES] not in (
        choices.ConsentState.GIVEN,
        choices.ConsentState.PENDING_SIGNATURE,
    ):
        raise ValidationError(_("Her consent to legal services is missing or was withdrawn."))
    if not client.needs.exists():
        raise ValidationError(_("Say which legal services she needs before submitting."))
    client.status = choices.ClientStatus.SUBMITTED
    client.submitted_at = clock.now()
    client.intake_date = clock.today()
    client.version += 1
    save_tracked(client, by=by, reason=_("Intake submitted"))
    return client


@transaction.atomic
def client_assign(*, client: Client, attorney, by) -> ClientAssignment:
    """A coordinator puts an attorney on the client's team (the cases issue opens her cases
    from here)."""
    if not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only a coordinator can assign clients."))
    if not attorney.has_role(Role.ATTORNEY):
        raise ValidationError(_("Choose an active attorney."))
    if client.status == choices.ClientStatus.DRAFT:
        raise ValidationError(_("The intake has not been submitted yet."))
    assignment = ClientAssignment.objects.filter(
        client=client, user=attorney, ended_at__isnull=True
    ).first()
    if assignment is None:
        assignment = ClientAssignment(client=client, user=attorney, assigned_by=by)
        save_tracked(assignment, by=by, reason=_("Attorney assigned"))
    if client.status != choices.ClientStatus.ASSIGNED:
        client.status = choices.ClientStatus.ASSIGNED
        client.version += 1
        save_tracked(client, by=by, reason=_("Attorney assigned"))
    return assignment


@transaction.atomic
def client_archive(*, client: Client, by, reason: str) -> Client:
    """Archive instead of deleting: she disappears from lists; the record and its history stay."""
    if not reason.strip():
        raise ValidationError({"archive_reason": _("Give a reason for archiving.")})
    if client.archived_at is not None:
        raise ValidationError(_("This record is already archived."))
    client.archived_at, client.archived_by = clock.now(), by
    client.archive_reason = reason.strip()
    client.version += 1
    save_tracked(client, by=by, reason=_("Archived"))
    return client


@transaction.atomic
def client_restore(*, client: Client, by) -> Client:
    if not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only a coordinator can restore an archived record."))
    client.archived_at, client.archived_by, client.archive_reason = None, None, ""
    client.version += 1
    save_tracked(client, by=by, reason=_("Restored from the archive"))
    return client


def drafts_purge_stale() -> int:
    """Delete intake drafts nobody touched for 30 days (data minimisation: an unfinished
    intake must not keep a woman's data indefinitely). A draft is touched when she or any
    record of hers (family, phones, consent…) changed. Returns how many were removed."""
    cutoff = clock.now() - DRAFT_RETENTION
    drafts = set(
        Client.objects.filter(status=choices.ClientStatus.DRAFT, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    if drafts:
        drafts -= _touched_since(cutoff, candidates=drafts)
    count = 0
    for client in Client.objects.filter(pk__in=drafts):
        with transaction.atomic():
            _delete_with_history(client)
            count += 1
    return count


def _historical_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_app_config("cases").get_models()
        if model.__name__.startswith("Historical")
    ]


def _touched_since(cutoff, *, candidates: set[int]) -> set[int]:
    """Clients among ``candidates`` with any history row since ``cutoff`` (one query per
    record type)."""
    touched: set[int] = set()
    for model in _historical_models():
        names = {field.attname for field in model._meta.fields}
        column = "id" if model.__name__ == "HistoricalClient" else "client_id"
        if column not in names:
            continue
        touched |= set(
            model.objects.filter(
                **{f"{column}__in": candidates}, history_date__gte=cutoff
            ).values_list(column, flat=True)
        )
    return touched


def _delete_with_history(client: Client) -> None:
    """Delete a draft and every historical row about it (simple-history keeps history after a
    delete, which would defeat the purge)."""
    from cases.models import ViolenceIncident, ViolenceIncidentType

    pk = client.pk
    incident_ids = list(
        ViolenceIncident.history.filter(client_id=pk).values_list("id", flat=True).distinct()
    )
    client.delete()
    # Rows that point at her through another record (an incident's violence types).
    ViolenceIncidentType.history.filter(incident_id__in=incident_ids).delete()
    for model in _historical_models():
        names = {field.attname for field in model._meta.fields}
        if "client_id" in names:
            model.objects.filter(client_id=pk).delete()
        elif model.__name__ == "HistoricalClient":
            model.objects.filter(id=pk).delete()

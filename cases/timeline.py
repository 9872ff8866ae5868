"""A client's change timeline, readable in Spanish: who, when, what changed.

Built from simple-history rows of the client and every record that belongs to her, with one
query per record type (constant, whatever her history's length). Restricted records (violence,
crimes, the narrative, "do not disclose" entries) appear to users who may not read them as
"restricted information changed" — never with their values or field names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    Client,
    ClientAssignment,
    ClientNationality,
    ClientNeed,
    ClientPhone,
    ClientUrgentFlag,
    Consent,
    CrimeSuffered,
    DisclosureRestriction,
    DuplicateDecision,
    FamilyMember,
    IdentityDocument,
    ViolenceIncident,
    ViolenceIncidentType,
    ViolenceNarrative,
)

RESTRICTED = {
    ViolenceIncident,
    ViolenceIncidentType,
    CrimeSuffered,
    ViolenceNarrative,
    DisclosureRestriction,
}
TRACKED = [
    Client,
    ClientPhone,
    ClientNationality,
    ClientUrgentFlag,
    ClientNeed,
    ClientAssignment,
    DuplicateDecision,
    Consent,
    FamilyMember,
    IdentityDocument,
    DisclosureRestriction,
    ViolenceIncident,
    ViolenceIncidentType,
    CrimeSuffered,
    ViolenceNarrative,
]
SKIPPED_FIELDS = {"version", "id"}
ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("removed"),
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    when: datetime
    who: object
    what: str
    action: str
    reason: str
    restricted: bool
    changes: list[Change] = field(default_factory=list)


def _display(instance, model_field: models.Field) -> str:
    value = getattr(instance, model_field.attname, None)
    if value in (None, "", [], {}):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):  # a JSON list (fields chosen, warnings seen): its items
        return ", ".join(str(item) for item in value)
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(model_field, models.DateTimeField):
        from django.utils import formats, timezone

        # Spanish month names are common nouns: "1 de diciembre", not "Diciembre"
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT").lower()
    if isinstance(model_field, models.DateField):
        from django.utils import formats

        return formats.date_format(value, "DATE_FORMAT").lower()
    if model_field.is_relation:
        return "—"
    return str(value)


def _history_rows(model, client: Client):
    history = model.history.model.objects.select_related("history_user")
    if model is Client:
        return history.filter(id=client.pk)
    if model is ViolenceIncidentType:
        incident_ids = ViolenceIncident.history.model.objects.filter(client_id=client.pk).values(
            "id"
        )
        return history.filter(incident_id__in=incident_ids)
    return history.filter(client_id=client.pk)


def client_timeline(*, client: Client, can_read_restricted: bool) -> list[TimelineEntry]:
    """Every change to her record, newest first."""
    entries: list[TimelineEntry] = []
    for model in TRACKED:
        restricted = model in RESTRICTED and not can_read_restricted
        entries += _entries(model, _history_rows(model, client), lambda row, r=restricted: r)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def case_timeline(*, case, can_read_restricted: bool) -> list[TimelineEntry]:
    """Every change to a case, its team, events, deadlines, notes and signatures, newest
    first (one query per record type). Restricted notes show as "restricted information
    changed" to users outside her team."""
    from .models import (
        Case,
        CaseAssignment,
        CaseDependant,
        CaseEvent,
        CaseNote,
        Deadline,
        SignatureOccurrence,
        SignatureSchedule,
        StateTransferAuthorisation,
    )

    def rows(model):
        history = model.history.model.objects.select_related("history_user")
        return history.filter(id=case.pk) if model is Case else history.filter(case_id=case.pk)

    entries: list[TimelineEntry] = []
    for model in (
        Case,
        CaseAssignment,
        CaseDependant,
        CaseEvent,
        Deadline,
        SignatureSchedule,
        SignatureOccurrence,
        StateTransferAuthorisation,
    ):
        entries += _entries(model, rows(model), lambda row: False)
    entries += _entries(
        CaseNote, rows(CaseNote), lambda row: row.is_restricted and not can_read_restricted
    )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def deadline_timeline(deadline) -> list[TimelineEntry]:
    """Every change to one deadline, newest first."""
    rows = (
        type(deadline).history.model.objects.filter(id=deadline.pk).select_related("history_user")
    )
    return records_timeline(type(deadline), rows)


def records_timeline(model, history_rows) -> list[TimelineEntry]:
    """Every change in ``history_rows`` (simple-history rows of ``model``), newest first: for
    other apps' history pages (referrals)."""
    entries = _entries(model, history_rows, lambda row: False)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _entries(model, history_rows, is_restricted) -> list[TimelineEntry]:
    fields = [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.name not in SKIPPED_FIELDS
        and not model_field.name.startswith("norm_")
        and model_field.name != "sort_name"
        and model_field.editable
    ]
    entries: list[TimelineEntry] = []
    previous: dict[int, object] = {}
    for row in history_rows.order_by("history_date", "history_id"):
        restricted = is_restricted(row)
        before = previous.get(row.id)
        previous[row.id] = row
        changes: list[Change] = []
        if not restricted and row.history_type != "-":
            for model_field in fields:
                new = _display(row, model_field)
                old = _display(before, model_field) if before is not None else "—"
                if old != new and not (before is None and new == "—"):
                    changes.append(Change(str(model_field.verbose_name), old, new))
            if row.history_type == "~" and not changes:
                continue  # a save that changed nothing visible
        entries.append(
            TimelineEntry(
                when=row.history_date,
                who=row.history_user,
                what=str(model._meta.verbose_name),
                action=str(ACTIONS.get(row.history_type, "")),
                reason="" if restricted else (row.history_change_reason or ""),
                restricted=restricted,
                changes=changes,
            )
        )
    return entries

"""Reads of the partner directory, with the role scope every view goes through.

Partner organisations are public institutions, not clients: every staff role reads the whole
directory (they need it to refer); administrators and coordinators edit it
(docs/permissions.md). A user without a staff role sees nothing (404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.identifiers import format_phone, normalize_name
from clinic.accounts.models import Role

from . import choices
from .models import Office, Organisation

READ_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.ATTORNEY, Role.INTAKE, Role.PSYCHOSOCIAL)
EDIT_ROLES = (Role.ADMIN, Role.COORDINATOR)


def can_read_directory(*, user) -> bool:
    return user.is_authenticated and user.has_role(*READ_ROLES)


def can_edit_directory(*, user) -> bool:
    return user.is_authenticated and user.has_role(*EDIT_ROLES)


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    """Every organisation (archived included) for staff roles; none for anyone else."""
    if not can_read_directory(user=user):
        return Organisation.objects.none()
    return Organisation.objects.all()


def offices_for_user(*, user) -> QuerySet[Office]:
    if not can_read_directory(user=user):
        return Office.objects.none()
    return Office.objects.all()


def organisation_get_for_user(*, user, pk) -> Organisation:
    """The organisation, or 404 outside the user's scope."""
    try:
        return (
            organisations_for_user(user=user)
            .select_related("archived_by")
            .prefetch_related("languages")
            .get(pk=pk)
        )
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def office_get_for_user(*, user, pk) -> Office:
    try:
        return offices_for_user(user=user).select_related("organisation").get(pk=pk)
    except (Office.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def active_offices_prefetch() -> Prefetch:
    return Prefetch(
        "offices",
        queryset=Office.objects.filter(archived_at__isnull=True).order_by(
            "country", "state", "city", "name", "pk"
        ),
        to_attr="active_offices",
    )


def organisation_list_for_user(*, user, filters: dict | None = None) -> QuerySet[Organisation]:
    """Organisations in scope matching ``filters`` (see ``OrganisationFilterForm``):

    * ``q`` — every word must appear, accents and case ignored, in the organisation's search
      text (name, acronym, other names, kind, services, populations, description, notes) or
      in one of its active offices' (name, city, state, address, postal code). The words are
      normalised in Python and matched against stored normalised columns, so this behaves
      the same on SQLite and PostgreSQL;
    * ``kind``, ``service``, ``language`` (a Language), ``state`` (an active office there);
    * ``status`` — active (default), archived or all.

    In Spanish alphabetical order; its active offices and languages are prefetched (a
    constant number of queries)."""
    filters = filters or {}
    queryset = organisations_for_user(user=user)
    status = filters.get("status") or choices.DirectoryStatus.ACTIVE
    if status == choices.DirectoryStatus.ACTIVE:
        queryset = queryset.filter(archived_at__isnull=True)
    elif status == choices.DirectoryStatus.ARCHIVED:
        queryset = queryset.filter(archived_at__isnull=False)
    active_offices = Office.objects.filter(organisation=OuterRef("pk"), archived_at__isnull=True)
    for token in normalize_name(filters.get("q") or "").split():
        queryset = queryset.filter(
            Q(search_text__contains=token)
            | Q(Exists(active_offices.filter(search_text__contains=token)))
        )
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("service"):
        queryset = queryset.filter(filter_tags__contains=f"|svc:{filters['service']}|")
    if filters.get("language"):
        queryset = queryset.filter(languages=filters["language"])
    if filters.get("state"):
        queryset = queryset.filter(Exists(active_offices.filter(state=filters["state"])))
    return queryset.prefetch_related(active_offices_prefetch(), "languages").order_by(
        "sort_name", "pk"
    )


def organisation_offices(*, organisation: Organisation) -> tuple[list[Office], list[Office]]:
    """Its active and its archived offices (one query)."""
    offices = list(organisation.offices.order_by("country", "state", "city", "name", "pk"))
    return (
        [office for office in offices if office.archived_at is None],
        [office for office in offices if office.archived_at is not None],
    )


# --- The consular guard ----------------------------------------------------------------------


def consular_warning(*, organisation: Organisation, client):
    """The client's consular guard when referring her to this organisation would contact a
    danger for asylum seekers (a consulate, or anything marked so) while her family has an
    asylum claim open or granted; otherwise ``None``. For the referrals screen."""
    if not organisation.danger_for_asylum_seekers:
        return None
    from cases.case_selectors import consular_guard

    guard = consular_guard(client)
    return guard if guard.active else None


# --- History ---------------------------------------------------------------------------------

ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("removed"),
}
SKIPPED = {"id", "version", "created_at", "updated_at", "source_key", "sort_name"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def display_value(row, model_field) -> str:
    if row is None:
        return "—"
    value = getattr(row, model_field.attname, None)
    name = model_field.name
    if value in (None, "", []):
        return "—"
    if name == "phones":
        return "; ".join(
            format_phone(entry.get("number", ""))
            + (f" ext. {entry['extension']}" if entry.get("extension") else "")
            + f" ({choices.PhoneKind(entry.get('kind') or 'phone').label})"
            for entry in value
        )
    if name == "emails":
        return "; ".join(
            entry.get("address", "") + (f" ({entry['label']})" if entry.get("label") else "")
            for entry in value
        )
    if name == "services":
        return ", ".join(str(choices.Service(code).label) for code in value)
    if name == "populations":
        return ", ".join(str(choices.Population(code).label) for code in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    if model_field.is_relation:
        return str(getattr(row, model_field.name, "") or "—")
    return str(value)


def _entries(model, rows, describe) -> list[HistoryEntry]:
    fields = [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.name not in SKIPPED
        and model_field.name not in {"search_text"}
        and (model_field.editable or model_field.name.startswith("archive"))
    ]
    entries: list[HistoryEntry] = []
    previous: dict[int, object] = {}
    for row in rows:
        before = previous.get(row.id)
        previous[row.id] = row
        changes = []
        if row.history_type != "-":
            for model_field in fields:
                old, new = display_value(before, model_field), display_value(row, model_field)
                if old != new and not (before is None and new == "—"):
                    changes.append(Change(str(model_field.verbose_name), old, new))
        languages = getattr(row, "language_names", None)
        if languages is not None:
            old_languages = getattr(before, "language_names", "—") if before else "—"
            if languages != old_languages:
                changes.append(Change(_("languages"), old_languages, languages))
        if row.history_type == "~" and not changes:
            continue
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                what=describe(row),
                action=str(ACTIONS[row.history_type]),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def organisation_history(*, organisation: Organisation) -> list[HistoryEntry]:
    """Every change to the organisation and its offices, newest first (three queries)."""
    organisation_rows = list(
        Organisation.history.filter(id=organisation.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    # simple-history keeps each history row's languages in its own table: one query for all.
    language_history = next(
        relation.related_model
        for relation in Organisation.history.model._meta.related_objects
        if relation.field.name == "history"
    )
    names: dict[int, list[str]] = {}
    for link in language_history.objects.filter(
        history_id__in=[row.history_id for row in organisation_rows]
    ).select_related("language"):
        names.setdefault(link.history_id, []).append(str(link.language))
    for row in organisation_rows:
        row.language_names = ", ".join(sorted(names.get(row.history_id, []))) or "—"
    office_rows = (
        Office.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = _entries(Organisation, organisation_rows, lambda row: _("The organisation"))
    entries += _entries(
        Office,
        office_rows,
        lambda row: _("Office %(name)s") % {"name": row.name or row.city or row.id},
    )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries

"""Writes to the partner directory. Every change is validated (``full_clean``), saved with the
acting user and a reason in the history, and never deletes: archiving replaces deletion.

``by`` is the staff member acting, or ``None`` for the directory loader (the history then
reads "system")."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from cases.services.common import save_tracked, save_versioned
from clinic.core import clock

from .choices import OrganisationKind
from .models import Office, Organisation

ORGANISATION_FIELDS = frozenset(
    {
        "name",
        "acronym",
        "other_names",
        "name_inferred",
        "name_note",
        "kind",
        "services",
        "services_detail",
        "populations",
        "website",
        "description",
        "notes",
        "last_verified_on",
        "danger_for_asylum_seekers",
        "lead_time_days",
        "lead_time_note",
        "needs_completion",
        "source",
    }
)
OFFICE_FIELDS = frozenset(
    {
        "name",
        "country",
        "state",
        "city",
        "address",
        "postal_code",
        "phones",
        "emails",
        "opening_hours",
        "contact_person",
        "notes",
    }
)


def _apply(instance, data: dict, allowed: frozenset) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("This field cannot be changed here."))
    for field, value in data.items():
        setattr(instance, field, value)
    if isinstance(instance, Organisation) and instance.kind == OrganisationKind.CONSULATE:
        # A consulate is always a danger for asylum seekers (LRPCAP 21, 32-I); the database
        # refuses anything else.
        instance.danger_for_asylum_seekers = True


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so that colleagues understand later.")})
    return reason


def _set_languages(organisation: Organisation, languages: Iterable, *, reason: str) -> None:
    """Replace its languages; simple-history records the change as its own history row,
    which gets the same reason."""
    wanted = {language.pk for language in languages}
    if wanted == set(organisation.languages.values_list("pk", flat=True)):
        return
    organisation.languages.set(wanted)
    update_change_reason(organisation, reason)


# --- Organisations ---------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, by, data: dict, languages: Iterable | None = None, source_key: str = ""
) -> Organisation:
    """Create an organisation (``data``: fields of ``ORGANISATION_FIELDS``)."""
    organisation = Organisation(source_key=source_key)
    _apply(organisation, data, ORGANISATION_FIELDS)
    reason = _("Loaded from the directory file") if by is None else _("Organisation created")
    save_tracked(organisation, by=by, reason=reason)
    if languages:
        _set_languages(organisation, languages, reason=reason)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by,
    data: dict,
    version: int | None,
    languages: Iterable | None = None,
    reason: str = "",
) -> Organisation:
    """Save changed fields; a stale ``version`` (someone saved meanwhile) raises
    ``StaleEditError`` with the record as it is now. ``version=None`` skips the check (the
    loader, which only fills empty fields)."""
    _apply(organisation, data, ORGANISATION_FIELDS)
    reason = reason or _("Organisation updated")
    save_versioned(organisation, by=by, reason=reason, expected_version=version)
    if languages is not None:
        _set_languages(organisation, languages, reason=reason)
    return organisation


@transaction.atomic
def organisation_archive(*, organisation: Organisation, by, reason: str) -> Organisation:
    """Mark it inactive (it leaves the default list; nothing is deleted; it can be restored)."""
    reason = _require_reason(reason)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.archived_at is not None:
        raise ValidationError(_("This organisation is already archived."))
    organisation.archived_at = clock.now()
    organisation.archived_by = by
    organisation.archive_reason = reason
    organisation.version += 1
    save_tracked(organisation, by=by, reason=_("Archived: %(reason)s") % {"reason": reason})
    return organisation


@transaction.atomic
def organisation_restore(*, organisation: Organisation, by) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.archived_at is None:
        raise ValidationError(_("This organisation is not archived."))
    organisation.archived_at = None
    organisation.archived_by = None
    organisation.archive_reason = ""
    organisation.version += 1
    save_tracked(organisation, by=by, reason=_("Restored"))
    return organisation


# --- Offices ---------------------------------------------------------------------------------


@transaction.atomic
def office_create(*, organisation: Organisation, by, data: dict, source_key: str = "") -> Office:
    """Add a location to an organisation (not to an archived one)."""
    if organisation.archived_at is not None:
        raise ValidationError(_("Restore the organisation before adding offices."))
    office = Office(organisation=organisation, source_key=source_key)
    _apply(office, data, OFFICE_FIELDS)
    reason = _("Loaded from the directory file") if by is None else _("Office created")
    save_tracked(office, by=by, reason=reason)
    return office


@transaction.atomic
def office_update(
    *, office: Office, by, data: dict, version: int | None, reason: str = ""
) -> Office:
    _apply(office, data, OFFICE_FIELDS)
    save_versioned(office, by=by, reason=reason or _("Office updated"), expected_version=version)
    return office


@transaction.atomic
def office_archive(*, office: Office, by, reason: str) -> Office:
    reason = _require_reason(reason)
    office = Office.objects.select_for_update().get(pk=office.pk)
    if office.archived_at is not None:
        raise ValidationError(_("This office is already archived."))
    office.archived_at = clock.now()
    office.archived_by = by
    office.archive_reason = reason
    office.version += 1
    save_tracked(office, by=by, reason=_("Archived: %(reason)s") % {"reason": reason})
    return office


@transaction.atomic
def office_restore(*, office: Office, by) -> Office:
    office = Office.objects.select_for_update().get(pk=office.pk)
    if office.archived_at is None:
        raise ValidationError(_("This office is not archived."))
    if office.organisation.archived_at is not None:
        raise ValidationError(_("Restore the organisation first."))
    office.archived_at = None
    office.archived_by = None
    office.archive_reason = ""
    office.version += 1
    save_tracked(office, by=by, reason=_("Restored"))
    return office

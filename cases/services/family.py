"""Family members and identity documents: created, edited and archived (never deleted).

Every function is atomic, validates the record (``full_clean`` and the rules below) and records
the acting user and a change reason in history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Client, FamilyMember, IdentityDocument
from clinic.core import clock

from .common import save_tracked, save_versioned

FAMILY_MEMBER_FIELDS = frozenset(
    {
        "relationship",
        "given_names",
        "first_surname",
        "second_surname",
        "date_of_birth",
        "date_of_birth_estimated",
        "sex",
        "nationality",
        "residence",
        "life_status",
        "born_in_mexico",
        "birth_registered",
        "is_dependant",
        "school_enrolled",
        "notes",
    }
)
IDENTITY_DOCUMENT_FIELDS = frozenset(
    {"document_type", "number", "issuer", "issue_date", "expiry_date", "status", "cost"}
)


def born_in_mexico_dependant_error() -> ValidationError:
    return ValidationError(
        {
            "is_dependant": _(
                "A child born in Mexico is Mexican and cannot be a dependant in an asylum "
                "claim. Register the birth instead."
            )
        },
        code="born_in_mexico_dependant",
    )


def _apply(instance, fields: dict, allowed: frozenset) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)


def _check_family_member(member: FamilyMember) -> None:
    # Also a database check constraint; said here first so the user reads a clear message.
    if member.born_in_mexico and member.is_dependant:
        raise born_in_mexico_dependant_error()


@transaction.atomic
def family_member_create(*, client: Client, by, fields: dict) -> FamilyMember:
    """Add a family member to ``client``. Refuses a child born in Mexico as an asylum
    dependant (she or he is Mexican, Const. art. 30)."""
    member = FamilyMember(client=client)
    _apply(member, fields, FAMILY_MEMBER_FIELDS)
    _check_family_member(member)
    save_versioned(member, by=by, reason=_("Family member added"), expected_version=None)
    return member


@transaction.atomic
def family_member_update(
    *, member: FamilyMember, by, fields: dict, expected_version: int | None
) -> FamilyMember:
    """Change a family member. A stale ``expected_version`` raises ``StaleEditError`` with the
    record as it is now (nothing saved); an archived member cannot be changed."""
    if member.is_archived:
        raise ValidationError(_("This family member is archived and cannot be changed."))
    _apply(member, fields, FAMILY_MEMBER_FIELDS)
    _check_family_member(member)
    save_versioned(
        member, by=by, reason=_("Family member updated"), expected_version=expected_version
    )
    return member


@transaction.atomic
def family_member_archive(*, member: FamilyMember, by, reason: str) -> FamilyMember:
    """Archive instead of deleting: the member leaves the lists, the record and history stay.
    Her or his identity documents stay too (they are listed with the member's name)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    if member.is_archived:
        raise ValidationError(_("This record is already archived."))
    member.archived_at, member.archived_by = clock.now(), by
    member.archive_reason = reason.strip()
    member.version += 1  # an edit opened before the archival is now stale
    save_tracked(member, by=by, reason=_("Family member archived"))
    return member


def _check_owner(client: Client, family_member: FamilyMember | None) -> None:
    if family_member is None:
        return
    if family_member.client_id != client.pk:
        raise ValidationError({"owner": _("Choose her or one of her family members.")})
    if family_member.is_archived:
        raise ValidationError({"owner": _("This family member is archived.")})


@transaction.atomic
def identity_document_create(
    *, client: Client, by, fields: dict, family_member: FamilyMember | None = None
) -> IdentityDocument:
    """Record an identity document of ``client`` (``family_member`` None) or of one of her
    family members. Expiry must not be before issue; the cost is never negative."""
    _check_owner(client, family_member)
    document = IdentityDocument(client=client, family_member=family_member, recorded_by=by)
    _apply(document, fields, IDENTITY_DOCUMENT_FIELDS)
    _check_dates(document)
    save_tracked(document, by=by, reason=_("Identity document added"))
    return document


@transaction.atomic
def identity_document_update(
    *,
    document: IdentityDocument,
    by,
    fields: dict,
    family_member: FamilyMember | None = None,
) -> IdentityDocument:
    """Change a document (its owner included)."""
    if document.is_archived:
        raise ValidationError(_("This document is archived and cannot be changed."))
    _check_owner(document.client, family_member)
    document.family_member = family_member
    _apply(document, fields, IDENTITY_DOCUMENT_FIELDS)
    _check_dates(document)
    save_tracked(document, by=by, reason=_("Identity document updated"))
    return document


@transaction.atomic
def identity_document_archive(*, document: IdentityDocument, by, reason: str) -> IdentityDocument:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    if document.is_archived:
        raise ValidationError(_("This record is already archived."))
    document.archived_at, document.archived_by = clock.now(), by
    document.archive_reason = reason.strip()
    save_tracked(document, by=by, reason=_("Identity document archived"))
    return document


def _check_dates(document: IdentityDocument) -> None:
    if document.issue_date and document.expiry_date and document.expiry_date < document.issue_date:
        raise ValidationError(
            {"expiry_date": _("The expiry date cannot be before the issue date.")}
        )

"""Safety: "do not disclose to" entries (a person or a group she must never be exposed to).

Entries are added and archived, never edited in place or deleted, so the history shows what
was known when. The conflict check (``cases.selectors.conflict_matches``) reads them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Client, DisclosureRestriction
from clinic.core import clock

from .common import save_tracked


@transaction.atomic
def disclosure_restriction_add(
    *, client: Client, by, kind: str, name: str = "", identifiers: str = ""
) -> DisclosureRestriction:
    """Add a "do not disclose to" entry. It needs a name or at least one identifier."""
    name, identifiers = name.strip(), identifiers.strip()
    if not name and not identifiers:
        raise ValidationError(
            {"name": _("Give a name or something that identifies the person or group.")}
        )
    restriction = DisclosureRestriction(
        client=client, kind=kind, name=name, identifiers=identifiers, recorded_by=by
    )
    save_tracked(restriction, by=by, reason=_("Do-not-disclose entry added"))
    return restriction


@transaction.atomic
def disclosure_restriction_archive(
    *, restriction: DisclosureRestriction, by, reason: str
) -> DisclosureRestriction:
    """Archive an entry that no longer applies (it stops taking part in the conflict check)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    if restriction.is_archived:
        raise ValidationError(_("This record is already archived."))
    restriction.archived_at, restriction.archived_by = clock.now(), by
    restriction.archive_reason = reason.strip()
    save_tracked(restriction, by=by, reason=_("Do-not-disclose entry archived"))
    return restriction

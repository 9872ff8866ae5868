"""Violence incidents, crimes suffered and her narrative — restricted data.

Anyone with the client in scope may add (``can_write_restricted``); only readers
(``can_read_restricted``: coordinators, her team, intake staff while the intake is a draft) may
replace the narrative, because replacing needs reading. Everyone else appends to it. The
services enforce this themselves, whatever view calls them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import choices
from cases.models import (
    Client,
    CrimeSuffered,
    ViolenceIncident,
    ViolenceIncidentType,
    ViolenceNarrative,
)
from cases.selectors import can_read_restricted, can_write_restricted
from clinic.core import clock

from .common import save_tracked


def _require_writer(client: Client, by) -> None:
    if not can_write_restricted(user=by, client=client):
        raise PermissionDenied


@transaction.atomic
def violence_incident_add(
    *,
    client: Client,
    by,
    violence_types: Iterable[str],
    perpetrator: str,
    place: str,
    modality: str = "",
    mexican_state: str = "",
    approximate_date: datetime.date | None = None,
) -> ViolenceIncident:
    """Record an incident with one row per violence type (LGAMVLV art. 6), so statistics can
    cross type, perpetrator and place in SQL. At least one type is required."""
    _require_writer(client, by)
    types = sorted(set(violence_types))
    if not types:
        raise ValidationError({"violence_types": _("Choose at least one type of violence.")})
    if mexican_state and place not in (choices.IncidentPlace.MEXICO, choices.IncidentPlace.TRANSIT):
        raise ValidationError(
            {"mexican_state": _("A state in Mexico applies only to incidents in Mexico.")}
        )
    incident = ViolenceIncident(
        client=client,
        modality=modality,
        perpetrator=perpetrator,
        place=place,
        mexican_state=mexican_state,
        approximate_date=approximate_date,
        recorded_by=by,
    )
    save_tracked(incident, by=by, reason=_("Violence incident recorded"))
    for violence_type in types:
        save_tracked(
            ViolenceIncidentType(incident=incident, violence_type=violence_type),
            by=by,
            reason=_("Violence incident recorded"),
        )
    return incident


@transaction.atomic
def crime_add(
    *,
    client: Client,
    by,
    crime_type: str,
    place: str = "",
    mexican_state: str = "",
    approximate_date: datetime.date | None = None,
    reported: bool = False,
    reported_to: str = "",
    case_file_number: str = "",
) -> CrimeSuffered:
    """Record a crime she suffered (the basis of the crime-victim route)."""
    _require_writer(client, by)
    if not reported and (reported_to.strip() or case_file_number.strip()):
        raise ValidationError(
            {"reported": _("Tick “reported” when you give the prosecutor's office or file.")}
        )
    crime = CrimeSuffered(
        client=client,
        crime_type=crime_type,
        place=place,
        mexican_state=mexican_state,
        approximate_date=approximate_date,
        reported=reported,
        reported_to=reported_to.strip(),
        case_file_number=case_file_number.strip(),
        recorded_by=by,
    )
    save_tracked(crime, by=by, reason=_("Crime recorded"))
    return crime


def _narrative_for_update(client: Client) -> ViolenceNarrative:
    # Not get_or_create: its bare save() would write a history row without the acting user.
    narrative = ViolenceNarrative.objects.select_for_update().filter(client=client).first()
    return narrative or ViolenceNarrative(client=client)


@transaction.atomic
def narrative_save(*, client: Client, by, text: str) -> ViolenceNarrative:
    """Replace her narrative. Only people who may read it may replace it."""
    if not can_read_restricted(user=by, client=client):
        raise PermissionDenied
    narrative = _narrative_for_update(client)
    narrative.text = text.strip()
    save_tracked(narrative, by=by, reason=_("Narrative saved"))
    return narrative


@transaction.atomic
def narrative_append(*, client: Client, by, text: str) -> ViolenceNarrative:
    """Add to her narrative without reading it: the text goes at the end under a date line."""
    _require_writer(client, by)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write what you want to add.")})
    narrative = _narrative_for_update(client)
    date_line = f"— {clock.today().isoformat()} —"
    narrative.text = "\n\n".join(part for part in (narrative.text, date_line, text) if part)
    save_tracked(narrative, by=by, reason=_("Narrative added to"))
    return narrative

"""A case with everything a document can print, and reading a PDF's text (pdftotext)."""

from __future__ import annotations

import datetime
import subprocess

from django.utils import timezone

from cases import choices
from cases.models import CaseDependant, ClientNationality, Language
from cases.services import cases as case_services
from tests.cases.factories import ClientFactory, FamilyMemberFactory

D = datetime.date
K = choices.EventKind


def pdf_text(data: bytes) -> str:
    """The text of a PDF as poppler extracts it (what a search or a screen reader sees)."""
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def pdf_pages(data: bytes) -> int:
    result = subprocess.run(["/usr/bin/pdfinfo", "-"], input=data, capture_output=True, check=True)
    line = next(row for row in result.stdout.decode().splitlines() if row.startswith("Pages:"))
    return int(line.split()[1])


def rich_case(*, coordinator, attorney, given_names="María", surnames=("Peña", "Núñez")):
    """An asylum case of María Peña Núñez (Honduras) with a daughter, the filing by
    representative, a filing, a refusal and a prevention recorded."""
    client = ClientFactory(
        given_names=given_names,
        first_surname=surnames[0],
        second_surname=surnames[1],
        entry_date=D(2026, 10, 26),
        entry_place="Ciudad Hidalgo, Chiapas",
        date_of_birth=D(1992, 3, 14),
        notification_address="Albergue Señora de Guadalupe, Tapachula",
        current_city="Tapachula",
        current_state="MX-CHP",
        filing_possible_reason="estuvo retenida por un grupo criminal",
    )
    ClientNationality.objects.create(client=client, country="HN")
    french = Language.objects.filter(code="fr").first()
    if french:
        client.languages.add(french)
    daughter = FamilyMemberFactory(
        client=client,
        given_names="Sofía",
        first_surname="Peña",
        second_surname="Núñez",
        date_of_birth=D(2017, 5, 9),
        nationality="HN",
        sex="female",
        is_dependant=True,
    )
    case = case_services.case_open(
        client=client,
        case_type=choices.CaseType.ASYLUM,
        by=coordinator,
        attorney=attorney,
        summary="Huyó de Honduras con su niña tras amenazas de una pandilla; año 2026.",
    )
    CaseDependant.objects.get_or_create(case=case, family_member=daughter)
    case.comar_office = "Oficina de Representación en Tapachula"
    case.comar_state = "MX-CHP"
    case.comar_folio = "TAP-2026-0042"
    case.save()
    case_services.event_record(
        case=case, kind=K.REPRESENTATION_FILED, by=attorney, occurred_on=D(2026, 11, 18)
    )
    case_services.event_record(
        case=case, kind=K.FILING, by=attorney, occurred_on=D(2026, 11, 18), authority="comar"
    )
    case_services.event_record(
        case=case,
        kind=K.DECISION,
        by=attorney,
        occurred_on=D(2026, 11, 19),
        authority="comar",
        result="refused",
        notified_on=D(2026, 11, 20),
        notification_method="personal",
    )
    case_services.event_record(
        case=case,
        kind=K.DETENTION,
        by=attorney,
        occurred_at=timezone.make_aware(datetime.datetime(2026, 11, 21, 22, 30)),
    )
    case.refresh_from_db()
    return case

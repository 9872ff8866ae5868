"""The client's COMAR signature card: a one-page PDF in Spanish, English or French (other
languages fall back to Spanish), with her office, day, next dates and what to do before moving;
the download's headers and audit; no schedule, no card. The permission matrix is in
test_case_permissions.py.

Set ``ACOMPANA_PDF_DIR=/some/folder`` to keep the PDFs (then ``pdftoppm -r 70 -png``)."""

import datetime
import itertools
import os
from pathlib import Path

import pytest
from django.urls import reverse

from cases import choices
from cases.documents.texts_card import frequency, long_date
from cases.models import Language, Letterhead, SignatureOccurrence
from cases.services import cases as case_services
from cases.services import signature_card as card_services
from clinic.audit.models import AuditEvent
from tests.cases.document_support import pdf_pages, pdf_text, rich_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def people(make_user):
    return {"coordinator": make_user("coordinator"), "attorney": make_user("attorney")}


@pytest.fixture
def case(people, clock):
    """María Peña Núñez (speaks French), signing every Wednesday from Monday 23 November 2026
    at the Tapachula office; the clinic's phone on the letterhead."""
    case = rich_case(coordinator=people["coordinator"], attorney=people["attorney"])
    Letterhead.objects.create(pk=1, name="Clínica Acompaña", phone="+52 55 1234 5678")
    case_services.signature_schedule_set(
        case=case,
        by=people["attorney"],
        weekday=2,
        every_weeks=1,
        starts_on=D(2026, 11, 23),
        office="Oficina de Representación en Tapachula",
    )
    return case


def _keep(name: str, data: bytes) -> None:
    folder = os.environ.get("ACOMPANA_PDF_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(data)


def _download(browser, case, language=None):
    url = reverse("cases:signature_card", args=[case.pk])
    return browser.get(url, {"idioma": language} if language else {})


def _text(response) -> str:
    return " ".join(pdf_text(response.content).split())


EXPECTED = {
    "es": [
        "Tu firma en la COMAR",
        "Todos los miércoles",
        "miércoles 25 de noviembre de 2026",
        "miércoles 2 de diciembre de 2026",
        "miércoles 27 de enero de 2027",
        "Habla con tu abogada ANTES de mudarte.",
        "La COMAR debe autorizar el traslado",
        "Llama a tu abogada: +52 55 1234 5678",
    ],
    "en": [
        "Your COMAR signature",
        "Every Wednesday",
        "Wednesday 25 November 2026",
        "Wednesday 2 December 2026",
        "Wednesday 27 January 2027",
        "Talk to your attorney BEFORE you move.",
        "COMAR must authorise moving your claim",
        "Call your attorney: +52 55 1234 5678",
    ],
    "fr": [
        "Votre signature à la COMAR",
        "Tous les mercredis",
        "mercredi 25 novembre 2026",
        "mercredi 2 décembre 2026",
        "mercredi 27 janvier 2027",
        "Parlez à votre avocate AVANT de déménager.",
        "La COMAR doit autoriser le transfert",
        "Appelez votre avocate : +52 55 1234 5678",
    ],
}


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_the_card_prints_her_dates_office_and_move_advice_in_her_language(
    verified_client, people, case, language
):
    # when
    response = _download(verified_client(people["attorney"]), case, language)
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _keep(f"signature-card-{language}.pdf", response.content)
    assert pdf_pages(response.content) == 1
    text = _text(response)
    for phrase in EXPECTED[language]:
        assert phrase in text, (language, phrase)
    assert "María Peña Núñez" in text
    assert "Comisión Mexicana de Ayuda a Refugiados" in text
    assert case.case_number in text
    assert "Oficina de Representación en Tapachula · Chiapas" in text
    assert "+52 55 1234 5678" in text
    # ten dates, none of them before today (Monday 23 November 2026)
    assert long_date(D(2027, 1, 27), language) in text
    assert long_date(D(2027, 2, 3), language) not in text
    assert long_date(D(2026, 11, 18), language) not in text


def test_the_card_defaults_to_her_language_french(verified_client, people, case):
    response = _download(verified_client(people["attorney"]), case)
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.case_number}-tarjeta-de-firmas-fr.pdf"'
    )
    assert "mercredi 2 décembre 2026" in _text(response)


def test_a_haitian_creole_speaker_gets_the_spanish_card(verified_client, people, case):
    # given she speaks Haitian Creole only
    client = case.client
    client.languages.set([Language.objects.get(code="ht")])
    # when
    response = _download(verified_client(people["attorney"]), case)
    # then
    text = _text(response)
    assert response["Content-Disposition"].endswith('-tarjeta-de-firmas-es.pdf"')
    assert "miércoles 2 de diciembre de 2026" in text
    assert "Todos los miércoles" in text
    assert "mercredi" not in text


def test_an_unknown_language_parameter_falls_back_to_hers(verified_client, people, case):
    response = _download(verified_client(people["attorney"]), case, "ht")
    assert response["Content-Disposition"].endswith('-tarjeta-de-firmas-fr.pdf"')


def test_the_download_is_an_audited_attachment_never_cached(verified_client, people, case):
    browser = verified_client(people["coordinator"])
    response = _download(browser, case, "es")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    schedule = card_services.current_schedule(case)
    event = AuditEvent.objects.get(action="download")
    assert (event.user, event.object_type, event.object_pk) == (
        people["coordinator"],
        "cases.signatureschedule",
        str(schedule.pk),
    )


def test_without_a_schedule_the_case_page_says_so(verified_client, people, clock):
    # given an asylum case with no signature schedule
    case = rich_case(coordinator=people["coordinator"], attorney=people["attorney"])
    browser = verified_client(people["attorney"])
    # when
    response = _download(browser, case, "es")
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk]) + "#signatures"
    page = browser.get(response["Location"]).content.decode()
    assert "Set the signature schedule first" in page or "Registra primero" in page
    assert not AuditEvent.objects.filter(action="download").exists()


def test_a_closed_case_prints_no_card(verified_client, people, case):
    # given the case closed (its future signatures suspended)
    case_services.case_set_status(
        case=case,
        by=people["coordinator"],
        status=choices.CaseStatus.CLOSED,
        outcome=choices.OUTCOMES_BY_TYPE[case.case_type][0],
        version=case.version,
    )
    # when
    response = _download(verified_client(people["attorney"]), case, "es")
    # then
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="download").exists()


def test_dates_skip_signatures_already_recorded_and_follow_the_rule_past_the_rows(case):
    # given every fourth Wednesday: the 12-week rows hold only three dates
    schedule = case_services.signature_schedule_set(
        case=case,
        by=case.created_by,
        weekday=2,
        every_weeks=4,
        starts_on=D(2026, 11, 23),
    )
    first = SignatureOccurrence.objects.filter(schedule=schedule).order_by("due_on").first()
    first.status = choices.SignatureStatus.SUSPENDED
    first.save()
    # when
    dates = card_services.card_dates(schedule, today=D(2026, 11, 23))
    # then: the suspended one is left out, then every fourth Wednesday
    assert dates[:3] == [D(2026, 12, 23), D(2027, 1, 20), D(2027, 2, 17)]
    assert len(dates) == card_services.CARD_DATES
    assert all(day.weekday() == 2 for day in dates)
    assert all((later - earlier).days == 28 for earlier, later in itertools.pairwise(dates))


def test_the_rule_continues_when_there_are_no_rows(case):
    schedule = card_services.current_schedule(case)
    schedule.occurrences.all().delete()
    assert card_services.card_dates(schedule, today=D(2026, 12, 3))[:2] == [
        D(2026, 12, 9),
        D(2026, 12, 16),
    ]


def test_days_comar_suspended_are_never_printed(case):
    # given COMAR suspended every signature in the 12 weeks of rows
    schedule = card_services.current_schedule(case)
    schedule.occurrences.update(status=choices.SignatureStatus.SUSPENDED)
    last_row = schedule.occurrences.order_by("-due_on").first().due_on
    # when
    dates = card_services.card_dates(schedule, today=D(2026, 11, 23))
    # then the card starts after them
    assert dates[0] == last_row + datetime.timedelta(weeks=1)


def test_words_of_dates_and_frequencies():
    assert long_date(D(2026, 12, 7), "es") == "lunes 7 de diciembre de 2026"
    assert long_date(D(2026, 12, 7), "en") == "Monday 7 December 2026"
    assert long_date(D(2026, 12, 7), "fr") == "lundi 7 décembre 2026"
    assert frequency(0, 1, "es") == "Todos los lunes"
    assert frequency(2, 2, "fr") == "Un mercredi sur deux"


def test_the_case_page_offers_the_card_in_her_language(verified_client, people, case):
    page = verified_client(people["attorney"]).get(reverse("cases:case_detail", args=[case.pk]))
    html = page.content.decode()
    assert reverse("cases:signature_card", args=[case.pk]) in html
    assert '<option value="fr" selected>' in html


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_card_stays_on_one_page_with_the_longest_texts(verified_client, people, case, language):
    # given the longest office, clinic address and name the fields allow
    schedule = card_services.current_schedule(case)
    schedule.office = ("Oficina de Representación de la COMAR en Tapachula, Chiapas " * 3)[:120]
    schedule.save()
    Letterhead.objects.filter(pk=1).update(
        name="Clínica de Acompañamiento Jurídico a Mujeres Migrantes y Refugiadas " * 2,
        address=("Calle Benito Juárez 1234, colonia Centro, Tapachula de Córdova y Ordóñez " * 4)[
            :300
        ],
    )
    client = case.client
    client.given_names, client.first_surname = "María Guadalupe Esperanza del Carmen", "Peña"
    client.second_surname = "Núñez de la Santísima Trinidad"
    client.save()
    # when
    response = _download(verified_client(people["attorney"]), case, language)
    # then
    _keep(f"signature-card-long-{language}.pdf", response.content)
    assert pdf_pages(response.content) == 1
    assert long_date(D(2027, 1, 27), language) in _text(response)

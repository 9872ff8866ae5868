"""Referrals in Chromium (issue 6): an attorney refers her client to Sin Fronteras for
psychosocial support from the case page. Sending is blocked while the client has not signed her
consent to share with partners; the attorney records the signed consent and sends it; the
letter (a PDF) holds only the details she chose to share; the follow-up deadline shows in
"Esta semana"; she records who referred the client to the clinic. No CSP violation anywhere."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases import choices
from cases.models import ClientNationality, ClientPhone, Language
from cases.services import cases as case_services
from directory.loader import load_directory
from directory.models import Organisation
from referrals.models import Referral
from tests.browser.test_login_roles import log_in
from tests.cases.document_support import pdf_text
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def test_an_attorney_refers_her_client_to_sin_fronteras_behind_the_consent_gate(
    csp_page, live_server, screenshot_dir, clock
):
    # given: the curated directory, and Lucía's client María with an asylum case; María gave
    # consent to legal services at intake, not to sharing with partners
    load_directory()
    sin_fronteras = Organisation.objects.get(name__startswith="Sin Fronteras")
    PrivacyNoticeFactory()
    coordinator = UserFactory(roles=("coordinator",))
    lucia = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    client = ClientFactory(
        given_names="María",
        first_surname="Peña",
        second_surname="Núñez",
        date_of_birth=D(1992, 3, 14),
        current_city="Tapachula",
        current_state="MX-CHP",
    )
    ClientNationality.objects.create(client=client, country="HN")
    client.languages.add(Language.objects.get(code="es"))
    ClientPhone.objects.create(client=client, number="+529621234567", safe_to_call=True)
    case = case_services.case_open(
        client=client, case_type=choices.CaseType.ASYLUM, by=coordinator, attorney=lucia
    )
    page = csp_page
    log_in(page, live_server, lucia, confirmed_device(lucia))

    # when: she refers María from the case page, sharing her name and languages (the default)
    page.goto(live_server.url + reverse("cases:case_detail", args=[case.pk]))
    page.locator("#referrals").get_by_role("link", name="Canalizar").click()
    expect(page.locator("h1")).to_have_text(f"Canalizar a {client.client_code}")
    expect(page.locator("#id_case")).to_have_value(str(case.pk))
    page.locator("#id_organisation").select_option(str(sin_fronteras.pk))
    offices = page.locator("#id_office option:not([hidden])")
    expect(offices).to_have_count(1 + sin_fronteras.offices.count())  # "any office" + its own
    page.get_by_label("Acompañamiento psicosocial").check()
    page.locator("#id_reason").fill("Sobreviviente de violencia; pide apoyo emocional.")
    page.get_by_label("Acompañamiento continuo (p. ej., apoyo emocional)").check()
    page.screenshot(path=screenshot_dir / "referral-form.png", full_page=True)
    page.get_by_role("button", name="Guardar borrador").click()

    # then: the draft cannot be sent — her signed consent to share is missing
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("[data-testid=consent-gate]")).to_contain_text("Todavía no se puede enviar")
    page.screenshot(path=screenshot_dir / "referral-draft-blocked.png", full_page=True)
    page.get_by_role("link", name="Revisar y enviar").click()
    expect(page.locator("[data-testid=consent-gate]")).to_be_visible()
    expect(page.get_by_role("button", name="Registrar como enviada")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "referral-send-blocked.png", full_page=True)
    referral = Referral.objects.get()
    assert (referral.status, referral.followup_deadline) == ("draft", None)

    # when: she records María's signed consent to share with partners (the gate's link)
    page.locator("[data-testid=consent-gate]").get_by_role(
        "link", name="Registrar su consentimiento firmado"
    ).click()
    expect(page.locator("#id_purpose")).to_have_value("sharing")
    page.locator("#id_method").select_option("signature")
    page.locator("#id_note").fill("Formato firmado en su expediente físico")
    page.get_by_role("button", name="Registrar", exact=True).click()
    expect(page.locator(".message--success")).to_have_text("Consentimiento registrado.")
    page.screenshot(path=screenshot_dir / "referral-consent.png", full_page=True)

    # then: the referral can be sent
    page.goto(live_server.url + reverse("referrals:referral_send", args=[referral.pk]))
    expect(page.locator("[data-testid=consent-gate]")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "referral-send.png", full_page=True)
    page.get_by_role("button", name="Registrar como enviada").click()
    expect(page.locator("h1")).to_contain_text("Enviada")
    referral.refresh_from_db()
    assert (referral.status, referral.sent_on) == ("sent", D(2026, 11, 23))
    follow_up = referral.followup_deadline
    assert (follow_up.due_date, follow_up.case) == (D(2026, 12, 7), case)
    page.screenshot(path=screenshot_dir / "referral-sent.png", full_page=True)

    # and the letter holds only her name and languages
    with page.expect_download() as download_info:
        page.locator("[data-testid=letter]").click()
    download = download_info.value
    assert download.suggested_filename == f"canalizacion-R-{referral.pk}.pdf"
    with open(download.path(), "rb") as letter:
        text = " ".join(pdf_text(letter.read()).split())
    assert "Sin Fronteras" in text
    assert "María Peña Núñez" in text
    assert "Español" in text
    for not_shared in (
        "14 de marzo de 1992",
        "962 123 4567",
        "Honduras",
        "Tapachula",
        "Sobreviviente",
        case.case_number,
        "Solicitante de asilo",
    ):
        assert not_shared not in text, not_shared

    # and the follow-up is in her week two weeks from now (Mon 7 Dec)
    page.goto(live_server.url + reverse("cases:week") + "?semana=2")
    row = page.locator(".week-item", has_text=f"Seguimiento de la canalización R-{referral.pk}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(case.case_number)
    page.screenshot(path=screenshot_dir / "referral-week.png", full_page=True)
    row.get_by_role("link").click()
    page.get_by_role("link", name=f"Abrir la canalización R-{referral.pk}").click()

    # when: Sin Fronteras tells her they accepted María, and she records who sent María to the
    # clinic
    page.locator("#id_status-to_status").select_option("accepted")
    page.locator("#id_status-on").fill("2026-11-23")
    page.get_by_role("button", name="Guardar estado").click()
    expect(page.locator("h1")).to_contain_text("Aceptada")
    page.get_by_role("link", name="Historial").click()
    expect(page.locator(".timeline__entry").first).to_be_visible()
    page.screenshot(path=screenshot_dir / "referral-history.png", full_page=True)
    page.goto(live_server.url + reverse("referrals:inbound_create", args=[client.pk]))
    page.locator("#id_organisation").select_option(
        str(Organisation.objects.get(acronym="IMUMI").pk)
    )
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator("#referrals")).to_contain_text("Canalizada a la clínica por")
    expect(page.locator("#referrals")).to_contain_text("Instituto para las Mujeres en la Migración")
    page.locator("#referrals").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "referral-client-page.png", full_page=True)

    # and the list and the organisation's page count it
    page.goto(live_server.url + reverse("referrals:referral_list"))
    expect(page.locator("[data-testid=referral-row]")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "referral-list.png", full_page=True)
    page.goto(live_server.url + reverse("directory:organisation_detail", args=[sin_fronteras.pk]))
    expect(page.locator("[data-testid=referral-counts]")).to_contain_text("Aceptada")
    page.collect_violations()

"""In a real browser, in Spanish, on a phone-sized screen: an intake worker registers a woman
with a baby, pregnant, with an approximate entry date, from consent to submission, and a
coordinator finds her in the unassigned queue with her urgent flag. Registering "Maria Jose
Perez" shows an existing "María José Pérez López" as likely the same person before anything is
saved. Any Content Security Policy violation, console error or page error fails the test.

Fields are found by their ``name`` (their labels come from the models); headings, buttons and
messages are asserted in Spanish."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Client, Language
from tests.browser.test_login_roles import log_in
from tests.cases.test_intake_flow import publish_notice, register
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _save_and_continue(page):
    page.get_by_role("button", name="Guardar y continuar").first.click()


def _give_consent(page, live_server):
    page.goto(f"{live_server.url}{reverse('cases:intake_consent')}")
    expect(page.locator("h1")).to_have_text("Aviso de privacidad y consentimiento")
    expect(page.locator(".intake-notice h2")).to_have_text("Aviso de privacidad integral")
    for purpose in ("legal_services", "sharing", "statistics", "contact"):
        page.locator(f'input[name="purpose_{purpose}"][value="given"]').check()
    page.locator('input[name="purpose_testimony"][value="not_given"]').check()
    page.locator('input[name="method"][value="signature"]').check()
    _save_and_continue(page)


def test_intake_from_consent_to_the_coordinators_queue_on_a_phone(
    csp_page, live_server, screenshot_dir, clock
):
    # given
    page = csp_page
    page.set_viewport_size(PHONE)
    intake = UserFactory(roles=("intake",), first_name="Lucía")
    publish_notice(intake)
    spanish = Language.objects.get(code="es")
    log_in(page, live_server, intake, confirmed_device(intake))
    layouts_fit = []

    # when: consent
    _give_consent(page, live_server)

    # person
    expect(page.locator("h1")).to_have_text("Quién es")
    expect(page.locator('.intake-steps [aria-current="step"]')).to_have_text("Persona")
    page.locator('[name="given_names"]').fill("Marta")
    page.locator('[name="first_surname"]').fill("Ramírez")
    page.locator('[name="second_surname"]').fill("Cruz")
    page.locator('[name="date_of_birth"]').fill("1998-04-12")
    page.locator('[name="date_of_birth_estimated"]').check()
    page.locator('[name="nationalities"]').select_option("HN")
    page.locator('[name="country_of_birth"]').select_option("HN")
    page.locator(f'[name="languages"][value="{spanish.pk}"]').check()
    page.locator('[name="phone"]').fill("+504 9999 8888")
    layouts_fit.append(_no_horizontal_scroll(page))
    page.screenshot(path=screenshot_dir / "intake-person.png", full_page=True)
    _save_and_continue(page)

    # family: her 6-month-old son
    expect(page.locator("h1")).to_have_text("Su familia")
    expect(page.locator(".message--success")).to_contain_text("iniciado")
    page.locator('[name="add-relationship"]').select_option("child")
    page.locator('[name="add-given_names"]').fill("Sebastián")
    page.locator('[name="add-first_surname"]').fill("Ramírez")
    page.locator('[name="add-date_of_birth"]').fill("2026-05-20")
    page.locator('[name="add-nationality"]').select_option("HN")
    page.locator('[name="add-residence"]').select_option("with_her")
    page.locator('[name="add-is_dependant"]').check()
    page.get_by_role("button", name="Agregar y registrar otro").click()
    expect(page.get_by_test_id("family-member")).to_contain_text("Sebastián Ramírez")
    expect(page.get_by_test_id("family-member")).to_contain_text(
        "Dependiente en su solicitud de asilo"
    )
    layouts_fit.append(_no_horizontal_scroll(page))
    page.screenshot(path=screenshot_dir / "intake-family.png", full_page=True)
    page.get_by_role("link", name="Continuar", exact=True).click()

    # documents: none yet
    expect(page.locator("h1")).to_have_text("Documentos de identidad")
    page.get_by_role("link", name="Continuar", exact=True).click()

    # contact and safety
    expect(page.locator("h1")).to_have_text("Contacto y seguridad")
    page.locator('[name="sleeping_place"]').select_option("shelter")
    page.locator('[name="current_state"]').select_option("MX-CMX")
    page.locator('[name="phones-0-safe_to_message"]').check()
    layouts_fit.append(_no_horizontal_scroll(page))
    page.screenshot(path=screenshot_dir / "intake-contact.png", full_page=True)
    _save_and_continue(page)

    # migration and journey: pregnant, approximate entry date
    expect(page.locator("h1")).to_have_text("Migración y trayecto")
    page.locator('[name="migration_status"]').select_option("irregular")
    page.locator('[name="is_pregnant"]').check()
    page.locator('[name="due_date"]').fill("2027-04-15")
    page.locator('[name="referral_source"]').select_option("partner")
    page.locator('[name="entry_date"]').fill("2026-08-01")
    page.locator('[name="entry_date_estimated"]').check()
    page.locator('[name="entry_place"]').fill("Ciudad Hidalgo, Chiapas")
    layouts_fit.append(_no_horizontal_scroll(page))
    page.screenshot(path=screenshot_dir / "intake-migration.png", full_page=True)
    _save_and_continue(page)

    # violence: optional, skipped for now
    expect(page.locator("h1")).to_have_text("Violencia y delitos")
    page.get_by_role("link", name="Omitir este paso").click()

    # needs and urgency
    expect(page.locator("h1")).to_have_text("Qué necesita")
    page.locator('[name="case_types"][value="asylum"]').check()
    page.locator('[name="case_types"][value="tvrh"]').check()
    page.locator('[name="urgent_flags"][value="pregnancy_from_rape"]').check()
    page.locator('[name="needs_note"]').fill("Visa humanitaria para ella y su hijo.")
    _save_and_continue(page)

    # review and submit
    expect(page.locator("h1")).to_have_text("Revisar y enviar")
    expect(page.get_by_test_id("urgent-flags").locator(".badge--danger")).to_have_count(1)
    layouts_fit.append(_no_horizontal_scroll(page))
    page.screenshot(path=screenshot_dir / "intake-review.png", full_page=True)
    page.get_by_role("button", name="Enviar el registro").click()

    # then
    expect(page.locator(".message--success")).to_contain_text("ya está en la cola de coordinación")
    marta = Client.objects.get()
    assert (marta.status, marta.is_pregnant, marta.entry_date_estimated) == (
        "submitted",
        True,
        True,
    )
    assert marta.entry_date == datetime.date(2026, 8, 1)
    assert list(marta.family_members.values_list("given_names", "is_dependant")) == [
        ("Sebastián", True)
    ]
    assert all(layouts_fit), layouts_fit
    page.collect_violations()

    # and the coordinator sees her, urgent, in the unassigned queue
    page.context.clear_cookies()
    coordinator = UserFactory(roles=("coordinator",), first_name="Elena")
    log_in(page, live_server, coordinator, confirmed_device(coordinator))
    page.goto(f"{live_server.url}{reverse('cases:unassigned_queue')}")
    row = page.locator("tr", has_text=marta.client_code)
    expect(row).to_have_count(1)
    expect(row.locator(".badge--danger")).to_have_count(1)
    expect(row.locator(".badge--danger")).to_contain_text("NOM-046")
    page.screenshot(path=screenshot_dir / "intake-coordinator-queue.png", full_page=True)
    page.collect_violations()


def test_a_likely_duplicate_is_shown_before_anything_is_saved(
    csp_page, live_server, screenshot_dir
):
    # given: María José Pérez López, registered by someone else
    page = csp_page
    page.set_viewport_size(PHONE)
    other = UserFactory(roles=("intake",))
    publish_notice(other)
    existing = register(
        other,
        given_names="María José",
        first_surname="Pérez",
        second_surname="López",
        date_of_birth=datetime.date(1990, 3, 15),
    )
    intake = UserFactory(roles=("intake",), first_name="Lucía")
    log_in(page, live_server, intake, confirmed_device(intake))
    _give_consent(page, live_server)

    # when
    page.locator('[name="given_names"]').fill("Maria Jose")
    page.locator('[name="first_surname"]').fill("Perez")
    page.locator('[name="date_of_birth"]').fill("1990-03-15")
    _save_and_continue(page)

    # then
    candidate = page.get_by_test_id("duplicate-candidate")
    expect(candidate).to_have_count(1)
    expect(candidate).to_contain_text("Probablemente la misma persona")
    expect(candidate).to_contain_text(existing.client_code)
    expect(candidate).to_contain_text("1990")
    expect(candidate).not_to_contain_text("López")
    expect(page.locator('[name="given_names"]')).to_have_value("Maria Jose")
    assert Client.objects.count() == 1
    page.screenshot(path=screenshot_dir / "intake-duplicate.png", full_page=True)

    # and answering "a different person" creates the draft
    candidate.locator('input[value="different"]').check()
    _save_and_continue(page)
    expect(page.locator("h1")).to_have_text("Su familia")
    assert Client.objects.count() == 2
    page.collect_violations()

"""In Chromium: a reminder reaches the notification centre (unread count in the navigation,
mark read), she tunes her reminders, and reads today's summary as the digest e-mail has it."""

import datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from cases import choices
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from clinic.notifications.models import ReminderPreference
from clinic.notifications.reminders import digests_send, reminders_dispatch
from tests.browser.test_login_roles import log_in
from tests.cases.factories import ClientFactory
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def test_reminders_in_the_notification_centre_and_the_daily_summary(
    csp_page, live_server, screenshot_dir, clock
):
    # given an attorney with a deadline tomorrow and one on Thursday
    coordinator = UserFactory(roles=("coordinator",))
    attorney = UserFactory(roles=("attorney",), email="abogada@clinica.example")
    case = case_services.case_open(
        client=ClientFactory(entry_date=D(2026, 11, 2), given_names="Rosalía"),
        case_type=choices.CaseType.ASYLUM,
        by=coordinator,
        attorney=attorney,
    )
    for due in (D(2026, 11, 24), D(2026, 11, 26)):
        deadline_services.deadline_create_manual(
            by=attorney,
            responsible=attorney,
            kind="clinic",
            title="Escrito para Rosalía",
            due_date=due,
            case=case,
        )
    # when the dispatcher runs (beat does, every five minutes)
    reminders_dispatch()
    page = csp_page
    log_in(page, live_server, attorney, confirmed_device(attorney))
    # then the navigation counts the two reminders and the assignment as unread
    nav_link = page.get_by_role("link", name="Avisos")
    expect(nav_link).to_contain_text("3 sin leer")
    nav_link.click()
    items = page.locator(".notification--unread").filter(has_text="Recordatorio de plazo")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(case.case_number)
    expect(page.locator("main")).not_to_contain_text("Rosalía")
    page.screenshot(path=screenshot_dir / "reminders-notification-centre.png", full_page=True)
    page.get_by_role("button", name="Marcar todos como leídos").click()
    expect(page.locator(".notification--unread")).to_have_count(0)

    # when she changes her reminders: only e-mail, one business day before
    page.get_by_role("link", name="Preferencias de recordatorios").click()
    page.get_by_label("7 días hábiles antes").uncheck()
    page.get_by_label("3 días hábiles antes").uncheck()
    page.get_by_label("En la aplicación (avisos)").uncheck()
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator(".messages, .message").first).to_contain_text(
        "Se guardaron tus preferencias de recordatorios."
    )
    preference = ReminderPreference.objects.get(user=attorney)
    assert (preference.business_day_offsets, preference.in_app) == ([1, 0], False)
    page.screenshot(path=screenshot_dir / "reminders-preferences.png", full_page=True)

    # and reads today's summary, as the 07:00 e-mail has it
    page.goto(f"{live_server.url}/avisos/resumen/")
    expect(page.locator("h1")).to_have_text("Resumen de hoy")
    week = page.get_by_role("region", name="Resto de la semana")
    expect(week).to_contain_text(case.case_number)
    expect(page.locator("main")).not_to_contain_text("Rosalía")
    page.screenshot(path=screenshot_dir / "reminders-digest.png", full_page=True)
    mail.outbox.clear()
    digests_send()
    [digest] = [message for message in mail.outbox if message.to == [attorney.email]]
    assert case.case_number in digest.body
    assert "Rosalía" not in digest.body

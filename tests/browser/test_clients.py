"""Client pages in Chromium, in Spanish: list and search, the client's page and history, the
coordinator's queue, and the privacy notice. No CSP violation on any of them."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import ClientPhone, ClientUrgentFlag, DisclosureRestriction, ViolenceNarrative
from cases.services.clients import client_assign
from tests.browser.test_login_roles import log_in
from tests.cases.factories import ClientFactory, FamilyMemberFactory, PrivacyNoticeFactory
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic_data():
    coordinator = UserFactory(roles=("coordinator", "admin"), first_name="Marcela")
    attorney = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    PrivacyNoticeFactory(published_by=coordinator)
    marta = ClientFactory(
        given_names="Marta Lidia",
        first_surname="Ramírez",
        second_surname="Núñez",
        date_of_birth=datetime.date(1995, 5, 2),
        is_pregnant=True,
        current_state="MX-CMX",
    )
    marta.nationalities.create(country="HN")
    ClientPhone.objects.create(client=marta, number="+525512345678", safe_to_call=True)
    FamilyMemberFactory(
        client=marta,
        given_names="Sebastián",
        first_surname="Ramírez",
        date_of_birth=datetime.date(2025, 12, 1),
        is_dependant=True,
    )
    ClientUrgentFlag.objects.create(client=marta, flag="pregnancy_from_rape", raised_by=coordinator)
    DisclosureRestriction.objects.create(
        client=marta, kind="gang", name="Mara Salvatrucha", recorded_by=coordinator
    )
    ViolenceNarrative.objects.create(client=marta, text="Secuestrada en Chiapas.")
    for index in range(30):
        other = ClientFactory(first_surname=f"Apellido{index:02d}")
        other.nationalities.create(country="GT")
        if index % 2:
            client_assign(client=other, attorney=attorney, by=coordinator)
    return {"coordinator": coordinator, "marta": marta, "attorney": attorney}


def test_a_coordinator_searches_opens_a_client_and_reads_her_history(
    csp_page, live_server, screenshot_dir, clinic_data
):
    coordinator, marta = clinic_data["coordinator"], clinic_data["marta"]
    log_in(csp_page, live_server, coordinator, confirmed_device(coordinator))

    csp_page.get_by_role("link", name="Usuarias", exact=True).click()
    expect(csp_page.locator("h1")).to_have_text("Usuarias")
    csp_page.screenshot(path=screenshot_dir / "clients-list.png", full_page=True)
    csp_page.locator("#id_name").fill("marta nunez")
    csp_page.get_by_role("button", name="Buscar").click()
    assert "marta" not in csp_page.url.lower()
    rows = csp_page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    csp_page.screenshot(path=screenshot_dir / "clients-search.png", full_page=True)
    rows.first.get_by_role("link").click()

    expect(csp_page.locator("h1")).to_contain_text(marta.client_code)
    expect(csp_page.get_by_text("Secuestrada en Chiapas.")).to_be_visible()
    expect(csp_page.locator(".message--error")).to_contain_text("NOM-046")
    csp_page.screenshot(path=screenshot_dir / "client-detail.png", full_page=True)
    csp_page.get_by_role("link", name="Historial").click()
    expect(csp_page.locator(".timeline__entry").first).to_be_visible()
    csp_page.screenshot(path=screenshot_dir / "client-history.png", full_page=True)
    csp_page.collect_violations()


def test_the_queue_the_notice_and_the_archive_pages(
    csp_page, live_server, screenshot_dir, clinic_data
):
    coordinator, marta = clinic_data["coordinator"], clinic_data["marta"]
    log_in(csp_page, live_server, coordinator, confirmed_device(coordinator))
    for name, path in [
        ("queue", reverse("cases:unassigned_queue")),
        ("notice", reverse("cases:notice_list")),
        ("notice-new", reverse("cases:notice_create")),
        ("archive", reverse("cases:client_archive", kwargs={"pk": marta.pk})),
    ]:
        csp_page.goto(live_server.url + path)
        expect(csp_page.locator("h1")).to_be_visible()
        csp_page.screenshot(path=screenshot_dir / f"clients-{name}.png", full_page=True)
        csp_page.collect_violations()
    csp_page.goto(live_server.url + reverse("cases:unassigned_queue"))
    first_row = csp_page.locator("table tbody tr").first
    expect(first_row).to_contain_text(marta.client_code)  # urgent first
    first_row.get_by_label("Abogada/o").select_option(label="Lucía Hernández")
    first_row.get_by_role("button", name="Asignar").click()
    expect(csp_page.locator(".message--success")).to_contain_text(marta.client_code)
    csp_page.collect_violations()


def test_an_attorney_sees_only_her_caseload_and_gets_404_elsewhere(
    csp_page, live_server, clinic_data
):
    attorney, marta = clinic_data["attorney"], clinic_data["marta"]
    log_in(csp_page, live_server, attorney, confirmed_device(attorney))

    csp_page.goto(live_server.url + reverse("cases:client_list"))
    expect(csp_page.locator("table tbody tr")).to_have_count(15)
    response = csp_page.goto(
        live_server.url + reverse("cases:client_detail", kwargs={"pk": marta.pk})
    )
    assert response.status == 404
    csp_page.collect_violations()

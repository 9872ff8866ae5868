"""The partner directory in Chromium: an attorney searches without accents, filters by state,
opens the organisation and sees its offices; a coordinator adds an office with a phone typed
the Mexican way. No CSP violation on any page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from directory.loader import load_directory
from directory.models import Organisation
from tests.browser.test_login_roles import log_in
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_attorney_searches_the_directory_and_opens_an_organisation(
    csp_page, live_server, screenshot_dir
):
    # given: the curated directory and an attorney
    load_directory()
    attorney = UserFactory(roles=("attorney",))
    log_in(csp_page, live_server, attorney, confirmed_device(attorney))
    page = csp_page
    # when: she opens the directory from the navigation and searches without accents
    page.locator(f".main-nav a[href='{reverse('directory:organisation_list')}']").click()
    expect(page.locator("[data-testid=organisation-row]")).to_have_count(25)
    page.screenshot(path=screenshot_dir / "directory-list.png", full_page=True)
    page.locator("#id_q").fill("Matias")
    page.locator("#id_state").select_option("MX-CHP")
    page.locator("form.filters button[type=submit]").click()
    # then: one result, with its verification badge
    rows = page.locator("[data-testid=organisation-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Centro de Derechos Humanos Fray Matías de Córdoba")
    expect(rows.first.locator("[data-badge=verification]")).to_be_visible()
    page.screenshot(path=screenshot_dir / "directory-search.png", full_page=True)
    # when: she opens it
    rows.first.get_by_role("link", name="Centro de Derechos Humanos Fray Matías de Córdoba").click()
    # then: its page with the office, its phone as a tel: link and both e-mails
    expect(page.locator("h1")).to_contain_text("Fray Matías de Córdoba")
    office = page.locator("[data-testid=office]")
    expect(office).to_have_count(1)
    expect(office).to_contain_text("4a. Avenida Sur No. 6")
    expect(office.locator("a[href='tel:+529626425098']")).to_have_text("+52 962 642 5098")
    expect(office.locator("a[href='mailto:direccion@cdhfraymatias.org']")).to_be_visible()
    expect(page.locator("[data-testid=verification-warning]")).to_be_visible()
    # an attorney reads, she does not edit
    organisation = Organisation.objects.get(acronym="CDH Fray Matías")
    expect(
        page.locator(f"a[href='{reverse('directory:organisation_edit', args=[organisation.pk])}']")
    ).to_have_count(0)
    page.screenshot(path=screenshot_dir / "directory-organisation.png", full_page=True)
    page.collect_violations()


def test_a_coordinator_adds_an_office_and_sees_the_number_normalised(
    csp_page, live_server, screenshot_dir
):
    # given
    load_directory()
    coordinator = UserFactory(roles=("coordinator",))
    organisation = Organisation.objects.get(acronym="COMAR")
    log_in(csp_page, live_server, coordinator, confirmed_device(coordinator))
    page = csp_page
    page.goto(live_server.url + reverse("directory:organisation_detail", args=[organisation.pk]))
    expect(page.locator("[data-badge=incomplete]")).to_be_visible()
    # when: a wrong number first, then the right one
    page.locator(
        f"a[href='{reverse('directory:office_create', args=[organisation.pk])}']"
    ).first.click()
    page.locator("#id_name").fill("Oficina de representación en Tapachula")
    page.locator("#id_state").select_option("MX-CHP")
    page.locator("#id_city").fill("Tapachula")
    page.locator("#id_phones-0-number").fill("962 62")
    page.locator("form.directory-form button[type=submit]").click()
    expect(page.locator(".field--error")).to_have_count(1)
    expect(page.locator("#id_city")).to_have_value("Tapachula")
    page.screenshot(path=screenshot_dir / "directory-office-error.png", full_page=True)
    page.locator("#id_phones-0-number").fill("(962) 642 5098")
    page.locator("form.directory-form button[type=submit]").click()
    # then
    office = page.locator("[data-testid=office]")
    expect(office).to_contain_text("Oficina de representación en Tapachula")
    expect(office.locator("a[href='tel:+529626425098']")).to_be_visible()
    page.collect_violations()

"""'Esta semana' with a large caseload, in Chromium and in Spanish: each section shows its first
rows and its total, signatures are counted per day, and every full list is one click away; a
signature nobody recorded is recorded from the full list, which the attorney returns to."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases import choices
from cases.case_selectors import WEEK_SECTION_ROWS
from cases.models import SignatureOccurrence
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from tests.browser.test_login_roles import log_in
from tests.cases.factories import ClientFactory
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date
CASES = WEEK_SECTION_ROWS + 3


def test_a_large_week_shows_the_first_rows_and_every_list_in_full(
    csp_page, live_server, screenshot_dir, clock
):
    # given: 13 cases, each with a clinic deadline and an appointment this week, signing at
    # COMAR every Wednesday since 9 November
    coordinator = UserFactory(roles=("coordinator",))
    lucia = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    for index in range(CASES):
        case = case_services.case_open(
            client=ClientFactory(entry_date=D(2026, 11, 2)),
            case_type=choices.CaseType.ASYLUM,
            by=coordinator,
            attorney=lucia,
        )
        deadline_services.deadline_create_manual(
            by=lucia,
            responsible=lucia,
            kind="clinic",
            title=f"Pruebas del caso {index + 1:02d}",
            due_date=D(2026, 11, 24) + datetime.timedelta(days=index % 4),
            case=case,
        )
        deadline_services.deadline_create_manual(
            by=lucia,
            responsible=lucia,
            kind="appointment",
            title="Entrevista",
            due_date=D(2026, 11, 27),
            case=case,
            appointment_kind="interview",
        )
        case_services.signature_schedule_set(
            case=case, by=lucia, weekday=2, every_weeks=1, starts_on=D(2026, 11, 9)
        )
    page = csp_page
    log_in(page, live_server, lucia, confirmed_device(lucia))

    # when: she opens her week
    page.goto(live_server.url + reverse("cases:week"))

    # then: ten rows per section, the totals, signatures per day
    deadlines = page.locator("section", has=page.locator("#deadlines"))
    expect(deadlines.locator(".week-item")).to_have_count(WEEK_SECTION_ROWS)
    expect(deadlines.locator("h2 .badge")).to_have_text(str(CASES))
    expect(deadlines.locator(".week-more")).to_contain_text(f"{WEEK_SECTION_ROWS}")
    expect(deadlines.locator(".week-more")).to_contain_text(f"{CASES}")
    signatures = page.locator("section", has=page.locator("#signatures"))
    expect(signatures.locator(".signature-days li")).to_have_count(1)
    expect(signatures.locator(".signature-days li")).to_contain_text(f"miércoles 25: {CASES}")
    page.screenshot(path=screenshot_dir / "week-large.png", full_page=True)
    page.collect_violations()

    # when: she opens every deadline of the week
    deadlines.locator(".week-more a").click()

    # then: all of them, on one page of 25
    expect(page.locator("h1")).to_contain_text("Plazos")
    expect(page.locator(".week-item")).to_have_count(CASES)
    page.screenshot(path=screenshot_dir / "week-section.png", full_page=True)
    page.collect_violations()

    # when: she records one of last week's signatures from their full list
    page.goto(live_server.url + reverse("cases:week"))
    signatures.locator(".week-more a").first.click()
    expect(page.locator(".week-item")).to_have_count(CASES)
    first = page.locator(".week-item").first
    first.locator("select").select_option("attended")
    first.get_by_role("button", name="Registrar").click()

    # then: back on the list, with one fewer to record
    expect(page.locator(".message--success")).to_be_visible()
    assert page.url.endswith(reverse("cases:week_section", args=["firmas-sin-confirmar"]))
    expect(page.locator(".week-item")).to_have_count(CASES - 1)
    assert SignatureOccurrence.objects.filter(status="attended").count() == 1
    page.collect_violations()

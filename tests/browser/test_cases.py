"""The case and deadline flow in Chromium, in Spanish (the issue's acceptance test):

a coordinator assigns a waiting client; the attorney opens an asylum case and sees the COMAR
filing window computed and explained; records the filing (the resolution watch date appears);
records a refusal notified by list with an earlier date of knowledge (three alternative routes
from the right start) and chooses the recurso (the others are cancelled); one coordinator
records a declared closure, a second approves it, and the recurso's date moves with history
and a notification. No CSP violation on any page.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Case, Deadline
from clinic.notifications.models import Notification
from tests.browser.test_login_roles import log_in
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def switch_user(page, live_server, user, clock):
    page.context.clear_cookies()
    clock.shift(datetime.timedelta(seconds=40))  # a fresh one-time code for every login
    log_in(page, live_server, user, confirmed_device(user))


def test_assign_open_file_refuse_choose_and_close(csp_page, live_server, screenshot_dir, clock):
    marcela = UserFactory(roles=("coordinator",), first_name="Marcela")
    julia = UserFactory(roles=("coordinator",), first_name="Julia")
    lucia = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    PrivacyNoticeFactory(published_by=marcela)
    client = ClientFactory(given_names="Rosa Elena", entry_date=D(2026, 10, 26))
    client.needs.create(case_type="asylum")
    page = csp_page

    # The coordinator assigns her from the unassigned queue.
    switch_user(page, live_server, marcela, clock)
    page.goto(live_server.url + reverse("cases:unassigned_queue"))
    row = page.locator("tr", has_text=client.client_code)
    row.locator("select").select_option(str(lucia.pk))
    row.locator("button").click()
    expect(page.locator(".message--success")).to_contain_text(client.client_code)

    # The attorney opens an asylum case from the client's page.
    switch_user(page, live_server, lucia, clock)
    page.goto(live_server.url + reverse("cases:client_detail", args=[client.pk]))
    page.locator(f"a[href='{reverse('cases:case_open', args=[client.pk])}']").click()
    page.locator("#id_case_type").select_option("asylum")
    page.locator("form.narrow button[type=submit]").click()
    case = Case.objects.get(client=client)
    expect(page.locator("h1")).to_contain_text(case.case_number)
    filing = page.locator(".deadline", has_text="solicitar asilo")
    # 30 LFPA business days from 27 Oct 2026: 20 Nov skipped, 16 Nov (LFT Monday) counted
    expect(filing.locator(".deadline__date")).to_contain_text("martes 8 de diciembre de 2026")
    filing.locator("summary").click()
    explanation = filing.locator(".deadline__why")
    expect(explanation).to_contain_text("27 de octubre")
    expect(explanation).to_contain_text("20 nov")
    expect(explanation).to_contain_text("día siguiente al ingreso")
    expect(explanation).to_contain_text("LRPCAP art. 18")
    page.screenshot(path=screenshot_dir / "case-opened.png", full_page=True)

    # Filing → COMAR's resolution watch date.
    page.goto(live_server.url + reverse("cases:event_create", args=[case.pk, "filing"]))
    page.locator("#id_occurred_on").fill("2026-11-03")
    page.locator("#id_authority").select_option("comar")
    page.locator("form.narrow button[type=submit]").click()
    expect(page.locator(".deadline--watch")).to_have_count(1)
    watch = Deadline.objects.get(case=case, rule__code="comar_resolution")
    expect(page.locator(".deadline--watch .deadline__date")).to_contain_text(
        watch.due_date.strftime("%Y").lstrip("0")
    )

    # A refusal notified by list on 20 Nov, which she learned of on 17 Nov.
    page.goto(live_server.url + reverse("cases:event_create", args=[case.pk, "decision"]))
    page.locator("#id_occurred_on").fill("2026-11-12")
    page.locator("#id_authority").select_option("comar")
    page.locator("#id_result").select_option("refused")
    page.locator("#id_notified_on").fill("2026-11-20")
    page.locator("#id_notification_method").select_option("list")
    page.locator("#id_knowledge_on").fill("2026-11-17")
    page.locator("form.narrow button[type=submit]").click()
    alternatives = Deadline.objects.filter(case=case, alternative_group__startswith="decision-")
    assert {row.strategy for row in alternatives} == {"review", "amparo", "nullity"}
    assert all(row.trigger_date == D(2026, 11, 17) for row in alternatives)
    review = alternatives.get(strategy="review")
    assert (review.due_date, review.later_alternative) == (D(2026, 12, 9), D(2026, 12, 11))
    for row in alternatives:
        expect(
            page.locator(f".deadline a[href='{reverse('cases:deadline_detail', args=[row.pk])}']")
        ).to_be_visible()
    page.screenshot(path=screenshot_dir / "case-alternatives.png", full_page=True)

    # Choosing the recurso cancels the other routes, with the reason.
    page.goto(live_server.url + reverse("cases:event_create", args=[case.pk, "strategy"]))
    page.locator("#id_challenges").select_option(index=1)
    page.locator("#id_strategy").select_option("review")
    page.locator("form.narrow button[type=submit]").click()
    statuses = dict(alternatives.values_list("strategy", "status"))
    assert statuses == {"review": "pending", "amparo": "cancelled", "nullity": "cancelled"}
    expect(page.locator(".deadline", has_text="revisión")).to_have_count(1)

    # One coordinator records a closure, a second approves it: the recurso moves.
    switch_user(page, live_server, marcela, clock)
    page.goto(live_server.url + reverse("cases:closure_list"))
    page.locator("#id_authority").select_option("comar")
    page.locator("#id_start_date").fill("2026-12-01")
    page.locator("#id_end_date").fill("2026-12-03")
    page.locator("#id_reference").fill("DOF 30/11/2026, acuerdo COMAR")
    page.locator("form.narrow button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    review.refresh_from_db()
    assert review.due_date == D(2026, 12, 9)  # not approved yet: no effect
    switch_user(page, live_server, julia, clock)
    page.goto(live_server.url + reverse("cases:closure_list"))
    page.locator("button[value=approve]").click()
    expect(page.locator(".message--success")).to_contain_text("1")
    page.screenshot(path=screenshot_dir / "closures.png", full_page=True)
    review.refresh_from_db()
    assert review.due_date == D(2026, 12, 14) and review.without_closures == D(2026, 12, 9)
    assert Notification.objects.filter(recipient=lucia, kind="date_moved").exists()

    # The attorney sees the new date, the date without closures and the history.
    switch_user(page, live_server, lucia, clock)
    page.goto(live_server.url + reverse("cases:deadline_detail", args=[review.pk]))
    expect(page.locator(".details")).to_contain_text("14 de diciembre de 2026")
    expect(page.locator(".details")).to_contain_text("9 de diciembre de 2026")
    expect(page.locator(".timeline")).to_contain_text("DOF 30/11/2026")
    expect(page.locator(".explanation")).to_contain_text("DOF 30/11/2026")
    page.screenshot(path=screenshot_dir / "deadline-moved.png", full_page=True)
    page.goto(live_server.url + reverse("cases:week"))
    page.screenshot(path=screenshot_dir / "week.png", full_page=True)
    page.goto(live_server.url + reverse("cases:my_cases"))
    expect(page.locator("table")).to_contain_text(case.case_number)
    page.screenshot(path=screenshot_dir / "my-cases.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("cases:case_detail", args=[case.pk]))
    page.screenshot(path=screenshot_dir / "case-375.png", full_page=True)
    page.collect_violations()

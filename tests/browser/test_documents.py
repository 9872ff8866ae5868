"""Documents in Chromium: an attorney generates the case summary from the case page, watches
the job's progress (the worker is the test thread calling ``job_run``), the page reloads by
itself and lists the document, which she downloads; then she builds the checklist of papers.
No CSP violation on any page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import CaseDocument, ChecklistItem, DocumentTemplate
from clinic.core.jobs import job_run
from clinic.core.models import Job
from tests.browser.test_login_roles import log_in
from tests.cases.document_support import pdf_text, rich_case
from tests.factories import UserFactory, confirmed_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_the_case_summary_download_it_and_build_the_checklist(
    csp_page, live_server, screenshot_dir, clock
):
    coordinator = UserFactory(roles=("coordinator",))
    lucia = UserFactory(roles=("attorney",), first_name="Lucía", last_name="Hernández")
    case = rich_case(coordinator=coordinator, attorney=lucia)
    page = csp_page
    log_in(page, live_server, lucia, confirmed_device(lucia))

    # She asks for the case summary from the case page.
    page.goto(live_server.url + reverse("cases:case_detail", args=[case.pk]))
    summary = DocumentTemplate.objects.get(code="case_summary")
    page.locator("#id_template").select_option(str(summary.pk))
    page.locator("form.document-form button[type=submit]").click()
    status = page.locator(".job-status")
    expect(status).to_be_visible()
    page.screenshot(path=screenshot_dir / "documents-job-running.png", full_page=True)

    # The worker runs the job; the page notices and reloads with the document listed.
    job = Job.objects.get(kind="documents.render")
    assert job_run(job.pk) == "done"
    expect(status).to_have_count(0, timeout=10_000)
    row = page.locator("section[aria-labelledby=documents] tr", has_text="Resumen del caso")
    expect(row).to_contain_text("v1")
    document = CaseDocument.objects.get()
    expect(row).to_contain_text(document.short_sha)
    row.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "documents-listed.png", full_page=True)

    # The download is the stored PDF.
    with page.expect_download() as download_info:
        row.locator("a[href$='/descargar/']").click()
    download = download_info.value
    assert download.suggested_filename == f"{case.case_number}_case_summary_v1.pdf"
    data = open(download.path(), "rb").read()  # noqa: SIM115
    assert "María Peña Núñez" in pdf_text(data)

    # The checklist: the default list, one apostille with its cost.
    page.goto(live_server.url + reverse("cases:checklist", args=[case.pk]))
    page.locator(
        f"form[action='{reverse('cases:checklist_defaults', args=[case.pk])}'] button"
    ).click()
    passport = ChecklistItem.objects.get(case=case, kind="passport")
    page.locator(f"#id_item-{passport.pk}-apostilled_on").fill("2026-11-20")
    page.locator(f"#id_item-{passport.pk}-cost").fill("850")
    page.locator("form:has(table.checklist) button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    passport.refresh_from_db()
    assert str(passport.cost) == "850.00"
    expect(page.locator("#costs")).to_be_visible()
    page.screenshot(path=screenshot_dir / "documents-checklist.png", full_page=True)

    # Templates: the list and one template's versions.
    page.goto(live_server.url + reverse("cases:template_list"))
    page.screenshot(path=screenshot_dir / "documents-templates.png", full_page=True)
    page.goto(live_server.url + reverse("cases:template_detail", args=[summary.pk]))
    expect(page.locator("form[action$='/aprobar/']")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "documents-template-detail.png", full_page=True)
    page.collect_violations()

"""Statistics in Chromium: a coordinator opens Estadísticas, chooses 2025, looks at the funder
and the internal versions, asks for the XLSX export, watches its progress (the worker is the
test thread calling ``job_run``), and downloads it; the workbook is read back with openpyxl.
No CSP violation on any page."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from clinic.core.jobs import job_run
from reports.models import StatisticsExport
from tests.browser.test_login_roles import log_in
from tests.factories import confirmed_device
from tests.reports.dataset import build_clinic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_exports_the_2025_statistics_as_xlsx_and_reads_them_back(
    csp_page, live_server, screenshot_dir
):
    # given: the hand-built clinic (tests/reports/dataset.py) and its coordinator
    clinic = build_clinic()
    coordinator = clinic.coordinator
    page = csp_page
    log_in(page, live_server, coordinator, confirmed_device(coordinator))
    # when: she opens the statistics from the navigation and chooses 2025
    page.locator(f".main-nav a[href='{reverse('reports:statistics')}']").click()
    expect(page.locator("h1")).to_have_text("Estadísticas")
    page.locator("#id_desde").fill("2025-01-01")
    page.locator("#id_hasta").fill("2025-12-31")
    page.locator("form.statistics-filters button[type=submit]").click()
    # then: the funder version, small numbers hidden
    served = page.locator("#table-served")
    expect(served.locator("tbody tr").nth(1)).to_contain_text("<5")
    # (a clinic of ten clients: even how many she served is hidden, and the smallest tables
    # are withheld whole)
    expect(page.locator(".statistics-summary")).to_contain_text("x")
    expect(page.locator("#table-crimes")).to_contain_text("n.d.")
    expect(page.locator("svg.chart").first).to_be_visible()
    page.screenshot(path=screenshot_dir / "statistics-funder.png", full_page=True)
    # when: she switches to the internal version
    page.locator("#id_vista").select_option("interna")
    page.locator("form.statistics-filters button[type=submit]").click()
    # then: labelled, exact
    expect(page.locator(".internal-banner")).to_contain_text("Vista interna")
    expect(served.locator("tbody tr").nth(1)).to_contain_text("3")
    page.screenshot(path=screenshot_dir / "statistics-internal.png", full_page=True)
    # when: she asks for the XLSX export
    page.get_by_role("button", name="Libro de Excel (XLSX)").click()
    # then: her exports, the job in progress; the worker runs it and the page reloads
    expect(page.locator("h1")).to_have_text("Mis exportaciones de estadísticas")
    expect(page.locator(".job-status")).to_be_visible()
    export = StatisticsExport.objects.get()
    assert job_run(export.job_id) == "done"
    download_link = page.get_by_role("link", name="Descargar el archivo")
    expect(download_link).to_be_visible(timeout=10_000)
    page.screenshot(path=screenshot_dir / "statistics-exports.png", full_page=True)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    # then: the file is the internal 2025 workbook
    assert download.suggested_filename == "estadisticas_2025-01-01_2025-12-31_interna.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames[0] == "Definiciones"
    sheet = workbook[workbook.sheetnames[1]]
    assert [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)] == [
        ["Usuarias", 5, 5, 10],
        ["Familiares", 3, 2, 5],
        ["Total", 8, 7, 15],
    ]
    ages = {
        row[0]: list(row[1:])
        for row in workbook["02 Grupos de edad"].iter_rows(min_row=5, values_only=True)
    }
    assert ages["18-59"] == [7, 1, 8]
    page.collect_violations()

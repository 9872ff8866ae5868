"""Exports of the hand-built clinic's 2025: the request (recorded, audited, a job with the
export's id only), the XLSX read back with openpyxl (funder and internal versions), the CSV
zip, the PDF report; no names or identifiers anywhere; a constant number of queries whatever
the size of the clinic.

Set ``ACOMPANA_PDF_DIR=/some/folder`` to keep the PDF report (then ``pdftoppm -r 60 -png``).
"""

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cases.files import file_read_bytes
from cases.models import Case, Client
from clinic.audit.models import AuditEvent
from clinic.core.jobs import job_run
from reports.models import StatisticsExport
from tests.cases.document_support import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

YEAR = {"desde": "2025-01-01", "hasta": "2025-12-31"}


def export(browser, export_format: str, **extra) -> StatisticsExport:
    """Ask for an export through the page and run its job here (the worker's work)."""
    response = browser.post(
        reverse("reports:export_request"), {**YEAR, "formato": export_format, **extra}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_list")
    requested = StatisticsExport.objects.latest("pk")
    assert job_run(requested.job_id) == "done"
    requested.refresh_from_db()
    return requested


def test_an_export_request_is_recorded_queued_by_id_and_audited(
    clinic_2025, verified_client, django_capture_on_commit_callbacks
):
    # given
    browser = verified_client(clinic_2025.coordinator)
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        response = browser.post(
            reverse("reports:export_request"),
            {**YEAR, "proyecto": "UNTF", "vista": "interna", "formato": "csv"},
        )
    # then
    assert response.status_code == 302
    requested = StatisticsExport.objects.get()
    assert (requested.requested_by, requested.start.isoformat(), requested.end.isoformat()) == (
        clinic_2025.coordinator,
        "2025-01-01",
        "2025-12-31",
    )
    assert (requested.grant_tag, requested.format, requested.is_internal) == ("UNTF", "csv", True)
    assert requested.ready_at is None and requested.file_name == ""
    assert (requested.job.kind, requested.job.params) == (
        "reports.export",
        {"export": requested.pk},
    )
    assert len(callbacks) == 1  # published after commit
    event = AuditEvent.objects.get(action="export")
    assert (event.user, event.object_type, event.object_pk) == (
        clinic_2025.coordinator,
        "reports.statisticsexport",
        str(requested.pk),
    )


def test_the_funder_xlsx_has_the_definitions_and_a_sheet_per_table_with_small_numbers_hidden(
    clinic_2025, verified_client
):
    # given
    browser = verified_client(clinic_2025.coordinator)
    # when
    built = export(browser, "xlsx")
    workbook = load_workbook(io.BytesIO(file_read_bytes(built.file_name)))
    # then
    assert built.expires_at - built.ready_at == __import__("datetime").timedelta(hours=24)
    assert workbook.sheetnames[0] == "Definiciones"
    assert len(workbook.sheetnames) == 1 + 24
    definitions = [row[0] for row in workbook["Definiciones"].iter_rows(values_only=True)]
    assert "Usuarias nuevas y continuas" in definitions
    served = workbook[workbook.sheetnames[1]]
    assert [list(row) for row in served.iter_rows(min_row=4, values_only=True)] == [
        ["Quién", "Nuevas", "Continuas", "Total"],
        ["Usuarias", "x", "x", "x"],
        ["Familiares", "<5", "<5", 5],
        ["Total", "x", "x", "x"],
    ]
    deadlines = workbook["19 Plazos de la clínica"]
    rows = {row[0]: list(row[1:]) for row in deadlines.iter_rows(min_row=5, values_only=True)}
    # too few deadlines to protect their small counts: the table is withheld whole, and says so
    assert rows["Total"] == ["n.d."] * 5
    assert rows["Custodia y derecho familiar"] == ["n.d."] * 5
    texts = [value for row in deadlines.iter_rows(values_only=True) for value in row if value]
    assert any("Se omite en esta versión" in str(text) for text in texts)


def test_the_internal_xlsx_has_the_exact_small_numbers(clinic_2025, verified_client):
    # given
    browser = verified_client(clinic_2025.coordinator)
    # when
    built = export(browser, "xlsx", vista="interna")
    workbook = load_workbook(io.BytesIO(file_read_bytes(built.file_name)))
    # then
    served = workbook[workbook.sheetnames[1]]
    assert served["A3"].value == "VERSIÓN INTERNA — cifras pequeñas exactas"
    assert [list(row[1:]) for row in served.iter_rows(min_row=5, values_only=True)] == [
        [5, 5, 10],
        [3, 2, 5],
        [8, 7, 15],
    ]
    comar = workbook["21 Tiempo de resolución COMAR"]
    assert [row[1] for row in comar.iter_rows(min_row=5, values_only=True)] == [4, 60]


def test_the_csv_export_is_a_zip_with_a_file_per_table_and_the_definitions(
    clinic_2025, verified_client
):
    # given
    browser = verified_client(clinic_2025.coordinator)
    # when
    built = export(browser, "csv", vista="interna")
    archive = zipfile.ZipFile(io.BytesIO(file_read_bytes(built.file_name)))
    # then
    names = archive.namelist()
    assert names[0] == "01_served.csv" and names[-1] == "00_definitions.csv"
    assert len(names) == 25
    rows = list(csv.reader(io.StringIO(archive.read("05_nationality.csv").decode("utf-8-sig"))))
    assert rows[0] == ["Nacionalidad", "Nuevas", "Continuas", "Total"]
    assert rows[1] == ["Honduras", "2", "2", "4"]
    assert rows[-1] == ["Total", "5", "5", "10"]


def test_the_pdf_report_has_the_letterhead_definitions_tables_and_charts(
    clinic_2025, verified_client
):
    # given
    browser = verified_client(clinic_2025.coordinator)
    # when
    built = export(browser, "pdf")
    data = file_read_bytes(built.file_name)
    # then
    folder = os.environ.get("ACOMPANA_PDF_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "statistics_report.pdf").write_bytes(data)
    text = pdf_text(data)
    assert "Informe de estadísticas" in text
    assert "Clínica jurídica" in text  # the letterhead (no letterhead recorded: the clinic's name)
    assert "Usuarias nuevas y continuas" in text
    assert "Personas atendidas por grupo de edad" in text
    assert pdf_pages(data) >= 6


def test_no_name_client_code_or_case_number_leaves_in_the_page_or_the_exports(
    clinic_2025, verified_client
):
    # given
    browser = verified_client(clinic_2025.coordinator)
    identifiers = list(Client.objects.values_list("client_code", flat=True))
    identifiers += list(Case.objects.values_list("case_number", flat=True))
    identifiers += ["Beatriz", "Fernanda", "Gabriela", "Hilda", "Julia", "Karla", "Irma"]
    # when
    page = browser.get(reverse("reports:statistics"), {**YEAR, "vista": "interna"})
    html = page.content.decode()
    workbook = load_workbook(io.BytesIO(file_read_bytes(export(browser, "xlsx").file_name)))
    cells = " ".join(
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    # then
    assert page.status_code == 200
    for identifier in identifiers:
        assert identifier not in html
        assert identifier not in cells


def statistics_queries(captured) -> list[str]:
    """The page's own queries (the session's bookkeeping varies from request to request)."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "django_session" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]


def test_the_page_runs_the_same_queries_for_a_bigger_clinic(clinic_2025, verified_client):
    from tests.reports.dataset import Clinic

    # given
    browser = verified_client(clinic_2025.coordinator)
    url = reverse("reports:statistics")
    with CaptureQueriesContext(connection) as small:
        assert browser.get(url, YEAR).status_code == 200
    # when: twelve more clients served, with cases, events, incidents, crimes and referrals
    for prefix in ("SX", "SY"):
        Clinic(prefix=prefix).build()
    with CaptureQueriesContext(connection) as big:
        response = browser.get(url, YEAR)
    # then
    assert response.context["report"].served > 20
    assert len(statistics_queries(big)) == len(statistics_queries(small)) <= 15

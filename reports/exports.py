"""The export files, built from a ``Report`` (what a reader sees: small numbers already hidden in
the funder version): a zip of CSV files (one per table, plus the definitions), an XLSX workbook
(a formatted sheet per table and a definitions sheet) and the PDF annual report (letterhead and
charts, WeasyPrint). No file holds a name, a client code or a case number."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ExportFormat
from .report import Report
from .tables import COMPLEMENTARY_MARK, PRIMARY_MARK, DisplayTable

#: Sheet names (Excel allows 31 characters).
SHEET_NAMES = {
    "served": gettext_lazy("People served"),
    "age_group": gettext_lazy("Age groups"),
    "gender": gettext_lazy("Gender identity"),
    "family_sex": gettext_lazy("Family by sex"),
    "nationality": gettext_lazy("Nationality"),
    "indigenous": gettext_lazy("Indigenous identity"),
    "state": gettext_lazy("State"),
    "migration_status": gettext_lazy("Migration status"),
    "disability": gettext_lazy("Disability"),
    "lgbtiq": gettext_lazy("LBTIQ+"),
    "violence_type_place": gettext_lazy("Violence type, where"),
    "violence_type_perpetrator": gettext_lazy("Violence, perpetrator"),
    "violence_perpetrator_place": gettext_lazy("Perpetrator, where"),
    "crimes": gettext_lazy("Crimes"),
    "cases_by_type": gettext_lazy("Cases by type"),
    "cases_by_stage": gettext_lazy("Cases by stage"),
    "cases_by_outcome": gettext_lazy("Cases by outcome"),
    "appeals": gettext_lazy("Appeals"),
    "deadlines": gettext_lazy("Clinic deadlines"),
    "outcomes": gettext_lazy("Outcome indicators"),
    "comar_time": gettext_lazy("COMAR time to decide"),
    "referrals_organisation": gettext_lazy("Referrals, organisation"),
    "referrals_service": gettext_lazy("Referrals, service"),
    "referrals_outcome": gettext_lazy("Referrals, outcome"),
}
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def export_bytes(report: Report, export_format: str) -> bytes:
    builders = {
        ExportFormat.CSV: csv_zip_bytes,
        ExportFormat.XLSX: xlsx_bytes,
        ExportFormat.PDF: pdf_bytes,
    }
    return builders[export_format](report)


def version_label(report: Report) -> str:
    if report.suppressed:
        return _("Funder version: numbers from 1 to 4 are shown as “<5”.")
    return _(
        "INTERNAL VERSION with exact small numbers — for the clinic's coordinators only; do not "
        "share it outside the coordination team."
    )


def about_lines(report: Report) -> list[tuple[str, str]]:
    """What every export says about itself: the period, the project, the version, when."""
    period = report.period
    return [
        (_("Period"), f"{period.start.isoformat()} – {period.end.isoformat()}"),  # noqa: RUF001
        (_("Grant or project"), period.grant_tag or _("All cases")),
        (_("Version"), version_label(report)),
        (
            _("Computed at"),
            formats.date_format(timezone.localtime(report.computed_at), "DATETIME_FORMAT"),
        ),
        (
            _("Hidden cells"),
            _(
                "“%(primary)s”: from 1 to 4. “%(complementary)s”: hidden so that a small number "
                "cannot be worked out from the totals."
            )
            % {"primary": PRIMARY_MARK, "complementary": COMPLEMENTARY_MARK},
        ),
    ]


# --- CSV ---------------------------------------------------------------------------------------


#: A text starting with one of these is read as a formula by spreadsheet programs: an
#: organisation named "=HYPERLINK(…)" must stay a name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value):
    """A text that a spreadsheet would run as a formula, quoted (OWASP's CSV injection rule);
    numbers and other texts as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_as_text(value) for value in row] for row in rows])
    # With a byte-order mark, spreadsheet programs read the accents right.
    return buffer.getvalue().encode("utf-8-sig")


def table_rows(table: DisplayTable) -> list[list]:
    """Header and rows of a table as exported (numbers, or the mark of a hidden cell)."""
    rows = [[str(table.stub), *(str(header) for header in table.headers)]]
    rows += [[str(row.label), *(cell.export_value for cell in row.cells)] for row in table.rows]
    return rows


def csv_zip_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        index = [[_("File"), _("Table"), _("Counts"), _("Note")]]
        for number, table in enumerate(report.tables, start=1):
            name = f"{number:02d}_{table.key}.csv"
            archive.writestr(name, _csv(table_rows(table)))
            index.append([name, str(table.title), str(table.unit), str(table.note)])
        about = [[label, value] for label, value in about_lines(report)]
        definitions = [[str(term), str(text)] for term, text in report.definitions]
        archive.writestr(
            "00_definitions.csv",
            _csv([*about, [], [_("Definition"), ""], *definitions, [], *index]),
        )
    return buffer.getvalue()


# --- XLSX --------------------------------------------------------------------------------------


def _sheet_name(number: int, key: str, used: set[str]) -> str:
    name = f"{number:02d} {SHEET_NAMES.get(key, key)}"
    name = INVALID_SHEET_CHARACTERS.sub(" ", name)[:31].strip()
    while name in used:
        name = name[:28] + f"~{len(used)}"
    used.add(name)
    return name


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    title_font = Font(bold=True, size=14, color="4D1F52")
    warning_font = Font(bold=True, color="A4161A")
    header_fill = PatternFill("solid", fgColor="EFE3F1")
    total_fill = PatternFill("solid", fgColor="F1F2F5")
    wrap = Alignment(wrap_text=True, vertical="top")
    right = Alignment(horizontal="right")

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Definitions")[:31]
    sheet.append([_("Statistics of the clinic")])
    sheet["A1"].font = title_font
    for label, value in about_lines(report):
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.cell(sheet.max_row, 2).alignment = wrap
        if label == _("Version") and not report.suppressed:
            sheet.cell(sheet.max_row, 2).font = warning_font
    sheet.append([])
    sheet.append([_("Definitions")])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    for term, text in report.definitions:
        sheet.append([str(term), str(text)])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.cell(sheet.max_row, 1).alignment = wrap
        sheet.cell(sheet.max_row, 2).alignment = wrap
    sheet.append([])
    sheet.append([_("Sheet"), _("Table"), _("Counts")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    used: set[str] = {sheet.title}
    names = []
    for number, table in enumerate(report.tables, start=1):
        name = _sheet_name(number, table.key, used)
        names.append(name)
        sheet.append([name, str(table.title), str(table.unit)])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 30

    for name, table in zip(names, report.tables, strict=True):
        page = workbook.create_sheet(name)
        page.append([str(table.title)])
        page["A1"].font = Font(bold=True, size=12)
        notes = [_("Counts: %(unit)s.") % {"unit": table.unit}] if table.unit else []
        if table.note:
            notes.append(str(table.note))
        page.append([" ".join(notes)])
        page["A2"].alignment = Alignment(wrap_text=False)
        if not report.suppressed:
            page.append([_("INTERNAL VERSION — exact small numbers")])
            page["A3"].font = warning_font
        else:
            page.append([])
        header_row = page.max_row + 1
        for row_number, values in enumerate(table_rows(table)):
            page.append(values)
            current = page.max_row
            if row_number == 0:
                for cell in page[current]:
                    cell.font = bold
                    cell.fill = header_fill
                    cell.alignment = Alignment(wrap_text=True, vertical="bottom")
                continue
            source = table.rows[row_number - 1]
            for index, cell in enumerate(page[current][1:]):
                display_cell = source.cells[index]
                cell.alignment = right
                if display_cell.is_total or source.is_total:
                    cell.font = bold
                if not display_cell.is_hidden and isinstance(cell.value, int):
                    cell.number_format = "#,##0"
            if source.is_total:
                for cell in page[current]:
                    cell.font = bold
                    cell.fill = total_fill
        page.column_dimensions["A"].width = 48
        for column in range(2, len(table.headers) + 2):
            page.column_dimensions[get_column_letter(column)].width = 16
        page.freeze_panes = page.cell(header_row + 1, 2)
    buffer = io.BytesIO()
    for worksheet in workbook.worksheets:  # nothing in the export is a formula
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def pdf_bytes(report: Report) -> bytes:
    """The annual report: letterhead on every page, the definitions, each section's tables and
    charts (WeasyPrint, the documents' renderer: nothing fetched from outside)."""
    from cases.documents.context import letterhead_context
    from cases.documents.pdf import LOGO_URL, html_to_pdf
    from cases.services.documents import letterhead_get, letterhead_logo_bytes

    letterhead = letterhead_get()
    logo = letterhead_logo_bytes(letterhead)
    html = render_to_string(
        "reports/pdf/annual_report.html",
        {
            "report": report,
            "about": about_lines(report),
            "letterhead": letterhead_context(letterhead),
            "logo_url": LOGO_URL if logo else "",
            "version_label": version_label(report),
        },
    )
    return html_to_pdf(html, logo=logo)

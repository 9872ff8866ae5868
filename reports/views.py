"""The statistics page, the export requests, the coordinator's exports and their downloads.

Coordinators only (403 for every other role). An export is visible to the person who asked for
it alone (404 for anyone else), and downloads only while it has not expired.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.files import private_file_response
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.permissions import role_required

from . import selectors, services
from .forms import ExportForm, PeriodForm
from .models import ExportFormat, StatisticsExport
from .report import report_build

RECENT_EXPORTS = 20


@role_required(Role.COORDINATOR)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """The statistics of a period (the current calendar year by default), for funders or — a
    coordinator's explicit choice — internal, with exact small numbers."""
    tags = selectors.grant_tags()
    form = PeriodForm(request.GET or None, tags=tags)
    report = None
    internal = False
    if not form.is_bound:
        form = PeriodForm({}, tags=tags)
    if form.is_valid():
        internal = form.is_internal
        report = report_build(selectors.statistics_compute(form.period()), suppressed=not internal)
        if internal:
            # Exact small numbers are the closest the statistics come to a person.
            audit_record(action=AuditAction.VIEW, request=request, object_type="reports.statistics")
    return render(
        request,
        "reports/statistics.html",
        {
            "form": form,
            "report": report,
            "internal": internal,
            "formats": ExportFormat.choices,
            "export_hours": settings.STATISTICS_EXPORT_HOURS,
            "title": _("Statistics"),
        },
    )


@role_required(Role.COORDINATOR)
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST, tags=selectors.grant_tags())
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("reports:statistics")
    services.statistics_export_request(
        by=request.user,
        period=form.period(),
        export_format=form.cleaned_data["formato"],
        is_internal=form.is_internal,
        language=get_language(),
        request=request,
    )
    messages.success(request, _("The export is being prepared. It will appear below in a moment."))
    return redirect("reports:export_list")


@role_required(Role.COORDINATOR)
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    exports = list(selectors.exports_for_user(user=request.user)[:RECENT_EXPORTS])
    now = clock.now()
    rows = [{"export": export, "available": export.is_available(now)} for export in exports]
    return render(
        request,
        "reports/export_list.html",
        {
            "rows": rows,
            "title": _("My statistics exports"),
        },
    )


def download_name(export: StatisticsExport) -> str:
    """A name with the period, the tag and the version — nothing about any person."""
    parts = [_("statistics"), export.start.isoformat(), export.end.isoformat()]
    if export.grant_tag:
        parts.append(slugify(export.grant_tag))
    if export.is_internal:
        parts.append(_("internal"))
    return "_".join(parts) + "." + export.extension


@role_required(Role.COORDINATOR)
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, for the person who asked for it, while it has not expired; audited."""
    export = selectors.export_get_for_user(user=request.user, pk=pk)
    if not export.is_available(clock.now()):
        raise Http404
    try:
        response = private_file_response(
            storage_name=export.file_name,
            filename=download_name(export),
            content_type=export.content_type,
        )
    except FileNotFoundError:
        raise Http404 from None
    audit_record(action=AuditAction.DOWNLOAD, request=request, obj=export)
    return response

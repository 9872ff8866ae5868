"""Writes of the reports app: asking for an export, building it in the background, and removing
expired files (docs/statistics.md).

The job's parameters hold the export's id only. The file holds aggregates only and lives in the
private storage (``cases.files``), never under a URL; it expires after
``STATISTICS_EXPORT_HOURS`` and the periodic job then removes it (the row stays, with the audit
event that points at it).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cases.files import file_discard, file_store_bytes, private_storage, sha256_of
from clinic.accounts.models import Role, User
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.jobs import job_progress, job_submit
from clinic.core.models import Job

from .models import ExportFormat, StatisticsExport
from .selectors import Period, statistics_compute

logger = logging.getLogger(__name__)

JOB_KIND = "reports.export"


def export_lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.STATISTICS_EXPORT_HOURS)


@transaction.atomic
def statistics_export_request(
    *,
    by: User,
    period: Period,
    export_format: str,
    is_internal: bool,
    language: str,
    request=None,
) -> StatisticsExport:
    """Record an export and queue its job. Coordinators only. The audit trail records who asked
    for it (the event points at the export, which holds the period, the tag, the format and
    the version)."""
    if not by.is_active or not by.has_role(Role.COORDINATOR):
        raise PermissionDenied
    if export_format not in ExportFormat.values:
        raise ValidationError({"formato": _("Choose a format.")})
    export = StatisticsExport(
        requested_by=by,
        requested_at=clock.now(),
        start=period.start,
        end=period.end,
        grant_tag=period.grant_tag,
        format=export_format,
        is_internal=is_internal,
        language=language,
    )
    export.full_clean()
    export.save()
    export.job = job_submit(kind=JOB_KIND, params={"export": export.pk}, by=by)
    export.save(update_fields=["job"])
    audit_record(action=AuditAction.EXPORT, request=request, user=by, obj=export)
    return export


def statistics_export_build(export: StatisticsExport, *, job: Job | None = None) -> bytes:
    """The export's file: the statistics of its period, in its language and version."""
    from .exports import export_bytes
    from .report import report_build

    period = Period(start=export.start, end=export.end, grant_tag=export.grant_tag)
    with translation.override(export.language):
        if job is not None:
            job_progress(job, 10, "computing")
        statistics = statistics_compute(period)
        if job is not None:
            job_progress(job, 60, "building")
        report = report_build(statistics, suppressed=not export.is_internal)
        return export_bytes(report, export.format)


def statistics_export_generate_for_job(job: Job) -> StatisticsExport:
    """The job's work: build the file, store it privately, mark the export ready with its
    expiry. Idempotent (an export already built is returned as it is); the requester must still
    be an active coordinator."""
    exports = StatisticsExport.objects.select_related("requested_by")
    export = exports.get(pk=int(job.params["export"]))
    if export.ready_at is not None:
        return export
    requester = export.requested_by
    if not requester.is_active or not requester.has_role(Role.COORDINATOR):
        raise PermissionDenied
    data = statistics_export_build(export, job=job)
    job_progress(job, 90, "storing")
    name = file_store_bytes(data, export.extension)
    now = clock.now()
    try:
        with transaction.atomic():
            stored = StatisticsExport.objects.filter(pk=export.pk, ready_at__isnull=True).update(
                file_name=name,
                size=len(data),
                sha256=sha256_of(data),
                ready_at=now,
                expires_at=now + export_lifetime(),
            )
    except Exception:
        file_discard(name)
        raise
    if not stored:  # another delivery finished first
        file_discard(name)
    export.refresh_from_db()
    return export


def statistics_exports_purge_expired() -> int:
    """Remove the files of expired exports (the rows stay). Idempotent; beat runs it hourly.
    Returns how many files were removed."""
    now = clock.now()
    expired = StatisticsExport.objects.filter(
        expires_at__lte=now, file_removed_at__isnull=True
    ).exclude(file_name="")
    removed = 0
    for export in expired.only("pk", "file_name"):
        try:
            private_storage.delete(export.file_name)
        except OSError:
            logger.warning("statistics export %s: file not removed, will retry", export.pk)
            continue
        StatisticsExport.objects.filter(pk=export.pk).update(file_removed_at=now)
        removed += 1
    return removed

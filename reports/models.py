"""Statistics exports (docs/statistics.md).

A ``StatisticsExport`` row is the record of one export a coordinator asked for: who, when, the
period, the grant tag, the format, whether small numbers were hidden (the funder version) or
shown (the internal version), and — once its background job has run — the stored file and when
it expires. The audit trail's ``export`` event points at this row (audit events hold only an
object type and a primary key). Rows are never deleted; after the expiry the periodic job
removes the file and keeps the row.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (a file per table, zipped)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    PDF = "pdf", _("Annual report (PDF)")


#: The MIME type and file extension of each format.
FORMAT_FILES = {
    ExportFormat.CSV: ("application/zip", "zip"),
    ExportFormat.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ExportFormat.PDF: ("application/pdf", "pdf"),
}


class StatisticsExport(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="statistics_exports",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    start = models.DateField(_("first day of the period"))
    end = models.DateField(_("last day of the period"))
    grant_tag = models.CharField(_("grant or project"), max_length=60, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    is_internal = models.BooleanField(
        _("internal version (exact small numbers)"),
        default=False,
        help_text=_("Off: the funder version, with numbers from 1 to 4 hidden."),
    )
    language = models.CharField(_("language"), max_length=10)
    job = models.OneToOneField(
        "core.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics_export",
        verbose_name=_("background job"),
    )
    file_name = models.CharField(_("stored file"), max_length=200, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)
    file_removed_at = models.DateTimeField(_("file removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics export")
        verbose_name_plural = _("statistics exports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-requested_at"], name="statistics_export_mine")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="statistics_export_range_valid"
            ),
            models.CheckConstraint(
                condition=Q(ready_at__isnull=True)
                | (~Q(file_name="") & Q(expires_at__isnull=False)),
                name="statistics_export_ready_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format}:{self.start}..{self.end}"

    @property
    def content_type(self) -> str:
        return FORMAT_FILES[self.format][0]

    @property
    def extension(self) -> str:
        return FORMAT_FILES[self.format][1]

    def is_available(self, now) -> bool:
        """The file exists and has not expired."""
        return (
            self.ready_at is not None
            and self.file_removed_at is None
            and self.expires_at is not None
            and now < self.expires_at
        )

"""Background jobs as database rows.

Every piece of asynchronous work a person waits for (a generated PDF, an export) is a ``Job`` row
before it is a Celery message. The row is the truth: the message only says "look at job 42".
If Redis is down when the job is submitted, the save still succeeds and the row stays queued;
the beat sweeper (``clinic.core.jobs.jobs_sweep``) publishes it again a few minutes later. A
message delivered twice finds the row already claimed and does nothing.

A job's ``params`` hold record ids and option codes only — never names or other personal data —
and ``message``/``error`` hold fixed texts and exception class names, never user input.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    kind = models.CharField(
        _("kind"), max_length=40, help_text=_("Registry key of the handler that runs the job.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("status message"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"))
    enqueued_at = models.DateTimeField(_("last published at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="job_status_enqueued")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_max")
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}:{self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}

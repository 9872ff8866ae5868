"""Behaviour shared by the people records: optimistic concurrency and archival."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """A record two people may edit at once. Services compare the version a form was rendered
    with against the stored one and refuse a stale save (see ``cases.services.concurrency``)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class ArchivableModel(models.Model):
    """Ordinary users never delete: they archive with a reason, and the record stays."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archived by"),
    )
    archive_reason = models.CharField(_("archive reason"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

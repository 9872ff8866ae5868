"""Safety: the people and groups she must never be exposed to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices
from cases.identifiers import normalize_name

from .base import ArchivableModel
from .clients import Client


class DisclosureRestriction(ArchivableModel):
    """A "do not disclose to" entry: a person or a group, with free-text identifiers. The
    conflict check matches the name against every other client and family member."""

    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="disclosure_restrictions",
        verbose_name=_("client"),
    )
    kind = models.CharField(_("who"), max_length=20, choices=choices.DisclosureKind.choices)
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("A person's name or the group's name.")
    )
    identifiers = models.TextField(
        _("identifiers"),
        blank=True,
        help_text=_("Aliases, phone numbers, where they are, how to recognise them."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    norm_name = models.CharField(max_length=200, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["norm_name"])

    class Meta:
        verbose_name = _("do-not-disclose entry")
        verbose_name_plural = _("do-not-disclose entries")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def save(self, *args, **kwargs):
        self.norm_name = normalize_name(self.name)
        super().save(*args, **kwargs)

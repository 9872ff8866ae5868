"""Consent per purpose. Records are appended, never edited: the current state of a purpose is
derived from its latest record (see ``cases.services.consent``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices

from .clients import Client, PrivacyNotice


class Consent(models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="consents", verbose_name=_("client")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=choices.ConsentPurpose.choices)
    decision = models.CharField(
        _("decision"), max_length=10, choices=choices.ConsentDecision.choices
    )
    method = models.CharField(
        _("how"),
        max_length=12,
        choices=choices.ConsentMethod.choices,
        blank=True,
        help_text=_("Verbal consent stays pending until a signed form is recorded."),
    )
    witness_name = models.CharField(_("witness"), max_length=120, blank=True)
    notice = models.ForeignKey(
        PrivacyNotice,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("privacy notice version"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["client", "purpose", "-recorded_at"], name="consent_latest"),
            # The statistics read every client's latest statistical consent in one ordered
            # pass (DISTINCT ON client, newest first): this index is that order.
            models.Index(
                fields=["client", "-recorded_at", "-id"],
                condition=Q(purpose="statistics"),
                name="consent_statistics_latest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="withdrawn") | ~Q(method=""),
                name="consent_given_has_method",
            ),
            models.CheckConstraint(
                condition=Q(method__in=["", "signature"]) | ~Q(witness_name=""),
                name="consent_witness_when_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.purpose}:{self.decision}"

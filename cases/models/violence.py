"""Violence and crimes suffered — restricted data.

Once the intake is submitted, only the client's assigned team and coordinators read these
records; intake staff may add to them (write-only) and history shown to anyone else says a
restricted field changed without its value (see ``cases.selectors.can_read_restricted``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices

from .base import ArchivableModel
from .clients import Client


class ViolenceIncident(ArchivableModel):
    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="violence_incidents",
        verbose_name=_("client"),
    )
    modality = models.CharField(
        _("modality"), max_length=20, choices=choices.ViolenceModality.choices, blank=True
    )
    perpetrator = models.CharField(
        _("perpetrator"), max_length=20, choices=choices.Perpetrator.choices
    )
    place = models.CharField(_("where"), max_length=10, choices=choices.IncidentPlace.choices)
    mexican_state = models.CharField(
        _("state in Mexico"), max_length=6, choices=choices.MexicanState.choices, blank=True
    )
    approximate_date = models.DateField(_("approximate date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violence incident")
        verbose_name_plural = _("violence incidents")
        ordering = ["approximate_date", "pk"]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.pk}"


class ViolenceIncidentType(models.Model):
    """One violence type of an incident (an incident may have several): one row each so that
    statistics can cross types with perpetrator and place in SQL."""

    incident = models.ForeignKey(
        ViolenceIncident,
        on_delete=models.CASCADE,
        related_name="types",
        verbose_name=_("incident"),
    )
    violence_type = models.CharField(
        _("violence type"), max_length=20, choices=choices.ViolenceType.choices
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violence type")
        verbose_name_plural = _("violence types")
        constraints = [
            models.UniqueConstraint(fields=["incident", "violence_type"], name="incident_type_once")
        ]

    def __str__(self) -> str:
        return self.get_violence_type_display()


class CrimeSuffered(ArchivableModel):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="crimes", verbose_name=_("client")
    )
    crime_type = models.CharField(_("crime"), max_length=20, choices=choices.CrimeType.choices)
    place = models.CharField(
        _("where"), max_length=10, choices=choices.IncidentPlace.choices, blank=True
    )
    mexican_state = models.CharField(
        _("state in Mexico"), max_length=6, choices=choices.MexicanState.choices, blank=True
    )
    approximate_date = models.DateField(_("approximate date"), null=True, blank=True)
    reported = models.BooleanField(_("reported to the authorities"), default=False)
    reported_to = models.CharField(
        _("prosecutor's office"),
        max_length=200,
        blank=True,
    )
    case_file_number = models.CharField(
        _("case file number (carpeta de investigación)"), max_length=80, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("crime suffered")
        verbose_name_plural = _("crimes suffered")
        ordering = ["approximate_date", "pk"]

    def __str__(self) -> str:
        return self.get_crime_type_display()


class ViolenceNarrative(models.Model):
    """Her account in her words (free text), one per client."""

    client = models.OneToOneField(
        Client,
        on_delete=models.CASCADE,
        related_name="violence_narrative",
        verbose_name=_("client"),
    )
    text = models.TextField(_("narrative"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")

    def __str__(self) -> str:
        return str(self.client_id)

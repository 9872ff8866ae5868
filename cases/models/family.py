"""Family members and identity documents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases import choices
from cases.identifiers import normalize_name

from .base import ArchivableModel, VersionedModel
from .clients import Client


class FamilyMember(VersionedModel, ArchivableModel):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="family_members", verbose_name=_("client")
    )
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=choices.Relationship.choices
    )
    given_names = models.CharField(_("given names"), max_length=120)
    first_surname = models.CharField(_("first surname"), max_length=80, blank=True)
    second_surname = models.CharField(_("second surname"), max_length=80, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_estimated = models.BooleanField(_("date of birth is estimated"), default=False)
    sex = models.CharField(_("sex"), max_length=10, choices=choices.Sex.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    residence = models.CharField(
        _("where they live"), max_length=20, choices=choices.Residence.choices, blank=True
    )
    life_status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices.LifeStatus.choices,
        default=choices.LifeStatus.ALIVE,
    )
    born_in_mexico = models.BooleanField(
        _("born in Mexico"),
        default=False,
        help_text=_(
            "A child born in Mexico is Mexican: register the birth; never an asylum dependant."
        ),
    )
    birth_registered = models.BooleanField(_("birth registered in Mexico"), default=False)
    is_dependant = models.BooleanField(
        _("dependant in her asylum claim"),
        default=False,
        help_text=_("Shares the principal's application (LRPCAP art. 12)."),
    )
    school_enrolled = models.BooleanField(_("enrolled in school"), default=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    norm_full_name = models.CharField(max_length=300, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["norm_full_name"])

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["date_of_birth", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(born_in_mexico=True) & Q(is_dependant=True)),
                name="family_born_in_mexico_not_dependant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_relationship_display()} {self.given_names}"

    def save(self, *args, **kwargs):
        self.set_derived_names()
        super().save(*args, **kwargs)

    def set_derived_names(self) -> None:
        self.norm_full_name = normalize_name(
            f"{self.given_names} {self.first_surname} {self.second_surname}"
        )

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.given_names, self.first_surname, self.second_surname) if part
        )


class IdentityDocument(ArchivableModel):
    """An identity document of the client or of one of her family members (exactly one)."""

    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="identity_documents",
        verbose_name=_("client"),
    )
    family_member = models.ForeignKey(
        FamilyMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="identity_documents",
        verbose_name=_("family member"),
        help_text=_("Empty when the document is the client's own."),
    )
    document_type = models.CharField(_("type"), max_length=30, choices=choices.DocumentType.choices)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=choices.DocumentStatus.choices,
        default=choices.DocumentStatus.ORIGINAL,
    )
    cost = models.DecimalField(
        _("cost (MXN)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What the clinic paid: certification, apostille, translation, fees."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["document_type", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True)
                | Q(issue_date__isnull=True)
                | Q(expiry_date__gte=models.F("issue_date")),
                name="identity_document_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="identity_document_cost"
            ),
        ]

    def __str__(self) -> str:
        return self.get_document_type_display()

"""Documents the clinic files or hands over: templates kept as versioned data, the letterhead,
the PDFs generated for a case, and the per-case checklist of papers she must gather
(docs/documents.md)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices

from .base import ArchivableModel, VersionedModel
from .casework import Case
from .family import FamilyMember


class DocumentAudience(models.TextChoices):
    AUTHORITY = "authority", _("An authority")
    CLIENT = "client", _("The client")
    CLINIC = "clinic", _("The clinic's file")


class DocumentLanguage(models.TextChoices):
    """Documents for authorities are always in Spanish; the client's in her language when
    a version exists in it."""

    SPANISH = "es", "Español"
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"


class DocumentTemplate(models.Model):
    """A kind of document (carta poder, recurso de revisión…). ``code`` never changes: the
    seed loader and the PDF layout key on it. The text lives in its versions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.CharField(_("description"), max_length=300, blank=True)
    audience = models.CharField(_("audience"), max_length=12, choices=DocumentAudience.choices)
    authority = models.CharField(
        _("authority"), max_length=20, choices=choices.Authority.choices, blank=True
    )
    case_types = models.JSONField(
        _("case types"),
        default=list,
        blank=True,
        help_text=_("Case types it applies to; empty means every type."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, case_type: str) -> bool:
        return not self.case_types or case_type in self.case_types


class DocumentTemplateVersion(models.Model):
    """One version of a template's text in one language: a Django-template-language body
    rendered in a sandbox (``cases.documents.sandbox``). Versions are never edited: a change is
    a new version. The latest version an attorney approved is the one used; until one is
    approved, PDFs carry a "pending approval" banner."""

    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("template"),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.SPANISH,
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("document title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "HTML with {{ placeholders }} filled from the case. Write [brackets] for what the "
            "attorney completes by hand."
        ),
    )
    change_note = models.CharField(_("what changed"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
        help_text=_("Empty for the versions shipped with Acompaña."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "language", "number"], name="template_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("created_by")),
                name="template_version_second_person",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="template_version_approval_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.code} {self.language} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Letterhead(models.Model):
    """The clinic's letterhead on every PDF (one row, pk=1)."""

    name = models.CharField(_("clinic name"), max_length=160)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Where documents are signed, e.g. Ciudad de México."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.CharField(
        _("logo"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Name of the PNG or JPEG in the private file storage."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterhead")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="letterhead_single_row")]

    def __str__(self) -> str:
        return self.name


class CaseDocument(ArchivableModel):
    """A PDF generated for a case. Each generation of the same template for the same case is
    a new version; the file's bytes are identified by their SHA-256."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("case")
    )
    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("template")
    )
    template_version = models.ForeignKey(
        DocumentTemplateVersion,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("template version"),
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=5, choices=DocumentLanguage.choices)
    file_name = models.CharField(_("stored file"), max_length=200, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pending_approval = models.BooleanField(
        _("template not approved"),
        default=False,
        help_text=_("Generated from a version no attorney had approved (the PDF says so)."),
    )
    has_restricted = models.BooleanField(
        _("holds restricted data"),
        default=False,
        help_text=_("Violence or narrative sections: only those who may read them download it."),
    )
    job = models.OneToOneField(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_document",
        verbose_name=_("background job"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("generated by"),
    )
    created_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "template", "version"], name="case_document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.template_id} v{self.version}"

    @property
    def short_sha(self) -> str:
        return self.sha256[:12]

    @property
    def download_name(self) -> str:
        """No personal data: case number, template code and version."""
        return f"{self.case.case_number}_{self.template.code}_v{self.version}.pdf"


class ChecklistDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National ID card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    MARRIAGE_CERTIFICATE = "marriage_certificate", _("Marriage or union certificate")
    CURP = "curp", _("CURP")
    COMAR_CONSTANCIA = "comar_constancia", _("COMAR constancia")
    TVRH_CARD = "tvrh_card", _("TVRH card")
    PROOF_OF_ADDRESS = "proof_of_address", _("Proof of address")
    SCHOOL_RECORDS = "school_records", _("School records")
    MEDICAL_RECORDS = "medical_records", _("Medical records")
    POLICE_REPORT = "police_report", _("Police report or criminal complaint (denuncia)")
    PROSECUTOR_LETTER = "prosecutor_letter", _("Prosecutor's letter to INM")
    PERSECUTION_EVIDENCE = "persecution_evidence", _("Evidence of persecution")
    PHOTOS = "photos", _("Photographs")
    CUSTODY_DOCUMENTS = "custody_documents", _("Custody or family court documents")
    OTHER = "other", _("Other")


class PaidBy(models.TextChoices):
    CLINIC = "clinic", _("The clinic")
    CLIENT = "client", _("The client")
    PARTNER = "partner", _("A partner organisation")
    FREE = "free", _("Free of charge")


#: The status steps of a paper, in order, each recorded with its date.
CHECKLIST_STEPS = (
    ("original_on", _("Original")),
    ("certified_copy_on", _("Certified copy")),
    ("apostilled_on", _("Apostilled or legalised")),
    ("translated_on", _("Certified translation")),
    ("delivered_on", _("Delivered")),
)


class ChecklistItem(VersionedModel, ArchivableModel):
    """A paper the case needs from the client or one of her family members, with where it
    stands (original, certified copy, apostille or legalisation, certified translation,
    delivered — each with its date) and what it cost."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("case")
    )
    family_member = models.ForeignKey(
        FamilyMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Empty for the client herself."),
    )
    kind = models.CharField(_("document"), max_length=30, choices=ChecklistDocumentKind.choices)
    label = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Needed for “Other”.")
    )
    is_required = models.BooleanField(_("required"), default=True)
    original_on = models.DateField(_("original"), null=True, blank=True)
    certified_copy_on = models.DateField(_("certified copy"), null=True, blank=True)
    apostilled_on = models.DateField(_("apostilled or legalised"), null=True, blank=True)
    translated_on = models.DateField(_("certified translation"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (MXN)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paid_by = models.CharField(_("paid by"), max_length=10, choices=PaidBy.choices, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["case", "family_member", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="checklist_cost_positive"
            ),
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(label=""), name="checklist_other_has_label"
            ),
        ]
        indexes = [models.Index(fields=["case", "archived_at"], name="checklist_case")]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

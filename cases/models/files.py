"""Files the clinic keeps for a client: identity document scans, evidence, signed consent forms.

The bytes live in the private storage (``cases.files``) under a random ``storage_name``; this row
holds what a person needs to find the file and what proves it unchanged (``sha256`` of the stored
bytes). Written only by ``cases.services.files``; read only through ``cases.file_selectors``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices

from .base import ArchivableModel
from .casework import Case
from .clients import Client

EXTENSIONS = {
    choices.FileType.PDF: "pdf",
    choices.FileType.JPEG: "jpg",
    choices.FileType.PNG: "png",
}


class ClientFile(ArchivableModel):
    """One stored file of a client, optionally attached to one of her cases. Never deleted:
    archived with a reason (the bytes stay)."""

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="files", verbose_name=_("client")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("case"),
        help_text=_("Optional: one of her cases. Files of a confidential case follow its rules."),
    )
    category = models.CharField(_("category"), max_length=20, choices=choices.FileCategory.choices)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What it is, so that colleagues find it (e.g. passport, pages 1 to 4)."),
    )
    original_name = models.CharField(
        _("file name"),
        max_length=150,
        help_text=_("The name the file had when it was uploaded, without any folder."),
    )
    content_type = models.CharField(_("file type"), max_length=40, choices=choices.FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        validators=[RegexValidator(r"^[0-9a-f]{64}\Z")],
        help_text=_("Fingerprint of the stored file (images after their metadata was removed)."),
    )
    storage_name = models.CharField(_("storage name"), max_length=100, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client file")
        verbose_name_plural = _("client files")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [
            models.Index(fields=["client", "-uploaded_at"], name="clientfile_client_time"),
            models.Index(fields=["case", "-uploaded_at"], name="clientfile_case_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="clientfile_not_empty"),
            models.CheckConstraint(
                condition=Q(content_type__in=choices.FileType.values),
                name="clientfile_allowed_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.pk}"

    def clean(self):
        if self.case_id and self.client_id and self.case.client_id != self.client_id:
            raise ValidationError({"case": _("This case belongs to another client.")})

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def is_image(self) -> bool:
        return self.content_type != choices.FileType.PDF

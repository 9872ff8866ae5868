"""In-app notifications ("avisos"): short messages for one staff member, written by services.

A notification names a case only by its case number, never by the client's name, and links to a
path inside the application addressed by primary keys: like e-mails, notifications must not carry
personal data. The text is stored already translated into the clinic's default language.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DATE_MOVED = "date_moved", _("A deadline moved")
    DEADLINE_MISSED = "deadline_missed", _("Deadline missed")
    ASSIGNMENT = "assignment", _("New assignment")
    CLOSURE_PENDING = "closure_pending", _("Closure waiting for approval")
    WATCH_PASSED = "watch_passed", _("Authority watch date passed")
    OTHER = "other", _("Other")


def is_app_path(value: str) -> bool:
    """True for a path on this site ("/casos/12/"), never for another host ("//host", a scheme
    or a backslash trick)."""
    return (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    )


def validate_app_path(value: str) -> None:
    if value and not is_app_path(value):
        raise ValidationError(
            _("Enter a path inside the application, starting with “/”."), code="invalid"
        )


class Notification(models.Model):
    """One notification for one staff member. Created by services only; the recipient can
    only mark it as read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.OTHER
    )
    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_("Stored in the clinic's language. Cases are named by case number only."),
    )
    url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        validators=[validate_app_path],
        help_text=_("A path inside the application, with record ids only (no names)."),
    )
    case_number = models.CharField(_("case number"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}:{self.kind}:{self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

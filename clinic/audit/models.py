"""The append-only audit trail.

An event records who did what to which record — never the record's field values — so that the
trail itself holds no personal data beyond the acting staff member. Rows are only ever inserted:
``save`` refuses updates, ``delete`` is refused, and on PostgreSQL a trigger refuses UPDATE and
DELETE from any client.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Reads
    VIEW = "view", _("View")
    SEARCH = "search", _("Search")
    DOWNLOAD = "download", _("Download")
    EXPORT = "export", _("Export")
    # Disclosures
    REFERRAL_SENT = "referral_sent", _("Referral sent (her data shared with a partner)")
    CONSENT_OVERRIDE = "consent_override", _("Referral sent without sharing consent")
    # Records
    UPLOAD = "upload", _("Upload")
    # Security events
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKOUT = "lockout", _("Account locked out")
    LOGOUT = "logout", _("Logout")
    MFA_ENROLLED = "mfa_enrolled", _("Two-factor enrolment")
    MFA_VERIFIED = "mfa_verified", _("Two-factor verification")
    MFA_FAILED = "mfa_failed", _("Failed two-factor verification")
    MFA_RECOVERY_USED = "mfa_recovery_used", _("Recovery code used")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    SESSION_EXPIRED = "session_expired", _("Session expired")
    # Staff administration
    USER_CREATED = "user_created", _("User created")
    USER_UPDATED = "user_updated", _("User updated")
    USER_DEACTIVATED = "user_deactivated", _("User deactivated")
    USER_REACTIVATED = "user_reactivated", _("User reactivated")
    USER_UNLOCKED = "user_unlocked", _("User unlocked")
    MFA_RESET = "mfa_reset", _("Second factor reset")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes would bypass the model's refusal: refuse them too."""

    def update(self, **kwargs):
        raise ValueError("Audit events are append-only.")

    def delete(self):
        raise ValueError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One audited action. Never updated, never deleted (the model and its querysets refuse;
    on PostgreSQL — required in production — a trigger refuses any client)."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("user"),
    )
    roles = models.CharField(
        _("roles"), max_length=100, blank=True, help_text=_("Roles the user held at the time.")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_pk = models.CharField(_("object id"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="audit_user_time"),
            models.Index(fields=["object_type", "object_pk"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")

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
from simple_history.models import HistoricalRecords


class NotificationKind(models.TextChoices):
    DATE_MOVED = "date_moved", _("A deadline moved")
    DEADLINE_MISSED = "deadline_missed", _("Deadline missed")
    ASSIGNMENT = "assignment", _("New assignment")
    CLOSURE_PENDING = "closure_pending", _("Closure waiting for approval")
    WATCH_PASSED = "watch_passed", _("Authority watch date passed")
    REMINDER = "reminder", _("Deadline reminder")
    ESCALATION = "escalation", _("Missed deadline (escalation)")
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


# --- Reminders -------------------------------------------------------------------------------

#: Business-day offsets a person may choose (0 = on the day).
BUSINESS_DAY_OFFSETS = (10, 7, 5, 3, 2, 1, 0)
DEFAULT_BUSINESS_DAY_OFFSETS = [7, 3, 1, 0]
#: Hour offsets for deadlines counted in hours (the 36-hour clock of a detention).
HOUR_OFFSETS = (24, 12, 6, 3, 1)
DEFAULT_HOUR_OFFSETS = [24, 12, 3, 1]


def default_business_day_offsets() -> list[int]:
    return list(DEFAULT_BUSINESS_DAY_OFFSETS)


def default_hour_offsets() -> list[int]:
    return list(DEFAULT_HOUR_OFFSETS)


class ReminderPreference(models.Model):
    """How one staff member wants to be reminded. Without a row, the defaults apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
        verbose_name=_("user"),
    )
    business_day_offsets = models.JSONField(
        _("business days before"),
        default=default_business_day_offsets,
        help_text=_("Counted in the deadline's own calendar; 0 means on the day."),
    )
    hour_offsets = models.JSONField(
        _("hours before"),
        default=default_hour_offsets,
        help_text=_("For deadlines counted in hours, such as the 36-hour clock of a detention."),
    )
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the application"), default=True)
    daily_digest = models.BooleanField(
        _("daily summary e-mail"),
        default=True,
        help_text=_(
            "At 07:00 Mexico City time: today's and this week's dates and what is overdue."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return f"{self.user_id}"


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    IN_APP = "in_app", _("In the application")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Reminder(models.Model):
    """One reminder (or escalation) for one person on one channel.

    The row is inserted **before** anything is sent, against the unique key (deadline, effective
    due date, offset, recipient, channel): whichever dispatcher inserts it first owns it, so a
    reminder goes out once however many dispatchers run, and a deadline whose date moves gets
    a new key — and reminds again. A sent row is never sent again.
    """

    deadline = models.ForeignKey(
        "cases.Deadline",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("deadline"),
    )
    due_key = models.CharField(
        _("effective due date"),
        max_length=40,
        help_text=_("The date (or date and time) the deadline fell on when this was due."),
    )
    offset = models.CharField(
        _("offset"),
        max_length=10,
        help_text=_("bdN: N business days before; hN: N hours before; missed: escalation."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
        help_text=_("The colleague on leave whose deadline this is."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ReminderChannel.choices)
    fire_at = models.DateTimeField(_("due to be sent at"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-fire_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "due_key", "offset", "recipient", "channel"],
                name="reminder_sent_once",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="reminder_pending")]

    def __str__(self) -> str:
        return f"{self.deadline_id}:{self.due_key}:{self.offset}:{self.recipient_id}:{self.channel}"


class Digest(models.Model):
    """The daily summary e-mail for one person on one day: inserted before sending, unique per
    (recipient, day), so it goes out once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("recipient"),
    )
    day = models.DateField(_("day"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("daily summary")
        verbose_name_plural = _("daily summaries")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}:{self.day}"

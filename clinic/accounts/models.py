"""Staff accounts and roles.

A user may hold several roles. Roles are boolean columns on the user so that the navigation and
every permission check need no extra query, and so that role changes appear in the user's history
(simple-history) like any other change.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.core import clock


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake staff")
    ATTORNEY = "attorney", _("Attorney")
    COORDINATOR = "coordinator", _("Coordinator")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial staff")
    ADMIN = "admin", _("Administrator")


# Role -> the boolean column that holds it.
ROLE_FIELDS: dict[str, str] = {
    Role.INTAKE: "is_intake",
    Role.ATTORNEY: "is_attorney",
    Role.COORDINATOR: "is_coordinator",
    Role.PSYCHOSOCIAL: "is_psychosocial",
    Role.ADMIN: "is_clinic_admin",
}


class User(AbstractUser):
    """A member of the clinic's staff. Clients never log in."""

    is_intake = models.BooleanField(
        _("intake staff"), default=False, help_text=_("Registers clients and records consent.")
    )
    is_attorney = models.BooleanField(
        _("attorney"), default=False, help_text=_("Manages the cases assigned to her.")
    )
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Sees every client and case, assigns work and exports statistics."),
    )
    is_psychosocial = models.BooleanField(
        _("psychosocial staff"), default=False, help_text=_("Keeps psychosocial session notes.")
    )
    is_clinic_admin = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("Manages staff, settings, the directory, calendars and templates."),
    )
    session_epoch = models.PositiveIntegerField(
        _("session epoch"),
        default=0,
        editable=False,
        help_text=_("Raised to end every open session of the account at once."),
    )
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    deactivation_reason = models.CharField(_("deactivation reason"), max_length=300, blank=True)
    # Leave: while it is current, her reminders and notifications also reach her delegate.
    on_leave = models.BooleanField(
        _("on leave"),
        default=False,
        help_text=_("While she is on leave, her reminders also go to her delegate."),
    )
    leave_until = models.DateField(
        _("on leave until"),
        null=True,
        blank=True,
        help_text=_("Last day of the leave. Empty: until she ends it herself."),
    )
    delegate = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegating_users",
        verbose_name=_("delegate"),
        help_text=_("The attorney or coordinator who covers for her while she is on leave."),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_epoch"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            # "Ana" and "ana" would be two accounts that look like one.
            models.UniqueConstraint(Lower("username"), name="user_username_case_insensitive"),
            # A delegate and an end date only mean something while she is on leave.
            models.CheckConstraint(
                condition=Q(on_leave=True)
                | (Q(delegate__isnull=True) & Q(leave_until__isnull=True)),
                name="user_delegate_only_on_leave",
            ),
            models.CheckConstraint(
                condition=Q(delegate__isnull=True) | ~Q(delegate=F("pk")),
                name="user_not_own_delegate",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        """Sessions are valid while the password *and* the session epoch are unchanged: raising
        the epoch (deactivation, second-factor reset, password reset) ends every session of the
        account, whatever its key."""
        return salted_hmac(
            "clinic.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def roles(self) -> list[str]:
        """The roles this user holds, in a stable order."""
        return [role for role, field in ROLE_FIELDS.items() if getattr(self, field)]

    def has_role(self, *roles: str) -> bool:
        """True when the user is active and holds at least one of ``roles``."""
        return self.is_active and any(getattr(self, ROLE_FIELDS[role]) for role in roles)

    @property
    def is_on_leave_now(self) -> bool:
        """True while her leave is current: switched on and its last day (if any) not past."""
        return self.on_leave and (self.leave_until is None or self.leave_until >= clock.today())

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles]


class LoginSession(models.Model):
    """Which session belongs to which user, so that deactivating a user ends her sessions
    without scanning every session in the database."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="login_sessions", verbose_name=_("user")
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.created_at:%Y-%m-%d %H:%M}"

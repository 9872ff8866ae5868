"""Security events from Django's and django-axes' authentication signals.

These are the only signal receivers in the project: authentication happens inside Django and
axes, so their signals are the one place every login, failed login and lockout passes through.
"""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from clinic.core import clock

from .models import AuditAction, AuditEvent
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def record_login(sender, request, user, **kwargs) -> None:
    audit_record(action=AuditAction.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def record_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, request=request, user=user)


def _known_user(credentials: dict):
    """The account a failed attempt targeted, if it exists. The typed string itself is never
    stored: people sometimes type a password into the username field."""
    username = (credentials or {}).get("username")
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    audit_record(action=AuditAction.LOGIN_FAILED, request=request, user=_known_user(credentials))


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def record_lockout(sender, request, username, ip_address, **kwargs) -> None:
    """One event when a lockout starts. Axes signals again for every attempt refused during the
    lockout; those attempts are recorded as failed logins, not as new lockouts."""
    user = _known_user({"username": username})
    since = clock.now() - settings.AXES_COOLOFF_TIME
    already = AuditEvent.objects.filter(
        action=AuditAction.LOCKOUT, user=user, ip_address=ip_address, created_at__gte=since
    )
    if not already.exists():
        audit_record(action=AuditAction.LOCKOUT, request=request, user=user)

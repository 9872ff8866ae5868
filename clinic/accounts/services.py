"""State changes for staff accounts. Each function is atomic, validates, records who acted (in
simple-history and the audit trail) and leaves the account in a consistent state."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.utils import update_change_reason

from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock

from .models import ROLE_FIELDS, LoginSession, User

RECOVERY_DEVICE_NAME = "recovery"
TOTP_DEVICE_NAME = "authenticator"


def _set_roles(*, user: User, roles: set[str]) -> None:
    unknown = roles - set(ROLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown role."))
    for role, field in ROLE_FIELDS.items():
        setattr(user, field, role in roles)


def _save_with_reason(*, user: User, by: User | None, reason: str) -> None:
    user._history_user = by
    user.full_clean()
    user.save()
    update_change_reason(user, reason)


@transaction.atomic
def user_create(
    *,
    by: User,
    request: HttpRequest | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: set[str],
) -> User:
    """Create a staff account with no usable password and e-mail her a link to set one.

    The new user enrols a second factor at her first login."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    _set_roles(user=user, roles=roles)
    user.set_unusable_password()
    user.must_change_password = False
    _save_with_reason(user=user, by=by, reason=_("Account created"))
    audit_record(action=AuditAction.USER_CREATED, request=request, user=by, obj=user)
    if request is not None and email:
        transaction.on_commit(lambda: user_send_password_link(request=request, user=user))
    return user


def user_send_password_link(*, request: HttpRequest, user: User) -> None:
    """E-mail the user a single-use link (valid ``PASSWORD_RESET_TIMEOUT``) to choose her
    password. Works for new accounts without a usable password, which Django's reset form
    skips. The e-mail holds no personal data beyond the link."""
    context = {
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(render_to_string("accounts/email/welcome_subject.txt", context).splitlines())
    body = render_to_string("accounts/email/welcome_body.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_update(
    *,
    by: User,
    request: HttpRequest | None,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    roles: set[str] | None,
) -> User:
    """Update names, e-mail and roles. Nobody can change her own roles."""
    user.first_name, user.last_name, user.email = first_name, last_name, email
    if roles is not None and set(roles) != set(user.roles):
        if user.pk == by.pk:
            raise ValidationError(_("You cannot change your own roles."))
        _set_roles(user=user, roles=set(roles))
    _save_with_reason(user=user, by=by, reason=_("Account updated"))
    audit_record(action=AuditAction.USER_UPDATED, request=request, user=by, obj=user)
    return user


def user_sessions_end(*, user: User) -> int:
    """Delete every session the user has open. Returns how many were ended."""
    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _detail = Session.objects.filter(session_key__in=keys).delete()
    LoginSession.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def user_deactivate(*, by: User, request: HttpRequest | None, user: User, reason: str) -> User:
    """Deactivate an account and end all its sessions. The account and everything it did stay
    in the database (nothing is deleted)."""
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for deactivating the account."))
    if not user.is_active:
        raise ValidationError(_("This account is already inactive."))
    user.is_active = False
    user.deactivated_at = clock.now()
    user.deactivation_reason = reason.strip()
    _save_with_reason(user=user, by=by, reason=_("Account deactivated"))
    user_sessions_end(user=user)
    audit_record(action=AuditAction.USER_DEACTIVATED, request=request, user=by, obj=user)
    return user


@transaction.atomic
def user_reactivate(*, by: User, request: HttpRequest | None, user: User) -> User:
    if user.is_active:
        raise ValidationError(_("This account is already active."))
    user.is_active = True
    user.deactivated_at = None
    user.deactivation_reason = ""
    _save_with_reason(user=user, by=by, reason=_("Account reactivated"))
    audit_record(action=AuditAction.USER_REACTIVATED, request=request, user=by, obj=user)
    return user


def user_is_locked_out(*, user: User) -> bool:
    from .selectors import locked_usernames

    return user.username in locked_usernames(usernames=[user.username])


@transaction.atomic
def user_unlock(*, by: User, request: HttpRequest | None, user: User) -> int:
    """Lift an axes lockout for this username from every IP address."""
    from axes.utils import reset

    count = reset(username=user.username)
    audit_record(action=AuditAction.USER_UNLOCKED, request=request, user=by, obj=user)
    return count


@transaction.atomic
def user_mfa_reset(*, by: User, request: HttpRequest | None, user: User) -> None:
    """Remove the user's second factor and recovery codes and end her sessions: she enrols a
    new authenticator at her next login."""
    if user.pk == by.pk:
        raise ValidationError(_("You cannot reset your own second factor here."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_sessions_end(user=user)
    audit_record(action=AuditAction.MFA_RESET, request=request, user=by, obj=user)


def login_session_record(*, user: User, session_key: str) -> None:
    """Remember which session belongs to the user (see :func:`user_sessions_end`)."""
    LoginSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


# --- Second factor --------------------------------------------------------------------------


def mfa_enrolment_device(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def mfa_enrol_confirm(*, user: User, device: TOTPDevice, request: HttpRequest) -> list[str]:
    """Confirm the pending authenticator after a valid code, discard any other authenticator,
    and return fresh single-use recovery codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = mfa_recovery_codes_generate(user=user)
    audit_record(action=AuditAction.MFA_ENROLLED, request=request, user=user)
    return codes


@transaction.atomic
def mfa_recovery_codes_generate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = [
        f"{get_random_string(5, alphabet)}-{get_random_string(5, alphabet)}"
        for _index in range(settings.MFA_RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code.replace("-", "")) for code in codes]
    )
    return codes


def mfa_recovery_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()

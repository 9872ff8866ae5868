"""State changes for staff accounts. Each function is atomic, validates, records who acted (in
simple-history and the audit trail) and leaves the account in a consistent state."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.queue import enqueue
from clinic.notifications.models import NotificationKind
from clinic.notifications.services import notification_create

from .models import ROLE_FIELDS, LoginSession, Role, User

RECOVERY_DEVICE_NAME = "recovery"
TOTP_DEVICE_NAME = "authenticator"


def _set_roles(*, user: User, roles: set[str]) -> None:
    unknown = roles - set(ROLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown role."))
    for role, field in ROLE_FIELDS.items():
        setattr(user, field, role in roles)


def _save_with_reason(*, user: User, by: User | None, reason: str) -> None:
    # The reason goes in with the save (see cases.services.common.save_tracked).
    user._history_user = by
    user._change_reason = reason
    try:
        user.full_clean()
        user.save()
    finally:
        del user._change_reason


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
    _save_with_reason(user=user, by=by, reason=_("Account created"))
    audit_record(action=AuditAction.USER_CREATED, request=request, user=by, obj=user)
    if request is not None and email:
        user_send_password_link(request=request, user=user)
    return user


def _base_url(request: HttpRequest) -> str:
    return f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"


def user_send_password_link(*, request: HttpRequest, user: User) -> None:
    """E-mail a new account a single-use link (valid ``PASSWORD_RESET_TIMEOUT``) to choose her
    first password, from the worker after commit. Refused once the account has a password:
    from then on only the person herself can ask for a reset (to her own address)."""
    from .tasks import send_password_email

    if user.has_usable_password():
        raise ValidationError(_("This account already has a password; she can reset it herself."))
    enqueue(send_password_email, user.pk, "welcome", _base_url(request))


def user_request_password_reset(*, request: HttpRequest, email: str) -> None:
    """Queue a reset e-mail for every active account with this address and a password. The
    response is the same whether or not such an account exists."""
    from .tasks import send_password_email

    accounts = User.objects.filter(email__iexact=email.strip(), is_active=True)
    for user in accounts:
        if user.has_usable_password():
            enqueue(send_password_email, user.pk, "reset", _base_url(request))


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
    """Update names, e-mail and roles. Nobody can change her own roles, and the e-mail of an
    account that is already set up (it has a password) cannot change here: otherwise an
    administrator could redirect its password reset to herself."""
    if email != user.email and user.has_usable_password():
        raise ValidationError(_("Only an operator can change the e-mail of an account in use."))
    user.first_name, user.last_name, user.email = first_name, last_name, email
    if roles is not None and set(roles) != set(user.roles):
        if user.pk == by.pk:
            raise ValidationError(_("You cannot change your own roles."))
        _set_roles(user=user, roles=set(roles))
    _save_with_reason(user=user, by=by, reason=_("Account updated"))
    audit_record(action=AuditAction.USER_UPDATED, request=request, user=by, obj=user)
    return user


def user_sessions_end(*, user: User) -> int:
    """End every session the user has open: raising the session epoch invalidates them all
    (whatever their key), and the recorded ones are deleted outright. Returns how many rows
    were deleted."""
    User.objects.filter(pk=user.pk).update(session_epoch=models.F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
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
    open_cases, pending_deadlines = _open_work(user=user)
    if open_cases or pending_deadlines:
        raise ValidationError(
            _(
                "She still has %(cases)s and %(deadlines)s. Reassign them before deactivating "
                "the account."
            )
            % {
                "cases": ngettext("%(count)s open case", "%(count)s open cases", open_cases)
                % {"count": open_cases},
                "deadlines": ngettext(
                    "%(count)s pending deadline", "%(count)s pending deadlines", pending_deadlines
                )
                % {"count": pending_deadlines},
            },
            code="open_work",
        )
    user.is_active = False
    user.deactivated_at = clock.now()
    user.deactivation_reason = reason.strip()
    _save_with_reason(user=user, by=by, reason=_("Account deactivated"))
    user_sessions_end(user=user)
    audit_record(action=AuditAction.USER_DEACTIVATED, request=request, user=by, obj=user)
    return user


def _open_work(*, user: User) -> tuple[int, int]:
    """(open case assignments, pending deadlines she is responsible for). The cases models are
    looked up when called, so that accounts has no import-time dependency on the cases app."""
    case_assignment = apps.get_model("cases", "CaseAssignment")
    deadline = apps.get_model("cases", "Deadline")
    open_cases = (
        case_assignment.objects.filter(user=user, ended_at__isnull=True)
        .values("case_id")
        .distinct()
        .count()
    )
    # "pending" is cases.choices.DeadlineStatus.PENDING (no import: see above).
    pending_deadlines = deadline.objects.filter(responsible=user, status="pending").count()
    return open_cases, pending_deadlines


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


@transaction.atomic
def user_leave_set(
    *,
    user: User,
    on_leave: bool,
    delegate: User | None,
    leave_until: datetime.date | None,
    by: User,
    request: HttpRequest | None = None,
) -> User:
    """Put the user on leave — optionally until a date and with a delegate who also receives
    her reminders and notifications while the leave is current — or end it. Everyone sets her
    own leave; only a coordinator sets a colleague's. Ending the leave clears the delegate and
    the end date. A newly named delegate is told with a notification."""
    if by.pk != user.pk and not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Only a coordinator can set a colleague's leave."))
    previous_delegate_id = user.delegate_id
    if on_leave:
        if leave_until is not None and leave_until < clock.today():
            raise ValidationError(_("The last day of the leave cannot be in the past."))
        if delegate is not None:
            # Read her current state under a lock: she may be going on leave right now.
            delegate = User.objects.select_for_update().get(pk=delegate.pk)
            _validate_delegate(user=user, delegate=delegate)
        user.on_leave, user.leave_until, user.delegate = True, leave_until, delegate
        reason = _("Leave set")
    else:
        user.on_leave, user.leave_until, user.delegate = False, None, None
        reason = _("Leave ended")
    _save_with_reason(user=user, by=by, reason=reason)
    audit_record(action=AuditAction.USER_UPDATED, request=request, user=by, obj=user)
    if user.delegate is not None and user.delegate_id != previous_delegate_id:
        _notify_new_delegate(user=user)
    return user


def _validate_delegate(*, user: User, delegate: User) -> None:
    if delegate.pk == user.pk:
        raise ValidationError(_("Nobody can be her own delegate."))
    if not delegate.has_role(Role.ATTORNEY, Role.COORDINATOR):
        raise ValidationError(_("The delegate must be an active attorney or coordinator."))
    if delegate.is_on_leave_now:
        raise ValidationError(
            _("%(name)s is on leave herself; choose another delegate.") % {"name": delegate}
        )


def _notify_new_delegate(*, user: User) -> None:
    # Notifications are stored in the clinic's language, whatever the acting user's language.
    with translation.override(settings.LANGUAGE_CODE):
        if user.leave_until is not None:
            text = _(
                "%(name)s is on leave until %(date)s and you are her delegate: her reminders "
                "and notifications reach you too."
            ) % {"name": user, "date": date_format(user.leave_until, "DATE_FORMAT")}
        else:
            text = _(
                "%(name)s is on leave and you are her delegate: her reminders and "
                "notifications reach you too."
            ) % {"name": user}
        url = reverse("accounts:leave")
    notification_create(recipient=user.delegate, kind=NotificationKind.OTHER, text=text, url=url)


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

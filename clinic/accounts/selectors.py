"""Reads for staff accounts. Staff management is for administrators only; these selectors
enforce it themselves so that no view can list or open an account without the role."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.audit.models import AuditEvent
from clinic.core import clock

from .models import ROLE_FIELDS, Role, User


def _require_admin(user: User) -> None:
    if not user.has_role(Role.ADMIN):
        raise PermissionDenied


def _lockout_attempts() -> QuerySet[AccessAttempt]:
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=clock.now() - settings.AXES_COOLOFF_TIME,
    )


def locked_usernames(*, usernames: list[str]) -> set[str]:
    """The usernames among ``usernames`` currently locked out from at least one IP address."""
    return set(
        _lockout_attempts().filter(username__in=usernames).values_list("username", flat=True)
    )


def user_list_for_admin(
    *, user: User, search: str = "", role: str = "", status: str = "active"
) -> QuerySet[User]:
    """Staff accounts with ``has_mfa`` and ``is_locked`` annotated (one query in all)."""
    _require_admin(user)
    queryset = (
        User.objects.filter(is_superuser=False)
        .select_related("delegate")
        .annotate(
            has_mfa=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            is_locked=Exists(_lockout_attempts().filter(username=OuterRef("username"))),
        )
    )
    if search:
        queryset = queryset.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    if role in ROLE_FIELDS:
        queryset = queryset.filter(**{ROLE_FIELDS[role]: True})
    if status == "active":
        queryset = queryset.filter(is_active=True)
    elif status == "inactive":
        queryset = queryset.filter(is_active=False)
    return queryset.order_by("first_name", "last_name", "username")


def user_get_for_admin(*, user: User, pk: int) -> User:
    """One account, with the same annotations as the list; 404 when it does not exist or is a
    superuser (operators' accounts are managed with manage.py, never from the staff pages, so
    a clinic administrator cannot take one over)."""
    try:
        return user_list_for_admin(user=user, status="all").get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def user_security_events(*, user: User, limit: int = 10) -> QuerySet[AuditEvent]:
    """The latest security events about the user's own account (what she sees on her home)."""
    return AuditEvent.objects.filter(user=user).order_by("-created_at", "-pk")[:limit]


def staff_summary(*, user: User) -> dict[str, int]:
    """Counts for the administrator's dashboard, computed in one aggregate query."""
    from django.db.models import Count

    _require_admin(user)
    active = Q(is_active=True)
    aggregates = {
        "active": Count("pk", filter=active),
        "inactive": Count("pk", filter=Q(is_active=False)),
        "without_mfa": Count(
            "pk",
            filter=active & ~Q(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id")),
        ),
    }
    for role, field in ROLE_FIELDS.items():
        aggregates[role] = Count("pk", filter=active & Q(**{field: True}))
    summary = User.objects.aggregate(**aggregates)
    summary["locked"] = _lockout_attempts().values("username").distinct().count()
    return summary


# --- Leave and delegates ---------------------------------------------------------------------


def on_leave_now_q() -> Q:
    """Accounts whose leave is current (see ``User.is_on_leave_now``)."""
    return Q(on_leave=True) & (Q(leave_until__isnull=True) | Q(leave_until__gte=clock.today()))


def reminder_recipients(user: User) -> list[User]:
    """Who receives the user's reminders and notifications: ``[user]``, or ``[user, delegate]``
    while her leave is current and her delegate's account is active. Never more than one
    delegate: a delegate's own delegate does not receive them."""
    if user.is_on_leave_now and user.delegate_id is not None and user.delegate.is_active:
        return [user, user.delegate]
    return [user]


def leave_delegate_candidates(*, user: User) -> QuerySet[User]:
    """The colleagues who may cover for ``user``: active attorneys and coordinators other than
    herself who are not on leave themselves."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_attorney=True) | Q(is_coordinator=True))
        .exclude(pk=user.pk)
        .exclude(on_leave_now_q())
        .order_by("first_name", "last_name", "username")
    )


def users_covered_by(*, user: User) -> list[User]:
    """The colleagues on leave right now who named ``user`` as their delegate."""
    return list(user.delegating_users.filter(on_leave_now_q()).order_by("first_name", "last_name"))


def _require_coordinator(user: User) -> None:
    if not user.has_role(Role.COORDINATOR):
        raise PermissionDenied


def team_list_for_coordinator(*, user: User) -> QuerySet[User]:
    """Active staff accounts (operators excluded) with their delegate, for a coordinator who
    manages leave. Shows names, roles and leave only."""
    _require_coordinator(user)
    return (
        User.objects.filter(is_active=True, is_superuser=False)
        .select_related("delegate")
        .order_by("first_name", "last_name", "username")
    )


def team_member_get_for_coordinator(*, user: User, pk: int) -> User:
    """One active staff account for a coordinator; 404 when missing, inactive or an operator."""
    try:
        return team_list_for_coordinator(user=user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None

"""Reading notifications. A user only ever reads her own: every selector filters by recipient."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from clinic.accounts.models import User

from .models import Notification


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    """One of the user's own notifications; 404 for anyone else's (indistinguishable from a
    notification that does not exist)."""
    try:
        return notifications_for_user(user=user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


def unread_count(*, user: User) -> int:
    """How many of the user's notifications are unread (one COUNT query on an indexed pair)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

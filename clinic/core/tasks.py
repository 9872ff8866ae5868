"""Periodic housekeeping."""

from celery import shared_task
from django.contrib.sessions.models import Session

from clinic.accounts.models import LoginSession
from clinic.core import clock


@shared_task(acks_late=True)
def purge_expired_sessions() -> int:
    """Delete expired sessions and their login records. Idempotent; returns how many sessions
    were removed."""
    expired = Session.objects.filter(expire_date__lt=clock.now())
    keys = list(expired.values_list("session_key", flat=True))
    LoginSession.objects.filter(session_key__in=keys).delete()
    deleted, _detail = expired.delete()
    return deleted

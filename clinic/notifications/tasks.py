"""Periodic reminder jobs. Both are idempotent: rows are inserted against unique keys before
anything is sent, and a sent row is never sent again."""

from celery import shared_task


@shared_task(acks_late=True)
def dispatch_reminders() -> int:
    """Insert and send every due reminder and escalation; returns how many were sent."""
    from .reminders import reminders_dispatch

    return reminders_dispatch().sent


@shared_task(acks_late=True)
def send_daily_digests() -> int:
    """The 07:00 summary e-mail, once per person per day; returns how many were sent."""
    from .reminders import digests_send

    return digests_send().sent

"""Periodic jobs for clients."""

from celery import shared_task

from cases.services.clients import drafts_purge_stale


@shared_task(acks_late=True)
def purge_stale_drafts() -> int:
    """Delete intake drafts untouched for 30 days, with their history. Idempotent."""
    return drafts_purge_stale()

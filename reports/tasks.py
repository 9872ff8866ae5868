"""Periodic jobs of the reports app."""

from celery import shared_task


@shared_task(acks_late=True)
def purge_expired_exports() -> int:
    """Remove the files of expired statistics exports (the rows stay). Idempotent."""
    from reports.services import statistics_exports_purge_expired

    return statistics_exports_purge_expired()

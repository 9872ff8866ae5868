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
    deleted, _detail = expired.delete()
    # Login records whose session is gone (expired, logged out, ended).
    LoginSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return deleted


@shared_task(acks_late=True)
def run_job(job_id: int) -> str:
    """Run one background job (see ``clinic.core.jobs``). A repeated delivery does nothing."""
    from clinic.core.jobs import job_run

    return job_run(job_id)


@shared_task(acks_late=True)
def sweep_jobs() -> int:
    """Publish again jobs still queued after a broker outage. Idempotent."""
    from clinic.core.jobs import jobs_sweep

    return jobs_sweep()

"""Submitting, running and sweeping background jobs (see ``clinic.core.models.Job``).

A job kind is registered with ``@job_handler("kind")`` on a function ``handler(job) -> None``
that does the work idempotently (it may run again after a crash) and may report progress with
``job_progress``. ``job_submit`` writes the row and publishes ``run_job`` after commit; a broker
outage is logged, never raised. ``run_job`` claims the row with a conditional UPDATE, so a
message delivered twice, or a sweeper's re-publication racing the first delivery, runs the
handler once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q

from clinic.core import clock

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

Handler = Callable[[Job], None]
_HANDLERS: dict[str, Handler] = {}

#: A queued job not picked up after this long is published again by the sweeper.
REPUBLISH_AFTER = timedelta(minutes=3)
#: A running job older than this died with its worker (hard time limit is 6 minutes).
STALE_RUNNING_AFTER = timedelta(minutes=15)
#: Attempts before a job that keeps failing is marked failed.
MAX_ATTEMPTS = 3


class TransientJobError(Exception):
    """Raised by a handler for errors worth retrying (mail server or storage hiccup)."""


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not function:
            raise ValueError(f"job kind {kind!r} registered twice")
        _HANDLERS[kind] = function
        return function

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


def _publish(job_id: int) -> None:
    from clinic.core.tasks import run_job

    try:
        run_job.delay(job_id)
    except Exception:  # broker down: the sweeper publishes it again
        logger.warning("job %s not published (broker unavailable); the sweeper will retry", job_id)


def job_submit(*, kind: str, params: dict | None = None, by=None) -> Job:
    """Record a queued job and publish it after the surrounding transaction commits.

    Never raises because the broker is down: the row is the job, the message is a hint.
    """
    if kind not in _HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    now = clock.now()
    job = Job.objects.create(
        kind=kind, params=params or {}, created_by=by, created_at=now, enqueued_at=now
    )
    transaction.on_commit(lambda: _publish(job.pk), robust=True)
    return job


def job_get_for_user(*, user, pk: int) -> Job:
    """A job for the person who requested it; 404 for anyone else."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Job, pk=pk, created_by=user)


def job_progress(job: Job, percent: int, message: str = "") -> None:
    """Record progress (0 to 100) so the person waiting sees it. ``message`` is a fixed text."""
    job.progress = max(0, min(100, int(percent)))
    job.message = message[:200]
    Job.objects.filter(pk=job.pk).update(progress=job.progress, message=job.message)


def job_run(job_id: int) -> str:
    """Run job ``job_id`` once. Returns the resulting status (or "skipped" when another
    delivery already claimed it). Safe to call any number of times."""
    now = clock.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, attempts=F("attempts") + 1, error=""
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    handler = _HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for {job.kind}")
        handler(job)
    except TransientJobError as error:
        retry = job.attempts < MAX_ATTEMPTS
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.QUEUED if retry else JobStatus.FAILED,
            error=type(error).__name__,
            finished_at=None if retry else clock.now(),
            # Published again by the sweeper after REPUBLISH_AFTER: a simple back-off.
            enqueued_at=clock.now(),
        )
        logger.warning("job %s (%s) transient failure, attempt %s", job_id, job.kind, job.attempts)
        return JobStatus.QUEUED if retry else JobStatus.FAILED
    except Exception as error:
        # Only the class name: a message could quote personal data.
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=type(error).__name__, finished_at=clock.now()
        )
        # The class name only: a traceback's message could quote personal data.
        logger.error("job %s (%s) failed: %s", job_id, job.kind, type(error).__name__)
        return JobStatus.FAILED
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, progress=100, finished_at=clock.now()
    )
    return JobStatus.DONE


def jobs_sweep() -> int:
    """Publish again every job still queued a few minutes after it was last published, and
    return to the queue jobs left running by a worker that died. Returns how many were
    published. Idempotent; runs every minute from beat."""
    now = clock.now()
    dead = Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=now - STALE_RUNNING_AFTER)
    # A job whose worker died on every attempt (killed at its time limit, out of memory) fails
    # for good instead of coming back every few minutes with its progress bar frozen.
    dead.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=JobStatus.FAILED, finished_at=now, error="WorkerLost"
    )
    dead.filter(attempts__lt=MAX_ATTEMPTS).update(status=JobStatus.QUEUED, enqueued_at=None)
    stale = Q(enqueued_at__lt=now - REPUBLISH_AFTER) | Q(enqueued_at__isnull=True)
    job_ids = list(
        Job.objects.filter(stale, status=JobStatus.QUEUED).values_list("pk", flat=True)[:500]
    )
    if not job_ids:
        return 0
    Job.objects.filter(pk__in=job_ids).update(enqueued_at=now)
    for job_id in job_ids:
        _publish(job_id)
    return len(job_ids)


def jobs_run_queued(limit: int = 100) -> int:
    """Run queued jobs in this process (no Celery): for ``manage.py run_jobs`` and operators
    recovering from a broker outage. Returns how many ran."""
    ran = 0
    for job_id in Job.objects.filter(status=JobStatus.QUEUED).values_list("pk", flat=True)[:limit]:
        if job_run(job_id) != "skipped":
            ran += 1
    return ran

"""Enqueueing Celery tasks safely.

A task is published only after the surrounding transaction commits, and a broker outage never
turns the caller's successful save into an error: ``robust=True`` logs the failure instead of
raising (the job's own database row, where there is one, stays queued for the sweeper).
"""

from celery import Task
from django.db import transaction


def enqueue(task: Task, *args: int | str) -> None:
    """Publish ``task`` with ``args`` (ids only — never personal data) after commit."""
    transaction.on_commit(lambda: task.delay(*args), robust=True)

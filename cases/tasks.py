"""Periodic jobs for clients, deadlines and signatures."""

from celery import shared_task

from cases.services.clients import drafts_purge_stale


@shared_task(acks_late=True)
def purge_stale_drafts() -> int:
    """Delete intake drafts untouched for 30 days, with their history. Idempotent."""
    return drafts_purge_stale()


@shared_task(acks_late=True)
def mark_missed_deadlines() -> int:
    """Clinic deadlines whose date passed become missed; watch dates that passed get their
    follow-up action. Idempotent (runs hourly; the first run after 00:00 does the work)."""
    from cases.services.deadlines import deadlines_mark_missed

    return deadlines_mark_missed()


@shared_task(acks_late=True)
def extend_signatures() -> int:
    """Keep twelve weeks of COMAR signature dates ahead of every open asylum case."""
    from cases.services.cases import signatures_extend_all

    return signatures_extend_all()

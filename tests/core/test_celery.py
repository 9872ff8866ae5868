"""Celery: a real worker on Redis, and enqueueing that never breaks a save."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction

from clinic.core.queue import enqueue
from clinic.core.tasks import purge_expired_sessions


def _expired_session() -> str:
    store = SessionStore()
    store.set_expiry(-60)
    store["marker"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date="2020-01-01T00:00:00Z")
    return store.session_key


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_an_enqueued_task(celery_worker_on_redis):
    # given: an expired session and a live one
    expired = _expired_session()
    live = SessionStore()
    live["marker"] = 2
    live.create()
    # when: the purge is enqueued after commit and a real worker picks it up
    with transaction.atomic():
        enqueue(purge_expired_sessions)
    deadline = time.monotonic() + 20
    while Session.objects.filter(session_key=expired).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    # then
    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=live.session_key).exists()


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_never_turns_a_save_into_an_error(settings):
    from clinic.celery import app

    def reset_pools():
        # Close pooled connections and forget the pools, so the next publish builds new ones
        # for the current broker_url (a closed pool left in place fails every later publish).
        from kombu import pools

        pools.reset()  # closes and forgets kombu's process-wide pools
        app._pool = None
        app.amqp._producer_pool = None

    # given: a broker where nothing listens
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    reset_pools()
    try:
        started = time.monotonic()
        # when: a save enqueues a task on commit
        with transaction.atomic():
            key = _expired_session()
            enqueue(purge_expired_sessions)
        elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
        reset_pools()
    # then: the save stands and the caller was not kept waiting
    assert Session.objects.filter(session_key=key).exists()
    assert elapsed < 5


@pytest.mark.django_db
def test_purge_is_idempotent():
    _expired_session()

    assert purge_expired_sessions() == 1
    assert purge_expired_sessions() == 0

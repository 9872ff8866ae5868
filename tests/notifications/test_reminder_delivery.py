"""Delivery under real conditions: two dispatchers racing on PostgreSQL, a real Celery worker
on Redis, and a broker outage that loses nothing."""

import datetime
import socket
import threading
import time
from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, connections, transaction

from cases import choices
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from clinic.core import jobs
from clinic.core.models import Job, JobStatus
from clinic.notifications import reminders
from clinic.notifications.models import Reminder
from tests.cases.factories import ClientFactory

D = datetime.date


@jobs.job_handler("test.outage")
def _outage_job(job):
    """A job that does nothing but prove it ran."""


def _world(make_user):
    coordinator = make_user("coordinator", email="coordina@clinica.example")
    attorney = make_user("attorney", email="abogada@clinica.example")
    case = case_services.case_open(
        client=ClientFactory(entry_date=D(2026, 11, 2)),
        case_type=choices.CaseType.ASYLUM,
        by=coordinator,
        attorney=attorney,
    )
    for due in (D(2026, 11, 24), D(2026, 11, 25), D(2026, 11, 26)):
        deadline_services.deadline_create_manual(
            by=attorney,
            responsible=attorney,
            kind="clinic",
            title="Presentar escrito",
            due_date=due,
            case=case,
        )
    return attorney


def _race() -> Counter:
    """Two dispatchers on two database connections, released together by a barrier right
    before they insert; returns how many e-mails went out per reminder key."""
    barrier = threading.Barrier(2, timeout=20)
    real_existing = reminders._existing_keys
    errors = []

    def existing_then_wait(due):
        keys = real_existing(due)
        barrier.wait()  # both have read "nothing sent yet" before either inserts
        return keys

    def dispatcher():
        try:
            reminders.reminders_dispatch()
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(reminders, "_existing_keys", existing_then_wait):
        threads = [threading.Thread(target=dispatcher) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert errors == []
    return Counter((message.to[0], message.subject, message.body) for message in mail.outbox)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_each_reminder_once(make_user, clock):
    # given three deadlines with a reminder due now, by e-mail and in the app
    _world(make_user)
    # when two dispatchers race
    sent = _race()
    # then every e-mail went out exactly once, and one row exists per key
    assert len(sent) >= 3
    assert set(sent.values()) == {1}
    rows = Reminder.objects.values_list("deadline", "due_key", "offset", "recipient", "channel")
    assert len(rows) == len(set(rows))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_unique_constraint_the_same_race_sends_twice(make_user, clock):
    """Shows that the test above can fail: it is the constraint, not luck, that holds."""
    constraint = next(
        item for item in Reminder._meta.constraints if item.name == "reminder_sent_once"
    )
    with connection.schema_editor() as editor:
        editor.remove_constraint(Reminder, constraint)
    try:
        _world(make_user)
        sent = _race()
        assert 2 in set(sent.values())
    finally:
        Reminder.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Reminder, constraint)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_dispatches_reminders_and_a_rerun_sends_nothing(
    celery_worker_on_redis, make_user, clock
):
    from clinic.notifications.tasks import dispatch_reminders

    # given reminders due now
    _world(make_user)
    # when beat's task is sent through Redis to a real worker
    dispatch_reminders.delay()
    limit = time.monotonic() + 20
    while time.monotonic() < limit and Reminder.objects.filter(status="sent").count() < 6:
        time.sleep(0.1)
    # then every reminder was sent, once (three deadlines, e-mail and in the app)
    assert Reminder.objects.filter(status="sent").count() >= 6
    assert Reminder.objects.exclude(status="sent").count() == 0
    sent_before = len(mail.outbox)
    assert sent_before == Reminder.objects.filter(channel="email").count()
    # when the task is delivered again
    dispatch_reminders.delay()
    time.sleep(1.5)
    # then nothing new goes out
    assert len(mail.outbox) == sent_before
    assert Reminder.objects.count() == Reminder.objects.filter(status="sent").count()


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _publisher_to(url: str):
    """A Celery app of its own that publishes ``run_job`` to ``url``, with the project's quick
    give-up policy: the shared app and its connection pools stay untouched for other tests."""
    from celery import Celery
    from django.conf import settings as django_settings

    app = Celery("outage", set_as_current=False)
    app.conf.update(
        broker_url=url,
        broker_connection_timeout=1,
        broker_connection_retry=False,
        task_publish_retry=True,
        task_publish_retry_policy=django_settings.CELERY_TASK_PUBLISH_RETRY_POLICY,
    )

    def delay(job_id):
        return app.send_task("clinic.core.tasks.run_job", args=[job_id])

    return delay


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_saves_succeed_health_is_degraded_and_nothing_is_lost(
    celery_worker_on_redis, settings, client
):
    """The broker is made unreachable (its address points at a closed port: what a stopped
    Redis looks like to a client; the shared Redis keeps running for the other tests and the
    worker), then restored."""
    real_url = settings.CELERY_BROKER_URL
    down_url = f"redis://127.0.0.1:{_unused_port()}/0"
    settings.CELERY_BROKER_URL = down_url
    try:
        # when a job is submitted while the broker is down
        started = time.monotonic()
        with (
            mock.patch("clinic.core.tasks.run_job.delay", _publisher_to(down_url)),
            transaction.atomic(),
        ):
            job = jobs.job_submit(kind="test.outage")
        # then the save succeeded quickly and the row waits, queued
        assert time.monotonic() - started < 10
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
        health = client.get("/health/")
        assert (health.status_code, health.json()["status"]) == (200, "degraded")
    finally:
        settings.CELERY_BROKER_URL = real_url
    # when the broker is back and the sweeper runs (as beat does every minute)
    Job.objects.filter(pk=job.pk).update(enqueued_at=job.created_at - jobs.REPUBLISH_AFTER * 2)
    assert jobs.jobs_sweep() == 1
    limit = time.monotonic() + 20
    while time.monotonic() < limit and Job.objects.get(pk=job.pk).status != JobStatus.DONE:
        time.sleep(0.1)
    # then the queued job completed
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE
    assert client.get("/health/").json()["status"] == "ok"
    connections.close_all()

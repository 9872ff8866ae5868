"""Background jobs as rows: submitted without the broker, run once, swept after an outage."""

from datetime import timedelta
from unittest import mock

import pytest

from clinic.core import clock as app_clock
from clinic.core import jobs
from clinic.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db

ran_jobs: list[int] = []


@jobs.job_handler("test.echo")
def _echo(job: Job) -> None:
    ran_jobs.append(job.pk)
    jobs.job_progress(job, 50, "half")


@jobs.job_handler("test.flaky")
def _flaky(job: Job) -> None:
    raise jobs.TransientJobError()


@jobs.job_handler("test.broken")
def _broken(job: Job) -> None:
    raise ValueError("María López")  # personal data must not reach the row


@pytest.fixture(autouse=True)
def _reset_calls():
    ran_jobs.clear()


def test_submit_records_a_queued_row_and_publishes_after_commit(django_capture_on_commit_callbacks):
    # when
    with (
        mock.patch("clinic.core.tasks.run_job.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = jobs.job_submit(kind="test.echo", params={"case": 3})
    # then
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    delay.assert_called_once_with(job.pk)


def test_submit_succeeds_when_the_broker_is_down(django_capture_on_commit_callbacks):
    # given a broker that refuses every message
    with (
        mock.patch("clinic.core.tasks.run_job.delay", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # when
        job = jobs.job_submit(kind="test.echo")
    # then the row is there, queued, for the sweeper
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        jobs.job_submit(kind="nope")


def test_a_job_runs_once_however_often_it_is_delivered():
    job = jobs.job_submit(kind="test.echo")
    # when
    first = jobs.job_run(job.pk)
    second = jobs.job_run(job.pk)
    # then
    assert (first, second) == (JobStatus.DONE, "skipped")
    assert ran_jobs == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert job.finished_at is not None


def test_transient_errors_are_retried_then_fail():
    job = jobs.job_submit(kind="test.flaky")
    # when
    results = [jobs.job_run(job.pk) for _ in range(jobs.MAX_ATTEMPTS)]
    # then
    assert results == [JobStatus.QUEUED] * (jobs.MAX_ATTEMPTS - 1) + [JobStatus.FAILED]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (
        JobStatus.FAILED,
        jobs.MAX_ATTEMPTS,
        "TransientJobError",
    )


def test_a_failure_keeps_only_the_error_class_not_its_message():
    job = jobs.job_submit(kind="test.broken")
    assert jobs.job_run(job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.error == "ValueError"


def test_sweeper_publishes_jobs_left_queued_and_revives_dead_running_ones(clock):
    # given one fresh job, one queued before an outage and one whose worker died
    fresh = jobs.job_submit(kind="test.echo")
    stale = jobs.job_submit(kind="test.echo")
    dead = jobs.job_submit(kind="test.echo")
    now = app_clock.now()
    Job.objects.filter(pk=stale.pk).update(enqueued_at=now - timedelta(minutes=10))
    Job.objects.filter(pk=dead.pk).update(
        status=JobStatus.RUNNING, started_at=now - timedelta(hours=1)
    )
    # when
    with mock.patch("clinic.core.tasks.run_job.delay") as delay:
        published = jobs.jobs_sweep()
        again = jobs.jobs_sweep()
    # then the stale and the dead ones were published once; the fresh one was left alone
    assert published == 2
    assert again == 0
    assert sorted(call.args[0] for call in delay.call_args_list) == sorted([stale.pk, dead.pk])
    assert Job.objects.get(pk=fresh.pk).enqueued_at == fresh.enqueued_at


def test_a_job_whose_worker_died_on_every_attempt_fails_for_good(clock):
    # given: a job killed mid-run on its last attempt, another on its first
    last = jobs.job_submit(kind="test.echo")
    first = jobs.job_submit(kind="test.echo")
    long_ago = app_clock.now() - timedelta(hours=1)
    Job.objects.filter(pk=last.pk).update(
        status=JobStatus.RUNNING, started_at=long_ago, attempts=jobs.MAX_ATTEMPTS
    )
    Job.objects.filter(pk=first.pk).update(
        status=JobStatus.RUNNING, started_at=long_ago, attempts=1
    )
    # when
    with mock.patch("clinic.core.tasks.run_job.delay") as delay:
        jobs.jobs_sweep()
    # then
    assert Job.objects.get(pk=last.pk).status == JobStatus.FAILED
    assert Job.objects.get(pk=first.pk).status == JobStatus.QUEUED
    assert [call.args[0] for call in delay.call_args_list] == [first.pk]


def test_run_queued_without_celery_runs_every_queued_job():
    first = jobs.job_submit(kind="test.echo")
    second = jobs.job_submit(kind="test.echo")
    assert jobs.jobs_run_queued() == 2
    assert sorted(ran_jobs) == sorted([first.pk, second.pk])


def test_job_status_is_visible_only_to_whoever_requested_it(make_user, verified_client):
    owner = make_user("attorney")
    other = make_user("coordinator")
    job = jobs.job_submit(kind="test.echo", by=owner)
    url = f"/trabajos/{job.pk}/"
    # when / then
    response = verified_client(owner).get(url)
    assert response.status_code == 200
    assert response.json() == {
        "status": "queued",
        "status_label": "En cola",
        "progress": 0,
        "finished": False,
    }
    assert verified_client(other).get(url).status_code == 404

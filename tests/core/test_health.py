"""/health/ reports the database and the broker within two seconds."""

import json
import time

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_health_is_public_and_reports_ok(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    for key in ("data_folder_in", "control_folder"):
        (tmp_path / key).mkdir()
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            key: str(tmp_path / key),
        }

    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
@pytest.mark.django_db
def test_health_reports_ok_with_redis(client, settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL

    response = client.get(reverse("core:health"))

    assert json.loads(response.content)["broker"] == "ok"


@pytest.mark.django_db
def test_health_is_degraded_not_an_error_when_redis_is_unreachable(client, settings):
    # given: a broker address where nothing listens
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    # when
    started = time.monotonic()
    response = client.get(reverse("core:health"))
    elapsed = time.monotonic() - started
    # then
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "broker": "unreachable",
    }
    assert elapsed < 2


@pytest.mark.django_db
def test_health_is_an_error_when_the_database_is_down(client, monkeypatch):
    from clinic.core import health

    monkeypatch.setattr(health, "database_ok", lambda: False)

    response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "error"


@pytest.mark.django_db
def test_health_answers_within_two_seconds_when_redis_hangs(client, settings):
    # given: a "broker" that accepts connections and never answers (a stuck or firewalled
    # Redis — the slow outage, not the instant refusal)
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    try:
        # when
        started = time.monotonic()
        response = client.get(reverse("core:health"))
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    # then
    assert json.loads(response.content)["status"] == "degraded"
    assert elapsed < 2

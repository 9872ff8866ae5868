"""The statistics pages: coordinators only (every other role 403, anonymous to the login page),
nothing changes after a refusal; the default period; the internal view; exports for their
requester only, until they expire."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from clinic.audit.models import AuditEvent
from clinic.core.models import Job
from reports.models import StatisticsExport
from reports.urls import urlpatterns

pytestmark = pytest.mark.django_db

USERS = {
    "no_role": (),
    "intake": ("intake",),
    "attorney": ("attorney",),
    "psychosocial": ("psychosocial",),
    "admin": ("admin",),
    "coordinator": ("coordinator",),
}
EXPORT_FORM = {"desde": "2025-01-01", "hasta": "2025-12-31", "formato": "xlsx"}
# url name: (method, data, needs the export's id)
REPORT_URLS = {
    "statistics": ("get", {}, False),
    "export_request": ("post", EXPORT_FORM, False),
    "export_list": ("get", {}, False),
    "export_download": ("get", {}, True),
}


def test_the_matrix_covers_every_reports_url():
    assert {pattern.name for pattern in urlpatterns} == set(REPORT_URLS)


def _snapshot():
    return (
        list(StatisticsExport.objects.order_by("pk").values_list("pk", "file_name", "ready_at")),
        Job.objects.count(),
        AuditEvent.objects.exclude(action="login").count(),
    )


@pytest.fixture
def ready_export(make_user, settings, tmp_path):
    """A coordinator's XLSX export whose file is stored and not yet expired."""
    from cases.files import file_store_bytes
    from clinic.core import clock

    owner = make_user("coordinator")
    now = clock.now()
    return StatisticsExport.objects.create(
        requested_by=owner,
        requested_at=now,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        format="xlsx",
        language="es-mx",
        file_name=file_store_bytes(b"PK\x03\x04 not really a workbook", "xlsx"),
        size=30,
        ready_at=now,
        expires_at=now + datetime.timedelta(hours=24),
    )


@pytest.mark.parametrize("name", list(REPORT_URLS))
def test_reports_url_matrix(client, verified_client, make_user, ready_export, name):
    method, data, needs_export = REPORT_URLS[name]
    url = reverse(f"reports:{name}", args=[ready_export.pk] if needs_export else [])
    for user_key in [None, "no_role", "intake", "attorney", "psychosocial", "admin"]:
        client.logout()
        browser = client if user_key is None else verified_client(make_user(*USERS[user_key]))
        before = _snapshot()
        # when
        response = getattr(browser, method)(url, data)
        # then
        where = (name, user_key)
        if user_key is None:
            assert response.status_code == 302, where
            assert urlsplit(response["Location"]).path == reverse("accounts:login"), where
        else:
            assert response.status_code == 403, where
        assert _snapshot() == before, where
    # a coordinator is served (the download only for the one who asked for the export)
    client.logout()
    owner = verified_client(ready_export.requested_by)
    response = getattr(owner, method)(url, data)
    assert response.status_code == (302 if method == "post" else 200), name


def test_another_coordinator_gets_404_for_an_export_and_nothing_is_recorded(
    verified_client, make_user, ready_export
):
    # given
    browser = verified_client(make_user("coordinator"))
    before = _snapshot()
    # when
    response = browser.get(reverse("reports:export_download", args=[ready_export.pk]))
    # then
    assert response.status_code == 404
    assert _snapshot() == before


def test_the_download_is_a_private_attachment_and_is_audited(verified_client, ready_export):
    # given
    browser = verified_client(ready_export.requested_by)
    # when
    response = browser.get(reverse("reports:export_download", args=[ready_export.pk]))
    # then
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="estadisticas_2025-01-01_2025-12-31.xlsx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content).startswith(b"PK")
    event = AuditEvent.objects.get(action="download")
    assert (event.user, event.object_type, event.object_pk) == (
        ready_export.requested_by,
        "reports.statisticsexport",
        str(ready_export.pk),
    )


def test_an_expired_export_is_404_and_the_hourly_job_removes_its_file(
    verified_client, ready_export
):
    from cases.files import private_storage
    from clinic.core import clock
    from reports.services import statistics_exports_purge_expired

    # given: its 24 hours are over
    browser = verified_client(ready_export.requested_by)
    StatisticsExport.objects.filter(pk=ready_export.pk).update(
        expires_at=clock.now() - datetime.timedelta(minutes=1)
    )
    # when
    response = browser.get(reverse("reports:export_download", args=[ready_export.pk]))
    removed = statistics_exports_purge_expired()
    # then
    assert response.status_code == 404
    assert removed == 1
    ready_export.refresh_from_db()
    assert ready_export.file_removed_at is not None
    assert not private_storage.exists(ready_export.file_name)
    assert statistics_exports_purge_expired() == 0  # idempotent; the row stays
    page = browser.get(reverse("reports:export_list")).content.decode()
    assert "Caducó" in page


def test_the_page_shows_the_current_calendar_year_by_default(verified_client, make_user, clock):
    # given
    browser = verified_client(make_user("coordinator"))
    # when
    response = browser.get(reverse("reports:statistics"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].period.start == datetime.date(2026, 1, 1)
    assert response.context["report"].period.end == datetime.date(2026, 12, 31)
    assert "Definiciones" in html and "<svg" in html
    assert 'style="' not in html.split("<main", 1)[1]
    assert not AuditEvent.objects.filter(action="view").exists()


def test_the_internal_view_is_labelled_and_audited(verified_client, make_user, clock):
    # given
    coordinator = make_user("coordinator")
    browser = verified_client(coordinator)
    # when
    response = browser.get(reverse("reports:statistics"), {"vista": "interna"})
    # then
    assert response.status_code == 200
    assert response.context["report"].suppressed is False
    assert "Vista interna" in response.content.decode()
    event = AuditEvent.objects.get(action="view")
    assert (event.user, event.object_type) == (coordinator, "reports.statistics")


def test_a_reversed_period_is_refused_with_a_message(verified_client, make_user):
    browser = verified_client(make_user("coordinator"))
    response = browser.get(
        reverse("reports:statistics"), {"desde": "2025-12-31", "hasta": "2025-01-01"}
    )
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "El periodo debe empezar antes de terminar." in response.content.decode()


def test_the_navigation_shows_statistics_to_coordinators_only(verified_client, make_user):
    url = reverse("reports:statistics")
    coordinator_home = verified_client(make_user("coordinator")).get(reverse("core:home"))
    assert f'href="{url}"' in coordinator_home.content.decode()
    attorney_home = verified_client(make_user("attorney", "intake", "admin")).get(
        reverse("core:home")
    )
    assert f'href="{url}"' not in attorney_home.content.decode()

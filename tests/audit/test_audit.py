"""The audit trail is append-only and records no field values."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from clinic.audit.models import AuditAction, AuditEvent
from clinic.audit.services import audit_record, audited


@pytest.mark.django_db
def test_an_event_cannot_be_changed_or_deleted_through_the_orm(make_user):
    event = audit_record(action=AuditAction.VIEW, user=make_user("attorney"))

    event.action = AuditAction.EXPORT
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(ValueError, match="append-only"):
        AuditEvent.objects.all().update(action=AuditAction.EXPORT)
    with pytest.raises(ValueError, match="append-only"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().action == AuditAction.VIEW


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete_from_any_client(make_user):
    event = audit_record(action=AuditAction.VIEW, user=make_user("attorney"))

    for statement in (
        "UPDATE audit_auditevent SET action = 'export' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, action=AuditAction.VIEW).exists()


@pytest.mark.django_db
def test_the_decorator_records_a_read_with_user_role_ip_and_object(make_user):
    user = make_user("coordinator", "attorney")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = user

    @audited(AuditAction.VIEW, object_type="cases.client")
    def view(request, pk):
        return HttpResponse("ok")

    view(request, pk=42)

    event = AuditEvent.objects.get()
    assert (event.user, event.roles, event.ip_address, event.action) == (
        user,
        "attorney,coordinator",
        "192.0.2.7",
        AuditAction.VIEW,
    )
    assert (event.object_type, event.object_pk) == ("cases.client", "42")


@pytest.mark.django_db
def test_the_decorator_records_nothing_for_a_refused_request(make_user):
    request = RequestFactory().get("/")
    request.user = make_user("intake")

    @audited(AuditAction.DOWNLOAD)
    def view(request, pk):
        return HttpResponse(status=404)

    view(request, pk=1)

    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_client_ip_uses_x_forwarded_for_only_behind_trusted_proxies(settings, make_user):
    from clinic.core.net import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"

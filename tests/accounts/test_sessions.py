"""Session lifetime: idle timeout, absolute timeout, deactivation ends sessions."""

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from clinic.accounts import services
from clinic.audit.models import AuditAction, AuditEvent
from tests.factories import TEST_PASSWORD, confirmed_device


@pytest.mark.django_db
def test_idle_session_ends_after_thirty_minutes(verified_client, make_user):
    user = make_user("attorney")
    with time_machine.travel("2026-11-23 09:00 -06:00", tick=False) as traveller:
        client = verified_client(user)
        assert client.get(reverse("core:home")).status_code == 200
        traveller.shift(29 * 60)
        assert client.get(reverse("core:home")).status_code == 200
        traveller.shift(31 * 60)
        response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert AuditEvent.objects.filter(action=AuditAction.SESSION_EXPIRED, user=user).count() == 1


@pytest.mark.django_db
def test_active_session_ends_ten_hours_after_login(verified_client, make_user):
    user = make_user("attorney")
    with time_machine.travel("2026-11-23 08:00 -06:00", tick=False) as traveller:
        client = verified_client(user)
        for _step in range(40):  # a request every 15 minutes for ten hours
            assert client.get(reverse("core:home")).status_code == 200
            traveller.shift(15 * 60)
        traveller.shift(60)
        response = client.get(reverse("core:home"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_deactivating_a_user_ends_her_sessions(client, make_user):
    # given: an attorney logged in through the real login form
    admin = make_user("admin")
    attorney = make_user("attorney")
    confirmed_device(attorney)
    client.post(
        reverse("accounts:login"), {"username": attorney.username, "password": TEST_PASSWORD}
    )
    assert Session.objects.count() == 1
    # when
    services.user_deactivate(by=admin, request=None, user=attorney, reason="Dejó la clínica")
    # then
    assert Session.objects.count() == 0
    assert client.get(reverse("accounts:mfa_verify")).status_code == 302

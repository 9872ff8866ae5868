"""Login, lockout (django-axes) and the audit events they write."""

from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp

from clinic.audit.models import AuditAction, AuditEvent
from tests.factories import TEST_PASSWORD, confirmed_device

LOGIN = "accounts:login"
HOME_IP = "203.0.113.10"
OTHER_IP = "198.51.100.20"


def attempt(client, username, password, ip=HOME_IP):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_successful_login_writes_exactly_one_login_event(client, make_user):
    # given
    user = make_user("attorney")
    # when
    response = attempt(client, user.username, TEST_PASSWORD)
    # then
    assert response.status_code == 302
    events = AuditEvent.objects.filter(action=AuditAction.LOGIN)
    assert [(event.user_id, event.ip_address, event.roles) for event in events] == [
        (user.pk, HOME_IP, "attorney")
    ]
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_each_failed_login_writes_one_event_without_the_typed_text(client, make_user):
    user = make_user("intake")

    attempt(client, user.username, "wrong password 1")
    attempt(client, "nobody-by-this-name", "wrong password 2")

    events = list(AuditEvent.objects.order_by("pk").values_list("action", "user_id"))
    assert events == [(AuditAction.LOGIN_FAILED, user.pk), (AuditAction.LOGIN_FAILED, None)]
    stored = " ".join(str(value) for row in AuditEvent.objects.values_list() for value in row)
    assert "nobody-by-this-name" not in stored
    assert "wrong password" not in stored


@pytest.mark.django_db
def test_five_failures_lock_the_username_from_that_ip_even_with_the_right_password(
    client, make_user
):
    # given
    user = make_user("attorney")
    for number in range(5):
        attempt(client, user.username, f"wrong {number}")
    # when
    response = attempt(client, user.username, TEST_PASSWORD)
    # then
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT, user=user).count() == 1


@pytest.mark.django_db
def test_four_failures_do_not_lock(client, make_user):
    user = make_user("attorney")
    for number in range(4):
        attempt(client, user.username, f"wrong {number}")

    response = attempt(client, user.username, TEST_PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_locked_username_still_logs_in_from_another_ip(client, make_user):
    user = make_user("attorney")
    for number in range(5):
        attempt(client, user.username, f"wrong {number}")

    response = attempt(client, user.username, TEST_PASSWORD, ip=OTHER_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_lockout_lasts_thirty_minutes(client, make_user):
    user = make_user("attorney")
    with time_machine.travel("2026-11-23 10:00 -06:00", tick=False) as traveller:
        for number in range(5):
            attempt(client, user.username, f"wrong {number}")
        traveller.shift(29 * 60)
        assert attempt(client, user.username, TEST_PASSWORD).status_code == 429
        traveller.shift(2 * 60)
        assert attempt(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lockout_does_not_lock_other_usernames_from_the_same_ip(client, make_user):
    locked, colleague = make_user("attorney"), make_user("attorney")
    for number in range(5):
        attempt(client, locked.username, f"wrong {number}")

    assert attempt(client, colleague.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_login_page_redirects_to_enrolment_then_home_after_a_valid_code(client, make_user):
    # given: an account with an authenticator
    user = make_user("coordinator")
    device = confirmed_device(user)
    # when: password step
    response = attempt(client, user.username, TEST_PASSWORD)
    home = client.get(reverse("core:home"))
    # then: the second step is required
    assert response.status_code == 302
    assert urlsplit(home["Location"]).path == reverse("accounts:mfa_verify")
    # when: a valid code
    code = f"{totp(device.bin_key):06d}"
    verified = client.post(reverse("accounts:mfa_verify"), {"token": code})
    # then
    assert verified.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN, AuditAction.MFA_VERIFIED]


@pytest.mark.django_db
def test_logout_is_recorded_and_ends_the_session(client, make_user, verified_client):
    user = make_user("attorney")
    verified_client(user)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, user=user).count() == 1
    assert client.get(reverse("core:home")).status_code == 302

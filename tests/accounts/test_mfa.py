"""Two-factor enrolment, verification and recovery codes."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.audit.models import AuditAction, AuditEvent
from tests.factories import confirmed_device


def _code(device) -> str:
    return f"{totp(device.bin_key):06d}"


@pytest.mark.django_db
def test_first_login_enrols_an_authenticator_and_shows_recovery_codes_once(client, make_user):
    # given: a new account logged in with its password
    user = make_user("attorney")
    client.force_login(user)
    # when: she opens enrolment and confirms a code from the app
    page = client.get(reverse("accounts:mfa_enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:mfa_enrol"), {"token": _code(device)})
    # then: the codes are in this response only — never stored in the session
    assert page.status_code == 200
    assert b"<svg" in page.content
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert codes[0] not in str(dict(client.session))
    again = client.get(reverse("accounts:mfa_recovery_codes")).content.decode()
    assert codes[0] not in again
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ENROLLED, user=user).count() == 1
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_enrolment_code_keeps_the_device_unconfirmed(client, make_user):
    user = make_user("attorney")
    client.force_login(user)
    client.get(reverse("accounts:mfa_enrol"))
    device = TOTPDevice.objects.get(user=user)
    wrong = "000000" if _code(device) != "000000" else "111111"

    response = client.post(reverse("accounts:mfa_enrol"), {"token": wrong})

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    assert AuditEvent.objects.filter(action=AuditAction.MFA_FAILED, user=user).count() == 1


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, make_user):
    from clinic.accounts.services import mfa_recovery_codes_generate

    user = make_user("coordinator")
    confirmed_device(user)
    code = mfa_recovery_codes_generate(user=user)[0]
    client.force_login(user)

    first = client.post(reverse("accounts:mfa_verify"), {"token": code.upper()})
    client.logout()
    client.force_login(user)
    second = client.post(reverse("accounts:mfa_verify"), {"token": code})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "no es válido" in second.content.decode()
    actions = set(AuditEvent.objects.filter(user=user).values_list("action", flat=True))
    assert {AuditAction.MFA_RECOVERY_USED, AuditAction.MFA_FAILED} <= actions
    assert StaticToken.objects.filter(device__user=user).count() == 9


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_audited(client, make_user):
    user = make_user("coordinator")
    device = confirmed_device(user)
    client.force_login(user)
    wrong = "000000" if _code(device) != "000000" else "111111"

    response = client.post(reverse("accounts:mfa_verify"), {"token": wrong})

    assert response.status_code == 200
    assert client.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.MFA_FAILED, user=user).count() == 1


@pytest.mark.django_db
def test_verification_does_not_redirect_to_another_site(client, make_user):
    user = make_user("coordinator")
    device = confirmed_device(user)
    client.force_login(user)

    response = client.post(
        reverse("accounts:mfa_verify"), {"token": _code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_regenerating_recovery_codes_invalidates_the_old_ones(verified_client, make_user):
    from clinic.accounts.services import mfa_recovery_codes_generate

    user = make_user("intake")
    old = mfa_recovery_codes_generate(user=user)
    client = verified_client(user)
    device = confirmed_device(user)

    response = client.post(reverse("accounts:mfa_recovery_codes"), {"token": _code(device)})

    assert response.status_code == 200
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(tokens) == 10
    assert not tokens & {code.replace("-", "") for code in old}


@pytest.mark.django_db
def test_a_session_alone_cannot_mint_new_recovery_codes(verified_client, make_user):
    from clinic.accounts.services import mfa_recovery_codes_generate

    user = make_user("intake")
    old = {code.replace("-", "") for code in mfa_recovery_codes_generate(user=user)}
    client = verified_client(user)

    response = client.post(reverse("accounts:mfa_recovery_codes"), {"token": "000000"})

    assert response.status_code == 200
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert tokens == old

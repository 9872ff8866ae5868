"""seed_demo creates one demo account per role and refuses production settings."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.accounts.models import ROLE_FIELDS, User


@pytest.mark.django_db
def test_seed_demo_creates_a_verified_account_for_every_role_and_is_repeatable():
    output = io.StringIO()

    call_command("seed_demo", "--clients", "3", stdout=output)
    call_command("seed_demo", "--clients", "3", stdout=io.StringIO())

    users = User.objects.filter(
        username__in=["admin", "coordinadora", "abogada", "recepcion", "psicologa", "abogada2"]
    )
    assert users.count() == 6
    held = {role for user in users for role in user.roles}
    assert held == set(ROLE_FIELDS)
    assert TOTPDevice.objects.filter(user__in=users, confirmed=True).count() == 6
    assert User.objects.get(username="coordinadora").check_password("acompana-demo-2026")
    secret_lines = [line for line in output.getvalue().splitlines() if "coordinadora" in line]
    assert len(secret_lines) == 1 and len(secret_lines[0].split()[-1]) == 32


@pytest.mark.django_db
def test_seed_demo_works_in_the_evening_when_utc_is_already_tomorrow(clock):
    # 19:30 in Mexico City is 01:30 UTC the next day: a date taken from UTC is in her future
    clock.move_to("2026-11-23 19:30 -06:00")

    call_command("seed_demo", "--clients", "3", stdout=io.StringIO())

    assert User.objects.filter(username="coordinadora").exists()


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_production_settings(settings):
    settings.IS_PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=io.StringIO())

    assert User.objects.count() == 0

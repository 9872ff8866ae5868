"""Create demo staff (one per role) with known passwords and printed TOTP secrets.

Synthetic only (Faker es_MX): never real people. Refuses to run with production settings.
Re-running is safe: existing demo accounts keep their authenticator and get the demo password
back.
"""

import base64

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.accounts.models import ROLE_FIELDS, Role, User
from clinic.accounts.services import TOTP_DEVICE_NAME, mfa_recovery_codes_generate

DEMO_PASSWORD = "acompana-demo-2026"  # noqa: S105 (published demo credential)

DEMO_STAFF = [
    ("admin", "Adriana", "Salas", [Role.ADMIN]),
    ("coordinadora", "Marcela", "Ortiz", [Role.COORDINATOR]),
    ("abogada", "Lucía", "Hernández", [Role.ATTORNEY]),
    ("abogada2", "Renata", "Fuentes", [Role.ATTORNEY, Role.INTAKE]),
    ("recepcion", "Itzel", "Ramírez", [Role.INTAKE]),
    ("psicologa", "Sofía", "Campos", [Role.PSYCHOSOCIAL]),
]


class Command(BaseCommand):
    help = "Create demo staff accounts (and, as the domain grows, synthetic clients and cases)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clients",
            type=int,
            default=20,
            help="How many synthetic clients to create (default 20).",
        )

    def handle(self, *args, clients: int, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        if clients < 0:
            raise CommandError("--clients must be zero or more.")
        with transaction.atomic():
            rows = [self._demo_user(*spec) for spec in DEMO_STAFF]
        self.stdout.write(self.style.SUCCESS(f"Demo staff (password for all: {DEMO_PASSWORD})"))
        self.stdout.write(f"{'username':<14} {'roles':<28} TOTP secret (base32)")
        for user, secret in rows:
            roles = ", ".join(user.roles)
            self.stdout.write(f"{user.username:<14} {roles:<28} {secret}")
        self.stdout.write(
            "With REQUIRE_MFA on, add a user's secret to an authenticator app to log in as her."
        )
        self._seed_domain(clients=clients)

    def _demo_user(self, username, first_name, last_name, roles):
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.acompana.invalid",
            },
        )
        for role, field in ROLE_FIELDS.items():
            setattr(user, field, role in roles)
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
            mfa_recovery_codes_generate(user=user)
        return user, base64.b32encode(device.bin_key).decode().rstrip("=")

    def _seed_domain(self, *, clients: int) -> None:
        """Synthetic clients and cases. The client model arrives with the intake module; until
        then there is nothing to create and the command says so."""
        self.stdout.write(
            f"Synthetic clients requested: {clients}. "
            "The intake module (clients and families) is not installed yet: none created."
        )

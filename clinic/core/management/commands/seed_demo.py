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
DEMO_DOMAIN = "@demo.acompana.invalid"

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
        real = User.objects.exclude(email__endswith=DEMO_DOMAIN)
        if real.exists():
            # A database with real staff is never a demo database, whatever the settings say:
            # seeding would reset passwords of accounts named "admin" and mix fake people in.
            raise CommandError(
                "seed_demo refuses to run: this database has non-demo accounts "
                f"({real.count()}). Use an empty database."
            )
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
        self._seed_directory()
        self._seed_referrals()
        self._seed_statistics()

    def _seed_statistics(self) -> None:
        """What the statistics page counts beyond clients and cases (violence, crimes,
        outcomes, deadlines met and missed, referrals); adds only what is missing."""
        from reports.demo import seed_statistics

        created = seed_statistics()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(f"Statistics data: {summary}.")

    def _seed_directory(self) -> None:
        """The real partner directory from the curated file (the same loader as
        ``manage.py load_directory``: creates what is missing, never overwrites edits)."""
        from directory.loader import load_directory

        report = load_directory()
        self.stdout.write(f"Partner directory: {report.summary()}.")

    def _seed_referrals(self) -> None:
        """A few referrals of the demo attorney's clients at each step of their life cycle."""
        from referrals.demo import seed_demo_referrals

        created = seed_demo_referrals(
            attorney=User.objects.get(username="abogada"),
            coordinator=User.objects.get(username="coordinadora"),
        )
        self.stdout.write(f"Demo referrals: {created} created.")

    def _demo_user(self, username, first_name, last_name, roles):
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}{DEMO_DOMAIN}",
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
        """Top the synthetic clients up to ``clients`` (re-running adds none). Large datasets
        are spread over 40 attorneys, like a national clinic network."""
        import time

        from cases.demo import demo_privacy_notice, seed_clients
        from cases.models import Client

        coordinator = User.objects.get(username="coordinadora")
        demo_privacy_notice(by=User.objects.get(username="admin"))
        existing = Client.objects.count()
        missing = max(0, clients - existing)
        if not missing:
            self.stdout.write(f"Synthetic clients: {existing} already present, none created.")
            self._seed_cases()
            return
        attorneys = list(User.objects.filter(username__in=["abogada", "abogada2"]))
        if clients >= 1000:
            attorneys += [self._extra_attorney(number) for number in range(1, 39)]
        registrars = list(User.objects.filter(username__in=["recepcion", "abogada2"]))
        started = time.monotonic()

        def progress(done: int) -> None:
            if done % 10000 == 0 or done == missing:
                self.stdout.write(
                    f"  {done}/{missing} clients ({time.monotonic() - started:.0f} s)"
                )

        seed_clients(
            count=missing,
            attorneys=attorneys,
            registrars=registrars,
            coordinator=coordinator,
            seed=existing + 2026,
            progress=progress,
        )
        self.stdout.write(
            f"Synthetic clients requested: {clients}; created {missing} in "
            f"{time.monotonic() - started:.1f} s across {len(attorneys)} attorneys."
        )
        self._seed_cases()

    def _seed_cases(self) -> None:
        """Cases, events, deadlines, appointments and signatures for assigned clients that
        have none yet (re-running adds none)."""
        import time

        from cases.demo import _analyze
        from cases.demo_cases import seed_cases

        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if done % 20000 == 0 or done == total:
                self.stdout.write(f"  cases for {done}/{total} clients")

        created = seed_cases(progress=progress)
        _analyze()
        self.stdout.write(
            f"Synthetic cases: created {created} in {time.monotonic() - started:.1f} s."
        )

    def _extra_attorney(self, number: int) -> User:
        user, _created = User.objects.get_or_create(
            username=f"abogada{number + 2:02d}",
            defaults={
                "first_name": f"Abogada {number + 2:02d}",
                "last_name": "Demo",
                "email": f"abogada{number + 2:02d}{DEMO_DOMAIN}",
                "is_attorney": True,
            },
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

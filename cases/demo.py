"""Synthetic clients and families for demos and performance runs (Faker; never real people).

Bulk inserts keep 100 000 clients within minutes on PostgreSQL. The data is shaped like a real
clinic's: mostly Central American women, many with children (some born in Mexico), a share
pregnant, urgent flags on a minority, most assigned across a team of attorneys.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from cases import choices
from cases.models import (
    Client,
    ClientAssignment,
    ClientNationality,
    ClientNeed,
    ClientPhone,
    ClientUrgentFlag,
    Consent,
    FamilyMember,
    Language,
    PrivacyNotice,
)
from cases.services.codes import client_numbers_next

NATIONALITIES = [
    ("HN", 34, "es_MX"),
    ("GT", 20, "es_MX"),
    ("SV", 14, "es_MX"),
    ("VE", 8, "es_CO"),
    ("HT", 7, "fr_FR"),
    ("CU", 5, "es_ES"),
    ("NI", 4, "es_MX"),
    ("CO", 3, "es_CO"),
    ("MX", 3, "es_MX"),
    ("EC", 2, "es_CO"),
]
STATES = [
    "MX-CMX",
    "MX-CHP",
    "MX-TAB",
    "MX-OAX",
    "MX-VER",
    "MX-NLE",
    "MX-BCN",
    "MX-COA",
    "MX-PUE",
    "MX-JAL",
    "MX-SON",
    "MX-TAM",
    "MX-MEX",
    "MX-QUE",
]
STATE_WEIGHTS = [25, 20, 8, 6, 6, 6, 8, 4, 3, 4, 3, 3, 3, 1]
MIGRATION = [
    ("asylum_seeker", 40),
    ("irregular", 20),
    ("tvrh", 15),
    ("refugee", 8),
    ("complementary", 2),
    ("temporary_resident", 5),
    ("permanent_resident", 3),
    ("detained", 3),
    ("mexican", 2),
    ("other", 2),
]
NOTICE_TEXT = (
    "Aviso de privacidad de demostración. La clínica trata tus datos personales, incluidos datos "
    "sensibles (situación migratoria, violencia vivida, salud), solo para prestarte servicios "
    "jurídicos y, si lo autorizas, para canalizarte con organizaciones aliadas y para "
    "estadísticas anónimas. Puedes ejercer tus derechos ARCO (acceso, rectificación, "
    "cancelación y oposición) en cualquier momento, gratuitamente."
)


DEFAULT_LANGUAGES = [
    ("es", "Español", False),
    ("en", "English", False),
    ("fr", "Français", False),
    ("ht", "Kreyòl ayisyen (criollo haitiano)", False),
    ("pt", "Português", False),
    ("quc", "K'iche'", True),
    ("mam", "Mam", True),
    ("kek", "Q'eqchi'", True),
    ("cak", "Kaqchikel", True),
    ("cab", "Garífuna", True),
    ("miq", "Miskito", True),
    ("len", "Lenca", True),
    ("tzo", "Tsotsil", True),
    ("tzh", "Tseltal", True),
    ("nah", "Náhuatl", True),
    ("mix", "Mixteco", True),
    ("zap", "Zapoteco", True),
]


def ensure_languages() -> None:
    """The starting language list (also created by a data migration; tests that flush the
    database call this to get it back)."""
    for order, (code, name, indigenous) in enumerate(DEFAULT_LANGUAGES):
        Language.objects.get_or_create(
            code=code, defaults={"name": name, "is_indigenous": indigenous, "order": order}
        )


def demo_privacy_notice(*, by) -> PrivacyNotice:
    notice = PrivacyNotice.objects.order_by("-version").first()
    if notice is None:
        notice = PrivacyNotice.objects.create(
            version=1, title="Aviso de privacidad integral", body=NOTICE_TEXT, published_by=by
        )
    return notice


def _weighted(rng: random.Random, options):
    values = [option[0] for option in options]
    weights = [option[1] for option in options]
    return rng.choices(values, weights=weights)[0]


def _phone(rng: random.Random) -> str:
    area = rng.choice(["55", "961", "962", "33", "81", "664", "999"])
    digits = 10 - len(area)
    return f"+52{area}{rng.randrange(10 ** (digits - 1), 10**digits)}"


def seed_clients(
    *,
    count: int,
    attorneys: list,
    registrars: list,
    coordinator,
    seed: int = 2026,
    batch_size: int = 2000,
    today: date | None = None,
    progress=None,
) -> int:
    """Create ``count`` synthetic clients with families, phones, consents, needs and flags.
    Returns how many were created."""
    rng = random.Random(seed)
    fakers = {}
    for offset, locale in enumerate(("es_MX", "es_CO", "fr_FR", "es_ES")):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed + offset)
    today = today or timezone.localdate()
    notice = demo_privacy_notice(by=coordinator)
    languages = {language.code: language for language in Language.objects.all()}
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        with transaction.atomic():
            _seed_batch(
                rng=rng,
                fakers=fakers,
                size=size,
                attorneys=attorneys,
                registrars=registrars,
                coordinator=coordinator,
                notice=notice,
                languages=languages,
                today=today,
            )
        created += size
        if progress:
            progress(created)
    _analyze()
    return created


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load, and vacuum: seeding cases rewrites
    every case row once (``next_deadline``), which leaves a dead copy of each for index scans
    to step over and no visibility map for index-only scans. Autovacuum would do this minutes
    later where it runs; on a server without it the dataset would stay half dead. (Inside a
    transaction, as in ``perf_report --typical``, VACUUM is impossible: statistics only.)"""
    from django.apps import apps
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    tables = [model._meta.db_table for model in apps.get_app_config("cases").get_models()]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'{command} "{table}"')  # our own table names, not user input


def _seed_batch(*, rng, fakers, size, attorneys, registrars, coordinator, notice, languages, today):
    numbers = client_numbers_next(size)
    now = timezone.now()
    clients = []
    extras = []
    for number in numbers:
        nationality, _weight, locale = rng.choices(
            NATIONALITIES, weights=[item[1] for item in NATIONALITIES]
        )[0]
        faker = fakers[locale]
        age_days = rng.randint(17 * 365, 58 * 365)
        born = today - timedelta(days=age_days)
        intake = today - timedelta(days=rng.randint(0, 3 * 365))
        status = rng.choices(
            [
                choices.ClientStatus.DRAFT,
                choices.ClientStatus.SUBMITTED,
                choices.ClientStatus.ASSIGNED,
            ],
            weights=[3, 12, 85],
        )[0]
        migration = _weighted(rng, MIGRATION) if nationality != "MX" else "mexican"
        pregnant = rng.random() < 0.08
        registered_by = rng.choice(registrars)
        client = Client(
            client_code=f"AC-{intake.year}-{number:05d}",
            status=status,
            registered_by=registered_by,
            submitted_at=None
            if status == "draft"
            else timezone.make_aware(
                datetime.combine(intake, time(10 + rng.randint(0, 7), rng.randint(0, 59)))
            ),
            intake_date=None if status == "draft" else intake,
            given_names=faker.first_name_female()
            + (f" {faker.first_name_female()}" if rng.random() < 0.4 else ""),
            first_surname=faker.last_name(),
            second_surname=faker.last_name() if locale != "fr_FR" and rng.random() < 0.85 else "",
            gender_identity=rng.choices(["woman", "trans_woman", "non_binary"], weights=[95, 4, 1])[
                0
            ],
            date_of_birth=born if rng.random() > 0.03 else None,
            date_of_birth_estimated=rng.random() < 0.15,
            country_of_birth=nationality,
            needs_interpreter=locale == "fr_FR" or rng.random() < 0.03,
            indigenous_identity=rng.choices(["yes", "no", "unknown"], weights=[8, 70, 22])[0],
            lgbtiq=rng.choices(["yes", "no", "unknown"], weights=[5, 55, 40])[0],
            wg_walking=rng.choices([None, 1, 2, 3, 4], weights=[40, 45, 8, 5, 2])[0],
            wg_seeing=rng.choices([None, 1, 2, 3], weights=[40, 50, 8, 2])[0],
            sleeping_place=rng.choice(choices.SleepingPlace.values),
            current_state=rng.choices(STATES, weights=STATE_WEIGHTS)[0],
            current_city=faker.city(),
            migration_status=migration,
            is_pregnant=pregnant,
            due_date=today + timedelta(days=rng.randint(10, 250)) if pregnant else None,
            referral_source=rng.choice(choices.ReferralSource.values),
            entry_date=intake - timedelta(days=rng.randint(1, 400)),
            entry_date_estimated=rng.random() < 0.4,
            entry_place=rng.choice(
                [
                    "Tapachula",
                    "Ciudad Hidalgo",
                    "Tenosique",
                    "El Ceibo",
                    "Ciudad Cuauhtémoc",
                    "Frontera Comalapa",
                ]
            ),
            detention_place="Estación migratoria Siglo XXI" if migration == "detained" else "",
            detained_at=now - timedelta(hours=rng.randint(1, 30))
            if migration == "detained"
            else None,
            version=1,
        )
        client.set_derived_names()
        clients.append(client)
        extras.append((nationality, locale, status, pregnant))
    Client.objects.bulk_create(clients, batch_size=1000)
    if not clients[0].pk:  # databases that return no ids from bulk inserts
        by_code = dict(
            Client.objects.filter(
                client_code__in=[client.client_code for client in clients]
            ).values_list("client_code", "pk")
        )
        for client in clients:
            client.pk = by_code[client.client_code]

    nationalities, phones, consents, needs, flags, members, assignments, client_languages = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    Through = Client.languages.through
    for client, (nationality, locale, status, pregnant) in zip(clients, extras, strict=True):
        faker = fakers[locale]
        nationalities.append(ClientNationality(client=client, country=nationality))
        if rng.random() < 0.05:
            nationalities.append(ClientNationality(client=client, country="MX"))
        for _index in range(rng.choice([1, 1, 1, 2])):
            phones.append(
                ClientPhone(
                    client=client,
                    number=_phone(rng),
                    has_whatsapp=rng.random() < 0.8,
                    safe_to_call=rng.random() < 0.7,
                    safe_to_message=rng.random() < 0.8,
                )
            )
        language = "ht" if locale == "fr_FR" else ("quc" if rng.random() < 0.05 else "es")
        if language in languages:
            client_languages.append(Through(client=client, language=languages[language]))
        for purpose, share in (
            ("legal_services", 1.0),
            ("statistics", 0.85),
            ("sharing", 0.7),
            ("contact", 0.9),
            ("testimony", 0.2),
        ):
            if rng.random() < share:
                verbal = rng.random() < 0.08
                consents.append(
                    Consent(
                        client=client,
                        purpose=purpose,
                        decision="given",
                        method="verbal" if verbal else "signature",
                        witness_name=faker.name() if verbal else "",
                        notice=notice,
                        recorded_by=client.registered_by,
                    )
                )
        for case_type in rng.sample(
            ["asylum", "tvrh", "family", "identity", "regularisation", "crime_victim"],
            k=rng.choice([1, 1, 2]),
        ):
            needs.append(ClientNeed(client=client, case_type=case_type))
        if rng.random() < 0.1:
            flags.append(
                ClientUrgentFlag(
                    client=client,
                    flag=rng.choice(choices.UrgentFlag.values),
                    raised_by=client.registered_by,
                )
            )
        if pregnant and rng.random() < 0.3:
            flags.append(
                ClientUrgentFlag(
                    client=client, flag="pregnancy_from_rape", raised_by=client.registered_by
                )
            )
        for _index in range(rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10])[0]):
            born_in_mexico = rng.random() < 0.15
            child_age = rng.randint(0, 16 * 365)
            member = FamilyMember(
                client=client,
                relationship="child",
                given_names=faker.first_name(),
                first_surname=client.first_surname,
                date_of_birth=(client.date_of_birth or date(1990, 1, 1))
                + timedelta(
                    days=max(
                        16 * 365,
                        (today - (client.date_of_birth or date(1990, 1, 1))).days - child_age,
                    )
                ),
                sex=rng.choice(["female", "male"]),
                nationality="MX" if born_in_mexico else client.country_of_birth,
                residence=rng.choices(["with_her", "origin", "us"], weights=[80, 15, 5])[0],
                born_in_mexico=born_in_mexico,
                birth_registered=born_in_mexico and rng.random() < 0.6,
                is_dependant=not born_in_mexico and rng.random() < 0.6,
                school_enrolled=rng.random() < 0.5,
            )
            member.set_derived_names()
            members.append(member)
        if status == choices.ClientStatus.ASSIGNED and attorneys:
            assignments.append(
                ClientAssignment(client=client, user=rng.choice(attorneys), assigned_by=coordinator)
            )
    ClientNationality.objects.bulk_create(nationalities, batch_size=2000, ignore_conflicts=True)
    ClientPhone.objects.bulk_create(phones, batch_size=2000, ignore_conflicts=True)
    Through.objects.bulk_create(client_languages, batch_size=2000, ignore_conflicts=True)
    Consent.objects.bulk_create(consents, batch_size=2000)
    ClientNeed.objects.bulk_create(needs, batch_size=2000, ignore_conflicts=True)
    ClientUrgentFlag.objects.bulk_create(flags, batch_size=2000, ignore_conflicts=True)
    FamilyMember.objects.bulk_create(members, batch_size=2000)
    ClientAssignment.objects.bulk_create(assignments, batch_size=2000)

"""A few synthetic referrals for the demo (``seed_demo``), made through the services like a
person would: the demo attorney's first clients, each with her signed consent to share, referred
to real organisations of the directory at different points of their life cycle, and one inbound
referral. Re-running adds none. Synthetic people only."""

from __future__ import annotations

import datetime

from django.db import transaction

from cases import choices as case_choices
from cases.models import Case
from cases.services.consent import consent_allows, consent_record
from clinic.core import clock
from directory.models import Organisation

from . import services
from .models import InboundReferral, Referral

# (organisation acronym, services, reason, steps after sending, ongoing)
PLAN = [
    (
        "Sin Fronteras",
        ["psychosocial"],
        "Apoyo emocional tras la violencia en el tránsito.",
        ["accepted"],
        True,
    ),
    (
        "IMUMI",
        ["legal_advice", "family_reunification"],
        "Asesoría para reunificar a su hijo.",
        [],
        False,
    ),
    (
        "ACNUR",
        ["humanitarian_aid"],
        "Apoyo humanitario mientras espera su resolución.",
        ["accepted", "completed"],
        False,
    ),
    (
        "CDH Fray Matías",
        ["human_rights_complaints"],
        "Queja por trato en la estación migratoria.",
        ["declined"],
        False,
    ),
]


def _organisation(key: str) -> Organisation | None:
    return (
        Organisation.objects.filter(acronym=key).first()
        or Organisation.objects.filter(name__startswith=key).first()
    )


@transaction.atomic
def seed_demo_referrals(*, attorney, coordinator) -> int:
    """Referrals for the first open cases of ``attorney``; returns how many were created."""
    if Referral.objects.exists():
        return 0
    cases = list(
        Case.objects.filter(assignments__user=attorney, assignments__ended_at__isnull=True)
        .exclude(status=case_choices.CaseStatus.CLOSED)
        .select_related("client")
        .order_by("pk")[: len(PLAN)]
    )
    created = 0
    sent_on = clock.today() - datetime.timedelta(days=12)
    for case, (key, wanted, reason, steps, ongoing) in zip(cases, PLAN, strict=False):
        organisation = _organisation(key)
        if organisation is None:
            continue
        client = case.client
        if not consent_allows(client=client, purpose=case_choices.ConsentPurpose.SHARING):
            consent_record(
                client=client,
                by=attorney,
                purpose=case_choices.ConsentPurpose.SHARING,
                decision=case_choices.ConsentDecision.GIVEN,
                method=case_choices.ConsentMethod.SIGNATURE,
                note="Formato firmado (demostración)",
            )
        referral = services.referral_create(
            client=client,
            by=attorney,
            case=case,
            organisation=organisation,
            office=organisation.offices.filter(archived_at__isnull=True).order_by("pk").first(),
            services=wanted,
            reason=reason,
            shared_fields=["name", "languages", "phone"],
            ongoing=ongoing,
        )
        services.referral_send(
            referral=referral, by=attorney, sent_on=sent_on, version=referral.version
        )
        for step in steps:
            services.referral_transition(
                referral=referral,
                by=attorney,
                to_status=step,
                on=sent_on + datetime.timedelta(days=2),
                note="Sin cupo por ahora" if step == "declined" else "",
            )
        created += 1
    if cases and not InboundReferral.objects.exists():
        imumi = _organisation("IMUMI")
        services.inbound_referral_record(
            client=cases[0].client,
            by=coordinator,
            received_on=clock.localdate(cases[0].client.created_at),  # her day, not UTC's
            organisation=_organisation("ACNUR") or imumi,
            contact_person="Oficial de protección (demostración)",
        )
    return created

"""Synthetic records the statistics count, on top of ``cases.demo`` (clients, families,
consents) and ``cases.demo_cases`` (cases, events, deadlines): violence incidents and crimes,
the COMAR filings, decisions and appeals of closed cases, TVRH cards, registered births, clinic
deadlines met, done late or missed, statistical consents withdrawn, and referrals. Never real
people.

Bulk inserts, in batches; repeatable: every client and case draws from its own random stream
(seeded with its id), and what already exists is never created twice, so re-running (or topping
up after more clients were seeded) adds only what is missing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases import choices
from cases.models import (
    Case,
    CaseEvent,
    Client,
    Consent,
    CrimeSuffered,
    Deadline,
    FamilyMember,
    IdentityDocument,
    ViolenceIncident,
    ViolenceIncidentType,
)

PERPETRATORS = [
    ("current_partner", 18),
    ("former_partner", 16),
    ("other_family", 8),
    ("employer", 3),
    ("acquaintance", 5),
    ("stranger", 8),
    ("gang", 14),
    ("smuggler", 10),
    ("police", 5),
    ("inm_agent", 3),
    ("military", 2),
    ("other_official", 2),
    ("unknown", 6),
]
PLACES = [("origin", 55), ("transit", 25), ("mexico", 17), ("us", 3)]
TYPES = [
    ("psychological", 30),
    ("physical", 25),
    ("sexual", 14),
    ("economic", 10),
    ("patrimonial", 9),
    ("vicarious", 5),
    ("other", 2),
]
CRIMES = [
    ("extortion", 30),
    ("robbery", 25),
    ("kidnapping", 12),
    ("sexual_assault", 12),
    ("trafficking", 6),
    ("disappearance", 7),
    ("other", 8),
]
RESULT_OF_OUTCOME = {
    choices.CaseOutcome.REFUGEE_STATUS: choices.DecisionResult.GRANTED,
    choices.CaseOutcome.COMPLEMENTARY_PROTECTION: choices.DecisionResult.COMPLEMENTARY,
    choices.CaseOutcome.REFUSED: choices.DecisionResult.REFUSED,
}


def _pick(rng: random.Random, options) -> str:
    return rng.choices([value for value, _w in options], weights=[w for _v, w in options])[0]


def _stream(seed: int, pk: int) -> random.Random:
    return random.Random(seed * 1_000_003 + pk)  # noqa: S311 - synthetic data


def seed_statistics(
    *, seed: int = 2026, today: date | None = None, batch_size: int = 5000, progress=None
) -> dict[str, int]:
    """Add what the statistics count to the synthetic clinic. Returns what was created."""
    today = today or timezone.localdate()
    created = {"incidents": 0, "crimes": 0, "events": 0, "deadlines": 0, "births": 0}
    created["withdrawals"] = 0
    client_ids = list(
        Client.objects.filter(intake_date__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(client_ids), batch_size):
        chunk = client_ids[start : start + batch_size]
        with transaction.atomic():
            for key, value in _seed_clients(chunk, seed=seed, today=today).items():
                created[key] += value
        if progress:
            progress(min(start + batch_size, len(client_ids)), len(client_ids))
    closed = list(
        Case.objects.filter(status=choices.CaseStatus.CLOSED)
        .exclude(Exists(CaseEvent.objects.filter(case=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(closed), batch_size):
        with transaction.atomic():
            for key, value in _seed_closed_cases(
                closed[start : start + batch_size], seed=seed, today=today
            ).items():
                created[key] += value
    created["referrals"] = _seed_referrals(client_ids, seed=seed, today=today)
    from cases.demo import _analyze

    _analyze()
    return created


def _seed_clients(client_ids: list[int], *, seed: int, today: date) -> dict[str, int]:
    clients = list(
        Client.objects.filter(pk__in=client_ids).only("pk", "intake_date", "registered_by")
    )
    with_incidents = set(
        ViolenceIncident.objects.filter(client_id__in=client_ids).values_list(
            "client_id", flat=True
        )
    )
    with_crimes = set(
        CrimeSuffered.objects.filter(client_id__in=client_ids).values_list("client_id", flat=True)
    )
    incidents, planned_types, crimes, withdrawals = [], [], [], []
    withdrawn_already = set(
        Consent.objects.filter(
            client_id__in=client_ids,
            purpose=choices.ConsentPurpose.STATISTICS,
            decision=choices.ConsentDecision.WITHDRAWN,
        ).values_list("client_id", flat=True)
    )
    notice_of = dict(
        Consent.objects.filter(client_id__in=client_ids, purpose=choices.ConsentPurpose.STATISTICS)
        .order_by("client_id", "pk")
        .values_list("client_id", "notice_id")
    )
    for client in clients:
        rng = _stream(seed, client.pk)
        by = client.registered_by_id
        number = rng.choices([0, 1, 2, 3], weights=[45, 30, 17, 8])[0]
        if client.pk not in with_incidents:
            for _index in range(number):
                place = _pick(rng, PLACES)
                incidents.append(
                    ViolenceIncident(
                        client=client,
                        perpetrator=_pick(rng, PERPETRATORS),
                        place=place,
                        mexican_state="MX-CHP" if place == "mexico" else "",
                        approximate_date=client.intake_date - timedelta(days=rng.randint(20, 900)),
                        recorded_by_id=by,
                    )
                )
                kinds = {_pick(rng, TYPES) for _t in range(rng.choice([1, 1, 2, 3]))}
                planned_types.append(sorted(kinds))
        if client.pk not in with_crimes and rng.random() < 0.3:
            for _index in range(rng.choice([1, 1, 2])):
                crimes.append(
                    CrimeSuffered(
                        client=client,
                        crime_type=_pick(rng, CRIMES),
                        place=_pick(rng, PLACES[1:3]),
                        reported=rng.random() < 0.35,
                        recorded_by_id=by,
                    )
                )
        if client.pk in notice_of and client.pk not in withdrawn_already and rng.random() < 0.03:
            withdrawals.append(
                Consent(
                    client=client,
                    purpose=choices.ConsentPurpose.STATISTICS,
                    decision=choices.ConsentDecision.WITHDRAWN,
                    notice_id=notice_of[client.pk],
                    recorded_by_id=by,
                )
            )
    ViolenceIncident.objects.bulk_create(incidents, batch_size=2000)
    ViolenceIncidentType.objects.bulk_create(
        [
            ViolenceIncidentType(incident=incident, violence_type=kind)
            for incident, kinds in zip(incidents, planned_types, strict=True)
            for kind in kinds
        ],
        batch_size=2000,
    )
    CrimeSuffered.objects.bulk_create(crimes, batch_size=2000)
    Consent.objects.bulk_create(withdrawals, batch_size=2000)
    births = _seed_births(client_ids, seed=seed, today=today)
    return {
        "incidents": len(incidents),
        "crimes": len(crimes),
        "withdrawals": len(withdrawals),
        "births": births,
    }


def _seed_births(client_ids: list[int], *, seed: int, today: date) -> int:
    """Mexican birth certificates for most children born in Mexico whose birth is registered."""
    children = (
        FamilyMember.objects.filter(
            client_id__in=client_ids, born_in_mexico=True, birth_registered=True
        )
        .exclude(Exists(IdentityDocument.objects.filter(family_member=OuterRef("pk"))))
        .select_related("client")
        .only("pk", "client_id", "date_of_birth", "client__intake_date", "client__registered_by")
    )
    documents = []
    for child in children:
        rng = _stream(seed, child.pk)
        earliest = max(child.client.intake_date, child.date_of_birth or child.client.intake_date)
        issued = earliest + timedelta(days=rng.randint(5, 200))
        if issued > today:
            continue
        documents.append(
            IdentityDocument(
                client_id=child.client_id,
                family_member=child,
                document_type=choices.DocumentType.BIRTH_CERTIFICATE,
                issue_date=issued,
                status=choices.DocumentStatus.ORIGINAL,
                recorded_by_id=child.client.registered_by_id,
            )
        )
    IdentityDocument.objects.bulk_create(documents, batch_size=2000)
    return len(documents)


def _seed_closed_cases(case_ids: list[int], *, seed: int, today: date) -> dict[str, int]:
    """Closed cases get what happened in them: COMAR filing and decision (and for some
    refusals an appeal and its decision), a TVRH card, and past clinic deadlines met, done
    late or missed."""
    cases = list(
        Case.objects.filter(pk__in=case_ids).only(
            "pk", "case_type", "outcome", "opened_on", "closed_on", "created_by_id"
        )
    )
    events, deadlines = [], []
    for case in cases:
        rng = _stream(seed, case.pk)
        by = case.created_by_id
        closed = case.closed_on or today
        span = max((closed - case.opened_on).days, 1)
        if case.case_type == choices.CaseType.ASYLUM and case.outcome in RESULT_OF_OUTCOME:
            filed = case.opened_on + timedelta(days=min(span // 4, rng.randint(2, 20)))
            decided = min(closed, filed + timedelta(days=rng.randint(30, 200)))
            decision = CaseEvent(
                case=case,
                kind=choices.EventKind.DECISION,
                occurred_on=decided,
                authority=choices.Authority.COMAR,
                result=RESULT_OF_OUTCOME[case.outcome],
                notified_on=decided,
                notification_method=choices.NotificationMethod.PERSONAL,
                recorded_by_id=by,
            )
            events += [
                CaseEvent(
                    case=case,
                    kind=choices.EventKind.FILING,
                    occurred_on=filed,
                    authority=choices.Authority.COMAR,
                    recorded_by_id=by,
                ),
                decision,
            ]
            if case.outcome == choices.CaseOutcome.REFUSED and rng.random() < 0.5:
                appealed = decided + timedelta(days=rng.randint(3, 14))
                ruled = appealed + timedelta(days=rng.randint(40, 160))
                if ruled <= today:
                    events += [
                        CaseEvent(
                            case=case,
                            kind=choices.EventKind.APPEAL_FILED,
                            occurred_on=appealed,
                            strategy=_pick(rng, [("review", 6), ("amparo", 3), ("nullity", 1)]),
                            recorded_by_id=by,
                            challenges=decision,
                        ),
                        CaseEvent(
                            case=case,
                            kind=choices.EventKind.DECISION,
                            occurred_on=ruled,
                            authority=choices.Authority.COMAR,
                            result=choices.DecisionResult.GRANTED
                            if rng.random() < 0.35
                            else choices.DecisionResult.REFUSED,
                            recorded_by_id=by,
                        ),
                    ]
        if case.case_type == choices.CaseType.TVRH and case.outcome == choices.CaseOutcome.GRANTED:
            events.append(
                CaseEvent(
                    case=case,
                    kind=choices.EventKind.CARD_ISSUED,
                    occurred_on=closed - timedelta(days=rng.randint(0, 10)),
                    expires_on=closed + timedelta(days=365),
                    recorded_by_id=by,
                )
            )
        for _index in range(rng.choice([0, 1, 2])):
            due = case.opened_on + timedelta(days=rng.randint(0, span))
            roll = rng.random()
            status, done_on = choices.DeadlineStatus.DONE, due - timedelta(days=rng.randint(0, 4))
            if roll < 0.12:
                done_on = due + timedelta(days=rng.randint(1, 6))
            elif roll < 0.22:
                status, done_on = choices.DeadlineStatus.MISSED, None
            elif roll < 0.27:
                status, done_on = choices.DeadlineStatus.CANCELLED, None
            deadlines.append(
                Deadline(
                    case=case,
                    kind="clinic",
                    title="Presentar escrito",
                    responsible_id=by,
                    due_date=due,
                    status=status,
                    done_on=done_on,
                    created_by_id=by,
                )
            )
    # Appeals point at their decision: insert the decisions first.
    first = [event for event in events if event.kind != choices.EventKind.APPEAL_FILED]
    CaseEvent.objects.bulk_create(first, batch_size=2000)
    appeals = [event for event in events if event.kind == choices.EventKind.APPEAL_FILED]
    for appeal in appeals:
        appeal.challenges_id = appeal.challenges.pk
    CaseEvent.objects.bulk_create(appeals, batch_size=2000)
    Deadline.objects.bulk_create(deadlines, batch_size=2000)
    return {"events": len(events), "deadlines": len(deadlines)}


def _seed_referrals(client_ids: list[int], *, seed: int, today: date) -> int:
    """Referrals sent for about one client in twelve, to partner organisations of the
    directory (or the clinic's psychosocial team), with the services asked for."""
    from directory.models import Organisation
    from referrals.models import Referral, ReferralService

    organisations = list(Organisation.objects.filter(archived_at__isnull=True).order_by("pk"))
    if not organisations:
        return 0
    already = set(Referral.objects.values_list("client_id", flat=True).distinct())
    statuses = [("sent", 15), ("accepted", 25), ("completed", 40), ("declined", 8), ("no_show", 12)]
    clients = (
        Client.objects.filter(pk__in=client_ids)
        .exclude(pk__in=already)
        .only("pk", "intake_date", "registered_by")
        .order_by("pk")
    )
    referrals, services = [], []
    for client in clients.iterator(chunk_size=5000):
        rng = _stream(seed + 7, client.pk)
        if rng.random() >= 0.08:
            continue
        sent = client.intake_date + timedelta(days=rng.randint(1, 120))
        if sent > today:
            continue
        status = _pick(rng, statuses)
        internal = rng.random() < 0.15
        organisation = None if internal else rng.choice(organisations)
        referral = Referral(
            client_id=client.pk,
            kind="internal" if internal else "outbound",
            organisation=organisation,
            internal_team="psychosocial" if internal else "",
            reason="Acompañamiento (dato sintético).",
            status=status,
            referred_by_id=client.registered_by_id,
            sent_on=sent,
            accepted_on=sent + timedelta(days=3) if status in ("accepted", "completed") else None,
            closed_on=sent + timedelta(days=30) if status not in ("sent", "accepted") else None,
        )
        referrals.append(referral)
        offered = (organisation.services if organisation else None) or ["psychosocial"]
        services.append(
            sorted(set(rng.sample(offered, k=min(len(offered), rng.choice([1, 1, 2])))))
        )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    ReferralService.objects.bulk_create(
        [
            ReferralService(referral=referral, service=service)
            for referral, chosen in zip(referrals, services, strict=True)
            for service in chosen
        ],
        batch_size=2000,
    )
    return len(referrals)

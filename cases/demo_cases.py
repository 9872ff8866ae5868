"""Synthetic cases, events, deadlines, appointments and signatures for the demo and for
performance runs (bulk inserts; never real people).

Every assigned client gets one case per need she has (most one, some two), assigned to her
attorney. Cases whose intake is more than a year old are mostly closed, as in a real clinic.
Open asylum cases get a filing window or a filing with COMAR's resolution watch date, some a
refusal with the three alternative routes, a weekly signature and an interview; TVRH cases a
filing with INM's watch date; every other open case a clinic deadline and sometimes an
appointment. Dates are computed by the real engine from the rules in the database.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from cases import choices
from cases.deadlines import compute
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseStage,
    Client,
    ClientAssignment,
    Deadline,
    DeadlineRule,
    SignatureOccurrence,
    SignatureSchedule,
)

OPEN_SHARE_RECENT = 0.9
OPEN_SHARE_OLD = 0.15
STATES = ["MX-CMX", "MX-CHP", "MX-TAB", "MX-VER", "MX-NLE", "MX-BCN"]


def seed_cases(
    *, today: date | None = None, seed: int = 2026, batch_size: int = 2000, progress=None
):
    """Create cases for assigned clients that have none. Returns how many were created."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    today = today or timezone.localdate()
    rules = {rule.code: rule for rule in DeadlineRule.objects.all()}
    stages: dict[str, list[CaseStage]] = {}
    for stage in CaseStage.objects.order_by("order"):
        stages.setdefault(stage.case_type, []).append(stage)
    pending = (
        Client.objects.filter(status=choices.ClientStatus.ASSIGNED, archived_at__isnull=True)
        .exclude(Exists(Case.objects.filter(client=OuterRef("pk"))))
        .order_by("pk")
    )
    ids = list(pending.values_list("pk", flat=True))
    created = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with transaction.atomic():
            created += _seed_batch(
                rng=rng, client_ids=chunk, rules=rules, stages=stages, today=today
            )
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return created


def _refresh_next_deadlines(case_ids: list[int]) -> None:
    """``Case.next_deadline`` / ``next_due`` for a batch, in one UPDATE."""
    upcoming = Deadline.objects.filter(
        case=OuterRef("pk"), status="pending", kind="clinic"
    ).order_by("due_date", "pk")
    Case.objects.filter(pk__in=case_ids).update(
        next_deadline=Subquery(upcoming.values("pk")[:1]),
        next_due=Subquery(upcoming.values("due_date")[:1]),
    )


def _deadline(rule, *, case, responsible, trigger, today, alt=None, **extra) -> Deadline:
    result = compute(rule, trigger=trigger, alt_trigger=alt)
    return Deadline(
        case=case,
        kind=rule.kind,
        rule=rule,
        title=rule.name,
        responsible=responsible,
        authority=rule.authority,
        authority_state=case.comar_state if rule.authority == "comar" else "",
        trigger_date=trigger if isinstance(trigger, date) else trigger.date(),
        alt_trigger_date=alt,
        computed_date=result.due_date,
        without_closures=result.without_closures,
        later_alternative=result.later_alternative,
        computation=result.to_json(),
        due_date=result.due_date,
        due_at=result.due_at,
        created_by=responsible,
        **extra,
    )


def _seed_batch(*, rng, client_ids, rules, stages, today) -> int:
    clients = list(
        Client.objects.filter(pk__in=client_ids).prefetch_related("needs").order_by("pk")
    )
    attorney_of = dict(
        ClientAssignment.objects.filter(client_id__in=client_ids, ended_at__isnull=True)
        .order_by("pk")
        .values_list("client_id", "user_id")
    )
    cases: list[Case] = []
    for client in clients:
        attorney_id = attorney_of.get(client.pk)
        if attorney_id is None:
            continue
        needs = [need.case_type for need in client.needs.all()] or ["other"]
        intake = client.intake_date or today
        recent = (today - intake).days < 365
        for sequence, case_type in enumerate(needs, start=1):
            is_open = rng.random() < (OPEN_SHARE_RECENT if recent else OPEN_SHARE_OLD)
            type_stages = stages[case_type]
            stage = type_stages[min(len(type_stages) - 1, rng.randint(0, len(type_stages) - 1))]
            outcomes = choices.OUTCOMES_BY_TYPE[case_type]
            case = Case(
                client=client,
                sequence=sequence,
                case_number=f"{client.client_code}-{sequence:02d}",
                case_type=case_type,
                stage=stage if is_open else type_stages[-1],
                status=choices.CaseStatus.OPEN if is_open else choices.CaseStatus.CLOSED,
                outcome="" if is_open else rng.choice(outcomes),
                opened_on=intake,
                closed_on=None
                if is_open
                else min(today, intake + timedelta(days=rng.randint(30, 330))),
                grant_tag=rng.choice(["", "ACNUR 2026", "UNTF 2025-2027"]),
                is_confidential=rng.random() < 0.03,
                comar_state=rng.choice(STATES) if case_type == "asylum" else "",
                created_by_id=attorney_id,
                version=1,
            )
            case.attorney_id = attorney_id
            cases.append(case)
    Case.objects.bulk_create(cases, batch_size=1000)
    if cases and not cases[0].pk:
        by_number = dict(
            Case.objects.filter(case_number__in=[case.case_number for case in cases]).values_list(
                "case_number", "pk"
            )
        )
        for case in cases:
            case.pk = by_number[case.case_number]
    CaseAssignment.objects.bulk_create(
        [
            CaseAssignment(case=case, user_id=case.attorney_id, assigned_by_id=case.attorney_id)
            for case in cases
        ],
        batch_size=2000,
    )
    events, deadlines, schedules = [], [], []
    for case in cases:
        if case.status != choices.CaseStatus.OPEN:
            continue
        responsible = case.created_by
        entry = case.client.entry_date or case.opened_on
        if case.case_type == "asylum":
            stage_index = [stage.code for stage in stages["asylum"]].index(case.stage.code)
            if stage_index == 0:
                deadlines.append(
                    _deadline(
                        rules["comar_filing"],
                        case=case,
                        responsible=responsible,
                        trigger=entry,
                        today=today,
                    )
                )
                continue
            filed = min(today, case.opened_on + timedelta(days=rng.randint(3, 20)))
            filing = CaseEvent(
                case=case,
                kind="filing",
                occurred_on=filed,
                authority="comar",
                recorded_by=responsible,
            )
            events.append(filing)
            if stage_index >= 6 and rng.random() < 0.5:
                notified = min(today, filed + timedelta(days=rng.randint(60, 120)))
                decision = CaseEvent(
                    case=case,
                    kind="decision",
                    occurred_on=notified,
                    authority="comar",
                    result="refused",
                    notified_on=notified,
                    notification_method="personal",
                    recorded_by=responsible,
                )
                events.append(decision)
                for strategy, code in (
                    ("review", "comar_review_appeal"),
                    ("amparo", "amparo"),
                    ("nullity", "tfja_nullity"),
                ):
                    deadlines.append(
                        _deadline(
                            rules[code],
                            case=case,
                            responsible=responsible,
                            trigger=notified,
                            today=today,
                            strategy=strategy,
                            source_event=decision,
                        )
                    )
            else:
                deadlines.append(
                    _deadline(
                        rules["comar_resolution"],
                        case=case,
                        responsible=responsible,
                        trigger=filed,
                        today=today,
                    )
                )
            schedules.append(
                SignatureSchedule(
                    case=case,
                    weekday=rng.randint(0, 4),
                    every_weeks=rng.choice([1, 1, 2]),
                    starts_on=filed,
                    state=case.comar_state,
                    created_by=responsible,
                )
            )
            if rng.random() < 0.3:
                deadlines.append(
                    Deadline(
                        case=case,
                        kind="appointment",
                        title="Entrevista de elegibilidad en COMAR",
                        appointment_kind="interview",
                        responsible=responsible,
                        due_date=today + timedelta(days=rng.randint(-3, 40)),
                        place="COMAR",
                        interpreter_needed=case.client.needs_interpreter,
                        created_by=responsible,
                    )
                )
        elif case.case_type == "tvrh":
            filed = min(today, case.opened_on + timedelta(days=rng.randint(1, 15)))
            events.append(
                CaseEvent(
                    case=case,
                    kind="filing",
                    occurred_on=filed,
                    authority="inm",
                    recorded_by=responsible,
                )
            )
            deadlines.append(
                _deadline(
                    rules["inm_resolution"],
                    case=case,
                    responsible=responsible,
                    trigger=filed,
                    today=today,
                )
            )
        else:
            deadlines.append(
                Deadline(
                    case=case,
                    kind="clinic",
                    title=rng.choice(
                        [
                            "Reunir actas de nacimiento",
                            "Preparar escrito",
                            "Presentar promoción",
                            "Llamar para seguimiento",
                        ]
                    ),
                    responsible=responsible,
                    due_date=today + timedelta(days=rng.randint(-10, 60)),
                    created_by=responsible,
                )
            )
            if rng.random() < 0.25:
                deadlines.append(
                    Deadline(
                        case=case,
                        kind="appointment",
                        title="Cita",
                        appointment_kind=rng.choice(["registro_civil", "hearing", "inm"]),
                        responsible=responsible,
                        due_date=today + timedelta(days=rng.randint(-3, 30)),
                        created_by=responsible,
                    )
                )
    for deadline in deadlines:
        # As the nightly job and the attorneys would have left them: past clinic deadlines are
        # done (mostly) or missed; a late COMAR filing window stays pending ("file now").
        late_ok = deadline.rule is not None and deadline.rule.late_filing_allowed
        if deadline.kind == "clinic" and deadline.due_date < today and not late_ok:
            if rng.random() < 0.85:
                deadline.status, deadline.done_on = "done", deadline.due_date
            else:
                deadline.status = "missed"
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    for deadline in deadlines:
        if deadline.strategy:  # the same group key the services use (choosing a route cancels)
            deadline.alternative_group = f"decision-{deadline.source_event.pk}"
    Deadline.objects.bulk_create(deadlines, batch_size=1000)
    _refresh_next_deadlines([case.pk for case in cases])
    SignatureSchedule.objects.bulk_create(schedules, batch_size=2000)
    if schedules and not schedules[0].pk:
        schedules = list(SignatureSchedule.objects.filter(case__in=[s.case for s in schedules]))
    occurrences = []
    horizon = today + timedelta(weeks=4)
    for schedule in schedules:
        first = max(schedule.starts_on, today - timedelta(weeks=2))
        day = first + timedelta(days=(schedule.weekday - first.weekday()) % 7)
        while day <= horizon:
            occurrences.append(
                SignatureOccurrence(
                    schedule=schedule,
                    case_id=schedule.case_id,
                    due_on=day,
                    status="attended" if day < today - timedelta(days=7) else "pending",
                )
            )
            day += timedelta(weeks=schedule.every_weeks)
    SignatureOccurrence.objects.bulk_create(occurrences, batch_size=2000, ignore_conflicts=True)
    return len(cases)

"""Cases and the deadlines their events drive (services, on the database)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases import choices
from cases.models import CaseAssignment, ClientAssignment, Deadline
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from cases.services.common import StaleEditError
from clinic.notifications.models import Notification
from tests.cases.factories import ClientFactory, FamilyMemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date
K = choices.EventKind


@pytest.fixture
def team(make_user):
    return {
        "coordinator": make_user("coordinator"),
        "second": make_user("coordinator"),
        "attorney": make_user("attorney"),
        "other": make_user("attorney"),
    }


@pytest.fixture
def asylum(team, clock):
    client = ClientFactory(entry_date=D(2026, 11, 2))
    return case_services.case_open(
        client=client,
        case_type=choices.CaseType.ASYLUM,
        by=team["coordinator"],
        attorney=team["attorney"],
    )


def pending(case, code):
    return Deadline.objects.get(case=case, rule__code=code, status="pending")


def test_opening_numbers_the_case_assigns_and_starts_the_filing_window(team, asylum):
    client = asylum.client
    assert asylum.case_number == f"{client.client_code}-01"
    assert asylum.stage.code == "intake"
    assert CaseAssignment.objects.filter(case=asylum, user=team["attorney"]).exists()
    assert ClientAssignment.objects.filter(client=client, user=team["attorney"]).exists()
    client.refresh_from_db()
    assert client.status == choices.ClientStatus.ASSIGNED
    filing = pending(asylum, "comar_filing")
    # 30 LFPA business days from 3 Nov 2026 (20 Nov is a holiday; 16 Nov, the LFT Monday, counts
    # as working — the later alternative treats it as non-working)
    assert filing.due_date == D(2026, 12, 15)
    assert filing.later_alternative == D(2026, 12, 16)
    assert filing.responsible == team["attorney"]
    assert Notification.objects.filter(recipient=team["attorney"], kind="assignment").exists()
    second = case_services.case_open(
        client=client, case_type=choices.CaseType.TVRH, by=team["attorney"]
    )
    assert second.case_number == f"{client.client_code}-02"


def test_a_child_born_in_mexico_is_never_an_asylum_dependant(team, clock):
    client = ClientFactory()
    child = FamilyMemberFactory(client=client, born_in_mexico=True)
    with pytest.raises(ValidationError):
        case_services.case_open(
            client=client,
            case_type=choices.CaseType.ASYLUM,
            by=team["coordinator"],
            attorney=team["attorney"],
            dependants=[child],
        )


def test_filing_closes_the_window_and_starts_the_resolution_watch_date(team, asylum):
    case_services.event_record(
        case=asylum,
        kind=K.FILING,
        by=team["attorney"],
        occurred_on=D(2026, 11, 20),
        authority="comar",
    )
    assert Deadline.objects.get(case=asylum, rule__code="comar_filing").status == "done"
    watch = pending(asylum, "comar_resolution")
    assert watch.kind == "watch"
    assert watch.later_alternative is not None  # the +45 extension, as information


def test_refusal_starts_three_alternatives_from_the_date_of_knowledge(team, asylum):
    decision = case_services.event_record(
        case=asylum,
        kind=K.DECISION,
        by=team["attorney"],
        occurred_on=D(2026, 11, 9),
        authority="comar",
        result="refused",
        notified_on=D(2026, 11, 18),
        notification_method="list",
        knowledge_on=D(2026, 11, 12),
    )
    rows = {
        row.strategy: row for row in Deadline.objects.filter(case=asylum, source_event=decision)
    }
    assert set(rows) == {"review", "amparo", "nullity"}
    for row in rows.values():
        assert row.trigger_date == D(2026, 11, 12)
        assert row.alt_trigger_date == D(2026, 11, 18)
        assert row.later_alternative and row.later_alternative > row.due_date
    case_services.event_record(
        case=asylum,
        kind=K.STRATEGY,
        by=team["attorney"],
        occurred_on=D(2026, 11, 20),
        challenges=decision,
        strategy="review",
    )
    statuses = {
        row.strategy: row.status
        for row in Deadline.objects.filter(case=asylum, source_event=decision)
    }
    assert statuses == {"review": "pending", "amparo": "cancelled", "nullity": "cancelled"}


def test_an_approved_closure_moves_dates_keeps_history_and_notifies(team, asylum):
    filing = pending(asylum, "comar_filing")
    before = filing.due_date
    closure = deadline_services.closure_record(
        by=team["coordinator"],
        authority="comar",
        start_date=D(2026, 11, 23),
        end_date=D(2026, 11, 27),
        reference="DOF 2026-11-20",
    )
    filing.refresh_from_db()
    assert filing.due_date == before  # not approved yet: no effect
    with pytest.raises(ValidationError):
        deadline_services.closure_decide(
            closure=closure, by=team["coordinator"], approve=True, version=closure.version
        )
    moved = deadline_services.closure_decide(
        closure=closure, by=team["second"], approve=True, version=closure.version
    )
    filing.refresh_from_db()
    assert moved == 1
    assert filing.due_date == D(2026, 12, 22)
    assert filing.without_closures == before
    assert filing.history.count() >= 2
    assert Notification.objects.filter(recipient=team["attorney"], kind="date_moved").exists()


def test_missed_marks_clinic_deadlines_not_watch_dates_nor_the_filing_window(team, asylum):
    case_services.event_record(
        case=asylum,
        kind=K.REPRESENTATION_FILED,
        by=team["attorney"],
        occurred_on=D(2026, 11, 2),
    )
    case_services.event_record(
        case=asylum, kind=K.FILING, by=team["attorney"], occurred_on=D(2026, 11, 2)
    )
    count = deadline_services.deadlines_mark_missed(today=D(2027, 6, 1))
    assert count == 1
    assert Deadline.objects.get(case=asylum, rule__code="comar_ratify").status == "missed"
    watch = Deadline.objects.get(case=asylum, rule__code="comar_resolution")
    assert watch.status == "pending" and watch.action_created
    assert Deadline.objects.filter(case=asylum, kind="clinic", status="pending").exists()
    assert deadline_services.deadlines_mark_missed(today=D(2027, 6, 1)) == 0


def test_override_needs_a_reason_and_keeps_the_computed_date(team, asylum):
    filing = pending(asylum, "comar_filing")
    with pytest.raises(ValidationError):
        deadline_services.deadline_override(
            deadline=filing,
            by=team["attorney"],
            new_date=D(2026, 12, 1),
            reason=" ",
            version=filing.version,
        )
    changed = deadline_services.deadline_override(
        deadline=filing,
        by=team["attorney"],
        new_date=D(2026, 12, 1),
        reason="Fecha de COMAR",
        version=filing.version,
    )
    assert changed.due_date == D(2026, 12, 1)
    assert changed.computed_date == D(2026, 12, 15)
    with pytest.raises(StaleEditError):
        deadline_services.deadline_override(
            deadline=filing,
            by=team["attorney"],
            new_date=None,
            reason="x",
            version=filing.version,
        )


def test_stale_case_save_is_refused(team, asylum):
    version = asylum.version
    case_services.case_update(
        case=asylum,
        by=team["attorney"],
        data={"comar_folio": "F-1"},
        version=version,
        dependants=None,
    )
    with pytest.raises(StaleEditError) as error:
        case_services.case_update(
            case=asylum,
            by=team["coordinator"],
            data={"comar_folio": "F-2"},
            version=version,
            dependants=None,
        )
    assert error.value.current.comar_folio == "F-1"


def test_reassignment_moves_deadlines_and_ends_team_membership(team, asylum):
    case_services.case_assign(
        case=asylum, attorney=team["other"], by=team["coordinator"], replace=team["attorney"]
    )
    assert pending(asylum, "comar_filing").responsible == team["other"]
    assert not ClientAssignment.objects.filter(
        client=asylum.client, user=team["attorney"], ended_at__isnull=True
    ).exists()


def test_detention_starts_a_36_hour_clock_across_midnight(team, asylum):
    moment = datetime.datetime.fromisoformat("2026-11-21T22:30:00-06:00")
    case_services.event_record(
        case=asylum, kind=K.DETENTION, by=team["attorney"], occurred_at=moment
    )
    clock36 = pending(asylum, "detention_36h")
    assert clock36.due_at == moment + datetime.timedelta(hours=36)
    assert clock36.due_date == D(2026, 11, 23)


def test_signatures_are_generated_and_recorded(team, asylum):
    schedule = case_services.signature_schedule_set(
        case=asylum, by=team["attorney"], weekday=2, every_weeks=1, starts_on=D(2026, 11, 16)
    )
    dates = list(schedule.occurrences.values_list("due_on", flat=True))
    assert dates[0] == D(2026, 11, 18) and all(day.weekday() == 2 for day in dates)
    assert case_services.signatures_extend(schedule=schedule) == 0
    first = schedule.occurrences.first()
    case_services.signature_record(occurrence=first, by=team["attorney"], status="attended")
    future = schedule.occurrences.last()
    with pytest.raises(ValidationError):
        case_services.signature_record(occurrence=future, by=team["attorney"], status="attended")


def test_the_responsible_person_must_be_able_to_open_the_case(team, asylum, make_user):
    outsider = make_user("attorney")
    with pytest.raises(ValidationError):
        deadline_services.deadline_create_manual(
            by=team["attorney"],
            responsible=outsider,
            kind="clinic",
            title="Escrito",
            due_date=D(2026, 12, 1),
            case=asylum,
        )
    with pytest.raises(ValidationError):
        deadline_services.deadline_reassign(
            deadline=pending(asylum, "comar_filing"), by=team["coordinator"], responsible=outsider
        )


def test_a_later_notification_counts_from_the_decisions_earlier_date_of_knowledge(team, asylum):
    decision = case_services.event_record(
        case=asylum,
        kind=K.DECISION,
        by=team["attorney"],
        occurred_on=D(2026, 11, 9),
        authority="comar",
        result="refused",
        knowledge_on=D(2026, 11, 11),
    )
    # knowledge alone starts the routes (earliest defensible)
    assert (
        Deadline.objects.filter(case=asylum, alternative_group=f"decision-{decision.pk}").count()
        == 3
    )
    with pytest.raises(ValidationError):
        case_services.event_record(
            case=asylum,
            kind=K.DECISION,
            by=team["attorney"],
            occurred_on=D(2026, 11, 9),
            result="refused",
            knowledge_on=D(2026, 11, 2),
        )


def test_missed_notifications_never_carry_titles_typed_by_staff(team, asylum):
    deadline_services.deadline_create_manual(
        by=team["attorney"],
        responsible=team["attorney"],
        kind="clinic",
        title="Llamar a Rosa a casa de su tía",
        due_date=D(2026, 11, 20),
        case=asylum,
    )
    deadline_services.deadlines_mark_missed(today=D(2026, 11, 23))
    texts = list(Notification.objects.filter(kind="deadline_missed").values_list("text", flat=True))
    assert texts and not any("Rosa" in text for text in texts)


def test_an_authorised_move_recomputes_comar_deadlines_for_the_new_state(team, asylum):
    asylum.comar_state = "MX-CHP"
    asylum.save()
    transfer = case_services.transfer_record(
        case=asylum, by=team["attorney"], to_state="MX-CMX", requested_on=D(2026, 11, 20)
    )
    case_services.transfer_decide(
        transfer=transfer, by=team["attorney"], authorised=True, decided_on=D(2026, 11, 23)
    )
    assert pending(asylum, "comar_filing").authority_state == "MX-CMX"

"""Referral services: the consent gate and its override, the warnings, the life cycle with its
dated events, the follow-up deadlines, drafts and the inbound referral."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Deadline, DisclosureRestriction
from cases.services.common import StaleEditError
from cases.services.consent import consent_record
from clinic.audit.models import AuditAction, AuditEvent
from directory.choices import OrganisationKind
from referrals import services
from referrals.choices import FollowUpOutcome, ReferralStatus
from referrals.models import InboundReferral, Referral, ReferralEvent
from referrals.selectors import organisation_referral_counts, referral_counts, referral_warnings
from tests.directory.factories import OrganisationFactory
from tests.referrals.conftest import give_sharing_consent

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 23)  # the clock fixture: Monday 23 November 2026


def draft(clinic, **overrides):
    fields = {
        "client": clinic["client"],
        "by": clinic["attorney"],
        "case": clinic["case"],
        "organisation": clinic["organisation"],
        "office": clinic["office"],
        "services": ["psychosocial"],
        "reason": "Apoyo emocional tras la violencia sufrida en el tránsito.",
        "shared_fields": ["name", "languages"],
    }
    fields.update(overrides)
    return services.referral_create(**fields)


def send(referral, by, **kwargs):
    referral.refresh_from_db()
    return services.referral_send(
        referral=referral,
        by=by,
        sent_on=kwargs.pop("sent_on", TODAY),
        version=referral.version,
        **kwargs,
    )


def _state(referral):
    referral.refresh_from_db()
    return (
        referral.status,
        referral.sent_on,
        referral.version,
        Deadline.objects.filter(rule__code="referral_followup").count(),
        ReferralEvent.objects.filter(referral=referral).count(),
    )


# --- The consent gate --------------------------------------------------------------------------


@pytest.mark.parametrize("consent", ["none", "verbal", "withdrawn"])
def test_an_outside_referral_is_not_sent_without_her_signed_sharing_consent(clinic, consent):
    # given
    client, attorney = clinic["client"], clinic["attorney"]
    if consent == "verbal":
        give_sharing_consent(client, attorney, method="verbal", witness="Rosa Testigo")
    elif consent == "withdrawn":
        give_sharing_consent(client, attorney)
        consent_record(client=client, by=attorney, purpose="sharing", decision="withdrawn")
    referral = draft(clinic)
    before = _state(referral)
    # when
    with pytest.raises(ValidationError) as refused:
        send(referral, attorney)
    # then
    assert refused.value.code == "consent_missing"
    assert _state(referral) == before
    assert before[:2] == (ReferralStatus.DRAFT, None)


def test_a_signed_consent_opens_the_gate_and_the_follow_up_is_due_in_10_business_days(clinic):
    # given
    consent = give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = draft(clinic)
    # when
    sent = send(referral, clinic["attorney"])
    # then: Mon 23 Nov + 10 business days (LFPA) = Mon 7 Dec 2026
    assert (sent.status, sent.sent_on, sent.consent_checked) == ("sent", TODAY, consent)
    deadline = sent.followup_deadline
    assert deadline.rule.code == "referral_followup"
    assert (deadline.due_date, deadline.kind, deadline.status) == (
        D(2026, 12, 7),
        "clinic",
        "pending",
    )
    assert (deadline.case, deadline.client, deadline.responsible) == (
        clinic["case"],
        None,
        clinic["attorney"],
    )
    assert deadline.title == f"Seguimiento de la canalización {referral} (SF)"
    assert [
        (event.kind, event.from_status, event.to_status, event.on) for event in sent.events.all()
    ] == [
        ("status", "", "draft", TODAY),
        ("status", "draft", "sent", TODAY),
    ]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.REFERRAL_SENT, object_pk=str(referral.pk)
        ).count()
        == 1
    )
    assert sent.history.first().history_change_reason == "Seguimiento programado"


def test_a_referral_without_a_case_puts_its_follow_up_on_the_client(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    sent = send(draft(clinic, case=None), clinic["attorney"], sent_on=D(2026, 11, 20))
    deadline = sent.followup_deadline
    # sent Fri 20 Nov: counted from Mon 23 Nov, the 10th business day is Fri 4 Dec
    assert (deadline.case, deadline.client, deadline.due_date) == (
        None,
        clinic["client"],
        D(2026, 12, 4),
    )


def test_an_internal_referral_needs_no_sharing_consent(clinic):
    referral = draft(
        clinic, kind="internal", organisation=None, office=None, internal_team="psychosocial"
    )
    sent = send(referral, clinic["attorney"])
    assert sent.status == ReferralStatus.SENT
    assert sent.consent_checked is None
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_SENT).exists()


def test_a_coordinator_sends_without_consent_only_with_a_written_reason_which_is_logged(clinic):
    # given
    referral = draft(clinic, by=clinic["coordinator"])
    # when
    sent = send(
        referral,
        clinic["coordinator"],
        override_reason="Riesgo inminente: necesita albergue hoy y no puede firmar.",
    )
    # then
    assert sent.status == ReferralStatus.SENT
    assert sent.consent_override_by == clinic["coordinator"]
    assert sent.consent_override_reason.startswith("Riesgo inminente")
    override = sent.events.get(kind="override")
    assert (override.note, override.by) == (sent.consent_override_reason, clinic["coordinator"])
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CONSENT_OVERRIDE,
            object_pk=str(referral.pk),
            user=clinic["coordinator"],
        ).count()
        == 1
    )


def test_an_attorney_cannot_override_the_consent_gate(clinic):
    referral = draft(clinic)
    before = _state(referral)
    with pytest.raises(PermissionDenied):
        send(referral, clinic["attorney"], override_reason="Urgente")
    assert _state(referral) == before
    assert not AuditEvent.objects.filter(action=AuditAction.CONSENT_OVERRIDE).exists()


# --- Warnings ------------------------------------------------------------------------------------


def test_the_consular_guard_and_a_do_not_disclose_entry_must_be_acknowledged(clinic):
    # given: a consulate while her asylum claim is open, and a restriction on home authorities
    client, attorney = clinic["client"], clinic["attorney"]
    give_sharing_consent(client, attorney)
    consulate = OrganisationFactory(
        name="Consulado General de Honduras",
        kind=OrganisationKind.CONSULATE,
        danger_for_asylum_seekers=True,
    )
    DisclosureRestriction.objects.create(
        client=client, kind="home_authorities", name="", recorded_by=attorney
    )
    referral = draft(clinic, organisation=consulate, office=None, services=["identity_documents"])
    codes = [warning.code for warning in referral_warnings(referral=referral, user=attorney)]
    assert codes == ["consular", "do_not_disclose"]
    # when: only one is acknowledged
    with pytest.raises(ValidationError) as refused:
        send(referral, attorney, acknowledged=["consular"])
    assert refused.value.code == "warnings_not_acknowledged"
    assert _state(referral)[0] == ReferralStatus.DRAFT
    # then: both acknowledged, it is sent and the warnings are kept
    sent = send(referral, attorney, acknowledged=["consular", "do_not_disclose"])
    assert sent.warnings_acknowledged == ["consular", "do_not_disclose"]


def test_a_do_not_disclose_entry_naming_the_organisation_warns_with_its_details(clinic):
    client, attorney = clinic["client"], clinic["attorney"]
    DisclosureRestriction.objects.create(
        client=client, kind="other_group", name="Sin fronteras", recorded_by=attorney
    )
    referral = draft(clinic)
    [warning] = referral_warnings(referral=referral, user=attorney)
    assert warning.code == "do_not_disclose"
    assert "Sin fronteras" in warning.text
    # a destination the list does not name gives no warning
    other = draft(clinic, organisation=OrganisationFactory(name="Casa Refugio"), office=None)
    assert referral_warnings(referral=other, user=attorney) == []


# --- Life cycle ----------------------------------------------------------------------------------


def test_the_life_cycle_is_dated_and_completing_it_ends_the_follow_up(clinic, clock):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = send(draft(clinic), clinic["attorney"])
    clock.move_to("2026-11-26 10:00 -06:00")
    services.referral_transition(
        referral=referral, by=clinic["attorney"], to_status="accepted", on=D(2026, 11, 25)
    )
    services.referral_transition(
        referral=referral,
        by=clinic["attorney"],
        to_status="completed",
        on=D(2026, 11, 26),
        note="Primera sesión realizada",
    )
    referral.refresh_from_db()
    assert (referral.status, referral.accepted_on, referral.closed_on) == (
        "completed",
        D(2026, 11, 25),
        D(2026, 11, 26),
    )
    assert [(event.to_status, event.on) for event in referral.events.filter(kind="status")] == [
        ("draft", TODAY),
        ("sent", TODAY),
        ("accepted", D(2026, 11, 25)),
        ("completed", D(2026, 11, 26)),
    ]
    deadline = referral.followup_deadline
    deadline.refresh_from_db()
    assert (deadline.status, deadline.done_on) == ("done", D(2026, 11, 26))
    reasons = [row.history_change_reason for row in referral.history.order_by("history_date")]
    assert reasons[-2:] == ["Canalización: Aceptada", "Canalización: Concluida"]


@pytest.mark.parametrize(
    ("status", "to_status"),
    [
        ("draft", "accepted"),
        ("draft", "sent"),  # sending goes through the consent gate (referral_send)
        ("sent", "completed"),
        ("completed", "revoked"),
        ("sent", "draft"),
    ],
)
def test_a_transition_outside_the_life_cycle_is_refused(clinic, status, to_status):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = draft(clinic)
    if status != "draft":
        send(referral, clinic["attorney"])
    if status == "completed":
        for step in ("accepted", "completed"):
            services.referral_transition(
                referral=referral, by=clinic["attorney"], to_status=step, on=TODAY
            )
    before = _state(referral)
    with pytest.raises(ValidationError):
        services.referral_transition(
            referral=referral, by=clinic["attorney"], to_status=to_status, on=TODAY, note="x"
        )
    assert _state(referral) == before


def test_declined_and_revoked_need_a_note_and_revoking_cancels_the_follow_up(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = send(draft(clinic), clinic["attorney"])
    with pytest.raises(ValidationError):
        services.referral_transition(
            referral=referral, by=clinic["attorney"], to_status="revoked", on=TODAY
        )
    with pytest.raises(ValidationError):  # before it was sent
        services.referral_transition(
            referral=referral,
            by=clinic["attorney"],
            to_status="declined",
            on=D(2026, 11, 20),
            note="x",
        )
    with pytest.raises(ValidationError):  # in the future
        services.referral_transition(
            referral=referral,
            by=clinic["attorney"],
            to_status="declined",
            on=D(2026, 11, 24),
            note="x",
        )
    services.referral_transition(
        referral=referral,
        by=clinic["attorney"],
        to_status="revoked",
        on=TODAY,
        note="Retiró su consentimiento",
    )
    referral.refresh_from_db()
    assert (referral.status, referral.closed_on) == ("revoked", TODAY)
    deadline = referral.followup_deadline
    deadline.refresh_from_db()
    assert (deadline.status, deadline.status_reason) == ("cancelled", "Retiró su consentimiento")


def test_ongoing_support_is_followed_up_again_and_again(clinic, clock):
    # given: emotional support, accepted
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = send(draft(clinic, ongoing=True), clinic["attorney"])
    services.referral_transition(
        referral=referral, by=clinic["attorney"], to_status="accepted", on=TODAY
    )
    first = referral.followup_deadline
    # when: the first follow-up, on 7 Dec
    clock.move_to("2026-12-07 10:00 -06:00")
    services.referral_follow_up(
        referral=referral,
        by=clinic["attorney"],
        on=D(2026, 12, 7),
        outcome=FollowUpOutcome.ATTENDED,
        note="Va a sesiones semanales",
    )
    # then: the first is done and the next is 10 business days later (21 Dec)
    first.refresh_from_db()
    referral.refresh_from_db()
    assert (first.status, first.done_on) == ("done", D(2026, 12, 7))
    second = referral.followup_deadline
    assert (second.status, second.due_date) == ("pending", D(2026, 12, 21))
    # and a date agreed by hand is an override with its reason, the computed one kept
    clock.move_to("2026-12-21 10:00 -06:00")
    services.referral_follow_up(
        referral=referral,
        by=clinic["attorney"],
        on=D(2026, 12, 21),
        outcome="attended",
        next_on=D(2027, 1, 15),
    )
    referral.refresh_from_db()
    third = referral.followup_deadline
    assert (third.due_date, third.override_date, third.override_reason) == (
        D(2027, 1, 15),
        D(2027, 1, 15),
        "Fecha acordada en el seguimiento",
    )
    assert third.computed_date == D(2027, 1, 6)  # 25 Dec and 1 Jan skipped
    assert list(referral.events.filter(kind="follow_up").values_list("outcome", "on")) == [
        ("attended", D(2026, 12, 7)),
        ("attended", D(2026, 12, 21)),
    ]
    assert Deadline.objects.filter(rule__code="referral_followup", status="pending").count() == 1


def test_an_organisation_that_needs_notice_gets_a_delivery_deadline_closed_with_the_referral(
    clinic,
):
    # given: CGRS-like lead time of 42 days for a country packet
    organisation = clinic["organisation"]
    organisation.lead_time_days = 42
    organisation.lead_time_note = "Paquete de información de país"
    organisation.save()
    give_sharing_consent(clinic["client"], clinic["attorney"])
    # when
    referral = send(draft(clinic, services=["country_information"]), clinic["attorney"])
    # then: a clinic deadline 42 calendar days after sending, on the case
    delivery = referral.delivery_deadline
    assert (delivery.kind, delivery.due_date, delivery.case, delivery.responsible) == (
        "clinic",
        D(2027, 1, 4),
        clinic["case"],
        clinic["attorney"],
    )
    assert delivery.source_label == "42 días de aviso: Paquete de información de país"
    # and completing the referral closes it with the follow-up
    services.referral_transition(
        referral=referral, by=clinic["attorney"], to_status="accepted", on=TODAY
    )
    services.referral_transition(
        referral=referral, by=clinic["attorney"], to_status="completed", on=TODAY
    )
    statuses = Deadline.objects.filter(pk__in=[delivery.pk, referral.followup_deadline_id])
    assert set(statuses.values_list("status", "done_on")) == {("done", TODAY)}


def test_no_delivery_deadline_without_a_lead_time(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    assert send(draft(clinic), clinic["attorney"]).delivery_deadline is None


def test_a_closed_or_draft_referral_is_not_followed_up(clinic):
    referral = draft(clinic)
    with pytest.raises(ValidationError):
        services.referral_follow_up(
            referral=referral, by=clinic["attorney"], on=TODAY, outcome="attended"
        )
    assert not referral.events.filter(kind="follow_up").exists()


# --- Drafts ---------------------------------------------------------------------------------


def test_only_a_draft_is_edited_and_a_stale_edit_or_send_is_refused(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = draft(clinic)
    services.referral_update(
        referral=referral,
        by=clinic["attorney"],
        version=1,
        services=["psychosocial", "shelter"],
        shared_fields=["reason", "name"],
    )
    referral.refresh_from_db()
    assert referral.version == 2
    assert referral.shared_fields == ["name", "reason"]  # the catalogue's order
    assert sorted(referral.services.values_list("service", flat=True)) == [
        "psychosocial",
        "shelter",
    ]
    with pytest.raises(StaleEditError):
        services.referral_update(
            referral=referral, by=clinic["attorney"], version=1, services=["shelter"]
        )
    with pytest.raises(StaleEditError):  # the draft changed since the send page was shown
        services.referral_send(referral=referral, by=clinic["attorney"], sent_on=TODAY, version=1)
    send(referral, clinic["attorney"])
    with pytest.raises(ValidationError):
        services.referral_update(
            referral=referral, by=clinic["attorney"], version=3, services=["shelter"]
        )


def test_a_draft_must_say_where_why_and_what(clinic):
    with pytest.raises(ValidationError) as refused:
        services.referral_create(
            client=clinic["client"],
            by=clinic["attorney"],
            services=[],
            reason=" ",
            organisation=None,
            shared_fields=["name", "violence"],
        )
    assert set(refused.value.error_dict) == {"organisation", "services", "reason", "shared_fields"}
    archived = OrganisationFactory(name="Cerrada")
    from directory.services import organisation_archive

    organisation_archive(organisation=archived, by=clinic["admin"], reason="Cerró")
    with pytest.raises(ValidationError) as refused:
        draft(clinic, organisation=archived, office=clinic["office"])
    assert set(refused.value.error_dict) == {"organisation", "office"}
    assert Referral.objects.count() == 0


@pytest.mark.parametrize("who", ["teammate", "outsider", "intake", "psychosocial", "admin"])
def test_only_her_case_attorneys_and_coordinators_refer_from_a_case(clinic, who):
    with pytest.raises(PermissionDenied):
        draft(clinic, by=clinic[who])
    assert Referral.objects.count() == 0


def test_a_teammate_refers_her_outside_any_case(clinic):
    referral = draft(clinic, by=clinic["teammate"], case=None)
    assert referral.referred_by == clinic["teammate"]


# --- Counts and inbound referrals ------------------------------------------------------------


def test_referral_counts_are_aggregated_by_organisation_service_and_outcome(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    first = send(draft(clinic, services=["psychosocial", "legal_advice"]), clinic["attorney"])
    send(draft(clinic, services=["psychosocial"]), clinic["attorney"], sent_on=D(2026, 11, 2))
    send(
        draft(
            clinic, kind="internal", organisation=None, office=None, internal_team="psychosocial"
        ),
        clinic["attorney"],
    )
    draft(clinic)  # never sent: not counted
    services.referral_transition(
        referral=first, by=clinic["attorney"], to_status="declined", on=TODAY, note="Sin cupo"
    )
    counts = referral_counts(start=D(2026, 11, 1), end=D(2026, 11, 30))
    organisation = clinic["organisation"]
    assert counts["organisation"] == [
        {
            "kind": "outbound",
            "organisation_id": organisation.pk,
            "organisation__name": "Sin Fronteras",
            "internal_team": "",
            "total": 2,
        },
        {
            "kind": "internal",
            "organisation_id": None,
            "organisation__name": None,
            "internal_team": "psychosocial",
            "total": 1,
        },
    ]
    assert counts["service"] == [
        {"service": "psychosocial", "total": 3},
        {"service": "legal_advice", "total": 1},
    ]
    assert counts["outcome"] == [{"status": "declined", "total": 1}, {"status": "sent", "total": 2}]
    assert referral_counts(start=D(2026, 11, 3), end=D(2026, 11, 30))["service"] == [
        {"service": "psychosocial", "total": 2},
        {"service": "legal_advice", "total": 1},
    ]
    assert (
        referral_counts(start=D(2026, 11, 1), end=D(2026, 11, 30), grant_tag="UNTF")["outcome"]
        == []
    )


def test_an_inbound_referral_names_a_directory_organisation_or_another_source(clinic):
    client, intake_user = clinic["client"], clinic["coordinator"]
    with pytest.raises(ValidationError):
        services.inbound_referral_record(client=client, by=intake_user, received_on=TODAY)
    with pytest.raises(ValidationError):
        services.inbound_referral_record(
            client=client, by=intake_user, received_on=D(2026, 11, 30), other_source="Línea"
        )
    inbound = services.inbound_referral_record(
        client=client,
        by=intake_user,
        received_on=D(2026, 11, 10),
        organisation=clinic["organisation"],
        office=clinic["office"],
        other_source="ignorado",
    )
    assert (inbound.organisation, inbound.other_source) == (clinic["organisation"], "")
    services.inbound_referral_archive(inbound=inbound, by=intake_user, reason="Duplicado")
    inbound.refresh_from_db()
    assert inbound.is_archived
    assert InboundReferral.history.filter(id=inbound.pk).count() == 2
    with pytest.raises(PermissionDenied):
        services.inbound_referral_record(
            client=client, by=clinic["outsider"], received_on=TODAY, other_source="x"
        )


def test_the_organisations_page_counts_only_referrals_that_reached_it(clinic):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    send(draft(clinic), clinic["attorney"])
    discarded = draft(clinic)
    services.referral_transition(
        referral=discarded, by=clinic["attorney"], to_status="revoked", on=TODAY, note="Error"
    )

    counts = organisation_referral_counts(organisation=clinic["organisation"])

    assert counts["sent"] == 1
    assert {row["status"]: row["total"] for row in counts["rows"]}["revoked"] == 0


def test_deadlines_go_to_the_sender_when_the_referrer_has_left_the_case(clinic, make_user):
    from cases.services import cases as case_services

    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = draft(clinic)
    successor = make_user("attorney")
    case_services.case_assign(
        case=clinic["case"],
        attorney=successor,
        by=clinic["coordinator"],
        replace=clinic["attorney"],
    )

    sent = send(referral, clinic["coordinator"])

    assert sent.followup_deadline.responsible == clinic["coordinator"]


def test_the_statistics_do_not_count_referrals_of_archived_clients_or_cases(clinic):
    from cases.models import Case, Client
    from clinic.core import clock

    give_sharing_consent(clinic["client"], clinic["attorney"])
    send(draft(clinic), clinic["attorney"])
    period = {"start": D(2026, 11, 1), "end": D(2026, 11, 30)}
    assert sum(row["total"] for row in referral_counts(**period)["organisation"]) == 1

    Case.objects.filter(pk=clinic["case"].pk).update(archived_at=clock.now())
    assert referral_counts(**period)["organisation"] == []

    Case.objects.filter(pk=clinic["case"].pk).update(archived_at=None)
    Client.objects.filter(pk=clinic["client"].pk).update(archived_at=clock.now())
    assert referral_counts(**period)["organisation"] == []

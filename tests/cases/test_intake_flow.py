"""The intake flow with the Django test client: consent first, the duplicate check before
anything is saved, every step of the draft, and submission to the coordinator's queue.

The UI runs in English here (language cookie) so the assertions read the msgids; the browser
test covers the Spanish UI."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from cases import choices
from cases.models import (
    Client,
    ClientNeed,
    ClientUrgentFlag,
    Consent,
    CrimeSuffered,
    DisclosureRestriction,
    DuplicateDecision,
    FamilyMember,
    IdentityDocument,
    Language,
    PrivacyNotice,
    ViolenceIncident,
    ViolenceNarrative,
)
from cases.services.clients import ConsentAnswer, PersonData, client_create_draft, client_update
from clinic.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

CONSENT = {
    "purpose_legal_services": "given",
    "purpose_sharing": "given",
    "purpose_statistics": "given",
    "purpose_testimony": "not_given",
    "purpose_contact": "given",
    "method": "fingerprint",
    "witness_name": "Lucía Romero",
}


# --- helpers shared with test_intake_permissions.py and the browser test -----------------------


def publish_notice(by) -> PrivacyNotice:
    return PrivacyNotice.objects.create(
        version=1,
        title="Aviso de privacidad integral",
        body="Tus datos sensibles se tratan con tu consentimiento expreso.\n\nDerechos ARCO: …",
        published_by=by,
    )


def register(by, **fields) -> Client:
    """A draft registered directly through the service (consent to legal services signed)."""
    fields.setdefault("first_surname", "Hernández")
    return client_create_draft(
        by=by,
        person=PersonData(fields=fields, nationalities=fields.pop("nationalities", ["HN"])),
        consents=[
            ConsentAnswer(
                purpose=choices.ConsentPurpose.LEGAL_SERVICES,
                decision=choices.ConsentDecision.GIVEN,
                method=choices.ConsentMethod.SIGNATURE,
            )
        ],
    )


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def step_url(client_record: Client, step: str) -> str:
    return reverse("cases:intake_step", kwargs={"pk": client_record.pk, "step": step})


def person_data(**overrides) -> dict:
    data = {
        "given_names": "Marta",
        "first_surname": "Ramírez",
        "second_surname": "Cruz",
        "preferred_name": "",
        "gender_identity": "woman",
        "date_of_birth": "1998-04-12",
        "nationalities": ["HN"],
        "country_of_birth": "HN",
        "languages": [Language.objects.get(code="es").pk],
        "other_languages": "",
        "indigenous_identity": "no",
        "indigenous_people": "",
        "lgbtiq": "unknown",
        "wg_seeing": "1",
        "curp": "",
        "phone": "+504 9999 8888",
    }
    data.update(overrides)
    return data


@pytest.fixture
def intake_user(make_user):
    return make_user("intake", first_name="Lucía")


@pytest.fixture
def intake(intake_user, verified_client):
    """The test client, logged in as intake staff, in English, with a published notice."""
    publish_notice(intake_user)
    return in_english(verified_client(intake_user))


# --- the whole flow ----------------------------------------------------------------------------


def test_intake_of_a_woman_like_seed_000_from_consent_to_submission(clock, intake, intake_user):
    # given: consent first
    response = intake.get(reverse("cases:intake_consent"))
    assert response.status_code == 200
    assert "Aviso de privacidad integral" in response.text
    response = intake.post(reverse("cases:intake_consent"), CONSENT)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:intake_person")
    assert Client.objects.count() == 0

    # when: person (no duplicate), family, documents, contact, migration, violence, needs
    response = intake.post(reverse("cases:intake_person"), person_data())
    marta = Client.objects.get()
    assert response["Location"] == step_url(marta, "familia")
    assert "intake_consent" not in intake.session

    response = intake.post(
        step_url(marta, "familia"),
        {
            "action": "add",
            "then": "stay",
            "add-relationship": "child",
            "add-given_names": "Sebastián",
            "add-first_surname": "Ramírez",
            "add-date_of_birth": "2026-05-20",
            "add-sex": "male",
            "add-nationality": "HN",
            "add-residence": "with_her",
            "add-life_status": "alive",
            "add-is_dependant": "on",
        },
    )
    assert response["Location"] == step_url(marta, "familia")
    response = intake.post(
        step_url(marta, "familia"),
        {
            "action": "add",
            "then": "continue",
            "add-relationship": "partner",
            "add-given_names": "José",
            "add-first_surname": "Mejía",
            "add-residence": "origin",
            "add-life_status": "deceased",
            "add-notes": "Killed by a gang",
        },
    )
    assert response["Location"] == step_url(marta, "documentos")

    sebastian = FamilyMember.objects.get(given_names="Sebastián")
    response = intake.post(
        step_url(marta, "documentos"),
        {
            "action": "add",
            "then": "continue",
            "add-owner": str(sebastian.pk),
            "add-document_type": "birth_certificate",
            "add-issuer": "Registro Nacional de las Personas, Honduras",
            "add-issue_date": "2026-06-01",
            "add-status": "apostilled",
            "add-cost": "450.00",
        },
    )
    assert response["Location"] == step_url(marta, "contacto")

    marta.refresh_from_db()
    response = intake.post(
        step_url(marta, "contacto"),
        {
            "action": "save",
            "then": "continue",
            "version": str(marta.version),
            "sleeping_place": "shelter",
            "sleeping_place_detail": "Casa de acogida",
            "notification_address": "The clinic",
            "current_state": "MX-CMX",
            "current_city": "Ciudad de México",
            "phones-TOTAL_FORMS": "2",
            "phones-INITIAL_FORMS": "1",
            "phones-MIN_NUM_FORMS": "0",
            "phones-MAX_NUM_FORMS": "6",
            "phones-0-number": "+504 9999 8888",
            "phones-0-label": "her own",
            "phones-0-has_whatsapp": "on",
            "phones-0-safe_to_message": "on",
            "phones-0-safe_times": "mornings",
            "phones-1-number": "",
        },
    )
    assert response["Location"] == step_url(marta, "migracion")
    response = intake.post(
        step_url(marta, "contacto"),
        {
            "action": "add_restriction",
            "restriction-kind": "gang",
            "restriction-name": "Barrio 18",
            "restriction-identifiers": "Clica of her neighbourhood",
        },
    )
    assert response["Location"] == step_url(marta, "contacto")

    marta.refresh_from_db()
    response = intake.post(
        step_url(marta, "migracion"),
        {
            "version": str(marta.version),
            "then": "continue",
            "migration_status": "irregular",
            "is_pregnant": "on",
            "due_date": "2027-04-15",
            "referral_source": "partner",
            "referral_source_detail": "Shelter in Chiapas",
            "entry_date": "2026-08-01",
            "entry_date_estimated": "on",
            "entry_place": "Ciudad Hidalgo, Chiapas",
            "filing_possible_date": "2026-08-20",
            "filing_possible_reason": "Held captive by kidnappers",
        },
    )
    assert response["Location"] == step_url(marta, "violencia")

    response = intake.post(
        step_url(marta, "violencia"),
        {
            "action": "add_incident",
            "then": "stay",
            "incident-violence_types": ["sexual", "physical"],
            "incident-perpetrator": "gang",
            "incident-place": "transit",
            "incident-mexican_state": "MX-CHP",
            "incident-approximate_date": "2026-08-10",
        },
    )
    assert response["Location"] == step_url(marta, "violencia")
    intake.post(
        step_url(marta, "violencia"),
        {
            "action": "add_crime",
            "then": "stay",
            "crime-crime_type": "kidnapping",
            "crime-place": "transit",
            "crime-mexican_state": "MX-CHP",
        },
    )
    response = intake.post(
        step_url(marta, "violencia"),
        {
            "action": "save_narrative",
            "then": "continue",
            "narrative-text": "She was kidnapped in Chiapas.",
        },
    )
    assert response["Location"] == step_url(marta, "necesidades")

    marta.refresh_from_db()
    response = intake.post(
        step_url(marta, "necesidades"),
        {
            "version": str(marta.version),
            "then": "continue",
            "case_types": ["asylum", "tvrh", "identity"],
            "urgent_flags": ["pregnancy_from_rape"],
            "needs_note": "Humanitarian visa for her and her son; prenatal care.",
        },
    )
    assert response["Location"] == step_url(marta, "enviar")
    review = intake.get(step_url(marta, "enviar"))
    assert review.status_code == 200
    assert "Pregnancy from rape (NOM-046 health care)" in review.text
    assert "She was kidnapped" not in review.text  # restricted parts: counts only

    response = intake.post(reverse("cases:intake_submit", kwargs={"pk": marta.pk}))

    # then
    assert response["Location"] == reverse("cases:client_detail", kwargs={"pk": marta.pk})
    marta.refresh_from_db()
    assert marta.status == choices.ClientStatus.SUBMITTED
    assert marta.client_code.startswith("AC-2026-")
    assert (marta.given_names, marta.first_surname, marta.second_surname) == (
        "Marta",
        "Ramírez",
        "Cruz",
    )
    assert marta.date_of_birth == datetime.date(1998, 4, 12)
    assert [row.country.code for row in marta.nationalities.all()] == ["HN"]
    assert marta.is_pregnant is True
    assert marta.due_date == datetime.date(2027, 4, 15)
    assert marta.entry_date == datetime.date(2026, 8, 1)
    assert marta.entry_date_estimated is True
    assert marta.filing_possible_date == datetime.date(2026, 8, 20)
    assert marta.sleeping_place == "shelter"
    assert marta.intake_date == datetime.date(2026, 11, 23)
    assert sorted(
        (consent.purpose, consent.decision, consent.method, consent.witness_name)
        for consent in marta.consents.all()
    ) == [
        ("contact", "given", "fingerprint", "Lucía Romero"),
        ("legal_services", "given", "fingerprint", "Lucía Romero"),
        ("sharing", "given", "fingerprint", "Lucía Romero"),
        ("statistics", "given", "fingerprint", "Lucía Romero"),
    ]
    assert sorted(
        (member.relationship, member.given_names, member.is_dependant, member.life_status)
        for member in marta.family_members.all()
    ) == [("child", "Sebastián", True, "alive"), ("partner", "José", False, "deceased")]
    document = IdentityDocument.objects.get()
    assert (document.family_member, document.status, str(document.cost)) == (
        sebastian,
        "apostilled",
        "450.00",
    )
    phone = marta.phones.get()
    assert (phone.number, phone.has_whatsapp, phone.safe_to_call, phone.safe_to_message) == (
        "+50499998888",
        True,
        False,
        True,
    )
    assert list(marta.disclosure_restrictions.values_list("kind", "name")) == [
        ("gang", "Barrio 18")
    ]
    incident = ViolenceIncident.objects.get()
    assert sorted(incident.types.values_list("violence_type", flat=True)) == [
        "physical",
        "sexual",
    ]
    assert CrimeSuffered.objects.get().crime_type == "kidnapping"
    assert ViolenceNarrative.objects.get().text == "She was kidnapped in Chiapas."
    assert list(marta.urgent_flags.values_list("flag", flat=True)) == ["pregnancy_from_rape"]
    assert sorted(marta.needs.values_list("case_type", flat=True)) == [
        "asylum",
        "identity",
        "tvrh",
    ]
    # every history row names the intake worker
    for model in (Client, Consent, FamilyMember, IdentityDocument, DisclosureRestriction):
        users = set(model.history.values_list("history_user", flat=True))
        assert users == {intake_user.pk}, model.__name__
    for model in (ViolenceIncident, CrimeSuffered, ViolenceNarrative, ClientNeed):
        assert set(model.history.values_list("history_user", flat=True)) == {intake_user.pk}
    assert marta.history.first().history_change_reason == "Intake submitted"


# --- consent first -----------------------------------------------------------------------------


def test_person_step_without_consent_in_the_session_redirects_to_consent(intake):
    # when
    response = intake.get(reverse("cases:intake_person"))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:intake_consent")
    assert Client.objects.count() == 0


def test_posting_the_person_step_without_consent_saves_nothing(intake):
    # when
    response = intake.post(reverse("cases:intake_person"), person_data())
    # then
    assert response["Location"] == reverse("cases:intake_consent")
    assert Client.objects.count() == 0


def test_without_consent_to_legal_services_the_intake_cannot_go_on(intake):
    # when
    response = intake.post(
        reverse("cases:intake_consent"), {**CONSENT, "purpose_legal_services": "not_given"}
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["purpose_legal_services"] == [
        "She must consent to legal services for the clinic to record her data and represent "
        "her. Without it the intake cannot go on."
    ]
    assert "intake_consent" not in intake.session
    assert (Client.objects.count(), Consent.objects.count()) == (0, 0)


def test_verbal_consent_needs_a_witness(intake):
    # when
    response = intake.post(
        reverse("cases:intake_consent"), {**CONSENT, "method": "verbal", "witness_name": ""}
    )
    # then
    assert response.context["form"].errors["witness_name"] == [
        "Fingerprint and verbal consent need a witness's name."
    ]


def test_verbal_consent_is_recorded_as_pending_signature(intake):
    # given
    intake.post(
        reverse("cases:intake_consent"), {**CONSENT, "method": "verbal", "witness_name": "Ana"}
    )
    # when
    intake.post(reverse("cases:intake_person"), person_data())
    # then
    from cases.services.consent import consent_states

    states = consent_states(client=Client.objects.get())
    assert states["legal_services"] == choices.ConsentState.PENDING_SIGNATURE
    assert states["testimony"] == choices.ConsentState.NOT_RECORDED


def test_without_a_published_notice_the_consent_step_says_an_admin_must_publish_it(
    make_user, verified_client
):
    # given
    user = make_user("intake", "admin")
    client = in_english(verified_client(user))
    # when
    response = client.get(reverse("cases:intake_consent"))
    # then
    assert response.status_code == 200
    assert "An administrator must publish it" in response.text
    assert reverse("cases:notice_list") in response.text
    assert response.context.get("form") is None


def test_a_newer_notice_published_after_consent_asks_for_consent_again(intake, intake_user):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    PrivacyNotice.objects.create(version=2, title="v2", body="…", published_by=intake_user)
    # when
    response = intake.post(reverse("cases:intake_person"), person_data())
    # then
    assert response["Location"] == reverse("cases:intake_consent")
    assert Client.objects.count() == 0


# --- duplicate check ---------------------------------------------------------------------------


@pytest.fixture
def maria_jose(make_user):
    """An existing client registered by another intake worker (outside our user's scope)."""
    other = make_user("intake")
    return register(
        other,
        given_names="María José",
        first_surname="Pérez",
        second_surname="López",
        date_of_birth=datetime.date(1990, 3, 15),
        nationalities=["GT"],
    )


def _maria_jose_perez(**overrides):
    return person_data(
        given_names="Maria Jose",
        first_surname="Perez",
        second_surname="",
        date_of_birth="1990-03-15",
        nationalities=["GT"],
        phone="",
        **overrides,
    )


def test_a_likely_duplicate_is_shown_before_anything_is_saved(intake, maria_jose):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when
    response = intake.post(reverse("cases:intake_person"), _maria_jose_perez())
    # then
    assert response.status_code == 200
    assert "Likely the same person" in response.text
    assert Client.objects.count() == 1
    assert Consent.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action=AuditAction.SEARCH, object_type="cases.client").count()
        == 1
    )
    # everything typed is kept
    assert response.context["form"]["given_names"].value() == "Maria Jose"


def test_an_out_of_scope_candidate_shows_only_minimal_data(intake, maria_jose):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when
    response = intake.post(reverse("cases:intake_person"), _maria_jose_perez())
    # then
    candidate = response.context["candidates"][0]
    assert candidate["in_scope"] is False
    assert maria_jose.client_code in response.text
    assert f">{maria_jose.initials}<" in response.text
    assert maria_jose.initials == "MPL"
    assert ">1990<" in response.text
    assert "Guatemala" in response.text
    assert "María José" not in response.text
    assert "López" not in response.text
    assert "Open existing record" not in response.text


def test_an_in_scope_candidate_shows_her_name_and_can_be_opened_with_an_audit_event(
    intake, intake_user
):
    # given
    mine = register(
        intake_user,
        given_names="María José",
        first_surname="Pérez",
        second_surname="López",
        date_of_birth=datetime.date(1990, 3, 15),
    )
    intake.post(reverse("cases:intake_consent"), CONSENT)
    response = intake.post(reverse("cases:intake_person"), _maria_jose_perez())
    assert "María José Pérez López" in response.text
    assert "Open existing record" in response.text
    # when
    response = intake.post(
        reverse("cases:intake_person"), {"action": "open_existing", "candidate": mine.pk}
    )
    # then
    assert response["Location"] == reverse("cases:client_detail", kwargs={"pk": mine.pk})
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.object_type, event.object_pk, event.user) == (
        "cases.client",
        str(mine.pk),
        intake_user,
    )


def test_opening_an_out_of_scope_candidate_is_refused(intake, maria_jose):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when
    response = intake.post(
        reverse("cases:intake_person"), {"action": "open_existing", "candidate": maria_jose.pk}
    )
    # then
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_answering_different_person_creates_the_draft_and_records_the_decision(
    intake, intake_user, maria_jose
):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when
    response = intake.post(
        reverse("cases:intake_person"),
        _maria_jose_perez(**{f"duplicate_{maria_jose.pk}": "different"}),
    )
    # then
    new = Client.objects.exclude(pk=maria_jose.pk).get()
    assert response["Location"] == step_url(new, "familia")
    decision = DuplicateDecision.objects.get()
    assert (decision.client, decision.candidate, decision.decision, decision.decided_by) == (
        new,
        maria_jose,
        "different",
        intake_user,
    )
    assert decision.score >= 80


def test_an_unanswered_candidate_keeps_the_form_and_saves_nothing(intake, maria_jose):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when: a note but no decision
    response = intake.post(
        reverse("cases:intake_person"),
        _maria_jose_perez(**{f"duplicate_{maria_jose.pk}_note": "Same woman?"}),
    )
    # then
    assert response.context["answers_form"].errors[f"duplicate_{maria_jose.pk}"] == [
        "Answer for this record before you continue."
    ]
    assert Client.objects.count() == 1


def test_an_invalid_curp_gets_a_clear_error_and_nothing_is_saved(intake):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when: the right pattern with a wrong check digit
    response = intake.post(reverse("cases:intake_person"), person_data(curp="BOXW310820HNERXN01"))
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["curp"] == ["The CURP check digit should be 9."]
    assert Client.objects.count() == 0


def test_a_curp_with_sex_x_is_accepted_and_stored_normalised(intake):
    # given
    intake.post(reverse("cases:intake_consent"), CONSENT)
    # when
    intake.post(reverse("cases:intake_person"), person_data(curp="boxw310820xnerxn03"))
    # then
    assert Client.objects.get().curp == "BOXW310820XNERXN03"


def test_stateless_and_a_nationality_together_are_refused(intake):
    intake.post(reverse("cases:intake_consent"), CONSENT)
    response = intake.post(reverse("cases:intake_person"), person_data(is_stateless="on"))
    assert "is_stateless" in response.context["form"].errors
    assert Client.objects.count() == 0


# --- family ------------------------------------------------------------------------------------


def test_a_child_born_in_mexico_cannot_be_an_asylum_dependant(intake, intake_user):
    # given
    marta = register(intake_user, given_names="Marta")
    # when
    response = intake.post(
        step_url(marta, "familia"),
        {
            "action": "add",
            "then": "stay",
            "add-relationship": "child",
            "add-given_names": "Luz",
            "add-life_status": "alive",
            "add-born_in_mexico": "on",
            "add-is_dependant": "on",
        },
    )
    # then
    assert response.status_code == 200
    assert response.context["add_form"].errors["is_dependant"] == [
        "A child born in Mexico is Mexican and cannot be a dependant in an asylum claim. "
        "Register the birth instead."
    ]
    assert FamilyMember.objects.count() == 0


def test_a_family_member_is_edited_and_archived_with_a_reason(intake, intake_user):
    # given
    marta = register(intake_user, given_names="Marta")
    intake.post(
        step_url(marta, "familia"),
        {
            "action": "add",
            "add-relationship": "child",
            "add-given_names": "Sebastián",
            "add-life_status": "alive",
        },
    )
    member = FamilyMember.objects.get()
    # when
    intake.post(
        step_url(marta, "familia"),
        {
            "action": "edit",
            "member": member.pk,
            "then": "stay",
            "edit-version": "1",
            "edit-relationship": "child",
            "edit-given_names": "Sebastián",
            "edit-life_status": "alive",
            "edit-school_enrolled": "on",
        },
    )
    refused = intake.post(
        step_url(marta, "familia"),
        {"action": "archive", "member": member.pk, f"archive-{member.pk}-reason": ""},
    )
    intake.post(
        step_url(marta, "familia"),
        {"action": "archive", "member": member.pk, f"archive-{member.pk}-reason": "Duplicate"},
    )
    # then
    member.refresh_from_db()
    assert member.school_enrolled is True
    assert member.version == 3
    assert refused.status_code == 200
    assert (member.is_archived, member.archive_reason, member.archived_by) == (
        True,
        "Duplicate",
        intake_user,
    )
    assert FamilyMember.objects.count() == 1  # never deleted


def test_a_document_expiring_before_it_was_issued_is_refused(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    response = intake.post(
        step_url(marta, "documentos"),
        {
            "action": "add",
            "add-owner": "her",
            "add-document_type": "passport",
            "add-status": "original",
            "add-issue_date": "2024-01-10",
            "add-expiry_date": "2023-01-10",
        },
    )
    assert response.context["add_form"].errors["expiry_date"] == [
        "The expiry date cannot be before the issue date."
    ]
    assert IdentityDocument.objects.count() == 0


# --- contact and safety ------------------------------------------------------------------------


def test_a_do_not_disclose_entry_matching_another_client_shows_a_conflict_warning(
    intake, intake_user, make_user, verified_client
):
    # given: the aggressor is himself registered as someone's family member elsewhere
    other = register(make_user("intake"), given_names="Rosa")
    FamilyMember.objects.create(
        client=other, relationship="partner", given_names="Juan Carlos", first_surname="Mendoza"
    )
    marta = register(intake_user, given_names="Marta")
    # when
    intake.post(
        step_url(marta, "contacto"),
        {
            "action": "add_restriction",
            "restriction-kind": "person",
            "restriction-name": "Juan Carlos Mendoza",
        },
    )
    response = intake.get(step_url(marta, "contacto"))
    # then: she may read her own draft's details
    assert "Possible conflict" in response.text
    assert f"matches a family member on record {other.client_code}" in response.text


def test_conflict_details_are_hidden_from_someone_who_cannot_read_them(
    intake_user, make_user, verified_client
):
    # given: the other client's entry names our client; our user cannot read the other client
    from cases.services.safety import disclosure_restriction_add

    publish_notice(intake_user)
    other_user = make_user("intake")
    other = register(other_user, given_names="Rosa")
    disclosure_restriction_add(client=other, by=other_user, kind="person", name="Marta Hernández")
    marta = register(intake_user, given_names="Marta")
    client = in_english(verified_client(intake_user))
    # when
    response = client.get(step_url(marta, "contacto"))
    # then
    assert "Possible conflict" in response.text
    assert other.client_code not in response.text


# --- migration: concurrent edits ---------------------------------------------------------------


def test_a_stale_save_on_the_migration_step_keeps_your_values_and_shows_theirs(
    intake, intake_user, make_user
):
    # given: you opened the page at version 1; a coordinator saved the entry place meanwhile
    marta = register(intake_user, given_names="Marta")
    coordinator = make_user("coordinator")
    client_update(
        client=Client.objects.get(pk=marta.pk),
        by=coordinator,
        fields={"entry_place": "Tapachula"},
        expected_version=1,
    )
    # when
    response = intake.post(
        step_url(marta, "migracion"),
        {"version": "1", "migration_status": "irregular", "entry_place": "Ciudad Hidalgo"},
    )
    # then
    assert response.status_code == 200
    assert "Someone else saved this record while you were editing it." in response.text
    changes = {change["label"]: change for change in response.context["stale_changes"]}
    assert (changes["Place of entry"]["theirs"], changes["Place of entry"]["yours"]) == (
        "Tapachula",
        "Ciudad Hidalgo",
    )
    assert "Tapachula" in response.text
    assert 'value="Ciudad Hidalgo"' in response.text
    assert response.context["form"]["version"].value() == "2"
    marta.refresh_from_db()
    assert (marta.entry_place, marta.migration_status, marta.version) == ("Tapachula", "", 2)


def test_detention_requires_place_date_time_and_the_asylum_answer(intake, intake_user):
    # The INM file number is optional: she often does not know it, and the 36-hour clock
    # needs only the place, date and time.
    marta = register(intake_user, given_names="Marta")
    response = intake.post(
        step_url(marta, "migracion"), {"version": "1", "migration_status": "detained"}
    )
    assert sorted(response.context["form"].errors) == [
        "asylum_requested",
        "detained_date",
        "detained_time",
        "detention_place",
    ]


def test_detention_date_and_time_are_saved_in_mexico_city_time(clock, intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    intake.post(
        step_url(marta, "migracion"),
        {
            "version": "1",
            "migration_status": "detained",
            "detention_place": "Estación migratoria Siglo XXI",
            "detained_date": "2026-11-22",
            "detained_time": "21:30",
            "inm_file_number": "INM/123/2026",
            "asylum_requested": "yes",
        },
    )
    marta.refresh_from_db()
    assert marta.detained_at == datetime.datetime(2026, 11, 23, 3, 30, tzinfo=datetime.UTC)
    assert marta.asylum_requested_in_detention is True


def test_a_mexican_national_keeps_no_journey(intake, intake_user):
    marta = register(intake_user, given_names="Marta", entry_place="Tapachula")
    intake.post(
        step_url(marta, "migracion"),
        {"version": "1", "migration_status": "mexican", "entry_place": "Tijuana"},
    )
    marta.refresh_from_db()
    assert (marta.migration_status, marta.entry_place) == ("mexican", "")


# --- needs and submission ----------------------------------------------------------------------


def test_needs_require_at_least_one_case_type(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    response = intake.post(step_url(marta, "necesidades"), {"version": "1"})
    assert response.context["form"].errors["case_types"] == [
        "Choose at least one legal service she needs."
    ]
    assert ClientNeed.objects.count() == 0


def test_submitting_without_needs_is_refused_with_the_reason(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    response = intake.post(reverse("cases:intake_submit", kwargs={"pk": marta.pk}), follow=True)
    assert "Say which legal services she needs before submitting." in response.text
    marta.refresh_from_db()
    assert marta.status == choices.ClientStatus.DRAFT


def test_a_submitted_clients_steps_lead_to_her_page_except_violence(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    marta.needs.create(case_type="asylum")
    intake.post(reverse("cases:intake_submit", kwargs={"pk": marta.pk}))
    detail = reverse("cases:client_detail", kwargs={"pk": marta.pk})
    for step in ("persona", "familia", "documentos", "contacto", "migracion", "enviar"):
        assert intake.get(step_url(marta, step))["Location"] == detail
    assert intake.get(step_url(marta, "violencia")).status_code == 200


def test_urgent_flags_are_raised_and_resolved_from_the_needs_step(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    intake.post(
        step_url(marta, "necesidades"),
        {"version": "1", "case_types": ["asylum"], "urgent_flags": ["no_shelter", "detained"]},
    )
    intake.post(
        step_url(marta, "necesidades"),
        {"version": "2", "case_types": ["asylum"], "urgent_flags": ["detained"]},
    )
    assert sorted(
        (flag.flag, flag.resolved_at is None) for flag in ClientUrgentFlag.objects.all()
    ) == [("detained", True), ("no_shelter", False)]


def test_save_and_finish_later_sends_her_to_the_client_list(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    response = intake.post(
        step_url(marta, "migracion"),
        {"version": "1", "then": "later", "migration_status": "asylum_seeker"},
    )
    assert response["Location"] == reverse("cases:client_list")
    marta.refresh_from_db()
    assert (marta.migration_status, marta.version) == ("asylum_seeker", 2)


def test_the_journey_questions_are_not_asked_of_a_mexican_national(intake, intake_user):
    marta = register(intake_user, given_names="Marta", migration_status="mexican")
    response = intake.get(step_url(marta, "migracion"))
    assert "entry_date" not in response.context["form"].fields
    assert "She is a Mexican national" in response.text


def test_editing_a_family_member_with_a_malformed_id_is_404(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    assert intake.get(step_url(marta, "familia") + "?editar=abc").status_code == 404


def test_every_step_shows_the_step_indicator_with_the_current_step(intake, intake_user):
    marta = register(intake_user, given_names="Marta")
    for step, label in [
        ("persona", "Person"),
        ("familia", "Family"),
        ("documentos", "Documents"),
        ("contacto", "Contact and safety"),
        ("migracion", "Migration and journey"),
        ("violencia", "Violence and crimes"),
        ("necesidades", "Needs"),
        ("enviar", "Review and submit"),
    ]:
        response = intake.get(step_url(marta, step))
        assert f'<span aria-current="step">{label}</span>' in response.text, step


def test_asking_a_coordinator_to_link_records_the_request_with_its_note(intake, maria_jose):
    intake.post(reverse("cases:intake_consent"), CONSENT)
    intake.post(
        reverse("cases:intake_person"),
        _maria_jose_perez(
            **{
                f"duplicate_{maria_jose.pk}": "link_requested",
                f"duplicate_{maria_jose.pk}_note": "She says she came last year",
            }
        ),
    )
    decision = DuplicateDecision.objects.get()
    assert (decision.decision, decision.note, decision.candidate) == (
        "link_requested",
        "She says she came last year",
        maria_jose,
    )

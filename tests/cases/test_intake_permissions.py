"""Who may use the intake flow: a permission matrix over every intake URL that also proves
nothing changed after a refusal, and the write-only rule for restricted data after submission."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cases import choices
from cases.models import (
    Client,
    ClientNeed,
    ClientPhone,
    ClientUrgentFlag,
    Consent,
    CrimeSuffered,
    DisclosureRestriction,
    DuplicateDecision,
    FamilyMember,
    IdentityDocument,
    ViolenceIncident,
    ViolenceNarrative,
)
from cases.services.clients import client_assign, client_needs_set, client_submit
from cases.services.violence import narrative_save, violence_incident_add
from clinic.audit.models import AuditAction, AuditEvent
from tests.cases.test_intake_flow import CONSENT, in_english, person_data, publish_notice, register

pytestmark = pytest.mark.django_db

STEPS = ["persona", "familia", "documentos", "contacto", "migracion", "violencia", "necesidades"]
STEPS_WITH_REVIEW = [*STEPS, "enviar"]

# What each URL would change if the request were allowed.
STEP_POSTS = {
    "persona": lambda: person_data(version="1", given_names="Cambiada"),
    "familia": lambda: {
        "action": "add",
        "add-relationship": "child",
        "add-given_names": "Luz",
        "add-life_status": "alive",
    },
    "documentos": lambda: {
        "action": "add",
        "add-owner": "her",
        "add-document_type": "passport",
        "add-status": "original",
    },
    "contacto": lambda: {
        "action": "add_restriction",
        "restriction-kind": "person",
        "restriction-name": "Juan Pérez",
    },
    "migracion": lambda: {"version": "1", "migration_status": "irregular"},
    "violencia": lambda: {
        "action": "add_incident",
        "incident-violence_types": ["physical"],
        "incident-perpetrator": "gang",
        "incident-place": "origin",
    },
    "necesidades": lambda: {"version": "1", "case_types": ["tvrh"], "urgent_flags": ["detained"]},
    "enviar": dict,
}

COUNTED = [
    Client,
    Consent,
    ClientPhone,
    ClientNeed,
    ClientUrgentFlag,
    DuplicateDecision,
    FamilyMember,
    IdentityDocument,
    DisclosureRestriction,
    ViolenceIncident,
    CrimeSuffered,
    ViolenceNarrative,
]


def _snapshot(draft: Client):
    draft = Client.objects.get(pk=draft.pk)
    return (
        {model.__name__: model.objects.count() for model in COUNTED},
        (draft.status, draft.version, draft.given_names),
    )


def _urls(draft: Client):
    """(id, url, POST data) for every intake URL."""
    urls = [
        ("consent", reverse("cases:intake_consent"), CONSENT),
        ("person", reverse("cases:intake_person"), person_data()),
        ("submit", reverse("cases:intake_submit", kwargs={"pk": draft.pk}), {}),
    ]
    for step in STEPS_WITH_REVIEW:
        url = reverse("cases:intake_step", kwargs={"pk": draft.pk, "step": step})
        urls.append((step, url, STEP_POSTS[step]()))
    return urls


URL_IDS = ["consent", "person", "submit", *STEPS_WITH_REVIEW]


@pytest.fixture
def owner(make_user):
    user = make_user("intake")
    publish_notice(user)
    return user


@pytest.fixture
def draft(owner):
    client = register(owner, given_names="Marta")
    client_needs_set(client=client, by=owner, case_types=["asylum"])
    return client


DENIED = {
    # role → expected status (anonymous: redirect to the login page)
    "anonymous": 302,
    "psychosocial": 403,
    "admin": 403,
    "attorney": 403,
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", URL_IDS)
@pytest.mark.parametrize("role", list(DENIED))
def test_users_without_the_intake_role_are_refused_and_nothing_changes(
    client, make_user, verified_client, draft, role, url_id, method
):
    # given
    if role != "anonymous":
        client = verified_client(make_user(role))
    url, data = next((url, data) for id_, url, data in _urls(draft) if id_ == url_id)
    before = _snapshot(draft)
    # when
    response = client.post(url, data) if method == "post" else client.get(url)
    # then: an attorney may open intake steps of clients in her caseload, so for a draft
    # outside it she gets 404 like any record outside her scope; the rest is refused by role
    expected = DENIED[role]
    if role == "attorney" and url_id in STEPS_WITH_REVIEW:
        expected = 404
    assert response.status_code == expected
    if role == "anonymous":
        assert urlsplit(response["Location"]).path == reverse("accounts:login")
    assert _snapshot(draft) == before
    assert "intake_consent" not in client.session
    assert not AuditEvent.objects.filter(action__in=[AuditAction.SEARCH, AuditAction.VIEW]).exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", ["submit", *STEPS_WITH_REVIEW])
def test_another_intake_worker_gets_404_for_a_draft_she_did_not_register(
    make_user, verified_client, draft, url_id, method
):
    # given
    client = verified_client(make_user("intake"))
    url, data = next((url, data) for id_, url, data in _urls(draft) if id_ == url_id)
    before = _snapshot(draft)
    # when
    response = client.post(url, data) if method == "post" else client.get(url)
    # then: 404 (a GET of the POST-only submit URL is 405 whatever the pk: nothing leaks)
    assert response.status_code == (405 if (url_id, method) == ("submit", "get") else 404)
    assert _snapshot(draft) == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", ["submit", *STEPS_WITH_REVIEW])
def test_an_attorney_with_the_intake_role_gets_404_for_someone_elses_draft(
    make_user, verified_client, draft, url_id, method
):
    client = verified_client(make_user("attorney", "intake"))
    url, data = next((url, data) for id_, url, data in _urls(draft) if id_ == url_id)
    before = _snapshot(draft)
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == (405 if (url_id, method) == ("submit", "get") else 404)
    assert _snapshot(draft) == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", URL_IDS)
def test_a_coordinator_may_use_every_intake_url(make_user, verified_client, draft, url_id, method):
    # given
    client = verified_client(make_user("coordinator"))
    url, data = next((url, data) for id_, url, data in _urls(draft) if id_ == url_id)
    # when
    response = client.post(url, data) if method == "post" else client.get(url)
    # then
    if url_id == "submit" and method == "get":
        assert response.status_code == 405  # submission is a POST only
    else:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert urlsplit(response["Location"]).path != reverse("accounts:login")


@pytest.mark.parametrize("url_id", URL_IDS)
def test_the_registering_intake_worker_may_use_every_intake_url(
    verified_client, owner, draft, url_id
):
    client = verified_client(owner)
    url = next(url for id_, url, _data in _urls(draft) if id_ == url_id)
    response = client.get(url)
    expected = {"submit": 405, "person": 302}.get(url_id, 200)  # person: consent comes first
    assert response.status_code == expected


def test_an_unknown_step_is_404(verified_client, owner, draft):
    client = verified_client(owner)
    url = reverse("cases:intake_step", kwargs={"pk": draft.pk, "step": "nada"})
    assert client.get(url).status_code == 404


# --- write-only restricted data after submission -----------------------------------------------


@pytest.fixture
def submitted(owner, draft):
    """Her draft with an incident and a narrative, then submitted."""
    violence_incident_add(
        client=draft, by=owner, violence_types=["sexual"], perpetrator="gang", place="transit"
    )
    narrative_save(client=draft, by=owner, text="Texto reservado: la secuestraron en Chiapas.")
    return client_submit(client=draft, by=owner)


def _violence_url(client_record):
    return reverse("cases:intake_step", kwargs={"pk": client_record.pk, "step": "violencia"})


def test_after_submission_intake_staff_cannot_read_the_narrative_or_incidents(
    verified_client, owner, submitted
):
    # given
    client = in_english(verified_client(owner))
    # when
    response = client.get(_violence_url(submitted))
    # then
    assert response.status_code == 200
    assert "Texto reservado" not in response.text
    assert "You can add information but not read what is recorded" in response.text
    assert "incidents" not in response.context
    assert response.context["readable"] is False
    assert response.context["narrative_form"].initial == {}


def test_after_submission_intake_staff_can_still_add_an_incident(verified_client, owner, submitted):
    # given
    client = verified_client(owner)
    # when
    response = client.post(
        _violence_url(submitted),
        {
            "action": "add_incident",
            "then": "stay",
            "incident-violence_types": ["psychological", "economic"],
            "incident-perpetrator": "former_partner",
            "incident-place": "origin",
        },
    )
    # then
    assert response.status_code == 302
    assert ViolenceIncident.objects.filter(client=submitted).count() == 2
    newest = ViolenceIncident.objects.latest("pk")
    assert sorted(newest.types.values_list("violence_type", flat=True)) == [
        "economic",
        "psychological",
    ]


def test_after_submission_intake_staff_append_to_the_narrative_without_replacing_it(
    clock, verified_client, owner, submitted
):
    # given
    client = verified_client(owner)
    # when
    client.post(
        _violence_url(submitted),
        {"action": "save_narrative", "then": "stay", "narrative-text": "Recordó otro nombre."},
    )
    # then
    assert ViolenceNarrative.objects.get().text == (
        "Texto reservado: la secuestraron en Chiapas.\n\n— 2026-11-23 —\n\nRecordó otro nombre."
    )


def test_a_write_only_user_cannot_replace_the_narrative_through_the_service(owner, submitted):
    with pytest.raises(PermissionDenied):
        narrative_save(client=submitted, by=owner, text="")
    assert ViolenceNarrative.objects.get().text.startswith("Texto reservado")


def test_a_coordinator_reads_the_narrative_after_submission(make_user, verified_client, submitted):
    client = verified_client(make_user("coordinator"))
    response = client.get(_violence_url(submitted))
    assert "Texto reservado: la secuestraron en Chiapas." in response.text


def test_once_assigned_the_intake_worker_no_longer_reaches_the_client(
    make_user, verified_client, owner, submitted
):
    # given
    client_assign(client=submitted, attorney=make_user("attorney"), by=make_user("coordinator"))
    before = ViolenceIncident.objects.count()
    client = verified_client(owner)
    # when
    response = client.post(
        _violence_url(submitted),
        {
            "action": "add_incident",
            "incident-violence_types": ["physical"],
            "incident-perpetrator": "gang",
            "incident-place": "origin",
        },
    )
    # then
    assert response.status_code == 404
    assert ViolenceIncident.objects.count() == before
    submitted.refresh_from_db()
    assert submitted.status == choices.ClientStatus.ASSIGNED

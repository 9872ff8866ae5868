"""Who sees which client; restricted data; the conflict check; redacted history; stale saves."""

import pytest
from django.http import Http404

from cases import choices, selectors
from cases.models import (
    ClientAssignment,
    DisclosureRestriction,
    ViolenceIncident,
    ViolenceNarrative,
)
from cases.services.clients import client_archive, client_assign, client_update
from cases.services.common import StaleEditError
from cases.timeline import client_timeline
from tests.cases.factories import ClientFactory, FamilyMemberFactory


@pytest.fixture
def clinic(db, make_user):
    coordinator = make_user("coordinator")
    attorney, other_attorney = make_user("attorney"), make_user("attorney")
    intake, other_intake = make_user("intake"), make_user("intake")
    mine = ClientFactory(registered_by=intake, status=choices.ClientStatus.SUBMITTED)
    assigned = ClientFactory(registered_by=intake, status=choices.ClientStatus.SUBMITTED)
    client_assign(client=assigned, attorney=attorney, by=coordinator)
    return {
        "coordinator": coordinator,
        "attorney": attorney,
        "other_attorney": other_attorney,
        "intake": intake,
        "other_intake": other_intake,
        "mine": mine,
        "assigned": assigned,
        "psychosocial": make_user("psychosocial"),
        "admin": make_user("admin"),
    }


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("coordinator", {"mine", "assigned"}),
        ("attorney", {"assigned"}),
        ("other_attorney", set()),
        ("intake", {"mine"}),  # "assigned" left her scope when a coordinator assigned it
        ("other_intake", set()),
        ("psychosocial", set()),
        ("admin", set()),
    ],
)
def test_each_role_sees_exactly_its_scope(clinic, who, visible):
    user = clinic[who]

    seen = set(selectors.clients_for_user(user=user).values_list("pk", flat=True))

    assert seen == {clinic[name].pk for name in visible}
    for name in {"mine", "assigned"} - visible:
        with pytest.raises(Http404):
            selectors.client_get_for_user(user=user, pk=clinic[name].pk)


def test_a_deactivated_coordinator_sees_nothing(clinic):
    clinic["coordinator"].is_active = False

    assert not selectors.clients_for_user(user=clinic["coordinator"]).exists()


def test_restricted_data_is_for_the_team_and_coordinators(clinic):
    client = clinic["assigned"]

    assert selectors.can_read_restricted(user=clinic["coordinator"], client=client)
    assert selectors.can_read_restricted(user=clinic["attorney"], client=client)
    assert not selectors.can_read_restricted(user=clinic["other_attorney"], client=client)
    assert not selectors.can_read_restricted(user=clinic["intake"], client=client)


def test_intake_reads_restricted_data_only_while_the_intake_is_a_draft(clinic):
    draft = ClientFactory(registered_by=clinic["intake"], status=choices.ClientStatus.DRAFT)

    assert selectors.can_read_restricted(user=clinic["intake"], client=draft)
    assert not selectors.can_read_restricted(user=clinic["intake"], client=clinic["mine"])
    assert selectors.can_write_restricted(user=clinic["intake"], client=clinic["mine"])


def test_history_of_restricted_records_is_redacted_for_others(clinic):
    client = clinic["mine"]
    ViolenceNarrative.objects.create(client=client, text="Me secuestraron en Chiapas")
    incident = ViolenceIncident.objects.create(
        client=client, perpetrator="gang", place="transit", recorded_by=clinic["intake"]
    )
    incident.types.create(violence_type="sexual")

    redacted = client_timeline(client=client, can_read_restricted=False)
    full = client_timeline(client=client, can_read_restricted=True)

    restricted = [entry for entry in redacted if entry.restricted]
    assert len(restricted) == 3
    assert all(entry.changes == [] and entry.reason == "" for entry in restricted)
    text = " ".join(f"{c.label} {c.old} {c.new}" for e in redacted for c in e.changes)
    assert "Chiapas" not in text
    assert "Sexual" not in text
    full_text = " ".join(f"{c.new}" for e in full for c in e.changes)
    assert "Me secuestraron en Chiapas" in full_text


def test_a_stale_save_is_refused_and_nothing_changes(clinic):
    # given: two people opened the same record at version 1
    client = clinic["assigned"]
    version = client.version
    client_update(
        client=client,
        by=clinic["attorney"],
        fields={"current_city": "Tapachula"},
        expected_version=version,
    )
    stale = type(client).objects.get(pk=client.pk)
    stale.version = version
    # when: the second person saves with the old version
    with pytest.raises(StaleEditError) as refused:
        client_update(
            client=stale,
            by=clinic["coordinator"],
            fields={"current_city": "Monterrey"},
            expected_version=version,
        )
    # then: the first change stands and the error carries it for the form
    client.refresh_from_db()
    assert client.current_city == "Tapachula"
    assert refused.value.current.current_city == "Tapachula"


def test_archiving_needs_a_reason_and_keeps_the_record(clinic):
    from django.core.exceptions import ValidationError

    client = clinic["assigned"]
    with pytest.raises(ValidationError):
        client_archive(client=client, by=clinic["coordinator"], reason=" ")

    client_archive(client=client, by=clinic["coordinator"], reason="Duplicado de AC-2026-00001")

    client.refresh_from_db()
    assert client.archived_at is not None
    assert not selectors.clients_for_user(user=clinic["coordinator"]).filter(pk=client.pk)
    assert selectors.client_get_for_user(user=clinic["coordinator"], pk=client.pk) == client


def test_assignment_is_recorded_once_with_history(clinic):
    client_assign(client=clinic["assigned"], attorney=clinic["attorney"], by=clinic["coordinator"])

    assignment = ClientAssignment.objects.get(client=clinic["assigned"])
    assert assignment.history.first().history_user == clinic["coordinator"]


# --- Conflict check ----------------------------------------------------------------------------


def test_her_do_not_disclose_entry_matches_another_clients_family_member(clinic):
    # given: she must never be exposed to her ex-partner, who is the partner of another client
    client = clinic["mine"]
    DisclosureRestriction.objects.create(
        client=client, kind="person", name="José Ramírez Cruz", recorded_by=clinic["intake"]
    )
    other = ClientFactory()
    FamilyMemberFactory(
        client=other,
        relationship="partner",
        given_names="Jose",
        first_surname="Ramirez",
        second_surname="Cruz",
    )
    # when
    matches = selectors.conflict_matches(client=client)
    # then
    assert [(m["direction"], m["client"]) for m in matches] == [("hers", other)]


def test_the_other_client_also_sees_the_conflict(clinic):
    client = clinic["mine"]
    DisclosureRestriction.objects.create(
        client=client, kind="person", name="José Ramírez Cruz", recorded_by=clinic["intake"]
    )
    aggressor = ClientFactory(given_names="José", first_surname="Ramírez", second_surname="Cruz")

    matches = selectors.conflict_matches(client=aggressor)

    assert [(m["direction"], m["client"]) for m in matches] == [("theirs", client)]


def test_partial_words_and_single_names_do_not_match(clinic):
    client = clinic["mine"]
    DisclosureRestriction.objects.create(
        client=client, kind="person", name="Ana Cruz", recorded_by=clinic["intake"]
    )
    DisclosureRestriction.objects.create(
        client=client, kind="gang", name="MS", recorded_by=clinic["intake"]
    )
    ClientFactory(given_names="Mariana", first_surname="Cruzado", second_surname="")

    assert selectors.conflict_matches(client=client) == []


def test_dashboard_counts_are_per_role_and_exact(clinic):
    from cases.services.clients import client_urgent_flags_set

    # given: "mine" waits in the queue with an open urgent flag; "assigned" is assigned
    ClientFactory(registered_by=clinic["intake"], status=choices.ClientStatus.DRAFT)
    client_urgent_flags_set(client=clinic["mine"], by=clinic["intake"], flags=["no_shelter"])
    # when / then
    assert selectors.dashboard_counts(user=clinic["coordinator"]) == {
        "queue": 1,
        "queue_urgent": 1,
        "my_drafts": 0,
        "my_submitted": 0,
        "my_clients": 0,
    }
    assert selectors.dashboard_counts(user=clinic["intake"]) == {
        "queue": 0,
        "queue_urgent": 0,
        "my_drafts": 1,
        "my_submitted": 1,
        "my_clients": 0,
    }
    assert selectors.dashboard_counts(user=clinic["attorney"])["my_clients"] == 1
    assert selectors.dashboard_counts(user=clinic["psychosocial"]) == {
        "queue": 0,
        "queue_urgent": 0,
        "my_drafts": 0,
        "my_submitted": 0,
        "my_clients": 0,
    }

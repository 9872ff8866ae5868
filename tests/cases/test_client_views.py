"""Client list and search, client page, history, queue, archive/restore/assign, notices."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cases import choices
from cases.models import Client, ClientAssignment, ClientPhone, ClientUrgentFlag, PrivacyNotice
from cases.services.clients import client_assign
from clinic.audit.models import AuditAction, AuditEvent
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory


@pytest.fixture
def coordinator_client(verified_client, make_user):
    coordinator = make_user("coordinator")
    return verified_client(coordinator), coordinator


def _search(client, **filters):
    """POST a search; returns the query string its pagination links use, and the response."""
    response = client.post(reverse("cases:client_list"), filters)
    assert response.status_code == 200
    return response.context["query"], response


@pytest.mark.django_db
def test_a_page_of_40_and_a_page_of_10_cost_the_same(coordinator_client, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, coordinator = coordinator_client
    attorney = make_user("attorney")
    # A per-row query would show as 30 more queries; 200 rows proved the same, four times slower.
    for index in range(40):
        record = ClientFactory()
        record.nationalities.create(country="GT")
        client_assign(client=record, attorney=attorney, by=coordinator)
        if index % 3 == 0:
            ClientUrgentFlag.objects.create(client=record, flag="no_shelter", raised_by=coordinator)

    def count(size):
        import cases.views.clients as views

        original, views.PAGE_SIZE = views.PAGE_SIZE, size
        try:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("cases:client_list"))
            assert len(response.context["page"].object_list) == size
            return len(captured)
        finally:
            views.PAGE_SIZE = original

    client.get(reverse("cases:client_list"))  # warm-up: the session's activity write
    assert count(10) == count(40)


def _attorney():
    from tests.factories import UserFactory

    return UserFactory(roles=("attorney",))


@pytest.mark.django_db
def test_search_is_accent_and_case_insensitive_and_keeps_names_out_of_the_url(
    coordinator_client,
):
    client, _coordinator = coordinator_client
    wanted = ClientFactory(given_names="María José", first_surname="Pérez", second_surname="López")
    ClientFactory(given_names="Rosa", first_surname="Pereira", second_surname="Díaz")

    query, response = _search(client, name="maria jose PEREZ")

    assert query.startswith("s=")
    assert "maria" not in query.lower() and "perez" not in query.lower()
    # the token brings the same search back (pagination), with no name in the URL
    again = client.get(reverse("cases:client_list") + "?" + query)
    assert [row.pk for row in again.context["page"].object_list] == [wanted.pk]
    assert [row.pk for row in response.context["page"].object_list] == [wanted.pk]
    assert AuditEvent.objects.filter(action=AuditAction.SEARCH).count() == 1


@pytest.mark.django_db
def test_partial_names_phone_code_and_curp_find_her(coordinator_client):
    client, _coordinator = coordinator_client
    wanted = ClientFactory(
        given_names="Itzel", first_surname="Ñúñez", second_surname="", curp="BOXW310820HNERXN09"
    )
    ClientPhone.objects.create(client=wanted, number="+525512345678")
    ClientFactory(given_names="Ana", first_surname="Nuño")

    for filters in (
        {"name": "nunez"},
        {"name": "itz"},
        {"phone": "044 55 1234 5678"},
        {"code": wanted.client_code.lower()},
        {"curp": "boxw310820hnerxn09"},
    ):
        _location, response = _search(client, **filters)
        assert [row.pk for row in response.context["page"].object_list] == [wanted.pk], filters


@pytest.mark.django_db
def test_the_list_is_in_spanish_alphabetical_order(coordinator_client):
    client, _coordinator = coordinator_client
    for surname in ["Zapata", "Ñu", "Nube", "Ángel", "Alba"]:
        ClientFactory(first_surname=surname, second_surname="", given_names="Ana")

    response = client.get(reverse("cases:client_list"))

    surnames = [row.first_surname for row in response.context["page"].object_list]
    assert surnames == ["Alba", "Ángel", "Nube", "Ñu", "Zapata"]


@pytest.mark.django_db
def test_filters_by_nationality_state_status_attorney_and_urgency(coordinator_client):
    client, coordinator = coordinator_client
    attorney = _attorney()
    wanted = ClientFactory(current_state="MX-CHP", migration_status="detained")
    wanted.nationalities.create(country="HN")
    client_assign(client=wanted, attorney=attorney, by=coordinator)
    ClientUrgentFlag.objects.create(client=wanted, flag="detained", raised_by=coordinator)
    other = ClientFactory(current_state="MX-CMX")
    other.nationalities.create(country="HN")

    _location, response = _search(
        client,
        nationality="HN",
        state="MX-CHP",
        migration_status="detained",
        status="assigned",
        attorney=attorney.pk,
        urgent="on",
    )

    assert [row.pk for row in response.context["page"].object_list] == [wanted.pk]


@pytest.mark.django_db
def test_the_queue_puts_urgent_intakes_first_then_the_oldest(coordinator_client):
    client, coordinator = coordinator_client
    old = ClientFactory(status="submitted", submitted_at="2026-11-01T10:00:00Z")
    urgent = ClientFactory(status="submitted", submitted_at="2026-11-20T10:00:00Z")
    ClientUrgentFlag.objects.create(client=urgent, flag="no_shelter", raised_by=coordinator)
    ClientFactory(status="draft")
    assigned = ClientFactory(status="submitted", submitted_at="2026-10-01T10:00:00Z")
    client_assign(client=assigned, attorney=_attorney(), by=coordinator)

    response = client.get(reverse("cases:unassigned_queue"))

    assert [row.pk for row in response.context["page"].object_list] == [urgent.pk, old.pk]
    assert "badge--danger" in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_assigns_from_the_queue(coordinator_client):
    client, _coordinator = coordinator_client
    record = ClientFactory(status="submitted")
    attorney = _attorney()

    response = client.post(
        reverse("cases:client_assign", kwargs={"pk": record.pk}),
        {"attorney": attorney.pk, "return_to": "queue"},
    )

    assert response["Location"] == reverse("cases:unassigned_queue")
    record.refresh_from_db()
    assert record.status == choices.ClientStatus.ASSIGNED
    assert ClientAssignment.objects.filter(client=record, user=attorney).exists()


@pytest.mark.django_db
def test_the_client_page_is_audited(coordinator_client):
    client, coordinator = coordinator_client
    record = ClientFactory()

    response = client.get(reverse("cases:client_detail", kwargs={"pk": record.pk}))

    assert response.status_code == 200
    assert record.client_code in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.user, event.object_type, event.object_pk) == (
        coordinator,
        "cases.client",
        str(record.pk),
    )


@pytest.mark.django_db
def test_archive_and_restore(coordinator_client):
    client, _coordinator = coordinator_client
    record = ClientFactory()

    client.post(reverse("cases:client_archive", kwargs={"pk": record.pk}), {"reason": "Duplicado"})
    record.refresh_from_db()
    assert record.archived_at is not None and Client.objects.filter(pk=record.pk).exists()

    client.post(reverse("cases:client_restore", kwargs={"pk": record.pk}))
    record.refresh_from_db()
    assert record.archived_at is None


@pytest.mark.django_db
def test_an_administrator_publishes_a_new_privacy_notice_version(verified_client, make_user):
    admin = make_user("admin")
    PrivacyNoticeFactory(version=1)
    client = verified_client(admin)

    client.post(reverse("cases:notice_create"), {"title": "Aviso v2", "body": "Texto nuevo ARCO"})

    assert list(PrivacyNotice.objects.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
    ]


# --- Permission matrix -------------------------------------------------------------------------

CLIENT_ROUTES = [
    ("get", "cases:client_detail"),
    ("get", "cases:client_history"),
    ("get", "cases:client_archive"),
    ("post", "cases:client_archive"),
    ("post", "cases:client_restore"),
    ("post", "cases:client_assign"),
]


def _snapshot():
    return (
        list(Client.objects.order_by("pk").values()),
        list(ClientAssignment.objects.order_by("pk").values()),
        list(PrivacyNotice.objects.order_by("pk").values()),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name"), CLIENT_ROUTES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("psychosocial", 403),
        ("admin", 403),
        ("other_attorney", 404),
        ("other_intake", 404),
    ],
)
def test_client_pages_refuse_everyone_outside_her_scope(
    client, verified_client, make_user, method, name, who, expected
):
    # given: an assigned client
    coordinator = make_user("coordinator")
    record = ClientFactory(status="submitted")
    client_assign(client=record, attorney=make_user("attorney"), by=coordinator)
    attorney = make_user("attorney")
    if who == "other_attorney":
        verified_client(make_user("attorney"))
    elif who == "other_intake":
        verified_client(make_user("intake"))
    elif who != "anonymous":
        verified_client(make_user(who))
    before = _snapshot()
    # when
    response = getattr(client, method)(
        reverse(name, kwargs={"pk": record.pk}),
        {"reason": "x", "attorney": attorney.pk},
    )
    # then
    if expected == "login":
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == reverse("accounts:login")
    elif name in {"cases:client_restore", "cases:client_assign"} and who != "anonymous":
        assert response.status_code == 403  # coordinator-only actions refuse by role first
    else:
        assert response.status_code == expected
    assert _snapshot() == before
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


LIST_ROUTES = [
    ("get", "cases:client_list", {}, {"intake", "attorney", "coordinator"}),
    ("post", "cases:client_list", {"name": "x"}, {"intake", "attorney", "coordinator"}),
    ("get", "cases:unassigned_queue", {}, {"coordinator"}),
    ("get", "cases:notice_list", {}, {"admin", "coordinator"}),
    ("get", "cases:notice_create", {}, {"admin"}),
    ("post", "cases:notice_create", {"title": "t", "body": "b"}, {"admin"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "data", "allowed"), LIST_ROUTES)
@pytest.mark.parametrize("role", ["intake", "attorney", "coordinator", "psychosocial", "admin"])
def test_list_pages_by_role(verified_client, make_user, method, name, data, allowed, role):
    client = verified_client(make_user(role))
    before = _snapshot()

    response = getattr(client, method)(reverse(name), data)

    if role in allowed:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403
        assert _snapshot() == before


@pytest.mark.django_db
def test_after_submission_the_team_edits_and_intake_only_adds_restricted_information(
    verified_client, make_user
):
    from django.test import Client as HttpClient

    from tests.conftest import login_verified

    # given: a submitted client assigned to an attorney
    coordinator, attorney, intake = (
        make_user("coordinator"),
        make_user("attorney"),
        make_user("intake"),
    )
    record = ClientFactory(status="submitted", registered_by=intake)
    client_assign(client=record, attorney=attorney, by=coordinator)
    record.refresh_from_db()
    team, registrar = HttpClient(), HttpClient()
    login_verified(team, attorney)
    login_verified(registrar, intake)
    migration = reverse("cases:intake_step", kwargs={"pk": record.pk, "step": "migracion"})
    violence = reverse("cases:intake_step", kwargs={"pk": record.pk, "step": "violencia"})
    # when / then: her attorney edits the migration step
    assert team.get(migration).status_code == 200
    # the registrar lost her once assigned: 404, like anything outside her scope
    assert registrar.get(migration).status_code == 404
    assert registrar.get(violence).status_code == 404
    # the review step is never reopened after submission
    review = reverse("cases:intake_step", kwargs={"pk": record.pk, "step": "enviar"})
    assert team.get(review)["Location"] == reverse("cases:client_detail", kwargs={"pk": record.pk})

"""Permission matrix over every directory URL: GET and POST, anonymous and each role (and a
user without a role). Administrators and coordinators edit; attorneys, intake and psychosocial
staff read; a refusal changes nothing."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from directory.models import Office, Organisation
from directory.urls import urlpatterns
from tests.directory.factories import OfficeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# url name: (edit only, POST data, the kind of record in the URL)
DIRECTORY_URLS = {
    "organisation_list": (False, {}, None),
    "organisation_detail": (False, {}, "organisation"),
    "organisation_history": (False, {}, "organisation"),
    "organisation_create": (True, {"name": "Nueva", "kind": "shelter"}, None),
    "organisation_edit": (
        True,
        {"name": "Cambiada", "kind": "shelter", "version": 1},
        "organisation",
    ),
    "organisation_archive": (True, {"reason": "Cerró"}, "organisation"),
    "organisation_restore": (True, {}, "archived_organisation"),
    "office_create": (
        True,
        {
            "city": "Tapachula",
            "phones-TOTAL_FORMS": 0,
            "phones-INITIAL_FORMS": 0,
            "emails-TOTAL_FORMS": 0,
            "emails-INITIAL_FORMS": 0,
        },
        "organisation",
    ),
    "office_edit": (
        True,
        {
            "city": "Tijuana",
            "version": 1,
            "phones-TOTAL_FORMS": 0,
            "phones-INITIAL_FORMS": 0,
            "emails-TOTAL_FORMS": 0,
            "emails-INITIAL_FORMS": 0,
        },
        "office",
    ),
    "office_archive": (True, {"reason": "Cerró"}, "office"),
    "office_restore": (True, {}, "archived_office"),
}
POST_ONLY = {"organisation_restore", "office_restore"}
USERS = {
    "no_role": (),
    "intake": ("intake",),
    "attorney": ("attorney",),
    "psychosocial": ("psychosocial",),
    "coordinator": ("coordinator",),
    "admin": ("admin",),
}
EDITORS = {"coordinator", "admin"}


def test_the_matrix_covers_every_directory_url():
    assert {pattern.name for pattern in urlpatterns} == set(DIRECTORY_URLS)


@pytest.fixture
def records(make_user):
    admin = make_user("admin")
    organisation = OrganisationFactory(name="Casa Refugio")
    office = OfficeFactory(organisation=organisation)
    archived = OrganisationFactory(name="Archivada")
    archived_office = OfficeFactory(organisation=organisation)
    from directory import services

    services.organisation_archive(organisation=archived, by=admin, reason="Prueba")
    services.office_archive(office=archived_office, by=admin, reason="Prueba")
    return {
        "organisation": organisation,
        "office": office,
        "archived_organisation": archived,
        "archived_office": archived_office,
    }


def _url(name, records):
    record = DIRECTORY_URLS[name][2]
    args = [records[record].pk] if record else []
    return reverse(f"directory:{name}", args=args)


def _snapshot():
    return (
        list(
            Organisation.objects.order_by("pk").values_list(
                "pk", "version", "name", "kind", "archived_at"
            )
        ),
        list(Office.objects.order_by("pk").values_list("pk", "version", "city", "archived_at")),
        Organisation.history.count(),
        Office.history.count(),
    )


def expected(user_key: str | None, name: str, method: str) -> int | None:
    """The refusal status, or None when allowed."""
    edit_only = DIRECTORY_URLS[name][0]
    if user_key is None:
        return 302  # to the login page
    if user_key == "no_role":
        return 403
    if edit_only and user_key not in EDITORS:
        return 403
    if method == "get" and name in POST_ONLY:
        return 405
    return None


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", list(DIRECTORY_URLS))
def test_directory_url_matrix(client, verified_client, make_user, records, name, method):
    url = _url(name, records)
    data = DIRECTORY_URLS[name][1]
    # anonymous first, then every role; the allowed editors last (they may change things)
    order = [None, "no_role", "intake", "attorney", "psychosocial", "coordinator", "admin"]
    for user_key in order:
        client.logout()
        browser = client if user_key is None else verified_client(make_user(*USERS[user_key]))
        refusal = expected(user_key, name, method)
        before = _snapshot() if refusal is not None else None  # only a refusal is compared
        response = browser.get(url) if method == "get" else browser.post(url, data)
        where = (name, method, user_key)
        if refusal is not None:
            assert response.status_code == refusal, where
            if refusal == 302:
                assert urlsplit(response["Location"]).path == reverse("accounts:login"), where
            assert _snapshot() == before, where
        else:
            assert response.status_code in (200, 302), where
            if user_key == "coordinator" and method == "post":
                records = _refresh(records)
                url = _url(name, records)


def _refresh(records):
    """After an allowed POST (archive, restore…) put the records back for the next user."""
    from directory import services
    from tests.factories import UserFactory

    admin = UserFactory(roles=("admin",))
    fresh = {key: type(record).objects.get(pk=record.pk) for key, record in records.items()}
    for key in ("organisation", "office"):
        if fresh[key].archived_at is not None:
            restore = (
                services.organisation_restore if key == "organisation" else services.office_restore
            )
            restore(**{key: fresh[key], "by": admin})
    for key in ("archived_organisation", "archived_office"):
        if fresh[key].archived_at is None:
            archive = (
                services.organisation_archive
                if key == "archived_organisation"
                else services.office_archive
            )
            archive(**{key.removeprefix("archived_"): fresh[key], "by": admin, "reason": "Prueba"})
    return {key: type(record).objects.get(pk=record.pk) for key, record in fresh.items()}


@pytest.mark.parametrize("user_key", ["intake", "attorney", "psychosocial"])
def test_readers_see_no_edit_buttons(verified_client, make_user, records, user_key):
    browser = verified_client(make_user(*USERS[user_key]))
    html = browser.get(_url("organisation_detail", records)).content.decode()
    assert reverse("directory:organisation_edit", args=[records["organisation"].pk]) not in html
    assert reverse("directory:office_create", args=[records["organisation"].pk]) not in html
    html = browser.get(reverse("directory:organisation_list")).content.decode()
    assert reverse("directory:organisation_create") not in html


def test_an_unknown_organisation_is_404_for_an_editor(verified_client, make_user):
    browser = verified_client(make_user("coordinator"))
    assert browser.get(reverse("directory:organisation_detail", args=[999])).status_code == 404
    assert browser.post(reverse("directory:office_edit", args=[999]), {}).status_code == 404


def test_a_deactivated_coordinator_cannot_edit(verified_client, make_user, records):
    coordinator = make_user("coordinator")
    browser = verified_client(coordinator)
    coordinator.is_active = False
    coordinator.save()
    before = _snapshot()
    response = browser.post(_url("organisation_archive", records), {"reason": "x"})
    assert response.status_code in (302, 403)
    assert _snapshot() == before


def test_the_navigation_shows_the_directory_to_every_staff_role(verified_client, make_user):
    for roles in USERS.values():
        html = verified_client(make_user(*roles)).get(reverse("core:home")).content.decode()
        assert (reverse("directory:organisation_list") in html) is bool(roles), roles

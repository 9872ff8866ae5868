"""The notification pages: list, mark as read, open a link — and the unread count in the
navigation."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from clinic.core.context_processors import clinic
from clinic.notifications.models import Notification
from tests.conftest import login_verified
from tests.notifications.factories import NotificationFactory

ROLES = ["intake", "attorney", "coordinator", "psychosocial", "admin"]


def _snapshot():
    return list(Notification.objects.order_by("pk").values_list("pk", "recipient", "read_at"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "name", "with_pk"),
    [
        ("get", "notifications:notification_list", False),
        ("post", "notifications:notifications_mark_read", False),
        ("post", "notifications:notification_open", True),
    ],
)
def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(
    client, make_user, method, name, with_pk
):
    # given
    notification = NotificationFactory(recipient=make_user("attorney"))
    url = reverse(name, kwargs={"pk": notification.pk} if with_pk else None)
    before = _snapshot()
    # when
    response = getattr(client, method)(url, {"pk": notification.pk})
    # then
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("accounts:login")
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_her_own_notifications_only(verified_client, make_user, role):
    # given
    user = make_user(role)
    mine = NotificationFactory(recipient=user, text="Se movió un plazo del caso AC-2026-00003-01.")
    NotificationFactory(recipient=make_user("attorney"), text="Aviso de otra persona.")
    client = verified_client(user)
    # when
    response = client.get(reverse("notifications:notification_list"))
    # then
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [mine]
    content = response.content.decode()
    assert "Se movió un plazo del caso AC-2026-00003-01." in content
    assert "Aviso de otra persona." not in content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_opening_another_users_notification_is_not_found_and_changes_nothing(
    verified_client, make_user, role
):
    # given
    theirs = NotificationFactory(recipient=make_user("attorney"))
    client = verified_client(make_user(role))
    before = _snapshot()
    # when
    response = client.post(reverse("notifications:notification_open", kwargs={"pk": theirs.pk}))
    # then
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_marking_another_users_notification_as_read_changes_nothing(
    verified_client, make_user, role
):
    theirs = NotificationFactory(recipient=make_user("attorney"))
    client = verified_client(make_user(role))
    before = _snapshot()

    response = client.post(reverse("notifications:notifications_mark_read"), {"pk": theirs.pk})

    assert response.status_code == 302
    assert _snapshot() == before


@pytest.mark.django_db
def test_unread_notifications_are_highlighted(verified_client, make_user):
    user = make_user("attorney")
    NotificationFactory(recipient=user, text="Leído.", read_at="2026-01-05T10:00:00Z")
    NotificationFactory(recipient=user, text="Sin leer.")
    client = verified_client(user)

    response = client.get(reverse("notifications:notification_list"))

    items = response.content.decode().split('<li class="notification')[1:]
    assert [
        ("notification--unread" in item, "Sin leer." in item, "Leído." in item) for item in items
    ] == [
        (True, True, False),
        (False, False, True),
    ]


@pytest.mark.django_db
def test_the_list_shows_25_per_page(verified_client, make_user):
    user = make_user("attorney")
    NotificationFactory.create_batch(30, recipient=user)
    client = verified_client(user)

    first = client.get(reverse("notifications:notification_list"))
    second = client.get(reverse("notifications:notification_list"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


@pytest.mark.django_db
def test_with_no_notifications_the_page_says_so(verified_client, make_user):
    client = verified_client(make_user("psychosocial"))

    response = client.get(reverse("notifications:notification_list"))

    assert response.status_code == 200
    assert gettext("You have no notifications.") in response.content.decode()


@pytest.mark.django_db
def test_marking_all_as_read_marks_only_her_own(verified_client, make_user):
    # given
    user, colleague = make_user("attorney"), make_user("coordinator")
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory.create_batch(2, recipient=colleague)
    client = verified_client(user)
    # when
    response = client.post(reverse("notifications:notifications_mark_read"))
    # then
    assert response["Location"] == reverse("notifications:notification_list")
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_marking_one_as_read_leaves_the_others_unread(verified_client, make_user):
    user = make_user("attorney")
    chosen, other = NotificationFactory.create_batch(2, recipient=user)
    client = verified_client(user)

    client.post(reverse("notifications:notifications_mark_read"), {"pk": chosen.pk})

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.read_at is not None
    assert other.read_at is None


@pytest.mark.django_db
def test_marking_as_read_needs_a_post(verified_client, make_user):
    user = make_user("attorney")
    NotificationFactory(recipient=user)
    client = verified_client(user)
    before = _snapshot()

    response = client.get(reverse("notifications:notifications_mark_read"))

    assert response.status_code == 405
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "with_pk"),
    [("notifications:notifications_mark_read", False), ("notifications:notification_open", True)],
)
def test_posts_without_a_csrf_token_are_refused(make_user, name, with_pk):
    # given: a client that enforces CSRF, like a browser would
    user = make_user("attorney")
    notification = NotificationFactory(recipient=user)
    client = Client(enforce_csrf_checks=True)
    login_verified(client, user)
    url = reverse(name, kwargs={"pk": notification.pk} if with_pk else None)
    before = _snapshot()
    # when
    response = client.post(url, {"pk": notification.pk})
    # then
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_follows_its_link(verified_client, make_user):
    user = make_user("attorney")
    notification = NotificationFactory(recipient=user, url="/casos/12/")
    client = verified_client(user)

    response = client.post(
        reverse("notifications:notification_open", kwargs={"pk": notification.pk})
    )

    notification.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/casos/12/"
    assert notification.read_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["", "https://evil.example/", "//evil.example/casos/"])
def test_a_link_that_is_not_a_path_of_this_site_leads_back_to_the_list(
    verified_client, make_user, url
):
    # given: a row written past validation (the ORM does not call full_clean)
    user = make_user("attorney")
    notification = NotificationFactory(recipient=user, url=url)
    client = verified_client(user)
    # when
    response = client.post(
        reverse("notifications:notification_open", kwargs={"pk": notification.pk})
    )
    # then
    assert response["Location"] == reverse("notifications:notification_list")
    notification.refresh_from_db()
    assert notification.read_at is not None


# --- The unread count in the navigation -------------------------------------------------------


@pytest.mark.django_db
def test_the_navigation_shows_the_unread_count_next_to_notifications(verified_client, make_user):
    user = make_user("attorney")
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=user, read_at="2026-01-05T10:00:00Z")
    client = verified_client(user)

    response = client.get(reverse("core:home"))

    assert response.context["unread_notifications"] == 3
    content = response.content.decode()
    link = content[content.index(f'href="{reverse("notifications:notification_list")}"') :]
    link = link[: link.index("</a>")]
    assert '<span class="nav-count" aria-hidden="true">3</span>' in link


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_notifications_in_the_navigation(verified_client, make_user, role):
    client = verified_client(make_user(role))

    response = client.get(reverse("core:home"))

    names = [name for name, _label in response.context["navigation"]]
    assert "notifications:notification_list" in names
    assert 'class="nav-count"' not in response.content.decode()


@pytest.mark.django_db
def test_the_context_processor_counts_unread_with_one_query(make_user, django_assert_num_queries):
    # given: a verified user with notifications
    user = make_user("attorney")
    NotificationFactory.create_batch(5, recipient=user)
    request = RequestFactory().get("/")
    user.is_verified = lambda: True
    request.user = user
    # when / then
    with django_assert_num_queries(1):
        context = clinic(request)
    assert context["unread_notifications"] == 5


@pytest.mark.django_db
def test_an_unverified_user_gets_no_count_and_no_query(make_user, django_assert_num_queries):
    user = make_user("attorney")
    NotificationFactory(recipient=user)
    request = RequestFactory().get("/")
    user.is_verified = lambda: False
    request.user = user

    with django_assert_num_queries(0):
        context = clinic(request)

    assert context["unread_notifications"] == 0
    assert context["navigation"] == []


@pytest.mark.django_db
def test_the_home_page_query_count_does_not_grow_with_notifications(verified_client, make_user):
    # given
    user = make_user("attorney", "coordinator")
    client = verified_client(user)
    client.get(reverse("core:home"))  # warm the session
    with CaptureQueriesContext(connection) as without_notifications:
        client.get(reverse("core:home"))
    NotificationFactory.create_batch(40, recipient=user)
    # when
    with CaptureQueriesContext(connection) as with_notifications:
        response = client.get(reverse("core:home"))
    # then
    assert response.context["unread_notifications"] == 40
    assert len(with_notifications) == len(without_notifications)

"""The notification model: ordering and the link that must stay inside the application."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clinic.notifications.models import Notification, NotificationKind, is_app_path
from tests.notifications.factories import NotificationFactory


@pytest.mark.django_db
def test_notifications_are_ordered_newest_first(make_user, clock):
    # given: three notifications written a minute apart
    user = make_user("attorney")
    first = NotificationFactory(recipient=user)
    clock.shift(datetime.timedelta(minutes=1))
    second = NotificationFactory(recipient=user)
    clock.shift(datetime.timedelta(minutes=1))
    third = NotificationFactory(recipient=user)
    # when
    ordered = list(Notification.objects.filter(recipient=user))
    # then
    assert ordered == [third, second, first]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/casos/12/", True),
        ("/avisos/?page=2", True),
        ("https://evil.example/", False),
        ("//evil.example/casos/", False),
        ("/\\evil.example/", False),
        ("javascript:alert(1)", False),
        ("casos/12/", False),
        ("", False),
    ],
)
def test_only_paths_inside_the_application_are_links(url, expected):
    assert is_app_path(url) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", "casos/1/"])
def test_a_link_outside_the_application_does_not_validate(make_user, url):
    notification = Notification(
        recipient=make_user("attorney"), kind=NotificationKind.OTHER, text="Aviso", url=url
    )

    with pytest.raises(ValidationError) as error:
        notification.full_clean()

    assert set(error.value.message_dict) == {"url"}


@pytest.mark.django_db
def test_a_notification_without_a_link_validates(make_user):
    notification = Notification(
        recipient=make_user("attorney"), kind=NotificationKind.OTHER, text="Aviso"
    )

    notification.full_clean()

    assert notification.is_read is False

"""Reading notifications: a user reads only her own."""

import datetime

import pytest
from django.http import Http404

from clinic.notifications.selectors import (
    notification_get_for_user,
    notifications_for_user,
    unread_count,
)
from tests.notifications.factories import NotificationFactory

READ_AT = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_user_lists_only_her_own_notifications_newest_first(make_user, clock):
    user, colleague = make_user("attorney"), make_user("coordinator")
    older = NotificationFactory(recipient=user)
    clock.shift(datetime.timedelta(minutes=5))
    newer = NotificationFactory(recipient=user)
    NotificationFactory(recipient=colleague)

    assert list(notifications_for_user(user=user)) == [newer, older]


@pytest.mark.django_db
def test_unread_count_counts_only_her_unread_notifications(make_user):
    user, colleague = make_user("attorney"), make_user("attorney")
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=user, read_at=READ_AT)
    NotificationFactory.create_batch(2, recipient=colleague)

    assert unread_count(user=user) == 3


@pytest.mark.django_db
def test_unread_count_is_one_query(make_user, django_assert_num_queries):
    user = make_user("attorney")
    NotificationFactory.create_batch(4, recipient=user)

    with django_assert_num_queries(1):
        assert unread_count(user=user) == 4


@pytest.mark.django_db
def test_another_users_notification_is_not_found(make_user):
    user, colleague = make_user("attorney"), make_user("attorney")
    theirs = NotificationFactory(recipient=colleague)

    with pytest.raises(Http404):
        notification_get_for_user(user=user, pk=theirs.pk)
    assert notification_get_for_user(user=colleague, pk=theirs.pk) == theirs

"""Creating notifications (with the delegate's copy while the recipient is on leave) and
marking them as read."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from clinic.accounts.services import user_leave_set
from clinic.notifications.models import Notification, NotificationKind
from clinic.notifications.services import notification_create, notifications_mark_read
from tests.notifications.factories import NotificationFactory


def _on_behalf_of(name: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("On behalf of %(name)s: ") % {"name": name}


@pytest.fixture
def attorney_on_leave(make_user, clock):
    """An attorney on leave until 2026-11-30 with a coordinator as her delegate."""
    attorney = make_user("attorney", first_name="Lucía", last_name="Ramírez")
    delegate = make_user("coordinator", first_name="Marta", last_name="Soto")
    user_leave_set(
        user=attorney,
        on_leave=True,
        delegate=delegate,
        leave_until=datetime.date(2026, 11, 30),
        by=attorney,
    )
    Notification.objects.all().delete()  # the delegate's "you cover for her" notice
    return attorney, delegate


@pytest.mark.django_db
def test_creating_a_notification_stores_it_for_the_recipient_only(make_user):
    # given
    attorney = make_user("attorney")
    make_user("attorney")
    # when
    notification = notification_create(
        recipient=attorney,
        kind=NotificationKind.ASSIGNMENT,
        text="Se te asignó el caso AC-2026-00001-01.",
        url="/casos/1/",
        case_number="AC-2026-00001-01",
    )
    # then
    assert list(Notification.objects.values_list("pk", "recipient", "kind", "read_at")) == [
        (notification.pk, attorney.pk, "assignment", None)
    ]
    assert notification.text == "Se te asignó el caso AC-2026-00001-01."
    assert notification.url == "/casos/1/"
    assert notification.case_number == "AC-2026-00001-01"


@pytest.mark.django_db
def test_a_link_to_another_site_is_refused_and_nothing_is_stored(make_user):
    attorney = make_user("attorney")

    with pytest.raises(ValidationError):
        notification_create(
            recipient=attorney, kind=NotificationKind.OTHER, text="x", url="https://evil.example/"
        )

    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_while_she_is_on_leave_her_delegate_gets_a_copy_on_her_behalf(attorney_on_leave):
    # given
    attorney, delegate = attorney_on_leave
    # when: created while the acting user browses in English
    with translation.override("en"):
        original = notification_create(
            recipient=attorney,
            kind=NotificationKind.DEADLINE_MISSED,
            text="Venció un plazo del caso AC-2026-00007-01.",
            url="/casos/7/",
            case_number="AC-2026-00007-01",
        )
    # then: one for her, one for the delegate, in the clinic's language
    copy = Notification.objects.get(recipient=delegate)
    assert Notification.objects.count() == 2
    assert original.recipient == attorney
    assert original.text == "Venció un plazo del caso AC-2026-00007-01."
    assert (
        copy.text == _on_behalf_of("Lucía Ramírez") + "Venció un plazo del caso AC-2026-00007-01."
    )
    assert (copy.kind, copy.url, copy.case_number) == (
        "deadline_missed",
        "/casos/7/",
        "AC-2026-00007-01",
    )


@pytest.mark.django_db
def test_the_delegates_copy_is_cut_to_the_field_length(attorney_on_leave):
    attorney, delegate = attorney_on_leave

    notification_create(recipient=attorney, kind=NotificationKind.OTHER, text="a" * 300)

    copy = Notification.objects.get(recipient=delegate)
    assert len(copy.text) == 300
    assert copy.text.startswith(_on_behalf_of("Lucía Ramírez"))
    assert copy.text.endswith("…")


@pytest.mark.django_db
def test_after_the_last_day_of_leave_the_delegate_gets_no_copy(attorney_on_leave, clock):
    attorney, _delegate = attorney_on_leave
    clock.move_to("2026-12-01 09:00 -06:00")

    notification_create(recipient=attorney, kind=NotificationKind.OTHER, text="Aviso")

    assert list(Notification.objects.values_list("recipient", flat=True)) == [attorney.pk]


@pytest.mark.django_db
def test_an_inactive_delegate_gets_no_copy(attorney_on_leave):
    attorney, delegate = attorney_on_leave
    delegate.is_active = False
    delegate.save()
    attorney.refresh_from_db()

    notification_create(recipient=attorney, kind=NotificationKind.OTHER, text="Aviso")

    assert list(Notification.objects.values_list("recipient", flat=True)) == [attorney.pk]


@pytest.mark.django_db
def test_marking_all_as_read_touches_only_her_own_unread_rows(make_user, clock):
    # given: two unread and one already read for her, two unread for a colleague
    user, colleague = make_user("attorney"), make_user("attorney")
    mine = NotificationFactory.create_batch(2, recipient=user)
    already_read = NotificationFactory(
        recipient=user, read_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    )
    theirs = NotificationFactory.create_batch(2, recipient=colleague)
    # when
    changed = notifications_mark_read(user=user)
    # then
    assert changed == 2
    for notification in mine:
        notification.refresh_from_db()
        assert notification.read_at is not None
    already_read.refresh_from_db()
    assert already_read.read_at == datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 2
    assert {notification.pk for notification in theirs} == set(
        Notification.objects.filter(recipient=colleague).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_marking_chosen_pks_ignores_another_users_notification(make_user):
    user, colleague = make_user("attorney"), make_user("attorney")
    mine, other_mine = NotificationFactory.create_batch(2, recipient=user)
    theirs = NotificationFactory(recipient=colleague)

    changed = notifications_mark_read(user=user, pks=[mine.pk, theirs.pk])

    assert changed == 1
    assert Notification.objects.filter(read_at__isnull=False).get() == mine
    other_mine.refresh_from_db()
    theirs.refresh_from_db()
    assert other_mine.read_at is None
    assert theirs.read_at is None

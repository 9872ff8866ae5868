"""Leave and delegate: the service's rules, who receives reminders, and the pages (her own, and
a coordinator's for a colleague)."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from clinic.accounts.models import User
from clinic.accounts.selectors import leave_delegate_candidates, reminder_recipients
from clinic.accounts.services import user_leave_set
from clinic.audit.models import AuditAction, AuditEvent
from clinic.notifications.models import Notification

UNTIL = datetime.date(2026, 11, 30)


def _leave_state():
    return list(
        User.objects.order_by("pk").values_list("pk", "on_leave", "leave_until", "delegate")
    )


@pytest.fixture
def team(make_user, clock):
    """An attorney, a coordinator and an intake colleague, at 2026-11-23 in Mexico City."""
    return {
        "attorney": make_user("attorney", first_name="Lucía", last_name="Ramírez"),
        "coordinator": make_user("coordinator", first_name="Marta", last_name="Soto"),
        "intake": make_user("intake", first_name="Rosa", last_name="Díaz"),
    }


# --- Service ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_going_on_leave_records_the_delegate_history_and_audit(team):
    # given
    attorney, coordinator = team["attorney"], team["coordinator"]
    # when
    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=UNTIL, by=attorney
    )
    # then
    attorney.refresh_from_db()
    assert (attorney.on_leave, attorney.leave_until, attorney.delegate) == (
        True,
        UNTIL,
        coordinator,
    )
    record = attorney.history.order_by("-history_date").first()
    assert record.history_user == attorney
    assert record.history_change_reason == gettext("Leave set")
    assert record.delegate_id == coordinator.pk
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.USER_UPDATED, user=attorney, object_pk=str(attorney.pk)
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_the_new_delegate_is_told_with_a_notification(team):
    attorney, coordinator = team["attorney"], team["coordinator"]

    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=UNTIL, by=attorney
    )

    notification = Notification.objects.get()
    assert notification.recipient == coordinator
    assert notification.kind == "other"
    assert notification.url == reverse("accounts:leave")
    assert "Lucía Ramírez" in notification.text


@pytest.mark.django_db
def test_ending_the_leave_clears_the_delegate_and_the_date(team):
    attorney, coordinator = team["attorney"], team["coordinator"]
    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=UNTIL, by=attorney
    )

    user_leave_set(
        user=attorney, on_leave=False, delegate=coordinator, leave_until=UNTIL, by=attorney
    )

    attorney.refresh_from_db()
    assert (attorney.on_leave, attorney.leave_until, attorney.delegate) == (False, None, None)
    reasons = list(
        attorney.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons[-2:] == [gettext("Leave set"), gettext("Leave ended")]


@pytest.mark.django_db
def test_a_leave_without_a_delegate_or_an_end_date_is_allowed(team):
    attorney = team["attorney"]

    user_leave_set(user=attorney, on_leave=True, delegate=None, leave_until=None, by=attorney)

    attorney.refresh_from_db()
    assert attorney.on_leave and attorney.is_on_leave_now
    assert reminder_recipients(attorney) == [attorney]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("herself", "Nobody can be her own delegate."),
        ("intake", "The delegate must be an active attorney or coordinator."),
        ("inactive", "The delegate must be an active attorney or coordinator."),
        ("on_leave", "%(name)s is on leave herself; choose another delegate."),
        ("past", "The last day of the leave cannot be in the past."),
    ],
)
def test_the_service_refuses_an_invalid_leave_and_changes_nothing(team, make_user, case, message):
    # given
    attorney = team["attorney"]
    until = UNTIL
    delegate = {
        "herself": attorney,
        "intake": team["intake"],
        "inactive": make_user("attorney", is_active=False),
        "on_leave": make_user("coordinator", first_name="Ana", last_name="Vega"),
        "past": team["coordinator"],
    }[case]
    if case == "on_leave":
        user_leave_set(user=delegate, on_leave=True, delegate=None, leave_until=None, by=delegate)
    if case == "past":
        until = datetime.date(2026, 11, 22)
    before = _leave_state()
    # when
    with pytest.raises(ValidationError) as error:
        user_leave_set(
            user=attorney, on_leave=True, delegate=delegate, leave_until=until, by=attorney
        )
    # then
    assert error.value.messages == [gettext(message) % {"name": "Ana Vega"}]
    assert _leave_state() == before


@pytest.mark.django_db
def test_only_a_coordinator_sets_a_colleagues_leave(team):
    attorney, intake = team["attorney"], team["intake"]
    before = _leave_state()

    with pytest.raises(ValidationError):
        user_leave_set(user=attorney, on_leave=True, delegate=None, leave_until=None, by=intake)

    assert _leave_state() == before


@pytest.mark.django_db
def test_a_coordinator_sets_a_colleagues_leave(team, make_user):
    attorney, coordinator = team["attorney"], team["coordinator"]
    other_attorney = make_user("attorney")

    user_leave_set(
        user=attorney, on_leave=True, delegate=other_attorney, leave_until=UNTIL, by=coordinator
    )

    attorney.refresh_from_db()
    assert attorney.delegate == other_attorney
    assert attorney.history.order_by("-history_date").first().history_user == coordinator


# --- Who receives the reminders ---------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_go_to_her_and_her_delegate_while_the_leave_lasts(team, clock):
    attorney, coordinator = team["attorney"], team["coordinator"]
    assert reminder_recipients(attorney) == [attorney]
    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=UNTIL, by=attorney
    )
    attorney.refresh_from_db()

    assert reminder_recipients(attorney) == [attorney, coordinator]
    clock.move_to("2026-11-30 23:30 -06:00")  # her last day, in Mexico City
    assert reminder_recipients(attorney) == [attorney, coordinator]
    clock.move_to("2026-12-01 00:30 -06:00")
    assert reminder_recipients(attorney) == [attorney]


@pytest.mark.django_db
def test_an_inactive_delegate_receives_no_reminders(team):
    attorney, coordinator = team["attorney"], team["coordinator"]
    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=None, by=attorney
    )
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    attorney.refresh_from_db()

    assert reminder_recipients(attorney) == [attorney]


@pytest.mark.django_db
def test_the_candidates_are_active_attorneys_and_coordinators_not_on_leave(team, make_user):
    attorney, coordinator = team["attorney"], team["coordinator"]
    make_user("attorney", is_active=False)
    away = make_user("attorney")
    user_leave_set(user=away, on_leave=True, delegate=None, leave_until=None, by=away)
    back = make_user("attorney")
    User.objects.filter(pk=back.pk).update(on_leave=True, leave_until=datetime.date(2026, 11, 1))
    other_attorney = make_user("attorney")

    candidates = set(leave_delegate_candidates(user=attorney))

    assert candidates == {coordinator, back, other_attorney}


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["intake", "attorney", "coordinator", "psychosocial", "admin"])
def test_everyone_sets_her_own_leave(verified_client, team, make_user, role):
    # given
    user = make_user(role)
    client = verified_client(user)
    assert client.get(reverse("accounts:leave")).status_code == 200
    # when
    response = client.post(
        reverse("accounts:leave"),
        {"on_leave": "on", "leave_until": "2026-11-30", "delegate": team["attorney"].pk},
    )
    # then
    assert response["Location"] == reverse("accounts:leave")
    user.refresh_from_db()
    assert (user.on_leave, user.leave_until, user.delegate) == (True, UNTIL, team["attorney"])


@pytest.mark.django_db
def test_the_leave_form_offers_only_eligible_colleagues(verified_client, team):
    client = verified_client(team["attorney"])

    response = client.get(reverse("accounts:leave"))

    choices = {choice for choice, _label in response.context["form"].fields["delegate"].choices}
    assert {str(choice) for choice in choices} == {"", str(team["coordinator"].pk)}


@pytest.mark.django_db
def test_a_forged_delegate_is_refused_by_the_form(verified_client, team):
    attorney = team["attorney"]
    client = verified_client(attorney)
    before = _leave_state()

    response = client.post(
        reverse("accounts:leave"), {"on_leave": "on", "delegate": team["intake"].pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["delegate"]
    assert _leave_state() == before


TEAM_ROUTES = [
    ("get", "accounts:team_list", False),
    ("get", "accounts:team_leave", True),
    ("post", "accounts:team_leave", True),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "with_pk"), TEAM_ROUTES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("intake", 403),
        ("attorney", 403),
        ("psychosocial", 403),
        ("admin", 403),
        ("attorney+intake", 403),
        ("coordinator", None),
    ],
)
def test_team_pages_are_for_coordinators_only(
    client, verified_client, team, make_user, method, name, with_pk, who, expected
):
    # given
    target = team["attorney"]
    if who != "anonymous":
        verified_client(make_user(*who.split("+")))
    url = reverse(name, kwargs={"pk": target.pk} if with_pk else None)
    data = {"on_leave": "on", "delegate": team["coordinator"].pk}
    before = _leave_state()
    # when
    response = getattr(client, method)(url, data)
    # then
    if expected is None:  # the coordinator
        assert response.status_code == (302 if method == "post" else 200)
        return
    assert response.status_code == expected
    if expected == 302:
        assert urlsplit(response["Location"]).path == reverse("accounts:login")
    assert _leave_state() == before


@pytest.mark.django_db
def test_a_coordinator_sets_a_colleagues_leave_from_the_team_page(verified_client, team):
    # given
    coordinator, attorney = team["coordinator"], team["attorney"]
    client = verified_client(coordinator)
    # when
    response = client.post(
        reverse("accounts:team_leave", kwargs={"pk": attorney.pk}),
        {"on_leave": "on", "leave_until": "2026-11-30", "delegate": coordinator.pk},
    )
    # then
    assert response["Location"] == reverse("accounts:team_list")
    attorney.refresh_from_db()
    assert (attorney.on_leave, attorney.delegate) == (True, coordinator)
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_UPDATED, user=coordinator, object_pk=str(attorney.pk)
    ).exists()
    listing = client.get(reverse("accounts:team_list")).content.decode()
    assert attorney.get_full_name() in listing
    assert "Marta Soto" in listing


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["inactive", "operator"])
def test_a_coordinator_cannot_open_an_inactive_or_operator_account(
    verified_client, make_user, target
):
    client = verified_client(make_user("coordinator"))
    account = (
        make_user("attorney", is_active=False)
        if target == "inactive"
        else make_user("attorney", is_superuser=True, is_staff=True)
    )
    before = _leave_state()

    response = client.post(
        reverse("accounts:team_leave", kwargs={"pk": account.pk}), {"on_leave": "on"}
    )

    assert response.status_code == 404
    assert _leave_state() == before


@pytest.mark.django_db
def test_the_staff_pages_show_the_leave_and_the_delegate(verified_client, team, make_user):
    # given
    attorney, coordinator = team["attorney"], team["coordinator"]
    user_leave_set(
        user=attorney, on_leave=True, delegate=coordinator, leave_until=UNTIL, by=attorney
    )
    client = verified_client(make_user("admin"))
    # when
    listing = client.get(reverse("accounts:staff_list")).content.decode()
    detail = client.get(
        reverse("accounts:staff_detail", kwargs={"pk": attorney.pk})
    ).content.decode()
    # then
    from django.utils.formats import date_format

    expected = gettext("On leave until %(date)s — delegates to %(name)s") % {
        "date": date_format(UNTIL, "DATE_FORMAT"),
        "name": "Marta Soto",
    }
    assert expected in listing
    assert expected in detail

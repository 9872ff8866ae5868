"""Staff management (administrators only): create, edit roles, deactivate, unlock, reset MFA."""

from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.accounts.models import LoginSession, User
from clinic.audit.models import AuditAction, AuditEvent
from tests.factories import TEST_PASSWORD, confirmed_device


@pytest.fixture
def admin_client(verified_client, make_user):
    admin = make_user("admin")
    return verified_client(admin), admin


def _snapshot():
    """Everything a staff-management action could change (mail.outbox included)."""
    users = list(User.objects.order_by("pk").values())
    devices = list(TOTPDevice.objects.order_by("pk").values_list("pk", "confirmed"))
    attempts = list(AccessAttempt.objects.order_by("pk").values_list("pk", "failures_since_start"))
    return users, devices, attempts, len(mail.outbox)


STAFF_ROUTES = [
    ("get", "accounts:staff_list", False),
    ("get", "accounts:staff_create", False),
    ("post", "accounts:staff_create", False),
    ("get", "accounts:staff_detail", True),
    ("get", "accounts:staff_edit", True),
    ("post", "accounts:staff_edit", True),
    ("get", "accounts:staff_deactivate", True),
    ("post", "accounts:staff_deactivate", True),
    ("post", "accounts:staff_reactivate", True),
    ("post", "accounts:staff_unlock", True),
    ("post", "accounts:staff_send_password_link", True),
    ("get", "accounts:staff_mfa_reset", True),
    ("post", "accounts:staff_mfa_reset", True),
]
POST_DATA = {
    "username": "nueva",
    "first_name": "Nueva",
    "last_name": "Persona",
    "email": "nueva@example.org",
    "roles": ["coordinator"],
    "reason": "prueba",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "with_pk"), STAFF_ROUTES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("intake", 403),
        ("attorney", 403),
        ("coordinator", 403),
        ("psychosocial", 403),
        ("attorney+intake", 403),
    ],
)
def test_staff_pages_are_for_administrators_only(
    client, verified_client, make_user, method, name, with_pk, who, expected
):
    # given: a target account with an authenticator and a lockout record
    target = make_user("attorney")
    confirmed_device(target)
    AccessAttempt.objects.create(
        username=target.username,
        ip_address="203.0.113.1",
        user_agent="x",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    if who != "anonymous":
        verified_client(make_user(*who.split("+")))
    url = reverse(name, kwargs={"pk": target.pk} if with_pk else None)
    before = _snapshot()
    # when
    response = getattr(client, method)(url, POST_DATA)
    # then
    assert response.status_code == expected
    if expected == 302:
        assert urlsplit(response["Location"]).path == reverse("accounts:login")
    assert _snapshot() == before


@pytest.mark.django_db
def test_administrator_sees_the_staff_list_with_a_constant_number_of_queries(
    admin_client, make_user, django_assert_max_num_queries
):
    client, _admin = admin_client
    for _index in range(30):
        make_user("attorney")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:staff_list"))

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


@pytest.mark.django_db
def test_staff_list_filters_by_role_and_search(admin_client, make_user):
    client, _admin = admin_client
    make_user("attorney", first_name="Zoila", last_name="Quintero")
    make_user("intake", first_name="Zoila", last_name="Bravo")

    response = client.get(reverse("accounts:staff_list"), {"q": "zoila", "role": "attorney"})

    names = [str(user) for user in response.context["page"].object_list]
    assert names == ["Zoila Quintero"]


@pytest.mark.django_db
def test_creating_an_account_emails_a_link_and_records_history(
    admin_client, django_capture_on_commit_callbacks
):
    client, admin = admin_client

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("accounts:staff_create"), POST_DATA)

    user = User.objects.get(username="nueva")
    assert response["Location"] == reverse("accounts:staff_detail", kwargs={"pk": user.pk})
    assert user.roles == ["coordinator"]
    assert not user.has_usable_password()
    # the e-mail is enqueued after commit (ids only); the task sends it
    assert len(callbacks) == 1
    assert mail.outbox == []
    from clinic.accounts.tasks import send_password_email

    assert send_password_email(user.pk, "welcome", "https://acompana.example.org") is True
    assert mail.outbox[0].to == ["nueva@example.org"]
    assert "https://acompana.example.org/cuenta/contrasena/restablecer/" in mail.outbox[0].body
    assert "nueva" in mail.outbox[0].body  # her username
    record = user.history.get()
    assert record.history_user == admin
    assert AuditEvent.objects.filter(action=AuditAction.USER_CREATED, user=admin).count() == 1


@pytest.mark.django_db
def test_duplicate_email_is_refused_with_a_clear_message(admin_client, make_user):
    client, _admin = admin_client
    make_user("attorney", email="nueva@example.org")

    response = client.post(reverse("accounts:staff_create"), POST_DATA)

    assert response.status_code == 200
    assert "ya usa este correo" in response.content.decode()
    assert not User.objects.filter(username="nueva").exists()


@pytest.mark.django_db
def test_administrator_assigns_several_roles(admin_client, make_user):
    client, _admin = admin_client
    target = make_user("attorney")

    client.post(
        reverse("accounts:staff_edit", kwargs={"pk": target.pk}),
        {**POST_DATA, "roles": ["attorney", "intake"]},
    )

    target.refresh_from_db()
    assert set(target.roles) == {"attorney", "intake"}


@pytest.mark.django_db
def test_nobody_can_change_her_own_roles(admin_client):
    client, admin = admin_client

    response = client.post(
        reverse("accounts:staff_edit", kwargs={"pk": admin.pk}),
        {**POST_DATA, "username": admin.username, "roles": ["admin", "coordinator"]},
    )

    admin.refresh_from_db()
    assert response.status_code == 302
    assert admin.roles == ["admin"]


def test_the_role_service_refuses_a_self_change_even_without_the_form(db, make_user):
    from django.core.exceptions import ValidationError

    from clinic.accounts.services import user_update

    admin = make_user("admin")
    with pytest.raises(ValidationError):
        user_update(
            by=admin,
            request=None,
            user=admin,
            first_name="A",
            last_name="B",
            email="a@example.org",
            roles={"admin", "coordinator"},
        )
    admin.refresh_from_db()
    assert admin.roles == ["admin"]


@pytest.mark.django_db
def test_deactivation_needs_a_reason_and_is_reversible(admin_client, make_user):
    client, _admin = admin_client
    target = make_user("attorney")
    url = reverse("accounts:staff_deactivate", kwargs={"pk": target.pk})

    refused = client.post(url, {"reason": ""})
    target.refresh_from_db()
    assert refused.status_code == 200 and target.is_active

    client.post(url, {"reason": "Terminó su contrato"})
    target.refresh_from_db()
    assert not target.is_active
    assert target.deactivation_reason == "Terminó su contrato"

    client.post(reverse("accounts:staff_reactivate", kwargs={"pk": target.pk}))
    target.refresh_from_db()
    assert target.is_active
    assert User.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_an_administrator_cannot_deactivate_herself(admin_client):
    client, admin = admin_client

    client.post(reverse("accounts:staff_deactivate", kwargs={"pk": admin.pk}), {"reason": "x"})

    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.django_db
def test_unlock_lets_a_locked_account_log_in_again(admin_client, make_user):
    from django.test import Client

    client, _admin = admin_client
    target = make_user("attorney")
    visitor = Client()
    for number in range(5):
        visitor.post(
            reverse("accounts:login"),
            {"username": target.username, "password": f"wrong {number}"},
            REMOTE_ADDR="203.0.113.9",
        )
    detail = client.get(reverse("accounts:staff_detail", kwargs={"pk": target.pk}))
    assert detail.context["account"].is_locked

    client.post(reverse("accounts:staff_unlock", kwargs={"pk": target.pk}))

    response = visitor.post(
        reverse("accounts:login"),
        {"username": target.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.USER_UNLOCKED).count() == 1


@pytest.mark.django_db
def test_resetting_the_second_factor_removes_it_and_ends_sessions(admin_client, make_user):
    from django.test import Client

    from tests.conftest import login_verified

    client, _admin = admin_client
    target = make_user("attorney")
    other = Client()
    login_verified(other, target)

    client.post(reverse("accounts:staff_mfa_reset", kwargs={"pk": target.pk}))

    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not LoginSession.objects.filter(user=target).exists()
    assert not Session.objects.filter(session_key=other.session.session_key).exists()
    assert other.get(reverse("core:home")).status_code == 302

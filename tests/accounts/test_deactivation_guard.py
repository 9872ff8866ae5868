"""An account cannot be deactivated while she still has open cases or pending deadlines: they
would be left without anyone responsible. The cases rows are created with the ORM (there is no
case factory yet)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from cases import choices
from cases.models import Case, CaseAssignment, CaseStage, Deadline
from clinic.accounts.models import User
from clinic.accounts.services import user_deactivate
from clinic.audit.models import AuditAction, AuditEvent
from clinic.core import clock as app_clock
from tests.cases.factories import ClientFactory

TODAY = datetime.date(2026, 11, 23)


def _open_work_message(cases: int, deadlines: int) -> str:
    return gettext(
        "She still has %(cases)s and %(deadlines)s. Reassign them before deactivating the account."
    ) % {
        "cases": ngettext("%(count)s open case", "%(count)s open cases", cases) % {"count": cases},
        "deadlines": ngettext(
            "%(count)s pending deadline", "%(count)s pending deadlines", deadlines
        )
        % {"count": deadlines},
    }


def _case(*, attorney: User, coordinator: User, number: int) -> Case:
    client = ClientFactory()
    stage, _created = CaseStage.objects.get_or_create(
        case_type=choices.CaseType.ASYLUM, code="intake", defaults={"label": "Intake"}
    )
    case = Case.objects.create(
        client=client,
        sequence=1,
        case_number=f"{client.client_code}-{number:02d}",
        case_type=choices.CaseType.ASYLUM,
        stage=stage,
        opened_on=TODAY,
        created_by=coordinator,
    )
    CaseAssignment.objects.create(case=case, user=attorney, assigned_by=coordinator)
    return case


def _deadline(*, case: Case, responsible: User, status: str = "pending") -> Deadline:
    return Deadline.objects.create(
        case=case,
        kind="clinic",
        title="Presentar la solicitud ante COMAR",
        responsible=responsible,
        due_date=TODAY + datetime.timedelta(days=10),
        status=status,
        created_by=responsible,
    )


@pytest.fixture
def people(make_user, clock):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator"),
        "attorney": make_user("attorney"),
    }


@pytest.mark.django_db
def test_deactivation_is_refused_while_she_has_open_cases_and_pending_deadlines(people):
    # given: two open cases, one ended assignment, three pending deadlines and a cancelled one
    admin, coordinator, attorney = people["admin"], people["coordinator"], people["attorney"]
    first = _case(attorney=attorney, coordinator=coordinator, number=1)
    second = _case(attorney=attorney, coordinator=coordinator, number=2)
    ended = _case(attorney=attorney, coordinator=coordinator, number=3)
    CaseAssignment.objects.filter(case=ended).update(ended_at=app_clock.now())
    for case in (first, first, second):
        _deadline(case=case, responsible=attorney)
    _deadline(case=ended, responsible=attorney, status="cancelled")
    # when
    with pytest.raises(ValidationError) as error:
        user_deactivate(by=admin, request=None, user=attorney, reason="Terminó su contrato")
    # then
    assert error.value.messages == [_open_work_message(2, 3)]
    attorney.refresh_from_db()
    assert attorney.is_active
    assert attorney.deactivated_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.USER_DEACTIVATED).exists()


@pytest.mark.django_db
def test_a_pending_deadline_alone_blocks_deactivation(people):
    admin, coordinator, attorney = people["admin"], people["coordinator"], people["attorney"]
    case = _case(attorney=coordinator, coordinator=coordinator, number=1)
    _deadline(case=case, responsible=attorney)

    with pytest.raises(ValidationError) as error:
        user_deactivate(by=admin, request=None, user=attorney, reason="Terminó su contrato")

    assert error.value.messages == [_open_work_message(0, 1)]


@pytest.mark.django_db
def test_once_her_work_is_reassigned_she_can_be_deactivated(people):
    # given: her only assignment ended and her deadline cancelled
    admin, coordinator, attorney = people["admin"], people["coordinator"], people["attorney"]
    case = _case(attorney=attorney, coordinator=coordinator, number=1)
    CaseAssignment.objects.filter(case=case, user=attorney).update(ended_at=app_clock.now())
    _deadline(case=case, responsible=attorney, status="cancelled")
    # when
    user_deactivate(by=admin, request=None, user=attorney, reason="Terminó su contrato")
    # then
    attorney.refresh_from_db()
    assert not attorney.is_active


@pytest.mark.django_db
def test_the_staff_page_shows_why_she_cannot_be_deactivated(verified_client, people):
    admin, coordinator, attorney = people["admin"], people["coordinator"], people["attorney"]
    case = _case(attorney=attorney, coordinator=coordinator, number=1)
    _deadline(case=case, responsible=attorney)
    client = verified_client(admin)

    response = client.post(
        reverse("accounts:staff_deactivate", kwargs={"pk": attorney.pk}),
        {"reason": "Terminó su contrato"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [_open_work_message(1, 1)]
    attorney.refresh_from_db()
    assert attorney.is_active

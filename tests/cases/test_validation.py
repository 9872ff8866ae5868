"""The services' ``full_clean``: every check constraint of a record validated in one query, with
the same verdicts and messages as Django's own ``Model.validate_constraints``."""

import datetime
import itertools

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Deadline, DeclaredClosure
from cases.services.common import full_clean, save_tracked
from tests.cases.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _django_verdict(instance) -> list[str]:
    try:
        instance.validate_constraints()
    except ValidationError as error:
        return sorted(error.message_dict.get(NON_FIELD_ERRORS, []))
    return []


def _our_verdict(instance) -> list[str]:
    try:
        full_clean(instance)
    except ValidationError as error:
        return sorted(error.message_dict.get(NON_FIELD_ERRORS, []))
    return []


@pytest.mark.parametrize(
    ("end_date", "second_person"),
    list(itertools.product([D(2026, 11, 30), D(2026, 11, 1)], ["nobody", "same", "other"])),
)
def test_check_constraints_give_djangos_verdicts_and_messages(make_user, end_date, second_person):
    recorder, other = make_user("coordinator"), make_user("coordinator")
    closure = DeclaredClosure(
        authority="comar",
        start_date=D(2026, 11, 20),
        end_date=end_date,
        reference="DOF 20/11/2026",
        recorded_by=recorder,
        decided_by={"nobody": None, "same": recorder, "other": other}[second_person],
    )

    ours = _our_verdict(closure)

    assert ours == _django_verdict(closure)
    assert len(ours) == (end_date < D(2026, 11, 20)) + (second_person == "same")


def test_a_records_check_constraints_cost_one_query_and_a_violation_saves_nothing(make_user):
    coordinator = make_user("coordinator")
    deadline = Deadline(
        client=ClientFactory(),
        kind="clinic",
        title="Llamar a la usuaria",
        due_date=D(2026, 12, 4),
        status="done",  # without the date it was done on
        override_date=D(2026, 12, 3),  # without a reason
    )

    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as error:
        save_tracked(deadline, by=coordinator, reason="prueba")

    checks = [q["sql"] for q in queries if "_check_" in q["sql"]]
    assert len(checks) == 1
    assert len(error.value.message_dict[NON_FIELD_ERRORS]) == 2
    assert _django_verdict(deadline) == sorted(error.value.message_dict[NON_FIELD_ERRORS])
    assert not Deadline.objects.exists()


def test_a_constraint_on_a_field_that_failed_validation_is_not_asked(make_user):
    closure = DeclaredClosure(
        authority="comar",
        start_date=D(2026, 11, 20),
        end_date=None,  # required: fails clean_fields, so its range check is skipped
        reference="DOF",
        recorded_by=make_user("coordinator"),
    )

    with pytest.raises(ValidationError) as error:
        full_clean(closure)

    assert set(error.value.message_dict) == {"end_date"}

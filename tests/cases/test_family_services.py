"""Family members and identity documents: validation, concurrency, archival and history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import FamilyMember, IdentityDocument
from cases.services.common import StaleEditError
from cases.services.family import (
    family_member_archive,
    family_member_create,
    family_member_update,
    identity_document_archive,
    identity_document_create,
    identity_document_update,
)
from tests.cases.test_intake_flow import publish_notice, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Change reasons and messages are stored/raised in the active language: assert in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def intake_user(make_user):
    user = make_user("intake")
    publish_notice(user)
    return user


@pytest.fixture
def marta(intake_user):
    return register(intake_user, given_names="Marta")


def test_creating_a_family_member_records_who_did_it(marta, intake_user):
    # when
    member = family_member_create(
        client=marta,
        by=intake_user,
        fields={
            "relationship": "child",
            "given_names": "Sebastián",
            "date_of_birth": datetime.date(2026, 5, 20),
            "is_dependant": True,
        },
    )
    # then
    assert (member.client, member.version, member.is_dependant) == (marta, 1, True)
    record = member.history.get()
    assert (record.history_user, record.history_change_reason, record.history_type) == (
        intake_user,
        "Family member added",
        "+",
    )


def test_a_child_born_in_mexico_is_refused_as_a_dependant_and_nothing_is_saved(marta, intake_user):
    # when
    with pytest.raises(ValidationError) as error:
        family_member_create(
            client=marta,
            by=intake_user,
            fields={
                "relationship": "child",
                "given_names": "Luz",
                "born_in_mexico": True,
                "is_dependant": True,
            },
        )
    # then
    assert error.value.message_dict == {
        "is_dependant": [
            "A child born in Mexico is Mexican and cannot be a dependant in an asylum claim. "
            "Register the birth instead."
        ]
    }
    assert FamilyMember.objects.count() == 0


def test_marking_an_existing_dependant_as_born_in_mexico_is_refused(marta, intake_user):
    # given
    member = family_member_create(
        client=marta,
        by=intake_user,
        fields={"relationship": "child", "given_names": "Luz", "is_dependant": True},
    )
    # when
    with pytest.raises(ValidationError):
        family_member_update(
            member=member, by=intake_user, fields={"born_in_mexico": True}, expected_version=1
        )
    # then
    member.refresh_from_db()
    assert (member.born_in_mexico, member.is_dependant, member.version) == (False, True, 1)


def test_a_stale_update_is_refused_with_the_current_record(marta, intake_user, make_user):
    # given: two people opened version 1; the coordinator saved first
    member = family_member_create(
        client=marta, by=intake_user, fields={"relationship": "child", "given_names": "Luz"}
    )
    coordinator = make_user("coordinator")
    family_member_update(
        member=FamilyMember.objects.get(pk=member.pk),
        by=coordinator,
        fields={"residence": "us"},
        expected_version=1,
    )
    # when
    with pytest.raises(StaleEditError) as error:
        family_member_update(
            member=FamilyMember.objects.get(pk=member.pk),
            by=intake_user,
            fields={"residence": "origin"},
            expected_version=1,
        )
    # then
    assert (error.value.current.residence, error.value.current.version) == ("us", 2)
    member.refresh_from_db()
    assert (member.residence, member.version) == ("us", 2)


def test_archiving_needs_a_reason_and_keeps_the_record(marta, intake_user):
    # given
    member = family_member_create(
        client=marta, by=intake_user, fields={"relationship": "parent", "given_names": "Ana"}
    )
    # when
    with pytest.raises(ValidationError):
        family_member_archive(member=member, by=intake_user, reason="  ")
    family_member_archive(member=member, by=intake_user, reason="Entered twice")
    # then
    member.refresh_from_db()
    assert (member.is_archived, member.archive_reason, member.archived_by) == (
        True,
        "Entered twice",
        intake_user,
    )
    assert member.history.first().history_change_reason == "Family member archived"
    with pytest.raises(ValidationError):
        family_member_update(
            member=member, by=intake_user, fields={"notes": "x"}, expected_version=None
        )


def test_a_document_of_a_family_member_and_its_update(marta, intake_user):
    # given
    son = family_member_create(
        client=marta, by=intake_user, fields={"relationship": "child", "given_names": "Sebastián"}
    )
    # when
    document = identity_document_create(
        client=marta,
        by=intake_user,
        family_member=son,
        fields={
            "document_type": "birth_certificate",
            "status": "original",
            "issue_date": datetime.date(2026, 6, 1),
        },
    )
    identity_document_update(
        document=document,
        by=intake_user,
        family_member=son,
        fields={"status": "apostilled", "cost": Decimal("450.00")},
    )
    # then
    document.refresh_from_db()
    assert (document.family_member, document.status, document.cost, document.recorded_by) == (
        son,
        "apostilled",
        Decimal("450.00"),
        intake_user,
    )
    assert [row.history_change_reason for row in document.history.order_by("history_id")] == [
        "Identity document added",
        "Identity document updated",
    ]


def test_a_document_cannot_expire_before_it_was_issued(marta, intake_user):
    with pytest.raises(ValidationError) as error:
        identity_document_create(
            client=marta,
            by=intake_user,
            fields={
                "document_type": "passport",
                "issue_date": datetime.date(2024, 1, 10),
                "expiry_date": datetime.date(2023, 1, 10),
            },
        )
    assert error.value.message_dict == {
        "expiry_date": ["The expiry date cannot be before the issue date."]
    }
    assert IdentityDocument.objects.count() == 0


def test_a_document_cannot_belong_to_another_clients_family_member(marta, intake_user):
    # given
    other = register(intake_user, given_names="Rosa")
    her_son = family_member_create(
        client=other, by=intake_user, fields={"relationship": "child", "given_names": "Tomás"}
    )
    # when
    with pytest.raises(ValidationError) as error:
        identity_document_create(
            client=marta, by=intake_user, family_member=her_son, fields={"document_type": "curp"}
        )
    # then
    assert list(error.value.message_dict) == ["owner"]
    assert IdentityDocument.objects.count() == 0


def test_a_negative_cost_is_refused(marta, intake_user):
    with pytest.raises(ValidationError):
        identity_document_create(
            client=marta,
            by=intake_user,
            fields={"document_type": "passport", "cost": Decimal("-1")},
        )
    assert IdentityDocument.objects.count() == 0


def test_archiving_a_document_keeps_it(marta, intake_user):
    document = identity_document_create(
        client=marta, by=intake_user, fields={"document_type": "passport"}
    )
    identity_document_archive(document=document, by=intake_user, reason="Lost")
    document.refresh_from_db()
    assert (document.is_archived, document.archive_reason) == (True, "Lost")
    assert IdentityDocument.objects.count() == 1

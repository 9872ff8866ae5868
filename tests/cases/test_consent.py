"""Consent: the current state per purpose is derived from the latest record."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases import choices
from cases.services.consent import consent_allows, consent_record, consent_states
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory

SHARING = choices.ConsentPurpose.SHARING
STATISTICS = choices.ConsentPurpose.STATISTICS


@pytest.fixture
def client_record(db):
    PrivacyNoticeFactory()
    return ClientFactory()


def test_nothing_recorded_means_not_recorded_and_closed(client_record):
    states = consent_states(client=client_record)

    assert set(states.values()) == {choices.ConsentState.NOT_RECORDED}
    assert consent_allows(client=client_record, purpose=SHARING) is False


def test_verbal_consent_is_pending_signature_and_keeps_the_gates_closed(client_record, make_user):
    staff = make_user("intake")

    consent_record(
        client=client_record,
        by=staff,
        purpose=SHARING,
        decision="given",
        method="verbal",
        witness_name="Testigo Uno",
    )

    assert consent_states(client=client_record)[SHARING] == choices.ConsentState.PENDING_SIGNATURE
    assert consent_allows(client=client_record, purpose=SHARING) is False


def test_a_signed_form_after_verbal_consent_opens_the_gate(client_record, make_user):
    staff = make_user("intake")
    with time_machine.travel("2026-11-01 10:00 -06:00", tick=False) as traveller:
        consent_record(
            client=client_record,
            by=staff,
            purpose=SHARING,
            decision="given",
            method="verbal",
            witness_name="Testigo Uno",
        )
        traveller.shift(3600)
        consent_record(
            client=client_record, by=staff, purpose=SHARING, decision="given", method="signature"
        )

    assert consent_states(client=client_record)[SHARING] == choices.ConsentState.GIVEN
    assert consent_allows(client=client_record, purpose=SHARING) is True


def test_fingerprint_with_a_witness_counts_as_signed(client_record, make_user):
    consent_record(
        client=client_record,
        by=make_user("intake"),
        purpose=STATISTICS,
        decision="given",
        method="fingerprint",
        witness_name="Testigo Dos",
    )

    assert consent_allows(client=client_record, purpose=STATISTICS) is True


def test_withdrawal_is_always_possible_and_wins_over_earlier_consent(client_record, make_user):
    staff = make_user("intake")
    with time_machine.travel("2026-11-01 10:00 -06:00", tick=False) as traveller:
        consent_record(
            client=client_record, by=staff, purpose=STATISTICS, decision="given", method="signature"
        )
        traveller.shift(60)
        consent_record(client=client_record, by=staff, purpose=STATISTICS, decision="withdrawn")

    assert consent_states(client=client_record)[STATISTICS] == choices.ConsentState.WITHDRAWN
    assert consent_allows(client=client_record, purpose=STATISTICS) is False
    assert client_record.consents.count() == 2  # appended, never overwritten


def test_purposes_are_independent(client_record, make_user):
    consent_record(
        client=client_record,
        by=make_user("intake"),
        purpose=SHARING,
        decision="given",
        method="signature",
    )

    states = consent_states(client=client_record)

    assert states[SHARING] == choices.ConsentState.GIVEN
    assert states[STATISTICS] == choices.ConsentState.NOT_RECORDED


@pytest.mark.parametrize("method", ["verbal", "fingerprint"])
def test_consent_without_signature_needs_a_witness(client_record, make_user, method):
    with pytest.raises(ValidationError):
        consent_record(
            client=client_record,
            by=make_user("intake"),
            purpose=SHARING,
            decision="given",
            method=method,
        )
    assert client_record.consents.count() == 0


def test_consent_records_the_notice_version_she_was_shown(client_record, make_user):
    newer = PrivacyNoticeFactory()

    record = consent_record(
        client=client_record,
        by=make_user("intake"),
        purpose=SHARING,
        decision="given",
        method="signature",
    )

    assert record.notice == newer


def test_no_consent_without_a_published_notice(db, make_user):
    client_record = ClientFactory()

    with pytest.raises(ValidationError):
        consent_record(
            client=client_record,
            by=make_user("intake"),
            purpose=SHARING,
            decision="given",
            method="signature",
        )

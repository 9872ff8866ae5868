"""A small clinic for the referral tests: a client with an asylum case assigned to an attorney,
a teammate on her team through another case, the usual other roles, the privacy notice, and
Sin Fronteras with an office."""

from __future__ import annotations

import datetime

import pytest

from cases import choices
from cases.services import cases as case_services
from cases.services.consent import consent_record
from directory.choices import OrganisationKind
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory
from tests.directory.factories import OfficeFactory, OrganisationFactory

D = datetime.date


@pytest.fixture
def clinic(make_user, clock):
    coordinator = make_user("coordinator", first_name="Carmen", last_name="Coordinadora")
    attorney = make_user("attorney", first_name="Ana", last_name="Abogada")
    teammate = make_user("attorney", first_name="Tere", last_name="Compañera")
    PrivacyNoticeFactory()
    client = ClientFactory(
        given_names="María José",
        first_surname="Peña",
        second_surname="Núñez",
        date_of_birth=D(1990, 3, 12),
        entry_date=D(2026, 11, 2),
        email="maria@example.org",
        current_city="Tapachula",
        current_state="MX-CHP",
        curp="",
    )
    case = case_services.case_open(
        client=client, case_type=choices.CaseType.ASYLUM, by=coordinator, attorney=attorney
    )
    other_case = case_services.case_open(
        client=client, case_type=choices.CaseType.TVRH, by=coordinator, attorney=teammate
    )
    organisation = OrganisationFactory(
        name="Sin Fronteras", acronym="SF", kind=OrganisationKind.HUMAN_RIGHTS
    )
    office = OfficeFactory(organisation=organisation, city="Ciudad de México", state="MX-CMX")
    return {
        "coordinator": coordinator,
        "attorney": attorney,
        "teammate": teammate,
        "outsider": make_user("attorney"),
        "intake": make_user("intake"),
        "psychosocial": make_user("psychosocial"),
        "admin": make_user("admin"),
        "client": client,
        "case": case,
        "other_case": other_case,
        "organisation": organisation,
        "office": office,
    }


def give_sharing_consent(client, by, method=choices.ConsentMethod.SIGNATURE, witness=""):
    return consent_record(
        client=client,
        by=by,
        purpose=choices.ConsentPurpose.SHARING,
        decision=choices.ConsentDecision.GIVEN,
        method=method,
        witness_name=witness,
    )

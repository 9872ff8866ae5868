"""Fixtures shared by the client file tests."""

import datetime

import pytest

from cases import choices
from cases.services import cases as case_services
from cases.services import files as file_services
from tests.cases.factories import ClientFactory
from tests.cases.file_samples import PDF, plain_png, upload


@pytest.fixture
def file_world(make_user, clock):
    """One assigned client with an ordinary and a confidential case (both assigned to
    ``assigned``) and a third case that puts ``teammate`` on her team; her files: an ID scan
    and evidence of her own, a file of each case. A second client still waiting for assignment,
    registered by ``registrar`` (intake), with a consent form and evidence.
    Everyone else: an attorney of another team, another intake, psychosocial, admin."""
    coordinator = make_user("coordinator")
    assigned = make_user("attorney")
    teammate = make_user("attorney")
    registrar = make_user("intake")
    client = ClientFactory(entry_date=datetime.date(2026, 11, 2))
    cases = {}
    for name, confidential in (("ordinary", False), ("confidential", True)):
        cases[name] = case_services.case_open(
            client=client,
            case_type=choices.CaseType.ASYLUM,
            by=coordinator,
            attorney=assigned,
            is_confidential=confidential,
        )
    cases["teammates"] = case_services.case_open(
        client=client, case_type=choices.CaseType.TVRH, by=coordinator, attorney=teammate
    )

    def add(target, category, *, case=None, by=assigned, name="pasaporte.pdf", data=PDF):
        return file_services.client_file_upload(
            client=target,
            case=case,
            category=category,
            description="",
            upload=upload(name, data),
            by=by,
        )

    waiting = ClientFactory(registered_by=registrar, status=choices.ClientStatus.SUBMITTED)
    files = {
        "identity": add(client, choices.FileCategory.IDENTITY_SCAN),
        "evidence": add(client, choices.FileCategory.EVIDENCE, name="fotos.png", data=plain_png()),
        "ordinary": add(client, choices.FileCategory.OTHER, case=cases["ordinary"]),
        "confidential": add(client, choices.FileCategory.EVIDENCE, case=cases["confidential"]),
        "waiting_consent": add(waiting, choices.FileCategory.CONSENT_FORM, by=registrar),
        "waiting_evidence": add(waiting, choices.FileCategory.EVIDENCE, by=registrar),
    }
    return {
        "coordinator": coordinator,
        "assigned": assigned,
        "teammate": teammate,
        "registrar": registrar,
        "outsider": make_user("attorney"),
        "intake": make_user("intake"),
        "psychosocial": make_user("psychosocial"),
        "admin": make_user("admin"),
        "client": client,
        "waiting": waiting,
        "cases": cases,
        "files": files,
    }

"""Permission matrix: every case, deadline, signature, transfer, closure and calendar URL, for
every kind of user, on an ordinary and a confidential case. A denial changes nothing."""

import datetime

import pytest
from django.urls import reverse

from cases import choices
from cases.models import (
    Case,
    CaseEvent,
    CaseNote,
    ClientAssignment,
    Deadline,
    DeclaredClosure,
    SignatureOccurrence,
    StateTransferAuthorisation,
)
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from tests.cases.factories import ClientFactory

pytestmark = pytest.mark.django_db
D = datetime.date

CASE_URLS = {
    # url id: (route, needs edit rights, coordinator only, POST data)
    "detail": ("cases:case_detail", False, False, {}),
    "history": ("cases:case_history", False, False, {}),
    "edit": ("cases:case_edit", True, False, {"version": 1, "stage": "", "comar_folio": "X"}),
    "status": ("cases:case_status", True, False, {"version": 1, "status": "on_hold"}),
    "assign": ("cases:case_assign", False, True, {"attorney": ""}),
    "event": ("cases:event_create", True, False, {"occurred_on": "2026-11-20"}),
    "note": (
        "cases:note_create",
        True,
        False,
        {"kind": "note", "happened_on": "2026-11-20", "body": "Llamada"},
    ),
    "note_archive": ("cases:note_archive", True, False, {"reason": "error"}),
    "signature_schedule": (
        "cases:signature_schedule",
        True,
        False,
        {"weekday": 1, "every_weeks": 1, "starts_on": "2026-11-23"},
    ),
    "transfer": (
        "cases:transfer_create",
        True,
        False,
        {"to_state": "MX-JAL", "requested_on": "2026-11-20"},
    ),
    "deadline_create": (
        "cases:deadline_create",
        True,
        False,
        {"kind": "clinic", "title": "x", "due_date": "2026-12-01"},
    ),
    "deadline_detail": ("cases:deadline_detail", False, False, {}),
    "deadline_override": (
        "cases:deadline_override",
        True,
        False,
        {"version": 1, "override_date": "2026-12-01", "reason": "r"},
    ),
    "deadline_done": ("cases:deadline_done", True, False, {"done_on": "2026-11-20"}),
    "deadline_cancel": ("cases:deadline_cancel", True, False, {"reason": "r"}),
    "signature_record": ("cases:signature_record", True, False, {"status": "attended"}),
    # GET only (a POST is 405 for those allowed): a PDF rendered for whoever reads the case
    "signature_card": ("cases:signature_card", False, False, {}),
    "transfer_decide": ("cases:transfer_decide", True, False, {"decision": "authorised"}),
}


@pytest.fixture
def world(make_user, clock):
    coordinator = make_user("coordinator")
    assigned = make_user("attorney")
    teammate = make_user("attorney")  # on the client's team through another case
    client = ClientFactory(entry_date=D(2026, 11, 2))
    cases = {}
    for name, confidential in (("ordinary", False), ("confidential", True)):
        case = case_services.case_open(
            client=client,
            case_type=choices.CaseType.ASYLUM,
            by=coordinator,
            attorney=assigned,
            is_confidential=confidential,
        )
        case.comar_state = "MX-CMX"
        case.save()
        case_services.note_add(
            case=case,
            by=assigned,
            kind="note",
            body="Nota",
            happened_on=D(2026, 11, 20),
            restricted=False,
        )
        case_services.signature_schedule_set(
            case=case, by=assigned, weekday=0, every_weeks=1, starts_on=D(2026, 11, 16)
        )
        case_services.transfer_record(
            case=case, by=assigned, to_state="MX-JAL", requested_on=D(2026, 11, 20)
        )
        cases[name] = case
    case_services.case_open(
        client=client, case_type=choices.CaseType.TVRH, by=coordinator, attorney=teammate
    )
    return {
        "coordinator": coordinator,
        "assigned": assigned,
        "teammate": teammate,
        "outsider": make_user("attorney"),
        "intake": make_user("intake"),
        "psychosocial": make_user("psychosocial"),
        "admin": make_user("admin"),
        "cases": cases,
    }


def _live_note(case):
    note = CaseNote.objects.filter(case=case, archived_at__isnull=True).first()
    if note is None:
        note = CaseNote.objects.create(
            case=case,
            kind="note",
            body="Otra",
            happened_on=D(2026, 11, 20),
            author=case.created_by,
        )
    return note


def _url(url_id, case):
    route = CASE_URLS[url_id][0]
    deadline = Deadline.objects.filter(case=case).first()
    occurrence = SignatureOccurrence.objects.filter(case=case).order_by("due_on").first()
    args = {
        "event": [case.pk, "filing"],
        "note_archive": [case.pk, _live_note(case).pk],
        "deadline_detail": [deadline.pk],
        "deadline_override": [deadline.pk],
        "deadline_done": [deadline.pk],
        "deadline_cancel": [deadline.pk],
        "signature_record": [occurrence.pk],
        "transfer_decide": [StateTransferAuthorisation.objects.filter(case=case).first().pk],
    }.get(url_id, [case.pk])
    return reverse(route, args=args)


def _snapshot():
    return (
        list(Case.objects.order_by("pk").values_list("pk", "version", "status", "comar_folio")),
        list(Deadline.objects.order_by("pk").values_list("pk", "version", "status", "due_date")),
        CaseEvent.objects.count(),
        list(CaseNote.objects.order_by("pk").values_list("pk", "archived_at")),
        list(SignatureOccurrence.objects.order_by("pk").values_list("pk", "status")),
        list(StateTransferAuthorisation.objects.order_by("pk").values_list("pk", "status")),
        ClientAssignment.objects.count(),
    )


POST_ONLY = {
    "note",
    "deadline_override",
    "deadline_done",
    "deadline_cancel",
    "signature_record",
    "transfer_decide",
}

GET_ONLY = {"signature_card"}


def expected(user_key: str, case_key: str, url_id: str, method: str) -> int | None:
    """None: allowed; otherwise the refusal status."""
    _route, needs_edit, coordinator_only, _data = CASE_URLS[url_id]
    if user_key in ("intake", "psychosocial", "admin"):
        return 403
    if method == "get" and url_id in POST_ONLY:
        return 405  # the method is refused before any record is read
    if method == "post" and url_id in GET_ONLY:
        return 405
    if user_key == "coordinator":
        return None
    if coordinator_only:
        return 403
    if user_key == "outsider":
        return 404
    if user_key == "teammate":
        if case_key == "confidential":
            return 404
        return 403 if needs_edit else None
    return None  # the assigned attorney


USERS = ["outsider", "intake", "psychosocial", "admin", "teammate", "assigned", "coordinator"]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", list(CASE_URLS))
def test_case_url_matrix(verified_client, world, url_id, method):
    """Each URL for every user on both cases (refusals first, so the allowed requests that
    change something run last)."""
    for case_key in ("ordinary", "confidential"):
        case = world["cases"][case_key]
        for user_key in USERS:
            url = _url(url_id, case)
            browser = verified_client(world[user_key])
            refusal = expected(user_key, case_key, url_id, method)
            before = _snapshot() if refusal is not None else None  # only a refusal is compared
            data = CASE_URLS[url_id][3]
            response = browser.get(url) if method == "get" else browser.post(url, data)
            where = (url_id, user_key, case_key, method)
            if refusal is not None:
                assert response.status_code == refusal, where
                assert _snapshot() == before, where
            else:
                assert response.status_code in (200, 302, 405), where


@pytest.mark.parametrize("user_key", ["assigned", "teammate", "outsider", "intake"])
def test_open_a_case_needs_the_client_in_scope_and_the_right_role(verified_client, world, user_key):
    client = world["cases"]["ordinary"].client
    before = Case.objects.count()
    response = verified_client(world[user_key]).post(
        reverse("cases:case_open", args=[client.pk]), {"case_type": "identity"}
    )
    if user_key in ("assigned", "teammate"):
        assert response.status_code == 302
        assert Case.objects.count() == before + 1
    else:
        assert response.status_code == (403 if user_key == "intake" else 404)
        assert Case.objects.count() == before


@pytest.mark.parametrize("user_key", ["assigned", "intake", "admin"])
def test_coordinator_pages_are_refused_to_others(verified_client, world, user_key):
    browser = verified_client(world[user_key])
    before = DeclaredClosure.objects.count()
    assert browser.get(reverse("cases:team")).status_code == 403
    expected_closures = 200 if user_key == "admin" else 403
    assert browser.get(reverse("cases:closure_list")).status_code == expected_closures
    response = browser.post(
        reverse("cases:closure_list"),
        {
            "authority": "comar",
            "start_date": "2026-12-01",
            "end_date": "2026-12-02",
            "reference": "DOF",
        },
    )
    if user_key != "admin":
        assert response.status_code == 403
        assert DeclaredClosure.objects.count() == before


def test_closure_decision_is_refused_to_the_recorder_and_non_coordinators(verified_client, world):
    closure = deadline_services.closure_record(
        by=world["coordinator"],
        authority="comar",
        start_date=D(2026, 12, 1),
        end_date=D(2026, 12, 2),
        reference="DOF",
    )
    url = reverse("cases:closure_decide", args=[closure.pk])
    for user_key in ("assigned", "admin"):
        response = verified_client(world[user_key]).post(
            url, {"decision": "approve", "version": closure.version}
        )
        assert response.status_code == 403
    verified_client(world["coordinator"]).post(
        url, {"decision": "approve", "version": closure.version}
    )
    closure.refresh_from_db()
    assert closure.status == "pending"


def test_the_week_and_my_cases_show_only_her_caseload(verified_client, world):
    outsider = verified_client(world["outsider"])
    number = world["cases"]["ordinary"].case_number
    assert number not in outsider.get(reverse("cases:my_cases")).content.decode()
    assert number not in outsider.get(reverse("cases:week")).content.decode()
    # a coordinator cannot use ?abogada= to reach a non-attorney
    coordinator = verified_client(world["coordinator"])
    response = coordinator.get(reverse("cases:my_cases"), {"abogada": world["intake"].pk})
    assert response.status_code == 404


def test_a_stale_case_save_is_refused_and_shows_the_other_changes(verified_client, world):
    case = world["cases"]["ordinary"]
    url = reverse("cases:case_edit", args=[case.pk])
    stale_version = case.version
    verified_client(world["coordinator"]).post(
        url, {"version": stale_version, "stage": case.stage_id, "comar_folio": "FOLIO-ELLA"}
    )
    case.refresh_from_db()
    assert case.comar_folio == "FOLIO-ELLA"
    response = verified_client(world["assigned"]).post(
        url, {"version": stale_version, "stage": case.stage_id, "comar_folio": "FOLIO-MIO"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "FOLIO-ELLA" in html  # the other person's value, next to the form
    assert 'value="FOLIO-MIO"' in html  # what she typed is kept
    case.refresh_from_db()
    assert case.comar_folio == "FOLIO-ELLA"

"""Permission matrix over every referral URL (and the client's consent page the gate sends
people to): anonymous, a user without a role, intake, psychosocial and administrator staff, an
attorney of another caseload, a teammate on her team but not on the case, the case's attorney
and a coordinator — GET and POST, on a referral of an ordinary case and of a confidential one.
A refusal changes nothing."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cases import choices
from cases.models import Consent
from cases.services import cases as case_services
from referrals import services
from referrals.models import InboundReferral, Referral, ReferralEvent
from referrals.urls import urlpatterns
from tests.referrals.conftest import give_sharing_consent

pytestmark = pytest.mark.django_db
D = datetime.date

# url name: (what the URL is about, who may use it beyond reading, POST data)
#   "read": whoever may read the referral (the case's scope); "manage": the case's attorneys and
#   coordinators; "refer": who may refer the client; "inbound": who may record who referred her.
URLS = {
    "referral_list": (None, "read", {}),
    "referral_create": ("client", "refer", {"services": ["shelter"], "reason": "Albergue"}),
    "referral_detail": ("draft", "read", {}),
    "referral_edit": ("draft", "manage", {"version": 1, "services": ["shelter"], "reason": "x"}),
    "referral_send": ("draft", "manage", {"version": 1, "sent_on": "2026-11-23"}),
    "referral_status": (
        "sent",
        "manage",
        {"status-to_status": "accepted", "status-on": "2026-11-23"},
    ),
    "referral_follow_up": (
        "sent",
        "manage",
        {"followup-on": "2026-11-23", "followup-outcome": "pending"},
    ),
    "referral_letter": ("sent", "read", {}),
    "referral_history": ("sent", "read", {}),
    "inbound_create": ("client", "inbound", {"other_source": "Línea", "received_on": "2026-11-20"}),
    "inbound_archive": ("inbound", "inbound", {"reason": "Duplicado"}),
}
POST_ONLY = {"referral_status", "referral_follow_up"}
GET_ONLY = {"referral_list", "referral_detail", "referral_letter", "referral_history"}
USERS = [
    None,
    "no_role",
    "intake",
    "psychosocial",
    "admin",
    "outsider",
    "teammate",
    "attorney",
    "coordinator",
]


def test_the_matrix_covers_every_referral_url():
    assert {pattern.name for pattern in urlpatterns} == set(URLS)


@pytest.fixture
def records(clinic, make_user):
    clinic["no_role"] = make_user()
    attorney, coordinator = clinic["attorney"], clinic["coordinator"]
    give_sharing_consent(clinic["client"], attorney)
    confidential = case_services.case_open(
        client=clinic["client"],
        case_type=choices.CaseType.FAMILY,
        by=coordinator,
        attorney=attorney,
        is_confidential=True,
    )
    made = {}
    for key, case in (("ordinary", clinic["case"]), ("confidential", confidential)):
        fields = {
            "client": clinic["client"],
            "by": attorney,
            "case": case,
            "organisation": clinic["organisation"],
            "services": ["psychosocial"],
            "reason": "Apoyo emocional",
        }
        sent = services.referral_create(**fields)
        services.referral_send(referral=sent, by=attorney, sent_on=D(2026, 11, 23), version=1)
        made[key] = {"draft": services.referral_create(**fields), "sent": sent}
    inbound = services.inbound_referral_record(
        client=clinic["client"], by=coordinator, received_on=D(2026, 11, 2), other_source="Línea"
    )
    return {**clinic, "made": made, "inbound": inbound, "confidential": confidential}


def _url(name, records, case_key):
    about = URLS[name][0]
    made = records["made"][case_key]
    args = {
        None: [],
        "client": [records["client"].pk],
        "draft": [made["draft"].pk],
        "sent": [made["sent"].pk],
        "inbound": [records["inbound"].pk],
    }[about]
    return reverse(f"referrals:{name}", args=args)


def _snapshot():
    return (
        list(Referral.objects.order_by("pk").values_list("pk", "version", "status", "reason")),
        ReferralEvent.objects.count(),
        list(InboundReferral.objects.order_by("pk").values_list("pk", "archived_at")),
        Referral.history.count(),
    )


def expected(user_key, name, case_key, method):
    """The refusal status, or None when allowed."""
    about, right, _data = URLS[name]
    if user_key is None:
        return 302  # to the login page
    if user_key in ("no_role", "psychosocial", "admin"):
        return 403
    if right in ("manage", "refer") and user_key == "intake":
        return 403
    if method == "get" and name in POST_ONLY:
        return 405
    if method == "post" and name in GET_ONLY:
        return 405
    if user_key == "coordinator":
        return None
    # Intake staff see the clients they registered until they are assigned (she is assigned);
    # an outsider never sees her.
    if about in ("client", "inbound", "draft", "sent") and user_key in ("intake", "outsider"):
        return 404
    if user_key == "teammate":
        if about in ("draft", "sent") and case_key == "confidential":
            return 404
        return 403 if right == "manage" else None
    return None  # the case's attorney (and anyone allowed a plain read)


# Every URL with the referral of an ordinary case; those about one referral also with the
# referral of a confidential case.
MATRIX = [
    (name, case_key)
    for name in URLS
    for case_key in ("ordinary", "confidential")
    if case_key == "ordinary" or URLS[name][0] in ("draft", "sent")
]


@pytest.mark.parametrize(("name", "case_key"), MATRIX)
def test_referral_url_matrix(client, verified_client, records, name, case_key):
    for method in ("get", "post"):
        for user_key in USERS:
            url = _url(name, records, case_key)
            client.logout()
            browser = client if user_key is None else verified_client(records[user_key])
            refusal = expected(user_key, name, case_key, method)
            before = _snapshot() if refusal is not None else None  # only a refusal is compared
            response = browser.get(url) if method == "get" else browser.post(url, URLS[name][2])
            where = (name, case_key, method, user_key)
            if refusal is not None:
                assert response.status_code == refusal, where
                if refusal == 302:
                    assert urlsplit(response["Location"]).path == reverse("accounts:login"), where
                assert _snapshot() == before, where
            else:
                assert response.status_code in (200, 302, 400), (where, response.status_code)


def test_the_list_shows_only_referrals_in_her_scope(verified_client, records):
    made = records["made"]
    coordinator = verified_client(records["coordinator"]).get(reverse("referrals:referral_list"))
    assert coordinator.context["page"].paginator.count == 4
    teammate = verified_client(records["teammate"]).get(reverse("referrals:referral_list"))
    shown = {referral.pk for referral in teammate.context["page"].object_list}
    assert shown == {made["ordinary"]["draft"].pk, made["ordinary"]["sent"].pk}
    outsider = verified_client(records["outsider"]).get(reverse("referrals:referral_list"))
    assert outsider.context["page"].paginator.count == 0


def test_consent_page_matrix(client, verified_client, records):
    """The page the gate links to: whoever may read her record may record her consent."""
    url = reverse("cases:client_consent", args=[records["client"].pk])
    data = {"purpose": "statistics", "decision": "given", "method": "signature"}
    refusals = {
        None: 302,
        "no_role": 403,
        "psychosocial": 403,
        "admin": 403,
        "intake": 404,
        "outsider": 404,
    }
    for user_key in USERS:
        client.logout()
        browser = client if user_key is None else verified_client(records[user_key])
        before = Consent.objects.count()
        get, post = browser.get(url), browser.post(url, data)
        refusal = refusals.get(user_key)
        if refusal:
            assert (get.status_code, post.status_code) == (refusal, refusal), user_key
            assert Consent.objects.count() == before, user_key
        else:
            assert (get.status_code, post.status_code) == (200, 302), user_key
            assert Consent.objects.count() == before + 1, user_key

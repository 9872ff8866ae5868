"""Referral pages: the list and her page run a constant number of queries whatever the number of
referrals; a bad form loses nothing; the send page refuses until each warning is ticked."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import DisclosureRestriction
from referrals import services
from referrals.models import Referral
from tests.directory.factories import OfficeFactory, OrganisationFactory
from tests.referrals.conftest import give_sharing_consent

pytestmark = pytest.mark.django_db
D = datetime.date


def _referrals(clinic, count):
    for index in range(count):
        organisation = OrganisationFactory(name=f"Albergue {index}")
        OfficeFactory(organisation=organisation)
        referral = services.referral_create(
            client=clinic["client"],
            by=clinic["attorney"],
            case=clinic["case"],
            organisation=organisation,
            services=["shelter", "psychosocial"],
            reason="Necesita albergue",
        )
        services.referral_send(
            referral=referral, by=clinic["attorney"], sent_on=D(2026, 11, 23), version=1
        )


def _queries(browser, url) -> int:
    browser.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def test_the_list_and_her_page_cost_the_same_with_one_or_eleven_referrals(clinic, verified_client):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    browser = verified_client(clinic["attorney"])
    pages = [
        reverse("referrals:referral_list"),
        reverse("cases:client_detail", args=[clinic["client"].pk]),
        reverse("cases:case_detail", args=[clinic["case"].pk]),
    ]
    _referrals(clinic, 1)
    few = [_queries(browser, url) for url in pages]
    _referrals(clinic, 10)
    many = [_queries(browser, url) for url in pages]
    assert few == many
    html = browser.get(pages[0]).content.decode()
    assert html.count('data-testid="referral-row"') == 11


def test_a_draft_with_errors_keeps_what_was_typed(clinic, verified_client):
    browser = verified_client(clinic["attorney"])
    url = reverse("referrals:referral_create", args=[clinic["client"].pk])
    response = browser.post(
        url,
        {"kind": "outbound", "reason": "Necesita albergue esta noche", "urgency": "urgent"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Necesita albergue esta noche" in html
    assert "Elija la organización." in html
    assert "Este campo es obligatorio." in html  # the services
    assert Referral.objects.count() == 0


def test_sending_waits_for_every_warning_to_be_ticked(clinic, verified_client):
    # given: her "do not disclose to" list names the destination
    client, attorney = clinic["client"], clinic["attorney"]
    give_sharing_consent(client, attorney)
    DisclosureRestriction.objects.create(
        client=client, kind="other_group", name="Sin Fronteras", recorded_by=attorney
    )
    referral = services.referral_create(
        client=client,
        by=attorney,
        organisation=clinic["organisation"],
        services=["psychosocial"],
        reason="Apoyo",
    )
    browser = verified_client(attorney)
    url = reverse("referrals:referral_send", args=[referral.pk])
    page = browser.get(url).content.decode()
    assert 'value="do_not_disclose"' in page
    # when: sent without ticking it
    response = browser.post(url, {"version": 1, "sent_on": "2026-11-23"})
    # then: refused, said why, nothing sent
    assert response.status_code == 400
    assert "Lea y confirme cada advertencia antes de enviar." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "draft"
    # when: ticked
    response = browser.post(
        url, {"version": 1, "sent_on": "2026-11-23", "acknowledged": ["do_not_disclose"]}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.warnings_acknowledged) == ("sent", ["do_not_disclose"])


def test_the_history_shows_lists_and_dates_as_words_not_code(clinic, verified_client):
    give_sharing_consent(clinic["client"], clinic["attorney"])
    referral = services.referral_create(
        client=clinic["client"],
        by=clinic["attorney"],
        case=clinic["case"],
        organisation=clinic["organisation"],
        services=["psychosocial"],
        reason="Apoyo emocional",
        shared_fields=["name", "languages"],
    )
    services.referral_send(
        referral=referral, by=clinic["attorney"], sent_on=D(2026, 11, 23), version=1
    )

    page = verified_client(clinic["attorney"]).get(
        reverse("referrals:referral_history", args=[referral.pk])
    )

    text = page.content.decode()
    assert "name, languages" in text
    assert "[&#x27;" not in text and "[]" not in text
    assert "23 de noviembre de 2026" in text

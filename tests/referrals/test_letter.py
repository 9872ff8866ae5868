"""The referral letter: it prints only the details chosen on the referral (read back from the
PDF's text), in Spanish, and its download is scoped and audited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases.models import ClientPhone, DisclosureRestriction, FamilyMember
from clinic.audit.models import AuditAction, AuditEvent
from referrals import services
from referrals.choices import SharedField
from referrals.letter import letter_details
from tests.cases.document_support import pdf_text
from tests.referrals.conftest import give_sharing_consent

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def referral(clinic):
    client, attorney = clinic["client"], clinic["attorney"]
    client.curp = "BOXW310820HNERXN09"
    client.sleeping_place_detail = "Albergue Jesús el Buen Pastor"
    client.needs_interpreter = True
    client.save()
    ClientPhone.objects.create(client=client, number="+529621234567", safe_to_call=True)
    ClientPhone.objects.create(client=client, number="+529627654321", safe_to_call=False)
    FamilyMember.objects.create(
        client=client,
        relationship="child",
        given_names="Luz",
        first_surname="Peña",
        date_of_birth=D(2019, 5, 1),
        residence="with_her",
    )
    DisclosureRestriction.objects.create(
        client=client, kind="person", name="Juan Agresor", recorded_by=attorney
    )
    give_sharing_consent(client, attorney)
    referral = services.referral_create(
        client=client,
        by=attorney,
        case=clinic["case"],
        organisation=clinic["organisation"],
        office=clinic["office"],
        services=["psychosocial"],
        reason="Sobreviviente de violencia; pide acompañamiento emocional.",
        shared_fields=[SharedField.NAME, SharedField.LANGUAGES],
    )
    return services.referral_send(
        referral=referral, by=attorney, sent_on=D(2026, 11, 23), version=referral.version
    )


def _letter(browser, referral) -> str:
    response = browser.get(reverse("referrals:referral_letter", args=[referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="canalizacion-{referral}.pdf"'
    return " ".join(pdf_text(response.content).split())


def test_the_letter_holds_only_the_shared_details(clinic, referral, verified_client):
    # when
    text = _letter(verified_client(clinic["attorney"]), referral)
    # then: the destination, the services and the two shared details
    assert "CARTA DE CANALIZACIÓN" in text  # the title is in capitals
    assert "Sin Fronteras" in text
    assert "Acompañamiento psicosocial" in text
    assert "María José Peña Núñez" in text
    assert "necesita intérprete" in text
    # and nothing else about her
    for secret in (
        "12 de marzo de 1990",  # date of birth
        "962 123 4567",  # her safe phone
        "962 765 4321",  # a phone not safe to call
        "maria@example.org",
        "Tapachula",
        "BOXW310820HNERXN09",  # CURP
        "Albergue Jesús",  # where she sleeps
        "Juan Agresor",  # do not disclose to
        "Luz",  # her daughter
        "Sobreviviente",  # the reason
        clinic["case"].case_number,
        "Solicitante de asilo",  # migration status
    ):
        assert secret not in text, secret
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.DOWNLOAD, object_pk=str(referral.pk), user=clinic["attorney"]
        ).count()
        == 1
    )


def test_every_shared_detail_prints_what_the_record_holds(clinic, referral):
    referral.shared_fields = list(SharedField.values)
    details = {row["code"]: row["value"] for row in letter_details(referral, today=D(2026, 11, 23))}
    assert details == {
        "name": "María José Peña Núñez",
        "date_of_birth": "12 de marzo de 1990 (36 años)",
        "nationality": "Sin registrar",
        "languages": "Sin registrar — necesita intérprete",
        "phone": "+52 962 123 4567",
        "email": "maria@example.org",
        "city": "Tapachula, Chiapas",
        "migration_status": "Solicitante de asilo",
        "children": "Luz (7 años)",
        "case": f"{clinic['case'].case_number} — Asilo ante la COMAR",
        "reason": "Sobreviviente de violencia; pide acompañamiento emocional.",
    }


def test_a_revoked_referral_prints_no_letter_and_an_outsider_gets_404(
    clinic, referral, verified_client
):
    outsider = verified_client(clinic["outsider"])
    assert outsider.get(reverse("referrals:referral_letter", args=[referral.pk])).status_code == 404
    services.referral_transition(
        referral=referral,
        by=clinic["attorney"],
        to_status="revoked",
        on=D(2026, 11, 23),
        note="Retiró su consentimiento",
    )
    browser = verified_client(clinic["attorney"])
    response = browser.get(reverse("referrals:referral_letter", args=[referral.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()


def _draft(clinic, **fields):
    """A draft referral of her case to Sin Fronteras that shares her name."""
    return services.referral_create(
        **{
            "client": clinic["client"],
            "by": clinic["attorney"],
            "case": clinic["case"],
            "organisation": clinic["organisation"],
            "office": clinic["office"],
            "services": ["psychosocial"],
            "reason": "Apoyo emocional",
            "shared_fields": [SharedField.NAME],
            **fields,
        }
    )


def test_the_letter_says_she_agreed_only_when_her_consent_was_relied_on(
    clinic, referral, verified_client
):
    attorney = verified_client(clinic["attorney"])
    assert "Ella está de acuerdo con esta canalización." in _letter(attorney, referral)

    draft = _draft(clinic)
    internal = _draft(
        clinic, kind="internal", organisation=None, office=None, internal_team="psychosocial"
    )
    internal = services.referral_send(
        referral=internal, by=clinic["attorney"], sent_on=D(2026, 11, 23), version=internal.version
    )
    assert "de acuerdo" not in _letter(attorney, draft)  # the gate has not run yet
    assert "de acuerdo" not in _letter(attorney, internal)  # no consent was asked for


def test_a_drafts_letter_is_printed_only_by_those_who_may_send_it(clinic, verified_client):
    draft = _draft(clinic)
    url = reverse("referrals:referral_letter", args=[draft.pk])
    teammate = verified_client(clinic["teammate"])  # reads her referrals, not on the case
    assert teammate.get(reverse("referrals:referral_detail", args=[draft.pk])).status_code == 200

    refused = teammate.get(url)

    assert refused.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()
    assert "DRAFT" not in refused.content.decode()
    page = teammate.get(reverse("referrals:referral_detail", args=[draft.pk]))
    assert 'data-testid="letter"' not in page.content.decode()
    assert _letter(verified_client(clinic["coordinator"]), draft)


def test_a_sent_letter_is_no_longer_printed_once_she_withdraws_her_consent(
    clinic, referral, verified_client
):
    from cases.services.consent import consent_record

    consent_record(
        client=clinic["client"], by=clinic["attorney"], purpose="sharing", decision="withdrawn"
    )
    browser = verified_client(clinic["attorney"])

    response = browser.get(reverse("referrals:referral_letter", args=[referral.pk]))

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()
    page = browser.get(reverse("referrals:referral_detail", args=[referral.pk])).content.decode()
    assert 'data-testid="letter-refusal"' in page
    assert 'data-testid="letter"' not in page

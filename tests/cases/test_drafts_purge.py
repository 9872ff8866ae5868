"""Unfinished intake drafts are purged after 30 days, history included; nothing else is."""

import pytest
import time_machine

from cases import choices
from cases.models import Client, Consent, ViolenceIncident, ViolenceIncidentType
from cases.services.clients import drafts_purge_stale
from cases.services.consent import consent_record
from cases.tasks import purge_stale_drafts
from tests.cases.factories import ClientFactory, PrivacyNoticeFactory


@pytest.mark.django_db
def test_a_draft_untouched_for_30_days_is_deleted_with_its_history(make_user):
    # given: on 1 October, a draft with consent, and a submitted client
    staff = make_user("intake")
    PrivacyNoticeFactory()
    with time_machine.travel("2026-10-01 10:00 -06:00", tick=False):
        draft = ClientFactory(status=choices.ClientStatus.DRAFT, registered_by=staff)
        consent_record(
            client=draft, by=staff, purpose="legal_services", decision="given", method="signature"
        )
        incident = ViolenceIncident.objects.create(
            client=draft, perpetrator="gang", place="transit", recorded_by=staff
        )
        incident.types.create(violence_type="sexual")
        kept = ClientFactory(status=choices.ClientStatus.SUBMITTED, registered_by=staff)
    # when: 29 days later nothing goes; 31 days later the draft goes
    with time_machine.travel("2026-10-30 10:00 -06:00", tick=False):
        assert drafts_purge_stale() == 0
    with time_machine.travel("2026-11-01 11:00 -06:00", tick=False):
        removed = purge_stale_drafts()
    # then
    assert removed == 1
    assert list(Client.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Consent.objects.filter(client_id=draft.pk).exists()
    assert not Client.history.filter(id=draft.pk).exists()
    assert not Consent.history.filter(client_id=draft.pk).exists()
    assert not ViolenceIncidentType.history.filter(incident_id=incident.pk).exists()
    assert Client.history.filter(id=kept.pk).exists()


@pytest.mark.django_db
def test_a_draft_edited_recently_is_kept(make_user):
    staff = make_user("intake")
    with time_machine.travel("2026-10-01 10:00 -06:00", tick=False):
        draft = ClientFactory(status=choices.ClientStatus.DRAFT, registered_by=staff)
    with time_machine.travel("2026-10-25 10:00 -06:00", tick=False):
        draft.current_city = "Tapachula"
        draft.save()

    with time_machine.travel("2026-11-05 10:00 -06:00", tick=False):
        assert drafts_purge_stale() == 0
    assert Client.objects.filter(pk=draft.pk).exists()

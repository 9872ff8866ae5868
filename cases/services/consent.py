"""Consent per purpose.

Records are appended; the current state of a purpose is its latest record:

* no record → NOT_RECORDED;
* latest is "withdrawn" → WITHDRAWN (withdrawal is always possible);
* latest is "given" by signature or fingerprint with a witness → GIVEN;
* latest is "given" verbally with a witness → PENDING_SIGNATURE: it lets the clinic start
  work, but the referral and statistics gates stay closed until a signed form is recorded.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from cases import choices
from cases.models import Client, Consent, PrivacyNotice

from .common import save_tracked

SIGNED_METHODS = {choices.ConsentMethod.SIGNATURE, choices.ConsentMethod.FINGERPRINT}


def consent_state_of(record: Consent | None) -> str:
    if record is None:
        return choices.ConsentState.NOT_RECORDED
    if record.decision == choices.ConsentDecision.WITHDRAWN:
        return choices.ConsentState.WITHDRAWN
    if record.method in SIGNED_METHODS:
        return choices.ConsentState.GIVEN
    return choices.ConsentState.PENDING_SIGNATURE


def consent_states(*, client: Client) -> dict[str, str]:
    """purpose → current state, for every purpose (one query)."""
    latest = {}
    for record in Consent.objects.filter(client=client).order_by("purpose", "-recorded_at", "-pk"):
        latest.setdefault(record.purpose, record)
    return {
        purpose: consent_state_of(latest.get(purpose)) for purpose in choices.ConsentPurpose.values
    }


def consent_latest(*, client: Client, purpose: str) -> Consent | None:
    return (
        Consent.objects.filter(client=client, purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .first()
    )


def consent_allows(*, client: Client, purpose: str) -> bool:
    """The gate: True only for a current, signed (or fingerprinted) consent."""
    return consent_state_of(consent_latest(client=client, purpose=purpose)) == (
        choices.ConsentState.GIVEN
    )


def latest_consent_subquery(purpose: str, field: str = "decision") -> Subquery:
    """For list annotations: the latest record's ``field`` for ``purpose``."""
    return Subquery(
        Consent.objects.filter(client=OuterRef("pk"), purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .values(field)[:1]
    )


def consent_lock(client_id: int) -> None:
    """Lock the client's row until the transaction ends. Recording a consent and acting on
    one (sending a referral through the gate) both take it, so a withdrawal and a send at the
    same moment happen one after the other: the send sees the withdrawal, or the withdrawal
    comes after the send."""
    list(Client.objects.select_for_update().filter(pk=client_id).values_list("pk", flat=True))


def privacy_notice_current() -> PrivacyNotice | None:
    return PrivacyNotice.objects.order_by("-version").first()


@transaction.atomic
def consent_record(
    *,
    client: Client,
    by,
    purpose: str,
    decision: str,
    method: str = "",
    witness_name: str = "",
    notice: PrivacyNotice | None = None,
    note: str = "",
) -> Consent:
    """Append a consent record. Giving consent needs a method (and a witness for fingerprint
    or verbal consent); withdrawing needs neither and is always accepted."""
    notice = notice or privacy_notice_current()
    if notice is None:
        raise ValidationError(
            _("An administrator must publish the privacy notice before consent can be recorded.")
        )
    if decision == choices.ConsentDecision.GIVEN:
        if not method:
            raise ValidationError({"method": _("Say how she gave her consent.")})
        if method != choices.ConsentMethod.SIGNATURE and not witness_name.strip():
            raise ValidationError(
                {"witness_name": _("Fingerprint and verbal consent need a witness's name.")}
            )
    else:
        method = ""  # withdrawal needs no form: it is always accepted
    consent_lock(client.pk)
    record = Consent(
        client=client,
        purpose=purpose,
        decision=decision,
        method=method,
        witness_name=witness_name.strip(),
        notice=notice,
        recorded_by=by,
        note=note,
    )
    save_tracked(record, by=by, reason=_("Consent recorded"))
    return record

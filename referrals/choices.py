"""Choices of the referrals app. Values are stable codes (stored and exported); labels are
English msgids translated where they are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReferralKind(models.TextChoices):
    OUTBOUND = "outbound", _("To a partner organisation")
    INTERNAL = "internal", _("Internal (the clinic's own team)")


class InternalTeam(models.TextChoices):
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial team")
    SOCIAL_WORK = "social_work", _("Social work")
    LEGAL = "legal", _("Another legal team")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    PRIORITY = "priority", _("Priority")
    URGENT = "urgent", _("Urgent (today)")


class ReferralStatus(models.TextChoices):
    # "referral" context: Spanish agrees with "la canalización" (enviada, aceptada…).
    DRAFT = "draft", pgettext_lazy("referral", "Draft")
    SENT = "sent", pgettext_lazy("referral", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral", "Accepted")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")
    DECLINED = "declined", _("Declined by the organisation")
    NO_SHOW = "no_show", _("She did not attend")
    REVOKED = "revoked", pgettext_lazy("referral", "Revoked")


OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
CLOSED_STATUSES = (
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
    ReferralStatus.NO_SHOW,
    ReferralStatus.REVOKED,
)

#: status → the statuses it may move to (the lifecycle of issue 6).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReferralStatus.DRAFT: (ReferralStatus.SENT, ReferralStatus.REVOKED),
    ReferralStatus.SENT: (
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
        ReferralStatus.NO_SHOW,
        ReferralStatus.REVOKED,
    ),
    ReferralStatus.ACCEPTED: (
        ReferralStatus.COMPLETED,
        ReferralStatus.NO_SHOW,
        ReferralStatus.REVOKED,
    ),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.DECLINED: (),
    ReferralStatus.NO_SHOW: (),
    ReferralStatus.REVOKED: (),
}


def transitions_by_hand(status: str) -> tuple[str, ...]:
    """The statuses a person may move a referral to from ``status`` on its page: all of
    ``TRANSITIONS`` but "sent", which only the send page records (the consent gate, the
    warnings, the follow-up)."""
    return tuple(to for to in TRANSITIONS.get(status, ()) if to != ReferralStatus.SENT)


class SharedField(models.TextChoices):
    """What the referral letter may say about her. Only the fields chosen on a referral are
    printed; the catalogue deliberately leaves out the violence record, the narrative, the
    "do not disclose" list, identity-document numbers and where she sleeps."""

    NAME = "name", _("Her name")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth and age")
    NATIONALITY = "nationality", _("Nationality")
    LANGUAGES = "languages", _("Languages and interpreter need")
    PHONE = "phone", _("Phone numbers marked safe to call")
    EMAIL = "email", _("E-mail")
    CITY = "city", _("State and city where she lives")
    MIGRATION_STATUS = "migration_status", _("Migration status")
    CHILDREN = "children", _("Children travelling with her (first names and ages)")
    CASE = "case", _("Case number and type of procedure")
    REASON = "reason", _("The reason for the referral")


DEFAULT_SHARED_FIELDS = (SharedField.NAME, SharedField.LANGUAGES)


class FollowUpOutcome(models.TextChoices):
    ATTENDED = "attended", _("She attended")
    PENDING = "pending", _("Still waiting")
    NOT_REACHED = "not_reached", _("Could not reach the organisation")
    MISSED = "missed", _("She missed the appointment")
    OTHER = "other", _("Other")

"""Referrals: the clinic sending a woman to a partner organisation or its own team (outbound and
internal), and the record of who referred her to the clinic (inbound). See docs/referrals.md.

Nothing here is deleted by staff: a referral is revoked, an inbound referral archived. Every
change is in the history (django-simple-history) and every status change is also a
``ReferralEvent`` row, dated, with who and why — the lifecycle the statistics read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.base import ArchivableModel, VersionedModel
from directory.choices import Service

from . import choices


class Referral(VersionedModel):
    client = models.ForeignKey(
        "cases.Client",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("client"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("case"),
    )
    kind = models.CharField(
        _("referral to"),
        max_length=10,
        choices=choices.ReferralKind.choices,
        default=choices.ReferralKind.OUTBOUND,
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("organisation"),
    )
    office = models.ForeignKey(
        "directory.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("office"),
    )
    internal_team = models.CharField(
        _("team"), max_length=20, choices=choices.InternalTeam.choices, blank=True
    )
    reason = models.TextField(
        _("reason"),
        help_text=_("Why she is referred. Printed on the letter only if you choose to share it."),
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=10,
        choices=choices.Urgency.choices,
        default=choices.Urgency.ROUTINE,
    )
    shared_fields = models.JSONField(
        _("information shared"),
        default=list,
        blank=True,
        help_text=_("Only these details about her are printed on the referral letter."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.ReferralStatus.choices,
        default=choices.ReferralStatus.DRAFT,
        db_index=True,
    )
    ongoing = models.BooleanField(
        _("ongoing support"),
        default=False,
        help_text=_(
            "For support that goes on (e.g. emotional support): each follow-up schedules the next."
        ),
    )
    followup_deadline = models.ForeignKey(
        "cases.Deadline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next follow-up"),
    )
    delivery_deadline = models.ForeignKey(
        "cases.Deadline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expected delivery"),
        help_text=_(
            "When the organisation needs notice (its lead time, e.g. an expert declaration): "
            "the day to check it delivered."
        ),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals_made",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True, db_index=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("When it was completed, declined, missed or revoked."),
    )
    # The consent gate: the signed sharing consent seen when it was sent, or a coordinator's
    # written override.
    consent_checked = models.ForeignKey(
        "cases.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent relied on"),
    )
    consent_override_reason = models.TextField(_("reason for sending without consent"), blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent gate overridden by"),
    )
    warnings_acknowledged = models.JSONField(
        _("warnings acknowledged"),
        default=list,
        blank=True,
        help_text=_("The safety warnings shown and acknowledged when it was sent."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["client", "-created_at"], name="referral_client"),
            models.Index(fields=["organisation", "status"], name="referral_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="outbound", organisation__isnull=False, internal_team="")
                    | Q(kind="internal", organisation__isnull=True, office__isnull=True)
                    & ~Q(internal_team="")
                ),
                name="referral_destination",
            ),
            models.CheckConstraint(
                condition=Q(consent_override_by__isnull=True, consent_override_reason="")
                | Q(consent_override_by__isnull=False) & ~Q(consent_override_reason=""),
                name="referral_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(sent_on__isnull=False) | Q(status="revoked"),
                name="referral_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def is_outbound(self) -> bool:
        return self.kind == choices.ReferralKind.OUTBOUND

    @property
    def is_open(self) -> bool:
        return self.status in choices.OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in choices.CLOSED_STATUSES


class ReferralService(models.Model):
    """One service requested on a referral (a row each, so statistics count them in SQL)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="services", verbose_name=_("referral")
    )
    service = models.CharField(_("service"), max_length=30, choices=Service.choices)

    class Meta:
        verbose_name = _("service requested")
        verbose_name_plural = _("services requested")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "service"], name="referral_service_once")
        ]

    def __str__(self) -> str:
        return self.service


class ReferralEvent(models.Model):
    """A dated step of the lifecycle (created, sent, accepted, completed, declined, no-show,
    revoked) or a follow-up. Appended, never edited."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        FOLLOW_UP = "follow_up", _("Follow-up")
        OVERRIDE = "override", _("Consent gate overridden")

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    from_status = models.CharField(
        _("from"), max_length=10, choices=choices.ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=10, choices=choices.ReferralStatus.choices, blank=True
    )
    on = models.DateField(_("date"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=choices.FollowUpOutcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["referral", "at"], name="referral_event_order")]

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.kind}:{self.to_status or self.outcome}"


class InboundReferral(ArchivableModel):
    """Who referred her to the clinic: an organisation of the directory (or, when it is not
    there, its name), when, and for what."""

    client = models.ForeignKey(
        "cases.Client",
        on_delete=models.PROTECT,
        related_name="inbound_referrals",
        verbose_name=_("client"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_referrals",
        verbose_name=_("organisation"),
    )
    office = models.ForeignKey(
        "directory.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_referrals",
        verbose_name=_("office"),
    )
    other_source = models.CharField(
        _("other source"),
        max_length=200,
        blank=True,
        help_text=_("When the organisation is not in the directory: its name."),
    )
    received_on = models.DateField(_("referred on"))
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inbound referral")
        verbose_name_plural = _("inbound referrals")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(other_source=""),
                name="inbound_referral_has_source",
            )
        ]

    def __str__(self) -> str:
        return f"IR-{self.pk}"

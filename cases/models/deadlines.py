"""Deadlines, the rules that compute them, declared closures, and the COMAR signature
(docs/deadlines.md). The arithmetic is in ``cases.deadlines`` (pure Python, golden-tested)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices
from cases.deadlines.calendars import CalendarCode
from cases.deadlines.engine import DeadlineKind, Unit

from .base import VersionedModel
from .casework import Case, CaseEvent
from .clients import Client


class DeadlineRule(models.Model):
    """One row of the legal deadline table (DOMAIN.md), kept as data. ``code`` never changes;
    administrators may correct the other fields (history kept) after legal review."""

    code = models.SlugField(_("rule id"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=12, choices=DeadlineKind.choices)
    period = models.PositiveIntegerField(_("period"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    calendar = models.CharField(_("calendar"), max_length=10, choices=CalendarCode.choices)
    trigger = models.CharField(_("trigger event"), max_length=40)
    start_same_day = models.BooleanField(_("counting starts the same day"), default=False)
    roll_forward = models.BooleanField(_("moves to the next business day"), default=True)
    month_end_last_day = models.BooleanField(_("month end: last day of the month"), default=True)
    extension_period = models.PositiveIntegerField(_("extension"), default=0)
    offset_days = models.IntegerField(
        _("offset in days"), default=0, help_text=_("Negative: N days before the computed date.")
    )
    source = models.CharField(_("source article"), max_length=200, blank=True)
    unverified = models.BooleanField(
        _("to be verified"),
        default=False,
        help_text=_("Shown with 'review with a supervising attorney'."),
    )
    late_filing_allowed = models.BooleanField(_("late filing admissible"), default=False)
    authority = models.CharField(
        _("authority"), max_length=20, choices=choices.Authority.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class DeclaredClosure(VersionedModel):
    """Days an authority declared non-working (DOF or acuerdo). It moves dates later, so it
    only counts once a second person approved it."""

    authority = models.CharField(_("authority"), max_length=20, choices=choices.Authority.choices)
    state = models.CharField(
        _("state"),
        max_length=6,
        choices=choices.MexicanState.choices,
        blank=True,
        help_text=_("Leave empty when the closure applies to every office."),
    )
    office = models.CharField(_("office"), max_length=120, blank=True)
    start_date = models.DateField(_("first day closed"))
    end_date = models.DateField(_("last day closed"))
    reference = models.CharField(
        _("official reference"), max_length=200, help_text=_("DOF publication or acuerdo.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.ClosureStatus.choices,
        default=choices.ClosureStatus.PENDING,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or rejected by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declared closure")
        verbose_name_plural = _("declared closures")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="closure_range_valid"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("recorded_by")),
                name="closure_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_authority_display()} {self.start_date} - {self.end_date}"


class Deadline(VersionedModel):
    """A date someone must act on: the clinic's deadline, an authority's watch date, or an
    appointment. It belongs to a case or, for matters outside any case, to a client."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("case"),
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("client"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DeadlineKind.choices)
    rule = models.ForeignKey(
        DeadlineRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("rule"),
    )
    title = models.CharField(_("title"), max_length=200)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("responsible"),
    )
    source_event = models.ForeignKey(
        CaseEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("source event"),
    )
    source_label = models.CharField(_("source"), max_length=200, blank=True)
    alternative_group = models.CharField(
        _("alternative routes"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Deadlines for alternative routes: choosing one cancels the others."),
    )
    strategy = models.CharField(
        _("route"), max_length=10, choices=choices.Strategy.choices, blank=True
    )
    # Computation (for rule-based deadlines)
    authority = models.CharField(
        _("authority"), max_length=20, choices=choices.Authority.choices, blank=True
    )
    authority_state = models.CharField(
        _("authority's state"), max_length=6, choices=choices.MexicanState.choices, blank=True
    )
    trigger_date = models.DateField(_("start event date"), null=True, blank=True)
    trigger_at = models.DateTimeField(_("start event date and time"), null=True, blank=True)
    alt_trigger_date = models.DateField(_("alternative start date"), null=True, blank=True)
    extended = models.BooleanField(_("extension applied"), default=False)
    computed_date = models.DateField(_("computed date"), null=True, blank=True)
    without_closures = models.DateField(_("date without closures"), null=True, blank=True)
    later_alternative = models.DateField(_("later alternative"), null=True, blank=True)
    computation = models.JSONField(_("computation"), default=dict, blank=True)
    override_date = models.DateField(_("date set by the attorney"), null=True, blank=True)
    override_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    # What everyone sees and sorts by: the override if any, else the computed date.
    due_date = models.DateField(_("deadline date"), db_index=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    # Appointment details
    appointment_kind = models.CharField(
        _("appointment"), max_length=20, choices=choices.AppointmentKind.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_booked = models.BooleanField(_("interpreter booked"), default=False)
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accompanied by"),
    )
    # State
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.DeadlineStatus.choices,
        default=choices.DeadlineStatus.PENDING,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    action_created = models.BooleanField(
        _("follow-up created"),
        default=False,
        help_text=_("For watch dates: the follow-up action was created when the date passed."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("Empty when the system created it (a periodic job)."),
    )

    history = HistoricalRecords(excluded_fields=["computation"])

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(case__isnull=False) & Q(client__isnull=True))
                | (Q(case__isnull=True) & Q(client__isnull=False)),
                name="deadline_belongs_to_case_or_client",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="deadline_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(override_date__isnull=True) | ~Q(override_reason=""),
                name="deadline_override_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "kind", "due_date"],
                name="deadline_pending_due",
                condition=Q(status="pending"),
            ),
            models.Index(fields=["responsible", "status", "due_date"], name="deadline_resp"),
            models.Index(fields=["case", "status", "kind", "due_date"], name="deadline_case"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.due_date:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        return self.status == choices.DeadlineStatus.PENDING


class SignatureSchedule(models.Model):
    """The COMAR signature (firma) the client must attend: weekday and frequency COMAR set
    (Reglamento LRPCAP art. 24). A missed signature can end the claim as abandoned."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="signature_schedules", verbose_name=_("case")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=choices.Weekday.choices)
    every_weeks = models.PositiveSmallIntegerField(
        _("frequency"),
        default=choices.SignatureFrequency.WEEKLY,
        choices=choices.SignatureFrequency.choices,
    )
    starts_on = models.DateField(_("first signature"))
    ends_on = models.DateField(_("last signature"), null=True, blank=True)
    office = models.CharField(_("COMAR office"), max_length=120, blank=True)
    state = models.CharField(
        _("state"), max_length=6, choices=choices.MexicanState.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature schedule")
        verbose_name_plural = _("signature schedules")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_weekday_display()}"


class SignatureOccurrence(models.Model):
    schedule = models.ForeignKey(
        SignatureSchedule, on_delete=models.CASCADE, related_name="occurrences"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("case")
    )
    due_on = models.DateField(_("date"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.SignatureStatus.choices,
        default=choices.SignatureStatus.PENDING,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "due_on"], name="signature_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"


class StateTransferAuthorisation(models.Model):
    """COMAR's authorisation to continue the claim in another state: moving without it counts
    as abandonment."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("case")
    )
    from_state = models.CharField(_("from"), max_length=6, choices=choices.MexicanState.choices)
    to_state = models.CharField(_("to"), max_length=6, choices=choices.MexicanState.choices)
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices.TransferStatus.choices,
        default=choices.TransferStatus.REQUESTED,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state transfer authorisation")
        verbose_name_plural = _("state transfer authorisations")
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_state}→{self.to_state}"


class CalendarFeed(models.Model):
    """A staff member's private calendar (ICS) address. Only a hash of the secret is stored;
    regenerating or revoking it ends the old address at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("staff member"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}"

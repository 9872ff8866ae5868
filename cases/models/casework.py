"""Cases: the legal matters the clinic handles for a client, their stages, team, events and
timeline notes. Deadlines live in ``deadlines.py``; the rules that compute them in
``cases.deadlines`` (docs/deadlines.md)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases import choices

from .base import ArchivableModel, VersionedModel
from .clients import Client
from .family import FamilyMember


class CaseStage(models.Model):
    """A stage of a case type. ``code`` never changes (services and reports key on it); the
    label and order are the clinic's to edit."""

    case_type = models.CharField(_("case type"), max_length=20, choices=choices.CaseType.choices)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case stage")
        verbose_name_plural = _("case stages")
        ordering = ["case_type", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "code"], name="case_stage_code_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Case(VersionedModel, ArchivableModel):
    """One legal matter of a principal client (and the family members who depend on it)."""

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="cases", verbose_name=_("client")
    )
    sequence = models.PositiveSmallIntegerField(_("sequence"), editable=False)
    case_number = models.CharField(_("case number"), max_length=30, unique=True, editable=False)
    case_type = models.CharField(_("case type"), max_length=20, choices=choices.CaseType.choices)
    stage = models.ForeignKey(
        CaseStage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.CaseStatus.choices,
        default=choices.CaseStatus.OPEN,
        db_index=True,
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=choices.CaseOutcome.choices, blank=True
    )
    dependants = models.ManyToManyField(
        FamilyMember,
        through="CaseDependant",
        related_name="cases",
        blank=True,
        verbose_name=_("dependants"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_cases",
        verbose_name=_("supervising coordinator"),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    grant_tag = models.CharField(
        _("grant or project"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("The funder's project this case is reported under."),
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only coordinators and the attorneys assigned to this case can open it."),
    )
    summary = models.TextField(_("summary"), blank=True)
    # Authority data
    comar_office = models.CharField(_("COMAR office"), max_length=120, blank=True)
    comar_state = models.CharField(
        _("state where she filed"),
        max_length=6,
        choices=choices.MexicanState.choices,
        blank=True,
        help_text=_("The constancia is valid only in this state."),
    )
    constancia_number = models.CharField(_("constancia number"), max_length=60, blank=True)
    constancia_valid_until = models.DateField(_("constancia valid until"), null=True, blank=True)
    comar_folio = models.CharField(_("COMAR folio"), max_length=60, blank=True)
    inm_number = models.CharField(_("INM file number"), max_length=60, blank=True)
    prosecutor_file = models.CharField(
        _("prosecutor's case file (carpeta)"), max_length=80, blank=True
    )
    prosecutor_office = models.CharField(_("prosecutor's office"), max_length=120, blank=True)
    court_file = models.CharField(_("court file"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    # Derived, kept by ``cases.services.deadlines.case_next_deadline_refresh`` whenever one of
    # the case's deadlines changes: "Mis casos" sorts and shows it without a subquery per row.
    next_deadline = models.ForeignKey(
        "cases.Deadline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    next_due = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["next_deadline", "next_due"])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["case_number"]
        constraints = [
            models.UniqueConstraint(fields=["client", "sequence"], name="case_sequence_unique"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "case_type"], name="case_status_type"),
            models.Index(fields=["next_due", "id"], name="case_next_due"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status != choices.CaseStatus.CLOSED


class CaseDependant(models.Model):
    """A family member who shares the case (asylum: LRPCAP art. 12)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dependant_links")
    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.PROTECT, related_name="case_links"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dependant")
        verbose_name_plural = _("dependants")
        constraints = [
            models.UniqueConstraint(fields=["case", "family_member"], name="case_dependant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.family_member_id}"


class CaseAssignment(models.Model):
    """An attorney responsible for a case. Her open assignments keep her on the client's team
    (``ClientAssignment``), which is what scopes her reads."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("attorney"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(ended_at__isnull=True),
                name="case_assignment_open_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "case"],
                condition=Q(ended_at__isnull=True),
                name="case_assignment_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}→{self.user_id}"


class CaseEvent(ArchivableModel):
    """Something that happened in the case and has legal effects: services compute deadlines
    from it (docs/deadlines.md)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("event"), max_length=30, choices=choices.EventKind.choices)
    occurred_on = models.DateField(_("date"))
    occurred_at = models.DateTimeField(
        _("date and time"),
        null=True,
        blank=True,
        help_text=_("Needed for detention: the 36-hour clock counts hours."),
    )
    authority = models.CharField(
        _("authority"), max_length=20, choices=choices.Authority.choices, blank=True
    )
    office = models.CharField(_("office"), max_length=120, blank=True)
    result = models.CharField(
        _("result"), max_length=20, choices=choices.DecisionResult.choices, blank=True
    )
    notification_method = models.CharField(
        _("notification method"),
        max_length=12,
        choices=choices.NotificationMethod.choices,
        blank=True,
    )
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    knowledge_on = models.DateField(
        _("date she learned of it"),
        null=True,
        blank=True,
        help_text=_("If she learned of the act before the notification, the earlier date counts."),
    )
    challenges = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("decision challenged"),
    )
    strategy = models.CharField(
        _("strategy"), max_length=10, choices=choices.Strategy.choices, blank=True
    )
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("For a card or a temporary CURP: its expiry date."),
    )
    reference = models.CharField(_("reference or folio"), max_length=80, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%Y-%m-%d}"


class CaseNote(ArchivableModel):
    """A timeline entry beside the events: a note, a call, a meeting, a document sent."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=choices.NoteKind.choices, default=choices.NoteKind.NOTE
    )
    happened_on = models.DateField(_("date"))
    body = models.TextField(_("text"), max_length=5000)
    is_restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only coordinators and the client's team can read it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on:%Y-%m-%d}"

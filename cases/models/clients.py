"""Clients (usuarias), the privacy notice, and what intake records about a client."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases import choices
from cases.identifiers import normalize_name

from .base import ArchivableModel, VersionedModel


def spanish_sort_key(text: str) -> str:
    """A key that sorts like Spanish: case and accents ignored, "ñ" after "n" and before "o"
    ("Alba, Ángel, Nube, Ñu, Zapata"), the same on SQLite and PostgreSQL whatever the
    database collation."""
    characters: list[str] = []
    for character in unicodedata.normalize("NFD", text.casefold()):
        if character == "\u0303" and characters and characters[-1] == "n":
            characters[-1] = "n{"  # "{" sorts after "z": ñ comes after every n-word
        elif not unicodedata.combining(character):
            characters.append(character if character.isalnum() else " ")
    return " ".join("".join(characters).split())


class PrivacyNotice(models.Model):
    """The aviso de privacidad, versioned. Administrators publish new versions; every consent
    record points at the version the client was shown."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Must mark sensitive data and explain how to exercise ARCO rights.")
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} — {self.title}"


class Language(models.Model):
    """Languages she speaks (an editable list: Spanish, English, French, Haitian Creole and
    indigenous languages such as K'iche', Mam, Q'eqchi', Garifuna, Miskito…)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_indigenous = models.BooleanField(_("indigenous language"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Client(VersionedModel, ArchivableModel):
    """A migrant woman the clinic serves. Lists, e-mails and exports use ``client_code``, never
    her name."""

    client_code = models.CharField(_("client code"), max_length=20, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=choices.ClientStatus.choices,
        default=choices.ClientStatus.DRAFT,
        db_index=True,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="registered_clients",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("intake submitted at"), null=True, blank=True)
    intake_date = models.DateField(
        _("intake date"),
        null=True,
        blank=True,
        help_text=_("The day the intake was submitted; statistics count her as new from it."),
    )

    # Person
    given_names = models.CharField(_("given names"), max_length=120)
    first_surname = models.CharField(_("first surname"), max_length=80)
    second_surname = models.CharField(_("second surname"), max_length=80, blank=True)
    preferred_name = models.CharField(
        _("preferred name"),
        max_length=120,
        blank=True,
        help_text=_("The name she wants to be called by."),
    )
    gender_identity = models.CharField(
        _("gender identity"),
        max_length=20,
        choices=choices.GenderIdentity.choices,
        default=choices.GenderIdentity.WOMAN,
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_estimated = models.BooleanField(
        _("date of birth is estimated"),
        default=False,
        help_text=_("Tick when she does not know the exact date."),
    )
    is_stateless = models.BooleanField(_("stateless"), default=False)
    country_of_birth = CountryField(_("country of birth"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="clients", verbose_name=_("languages")
    )
    other_languages = models.CharField(_("other languages"), max_length=200, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    indigenous_identity = models.CharField(
        _("indigenous identity"),
        max_length=10,
        choices=choices.YesNoUnknown.choices,
        default=choices.YesNoUnknown.UNKNOWN,
    )
    indigenous_people = models.CharField(
        _("indigenous people"), max_length=100, blank=True, help_text=_("e.g. Maya K'iche'.")
    )
    wg_seeing = models.PositiveSmallIntegerField(
        _("difficulty seeing"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    wg_hearing = models.PositiveSmallIntegerField(
        _("difficulty hearing"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    wg_walking = models.PositiveSmallIntegerField(
        _("difficulty walking"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    wg_cognition = models.PositiveSmallIntegerField(
        _("difficulty remembering or concentrating"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    wg_self_care = models.PositiveSmallIntegerField(
        _("difficulty with self-care"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    wg_communication = models.PositiveSmallIntegerField(
        _("difficulty communicating"),
        choices=choices.WashingtonGroupAnswer.choices,
        null=True,
        blank=True,
    )
    lgbtiq = models.CharField(
        _("LBTIQ+"),
        max_length=10,
        choices=choices.YesNoUnknown.choices,
        default=choices.YesNoUnknown.UNKNOWN,
        help_text=_("Optional. Ask only if she is safe."),
    )
    curp = models.CharField(_("CURP"), max_length=18, blank=True)

    # Contact and safety of contact
    email = models.EmailField(_("e-mail"), blank=True)
    sleeping_place = models.CharField(
        _("where she sleeps tonight"),
        max_length=20,
        choices=choices.SleepingPlace.choices,
        blank=True,
    )
    sleeping_place_detail = models.CharField(
        _("details of where she sleeps"), max_length=200, blank=True
    )
    notification_address = models.TextField(
        _("address for official notifications"),
        blank=True,
        help_text=_("May differ from where she sleeps (e.g. a shelter or the clinic)."),
    )
    current_state = models.CharField(
        _("current state"),
        max_length=6,
        choices=choices.MexicanState.choices,
        blank=True,
        db_index=True,
    )
    current_city = models.CharField(_("current city"), max_length=100, blank=True)

    # Migration status
    migration_status = models.CharField(
        _("migration status"),
        max_length=20,
        choices=choices.MigrationStatus.choices,
        blank=True,
        db_index=True,
    )
    migration_status_other = models.CharField(_("other status"), max_length=200, blank=True)
    detention_place = models.CharField(_("place of detention"), max_length=200, blank=True)
    detained_at = models.DateTimeField(_("detained at (date and time)"), null=True, blank=True)
    inm_file_number = models.CharField(_("INM file number"), max_length=60, blank=True)
    asylum_requested_in_detention = models.BooleanField(
        _("asked for asylum in detention"), default=False
    )
    is_pregnant = models.BooleanField(_("pregnant"), default=False)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    referral_source = models.CharField(
        _("how she reached the clinic"),
        max_length=20,
        choices=choices.ReferralSource.choices,
        blank=True,
    )
    referral_source_detail = models.CharField(
        _("referred by"),
        max_length=200,
        blank=True,
        help_text=_("The organisation, hotline or person."),
    )

    # Journey
    entry_date = models.DateField(_("date of entry to Mexico"), null=True, blank=True)
    entry_date_estimated = models.BooleanField(_("entry date is estimated"), default=False)
    entry_place = models.CharField(_("place of entry"), max_length=200, blank=True)
    filing_possible_date = models.DateField(
        _("date filing became materially possible"),
        null=True,
        blank=True,
        help_text=_("e.g. the day she was freed, if she was held captive."),
    )
    filing_possible_reason = models.CharField(
        _("why filing was not possible before"), max_length=300, blank=True
    )
    prior_comar_filing = models.BooleanField(
        _("already pre-registered or filed with COMAR/INM"), default=False
    )
    prior_filing_authority = models.CharField(
        _("authority"),
        max_length=10,
        blank=True,
        choices=[("comar", "COMAR"), ("inm", "INM")],
    )
    prior_filing_office = models.CharField(_("office"), max_length=120, blank=True)
    prior_filing_state = models.CharField(
        _("state"), max_length=6, choices=choices.MexicanState.choices, blank=True
    )
    prior_filing_date = models.DateField(_("date"), null=True, blank=True)

    # Needs
    needs_note = models.TextField(
        _("needs and urgency"),
        blank=True,
        help_text=_("What she needs and how urgent it is, in a few lines."),
    )

    # Normalised columns for search and duplicate detection (casefolded, accents stripped).
    norm_given_names = models.CharField(max_length=120, editable=False, db_index=True)
    norm_first_surname = models.CharField(max_length=80, editable=False, db_index=True)
    norm_second_surname = models.CharField(max_length=80, editable=False, db_index=True)
    norm_full_name = models.CharField(max_length=300, editable=False)
    sort_name = models.CharField(max_length=300, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "norm_given_names",
            "norm_first_surname",
            "norm_second_surname",
            "norm_full_name",
            "sort_name",
        ]
    )

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["curp"], condition=~Q(curp=""), name="client_curp_unique"
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(is_pregnant=True),
                name="client_due_date_only_when_pregnant",
            ),
        ]
        indexes = [
            # The client list: active clients in Spanish order (also serves its count).
            models.Index(
                fields=["sort_name", "id"],
                condition=Q(archived_at__isnull=True),
                name="client_active_sorted",
            ),
            # Counting active clients: an index-only scan instead of reading every row.
            models.Index(
                fields=["id"], condition=Q(archived_at__isnull=True), name="client_active_ids"
            ),
            models.Index(fields=["status", "submitted_at"], name="client_queue"),
            models.Index(fields=["registered_by", "status"], name="client_registered_by"),
            models.Index(fields=["date_of_birth"], name="client_dob"),
        ]

    def __str__(self) -> str:
        return self.client_code

    def save(self, *args, **kwargs):
        # Derived columns that must never go stale: kept here rather than in every service.
        self.set_derived_names()
        super().save(*args, **kwargs)

    def set_derived_names(self) -> None:
        """Fill the normalised search columns and the Spanish sort key from the names (also
        called by bulk loaders, which bypass save())."""
        self.norm_given_names = normalize_name(self.given_names)
        self.norm_first_surname = normalize_name(self.first_surname)
        self.norm_second_surname = normalize_name(self.second_surname)
        self.norm_full_name = " ".join(
            part
            for part in (self.norm_given_names, self.norm_first_surname, self.norm_second_surname)
            if part
        )
        # Spanish order: first surname, second surname, given names; accents ignored, ñ after n.
        self.sort_name = spanish_sort_key(
            " ".join(
                part for part in (self.first_surname, self.second_surname, self.given_names) if part
            )
        )

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.given_names, self.first_surname, self.second_surname) if part
        )

    @property
    def initials(self) -> str:
        parts = [self.given_names, self.first_surname, self.second_surname]
        return "".join(part.strip()[0].upper() for part in parts if part.strip())

    @property
    def birth_year(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else None

    @property
    def has_disability(self) -> bool:
        """Washington Group cut-off: "a lot of difficulty" or "cannot do at all" in any domain."""
        threshold = choices.WashingtonGroupAnswer.A_LOT
        return any(
            (getattr(self, field) or 0) >= threshold for field in choices.WASHINGTON_GROUP_DOMAINS
        )


class ClientCodeAllocation(models.Model):
    """Allocates client numbers on databases without sequences (SQLite): one insert per code.
    On PostgreSQL ``cases_client_code_seq`` is used instead (see services.codes)."""

    allocated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("client code allocation")
        verbose_name_plural = _("client code allocations")

    def __str__(self) -> str:
        return str(self.pk)


class ClientNationality(models.Model):
    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="nationalities",
        verbose_name=_("client"),
    )
    country = CountryField(_("nationality"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [
            models.UniqueConstraint(fields=["client", "country"], name="client_nationality_once")
        ]
        # The statistics take each client's first nationality recorded (DISTINCT ON client,
        # lowest id first).
        indexes = [models.Index(fields=["client", "id"], name="client_nationality_first")]

    def __str__(self) -> str:
        return str(self.country.name)


class ClientPhone(models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="phones", verbose_name=_("client")
    )
    number = models.CharField(_("phone"), max_length=20, db_index=True, help_text=_("E.164."))
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("e.g. her own, shelter.")
    )
    has_whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    safe_to_call = models.BooleanField(_("safe to call"), default=False)
    safe_to_message = models.BooleanField(_("safe to message"), default=False)
    safe_times = models.CharField(
        _("safe times"), max_length=120, blank=True, help_text=_("e.g. weekdays 10:00-14:00.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.UniqueConstraint(fields=["client", "number"], name="client_phone_once")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def display_number(self) -> str:
        """International format for people (+52 55 1234 5678); stored as E.164."""
        from cases.identifiers import format_phone

        return format_phone(self.number)


class ClientUrgentFlag(models.Model):
    """An urgent intake flag, open until resolved. Any open flag puts her at the top of the
    coordinator's queue."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="urgent_flags", verbose_name=_("client")
    )
    flag = models.CharField(_("flag"), max_length=30, choices=choices.UrgentFlag.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("raised by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("urgent flag")
        verbose_name_plural = _("urgent flags")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "flag"],
                condition=Q(resolved_at__isnull=True),
                name="client_urgent_flag_open_once",
            )
        ]

    def __str__(self) -> str:
        return self.get_flag_display()


class ClientNeed(models.Model):
    """A case type she needs (recorded at intake; the coordinator opens cases from these)."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="needs", verbose_name=_("client")
    )
    case_type = models.CharField(_("case type"), max_length=20, choices=choices.CaseType.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(fields=["client", "case_type"], name="client_need_once")
        ]

    def __str__(self) -> str:
        return self.get_case_type_display()


class ClientAssignment(models.Model):
    """A staff member on the client's team (her attorney). The cases issue assigns attorneys
    per case; a client's team is who may read her restricted data."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("client")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="client_assignments",
        verbose_name=_("staff member"),
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
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "user"],
                condition=Q(ended_at__isnull=True),
                name="client_assignment_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}→{self.user_id}"


class DuplicateDecision(models.Model):
    """What staff decided about a possible duplicate before creating or linking a client."""

    class Decision(models.TextChoices):
        DIFFERENT_PERSON = "different", _("Confirmed a different person")
        LINK_REQUESTED = "link_requested", _("Asked a coordinator to link")
        OPENED_EXISTING = "opened_existing", _("Opened the existing record")

    client = models.ForeignKey(
        Client,
        on_delete=models.CASCADE,
        related_name="duplicate_decisions",
        verbose_name=_("client being registered"),
    )
    candidate = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="+", verbose_name=_("possible duplicate")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")

    def __str__(self) -> str:
        return f"{self.client_id}~{self.candidate_id}:{self.decision}"

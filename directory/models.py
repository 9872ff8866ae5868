"""The partner directory: organisations (one per legal entity) and their offices (locations).

Partner data is public information about institutions, not about clients: every staff role reads
it (they need it to refer), administrators and coordinators edit it (docs/directory.md). Nothing
is deleted by staff: organisations and offices are archived with a reason.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.choices import MexicanState
from cases.identifiers import format_phone, normalize_name, normalize_phone
from cases.models import ArchivableModel, VersionedModel
from cases.models.clients import spanish_sort_key
from clinic.core import clock

from . import choices

# A partner's details are re-checked at least once a year; older ones carry a warning.
VERIFICATION_MAX_AGE = datetime.timedelta(days=365)
MAX_PHONE_EXTENSION = 10
DERIVED_FIELDS = ["sort_name", "search_text", "filter_tags"]


def _check_codes(value, allowed, message) -> None:
    # Not code="invalid_choice": Django would replace the message with the field's own.
    if not isinstance(value, list) or any(code not in allowed for code in value):
        raise ValidationError(message, code="codes_invalid")
    if len(set(value)) != len(value):
        raise ValidationError(message, code="codes_invalid")


def validate_services(value) -> None:
    _check_codes(value, set(choices.Service.values), _("Choose services from the list."))


def validate_populations(value) -> None:
    _check_codes(value, set(choices.Population.values), _("Choose populations from the list."))


def validate_phones(value) -> None:
    """A list of {"number": E.164, "extension": digits, "kind": PhoneKind, "note": text}."""
    if not isinstance(value, list):
        raise ValidationError(_("The phone list is not valid."), code="phones_invalid")
    for position, entry in enumerate(value, start=1):
        context = {"position": position}
        if not isinstance(entry, dict) or set(entry) - {"number", "extension", "kind", "note"}:
            raise ValidationError(_("The phone list is not valid."), code="phones_invalid")
        number = entry.get("number", "")
        try:
            is_e164 = bool(number) and normalize_phone(number) == number
        except ValidationError:
            is_e164 = False
        if not is_e164:
            raise ValidationError(
                _(
                    "Phone %(position)s: write the number in international format, "
                    "e.g. +52 55 1234 5678."
                ),
                code="phone_invalid",
                params=context,
            )
        extension = entry.get("extension", "")
        if extension and not (extension.isdigit() and len(extension) <= MAX_PHONE_EXTENSION):
            raise ValidationError(
                _("Phone %(position)s: the extension may only contain digits (at most 10)."),
                code="extension_invalid",
                params=context,
            )
        if entry.get("kind", choices.PhoneKind.PHONE) not in choices.PhoneKind.values:
            raise ValidationError(_("The phone list is not valid."), code="phones_invalid")


def validate_emails(value) -> None:
    """A list of {"address": e-mail, "label": text}."""
    if not isinstance(value, list):
        raise ValidationError(_("The e-mail list is not valid."), code="emails_invalid")
    for position, entry in enumerate(value, start=1):
        if not isinstance(entry, dict) or set(entry) - {"address", "label"}:
            raise ValidationError(_("The e-mail list is not valid."), code="emails_invalid")
        try:
            EmailValidator()(entry.get("address", ""))
        except ValidationError:
            raise ValidationError(
                _("E-mail %(position)s: enter a valid address, e.g. contacto@ejemplo.org."),
                code="email_invalid",
                params={"position": position},
            ) from None


validate_website = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with https:// or http://."),
)


def _labels(choice_class, codes) -> list[str]:
    """The labels of ``codes`` in Spanish and in English, so that either finds the record."""
    labels = []
    for language in ("es-mx", "en"):
        with translation.override(language):
            labels += [str(choice_class(code).label) for code in codes]
    return labels


class Organisation(VersionedModel, ArchivableModel):
    """One legal entity the clinic works with or refers to. Its locations are ``Office`` rows."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    other_names = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Other names it is known by (its name in English or Spanish); searched too."),
    )
    name_inferred = models.BooleanField(
        _("name inferred"),
        default=False,
        help_text=_(
            "The source did not give this name: it was inferred from the context (see the note). "
            "Confirm it and untick."
        ),
    )
    name_note = models.CharField(
        _("note on the name"),
        max_length=500,
        blank=True,
        help_text=_("Where the name comes from when it was inferred or translated."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=choices.OrganisationKind.choices)
    services = models.JSONField(
        _("services"),
        default=list,
        blank=True,
        validators=[validate_services],
        help_text=_("What it offers, from the list (used by the service filter)."),
    )
    services_detail = models.TextField(
        _("services in detail"),
        blank=True,
        help_text=_("Services in its own words, conditions, costs."),
    )
    populations = models.JSONField(
        _("populations served"), default=list, blank=True, validators=[validate_populations]
    )
    languages = models.ManyToManyField(
        "cases.Language",
        blank=True,
        related_name="organisations",
        verbose_name=_("languages"),
        help_text=_("Languages its staff can attend in."),
    )
    website = models.CharField(
        _("website"),
        max_length=300,
        blank=True,
        validators=[validate_website],
        help_text=_("Starts with https:// or http://."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the organisation does, as it says.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Internal notes for staff: how to refer, who answers.")
    )
    last_verified_on = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last confirmed these details. Older than 12 months: a warning."),
    )
    danger_for_asylum_seekers = models.BooleanField(
        _("danger for asylum seekers"),
        default=False,
        help_text=_(
            "Contacting it can harm an asylum claim or refugee status (e.g. her country's "
            "consulate: LRPCAP arts. 21 and 32-I). Always on for consulates."
        ),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Notice it needs before it can deliver (e.g. an expert declaration requested weeks "
            "ahead). A request will create a deadline from it."
        ),
    )
    lead_time_note = models.CharField(
        _("lead time note"),
        max_length=300,
        blank=True,
        help_text=_("What the lead time applies to."),
    )
    needs_completion = models.BooleanField(
        _("to be completed"),
        default=False,
        help_text=_("A placeholder staff must complete (offices, phones, e-mails)."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where these details come from."),
    )
    source_key = models.CharField(
        _("source key"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Stable key of the row in the directory file it was loaded from."),
    )
    # Derived columns (set_derived_fields): Spanish sort key, accent-free search text and the
    # filter tags.
    sort_name = models.CharField(_("sort name"), max_length=200, blank=True, editable=False)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    filter_tags = models.CharField(_("filter tags"), max_length=2000, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[languages], excluded_fields=DERIVED_FIELDS)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~Q(source_key=""),
                name="directory_organisation_source_key_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind=choices.OrganisationKind.CONSULATE)
                | Q(danger_for_asylum_seekers=True),
                name="directory_consulate_is_a_danger",
                violation_error_message=_(
                    "A consulate is always marked as a danger for asylum seekers."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived columns that must never go stale (the Client model does the same).
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def set_derived_fields(self) -> None:
        """The Spanish sort key of the name ("Ángel" between "Alba" and "Nube"), the accent-free
        search text (names, kind, services, populations, description, notes) and the filter tags
        ("|svc:legal_aid|pop:women|")."""
        self.sort_name = spanish_sort_key(self.name)[:200]
        parts = [self.name, self.acronym, self.other_names, self.name_note]
        if self.kind:
            parts += _labels(choices.OrganisationKind, [self.kind])
        parts += _labels(choices.Service, self.services or [])
        parts += _labels(choices.Population, self.populations or [])
        parts += [self.services_detail, self.description, self.notes]
        self.search_text = normalize_name(" ".join(part for part in parts if part))
        tags = [f"svc:{code}" for code in self.services or []]
        tags += [f"pop:{code}" for code in self.populations or []]
        self.filter_tags = "|" + "|".join(tags) + "|" if tags else ""

    @property
    def is_active(self) -> bool:
        return self.archived_at is None

    @property
    def verification_overdue(self) -> bool:
        """Never verified, or verified more than 12 months ago (Mexico City date)."""
        if self.last_verified_on is None:
            return True
        return clock.today() - self.last_verified_on > VERIFICATION_MAX_AGE

    def service_labels(self) -> list[str]:
        return [str(choices.Service(code).label) for code in self.services or []]

    def population_labels(self) -> list[str]:
        return [str(choices.Population(code).label) for code in self.populations or []]


class Office(VersionedModel, ArchivableModel):
    """A location of an organisation: where it receives people and how to reach it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("office name"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Field office in Tijuana. Empty: the organisation's office."),
    )
    country = CountryField(_("country"), default="MX")
    state = models.CharField(
        _("state"),
        max_length=6,
        choices=MexicanState.choices,
        blank=True,
        help_text=_("Only for offices in Mexico."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True, help_text=_("Street, number, colonia."))
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    phones = models.JSONField(_("phones"), default=list, blank=True, validators=[validate_phones])
    emails = models.JSONField(_("e-mails"), default=list, blank=True, validators=[validate_emails])
    opening_hours = models.TextField(_("opening hours"), blank=True)
    contact_person = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Name and position of the person to ask for."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Directions, doubts about the data, what to bring.")
    )
    source_key = models.CharField(
        _("source key"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Stable key of the row in the directory file it was loaded from."),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["organisation", "state", "city", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~Q(source_key=""),
                name="directory_office_source_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["state", "organisation"], name="directory_office_state")]

    def __str__(self) -> str:
        place = self.city or self.get_state_display() or str(self.country.name)
        return f"{self.organisation} · {self.name or place}"

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.state and self.country != "MX":
            raise ValidationError({"state": _("Choose a state only for an office in Mexico.")})

    def set_derived_fields(self) -> None:
        parts = [self.name, self.city, self.get_state_display(), self.address, self.postal_code]
        self.search_text = normalize_name(" ".join(part for part in parts if part))

    @property
    def phone_entries(self) -> list[dict]:
        """The phones for display: the E.164 number (for tel: links), its readable form and the
        kind's label."""
        entries = []
        for entry in self.phones or []:
            kind = entry.get("kind") or choices.PhoneKind.PHONE
            entries.append(
                {
                    **entry,
                    "display": format_phone(entry.get("number", "")),
                    "kind_label": choices.PhoneKind(kind).label,
                }
            )
        return entries

    @property
    def place(self) -> str:
        """City, state and (abroad) country on one line."""
        parts = [self.city]
        state = self.get_state_display()
        if state and normalize_name(state) != normalize_name(self.city):
            parts.append(state)  # "Oaxaca, Oaxaca" reads as one place
        if self.country != "MX":
            parts.append(str(self.country.name))
        return ", ".join(part for part in parts if part)

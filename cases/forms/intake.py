"""Forms of the intake flow. Forms validate only; the services save."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases import choices
from cases.identifiers import normalize_curp, normalize_phone, validate_curp
from cases.models import (
    Client,
    DisclosureRestriction,
    DuplicateDecision,
    FamilyMember,
    IdentityDocument,
    Language,
)
from clinic.core import clock
from clinic.core.widgets import speed_up_selects

NOT_GIVEN = "not_given"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class FieldsetsMixin:
    """``fieldsets`` = [(legend, [field names])]: templates render the groups in order."""

    fieldsets: list[tuple[str, list[str]]] = []

    def grouped_fields(self):
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]


class VersionMixin:
    """A hidden ``version``: the version of the record the form was rendered with."""

    def add_version_field(self):
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _no_future(value, message):
    if value and value > clock.today():
        raise ValidationError(message)
    return value


# --- 1. Consent --------------------------------------------------------------------------------


class ConsentForm(forms.Form):
    """One given / not-given answer per purpose, and how she gave it (one form, one method)."""

    method = forms.ChoiceField(
        label=_("How did she give her consent?"),
        choices=choices.ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how she gave her consent.")},
    )
    witness_name = forms.CharField(
        label=_("Witness's name"),
        max_length=120,
        required=False,
        help_text=_("Required for fingerprint and verbal consent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = [
            ("given", _("She gives her consent")),
            (NOT_GIVEN, _("She does not give it")),
        ]
        purpose_fields = {}
        for purpose, label in choices.ConsentPurpose.choices:
            purpose_fields[self.purpose_field(purpose)] = forms.ChoiceField(
                label=label,
                choices=answers,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )
        purpose_fields[self.purpose_field(choices.ConsentPurpose.LEGAL_SERVICES)].help_text = _(
            "Required: without consent to legal services the intake cannot go on."
        )
        # Purposes first, then the method and the witness.
        self.fields = {**purpose_fields, **self.fields}

    @staticmethod
    def purpose_field(purpose: str) -> str:
        return f"purpose_{purpose}"

    def purpose_fields(self):
        return [self[self.purpose_field(purpose)] for purpose in choices.ConsentPurpose.values]

    def clean(self):
        cleaned = super().clean()
        legal = self.purpose_field(choices.ConsentPurpose.LEGAL_SERVICES)
        if cleaned.get(legal) == NOT_GIVEN:
            self.add_error(
                legal,
                _(
                    "She must consent to legal services for the clinic to record her data and "
                    "represent her. Without it the intake cannot go on."
                ),
            )
        method = cleaned.get("method")
        witness = (cleaned.get("witness_name") or "").strip()
        if method and method != choices.ConsentMethod.SIGNATURE and not witness:
            self.add_error(
                "witness_name", _("Fingerprint and verbal consent need a witness's name.")
            )
        cleaned["witness_name"] = witness
        return cleaned

    def answers(self) -> list[dict]:
        """The given purposes, as the session stores them."""
        method = self.cleaned_data["method"]
        witness = (
            "" if method == choices.ConsentMethod.SIGNATURE else self.cleaned_data["witness_name"]
        )
        return [
            {
                "purpose": purpose,
                "decision": choices.ConsentDecision.GIVEN.value,
                "method": method,
                "witness_name": witness,
            }
            for purpose in choices.ConsentPurpose.values
            if self.cleaned_data[self.purpose_field(purpose)] == "given"
        ]


# --- 2. Person ---------------------------------------------------------------------------------

PERSON_FIELDS = [
    "given_names",
    "first_surname",
    "second_surname",
    "preferred_name",
    "gender_identity",
    "date_of_birth",
    "date_of_birth_estimated",
    "is_stateless",
    "country_of_birth",
    "languages",
    "other_languages",
    "needs_interpreter",
    "indigenous_identity",
    "indigenous_people",
    "lgbtiq",
    *choices.WASHINGTON_GROUP_DOMAINS,
    "curp",
]


class PersonForm(FieldsetsMixin, VersionMixin, forms.ModelForm):
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"),
        choices=countries,
        required=False,
        help_text=_("Choose one or more (hold Ctrl or ⌘ to choose several on a computer)."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Optional. 10 digits for a Mexican number, or + and the country code."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

    fieldsets = [
        (
            _("Name"),
            ["given_names", "first_surname", "second_surname", "preferred_name"],
        ),
        (
            _("Identity"),
            [
                "gender_identity",
                "date_of_birth",
                "date_of_birth_estimated",
                "nationalities",
                "is_stateless",
                "country_of_birth",
                "curp",
                "phone",
            ],
        ),
        (
            _("Languages and origin"),
            [
                "languages",
                "other_languages",
                "needs_interpreter",
                "indigenous_identity",
                "indigenous_people",
                "lgbtiq",
            ],
        ),
        (
            _("Functioning (Washington Group questions, optional)"),
            list(choices.WASHINGTON_GROUP_DOMAINS),
        ),
    ]

    class Meta:
        model = Client
        fields = PERSON_FIELDS
        widgets = {
            "date_of_birth": DateInput,
            "languages": forms.CheckboxSelectMultiple,
            "curp": forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        }

    def __init__(self, *args, with_phone: bool = True, check_unique: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_unique = check_unique
        self.fields["languages"].queryset = Language.objects.order_by("order", "name")
        self.fields["nationalities"].widget.attrs["size"] = 6
        for name, label in choices.WASHINGTON_GROUP_DOMAINS.items():
            self.fields[name].label = label
        if self.instance.pk:
            self.fields["nationalities"].initial = [
                row.country.code for row in self.instance.nationalities.all()
            ]
            self.add_version_field()
            self.fields["version"].initial = self.instance.version
        if not with_phone:
            del self.fields["phone"]
        speed_up_selects(self)

    def validate_unique(self):
        # A new registration meets existing records in the duplicate check (the same CURP
        # scores 100 there) instead of in a bare "already exists" error.
        if self.check_unique:
            super().validate_unique()

    def clean_given_names(self):
        return self.cleaned_data["given_names"].strip()

    def clean_first_surname(self):
        return self.cleaned_data["first_surname"].strip()

    def clean_date_of_birth(self):
        return _no_future(
            self.cleaned_data.get("date_of_birth"),
            _("The date of birth cannot be in the future."),
        )

    def clean_curp(self):
        value = self.cleaned_data.get("curp", "")
        if not value.strip():
            return ""
        validate_curp(value)  # its messages say exactly what is wrong
        return normalize_curp(value)

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return normalize_phone(value) if value.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_stateless") and cleaned.get("nationalities"):
            self.add_error(
                "is_stateless",
                _("A stateless person has no nationality: untick one or the other."),
            )
        return cleaned

    def person_fields(self) -> dict:
        """Her fields for the Client row (nationalities and languages go separately)."""
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS if name != "languages"}


class DuplicateAnswersForm(forms.Form):
    """One required answer per candidate of the duplicate check, and an optional note."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        decisions = [
            (DuplicateDecision.Decision.DIFFERENT_PERSON, _("A different person")),
            (DuplicateDecision.Decision.LINK_REQUESTED, _("Ask a coordinator to link")),
        ]
        for candidate, _score in candidates:
            self.fields[self.decision_field(candidate)] = forms.ChoiceField(
                label=_("What do you decide?"),
                choices=decisions,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer for this record before you continue.")},
            )
            self.fields[self.note_field(candidate)] = forms.CharField(
                label=_("Note for the coordinator (optional)"), max_length=300, required=False
            )

    @staticmethod
    def decision_field(candidate) -> str:
        return f"duplicate_{candidate.pk}"

    @staticmethod
    def note_field(candidate) -> str:
        return f"duplicate_{candidate.pk}_note"

    @staticmethod
    def has_answers(data) -> bool:
        return any(key.startswith("duplicate_") for key in data)

    def rows(self):
        return [
            (
                candidate,
                score,
                self[self.decision_field(candidate)],
                self[self.note_field(candidate)],
            )
            for candidate, score in self.candidates
        ]


# --- 3. Family ---------------------------------------------------------------------------------

FAMILY_FIELDS = [
    "relationship",
    "given_names",
    "first_surname",
    "second_surname",
    "date_of_birth",
    "date_of_birth_estimated",
    "sex",
    "nationality",
    "residence",
    "life_status",
    "born_in_mexico",
    "birth_registered",
    "is_dependant",
    "school_enrolled",
    "notes",
]


class FamilyMemberForm(VersionMixin, forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = FAMILY_FIELDS
        widgets = {"date_of_birth": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.add_version_field()
            self.fields["version"].initial = self.instance.version
        speed_up_selects(self)

    def clean_date_of_birth(self):
        return _no_future(
            self.cleaned_data.get("date_of_birth"),
            _("The date of birth cannot be in the future."),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("born_in_mexico") and cleaned.get("is_dependant"):
            self.add_error(
                "is_dependant",
                _(
                    "A child born in Mexico is Mexican and cannot be a dependant in an asylum "
                    "claim. Register the birth instead."
                ),
            )
        if cleaned.get("birth_registered") and not cleaned.get("born_in_mexico"):
            self.add_error(
                "birth_registered", _("Only a child born in Mexico has a Mexican birth record.")
            )
        return cleaned

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FAMILY_FIELDS}


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for archiving"),
        max_length=300,
        error_messages={"required": _("Give a reason for archiving.")},
    )


# --- 4. Documents ------------------------------------------------------------------------------

DOCUMENT_FIELDS = [
    "document_type",
    "number",
    "issuer",
    "issue_date",
    "expiry_date",
    "status",
    "cost",
]
HER = "her"


class IdentityDocumentForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("Whose document is it?"))

    class Meta:
        model = IdentityDocument
        fields = DOCUMENT_FIELDS
        widgets = {
            "issue_date": DateInput,
            "expiry_date": DateInput,
            "number": forms.TextInput(attrs={"autocomplete": "off"}),
            "cost": forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(member.pk): member for member in members}
        self.fields["owner"].choices = [
            (HER, _("Hers")),
            *(
                (str(member.pk), f"{member.get_relationship_display()}: {member.full_name}")
                for member in members
            ),
        ]
        self.order_fields(["owner", *DOCUMENT_FIELDS])
        if self.instance.pk:
            self.fields["owner"].initial = (
                str(self.instance.family_member_id) if self.instance.family_member_id else HER
            )

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        return None if value == HER else self.members[value]

    def clean(self):
        cleaned = super().clean()
        issue, expiry = cleaned.get("issue_date"), cleaned.get("expiry_date")
        if issue and expiry and expiry < issue:
            self.add_error("expiry_date", _("The expiry date cannot be before the issue date."))
        return cleaned

    def document_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in DOCUMENT_FIELDS}


# --- 5. Contact and safety ---------------------------------------------------------------------

CONTACT_FIELDS = [
    "email",
    "sleeping_place",
    "sleeping_place_detail",
    "notification_address",
    "current_state",
    "current_city",
]


class ContactForm(FieldsetsMixin, VersionMixin, forms.ModelForm):
    fieldsets = [
        (_("E-mail"), ["email"]),
        (
            _("Where she is"),
            ["sleeping_place", "sleeping_place_detail", "current_state", "current_city"],
        ),
        (_("Official notifications"), ["notification_address"]),
    ]

    class Meta:
        model = Client
        fields = CONTACT_FIELDS
        widgets = {"notification_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.fields["version"].initial = self.instance.version

    def client_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class PhoneForm(forms.Form):
    number = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    label = forms.CharField(
        label=_("Whose or where"),
        max_length=60,
        required=False,
        help_text=_("e.g. her own, shelter."),
    )
    has_whatsapp = forms.BooleanField(label=_("WhatsApp"), required=False)
    safe_to_call = forms.BooleanField(label=_("Safe to call"), required=False)
    safe_to_message = forms.BooleanField(label=_("Safe to send messages"), required=False)
    safe_times = forms.CharField(
        label=_("Safe times"),
        max_length=120,
        required=False,
        help_text=_("e.g. weekdays 10:00-14:00."),
    )

    def clean_number(self):
        value = self.cleaned_data.get("number", "")
        return normalize_phone(value) if value.strip() else ""


class BasePhoneFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            number = form.cleaned_data.get("number")
            if not number:
                continue
            if number in seen:
                raise ValidationError(_("The same phone number appears twice."))
            seen.add(number)

    def phones(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("number")]


PhoneFormSet = forms.formset_factory(
    PhoneForm, formset=BasePhoneFormSet, extra=1, max_num=6, validate_max=True
)


class DisclosureRestrictionForm(forms.ModelForm):
    class Meta:
        model = DisclosureRestriction
        fields = ["kind", "name", "identifiers"]
        widgets = {"identifiers": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if (
            not (cleaned.get("name") or "").strip()
            and not (cleaned.get("identifiers") or "").strip()
        ):
            self.add_error(
                "name", _("Give a name or something that identifies the person or group.")
            )
        return cleaned


# --- 6. Migration and journey ------------------------------------------------------------------

MIGRATION_FIELDS = [
    "migration_status",
    "migration_status_other",
    "detention_place",
    "inm_file_number",
    "asylum_requested_in_detention",
    "is_pregnant",
    "due_date",
    "referral_source",
    "referral_source_detail",
]
JOURNEY_FIELDS = [
    "entry_date",
    "entry_date_estimated",
    "entry_place",
    "filing_possible_date",
    "filing_possible_reason",
    "prior_comar_filing",
    "prior_filing_authority",
    "prior_filing_office",
    "prior_filing_state",
    "prior_filing_date",
]
YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class MigrationForm(FieldsetsMixin, VersionMixin, forms.ModelForm):
    detained_date = forms.DateField(label=_("Date of detention"), required=False, widget=DateInput)
    detained_time = forms.TimeField(
        label=_("Time of detention"),
        required=False,
        widget=TimeInput,
        help_text=_("The 36-hour limit runs from this time: ask for it."),
    )
    asylum_requested = forms.ChoiceField(
        label=_("Did she ask for asylum in detention?"), choices=YES_NO, required=False
    )

    fieldsets = [
        (_("Migration status"), ["migration_status", "migration_status_other"]),
        (
            _("If she is detained"),
            [
                "detention_place",
                "detained_date",
                "detained_time",
                "inm_file_number",
                "asylum_requested",
            ],
        ),
        (_("Pregnancy"), ["is_pregnant", "due_date"]),
        (_("How she reached the clinic"), ["referral_source", "referral_source_detail"]),
        (
            _("Journey"),
            [
                "entry_date",
                "entry_date_estimated",
                "entry_place",
                "filing_possible_date",
                "filing_possible_reason",
            ],
        ),
        (
            _("Earlier filing with COMAR or INM"),
            [
                "prior_comar_filing",
                "prior_filing_authority",
                "prior_filing_office",
                "prior_filing_state",
                "prior_filing_date",
            ],
        ),
    ]

    class Meta:
        model = Client
        fields = [
            name for name in MIGRATION_FIELDS if name != "asylum_requested_in_detention"
        ] + JOURNEY_FIELDS
        widgets = {
            "due_date": DateInput,
            "entry_date": DateInput,
            "filing_possible_date": DateInput,
            "prior_filing_date": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.fields["version"].initial = self.instance.version
        client = self.instance
        if client.detained_at:
            local = timezone.localtime(client.detained_at)
            self.fields["detained_date"].initial = local.date()
            self.fields["detained_time"].initial = local.time().replace(second=0, microsecond=0)
        if client.migration_status == choices.MigrationStatus.DETAINED:
            self.fields["asylum_requested"].initial = (
                "yes" if client.asylum_requested_in_detention else "no"
            )
        if client.migration_status == choices.MigrationStatus.MEXICAN:
            # A Mexican national has no migration journey: those questions are not asked.
            for name in JOURNEY_FIELDS:
                del self.fields[name]

    def clean_entry_date(self):
        return _no_future(
            self.cleaned_data.get("entry_date"), _("The entry date cannot be in the future.")
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("migration_status")
        if status == choices.MigrationStatus.DETAINED:
            required = {
                "detention_place": _("Say where she is detained."),
                "detained_date": _("Give the date of detention."),
                "detained_time": _("Give the time of detention (the 36-hour limit runs from it)."),
                "asylum_requested": _("Say whether she asked for asylum in detention."),
            }
            for name, message in required.items():
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
            date, time = cleaned.get("detained_date"), cleaned.get("detained_time")
            if date and time:
                detained_at = timezone.make_aware(datetime.datetime.combine(date, time))
                if detained_at > clock.now():
                    self.add_error("detained_date", _("The detention cannot be in the future."))
                cleaned["detained_at"] = detained_at
        if status == choices.MigrationStatus.OTHER and not cleaned.get("migration_status_other"):
            self.add_error("migration_status_other", _("Describe her status."))
        if cleaned.get("due_date") and not cleaned.get("is_pregnant"):
            self.add_error("due_date", _("A due date applies only when she is pregnant."))
        if cleaned.get("prior_comar_filing") and not cleaned.get("prior_filing_authority"):
            self.add_error(
                "prior_filing_authority", _("Say whether she filed with COMAR or with INM.")
            )
        return cleaned

    def client_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name in self.fields}
        is_detained = data.get("migration_status") == choices.MigrationStatus.DETAINED
        fields["detained_at"] = data.get("detained_at") if is_detained else None
        fields["asylum_requested_in_detention"] = is_detained and data["asylum_requested"] == "yes"
        if data.get("migration_status") == choices.MigrationStatus.MEXICAN:
            # A Mexican national has no migration journey: the journey fields are not kept.
            for name in JOURNEY_FIELDS:
                fields[name] = Client._meta.get_field(name).get_default()
        if not fields.get("prior_comar_filing"):
            for name in JOURNEY_FIELDS[6:]:
                fields[name] = Client._meta.get_field(name).get_default()
        return fields


# --- 7. Violence and crimes --------------------------------------------------------------------


def _with_empty(choice_list):
    return [("", "—"), *choice_list]


class ViolenceIncidentForm(forms.Form):
    violence_types = forms.MultipleChoiceField(
        label=_("Types of violence"),
        choices=choices.ViolenceType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one type of violence.")},
    )
    modality = forms.ChoiceField(
        label=_("Modality"), choices=_with_empty(choices.ViolenceModality.choices), required=False
    )
    perpetrator = forms.ChoiceField(
        label=_("Who did it"), choices=_with_empty(choices.Perpetrator.choices)
    )
    place = forms.ChoiceField(label=_("Where"), choices=_with_empty(choices.IncidentPlace.choices))
    mexican_state = forms.ChoiceField(
        label=_("State in Mexico"),
        choices=_with_empty(choices.MexicanState.choices),
        required=False,
    )
    approximate_date = forms.DateField(
        label=_("Approximate date"), required=False, widget=DateInput
    )

    def clean_approximate_date(self):
        return _no_future(
            self.cleaned_data.get("approximate_date"), _("The date cannot be in the future.")
        )


class CrimeForm(forms.Form):
    crime_type = forms.ChoiceField(label=_("Crime"), choices=_with_empty(choices.CrimeType.choices))
    place = forms.ChoiceField(
        label=_("Where"), choices=_with_empty(choices.IncidentPlace.choices), required=False
    )
    mexican_state = forms.ChoiceField(
        label=_("State in Mexico"),
        choices=_with_empty(choices.MexicanState.choices),
        required=False,
    )
    approximate_date = forms.DateField(
        label=_("Approximate date"), required=False, widget=DateInput
    )
    reported = forms.BooleanField(label=_("Reported to the authorities"), required=False)
    reported_to = forms.CharField(label=_("Prosecutor's office"), max_length=200, required=False)
    case_file_number = forms.CharField(
        label=_("Case file number (carpeta de investigación)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_approximate_date(self):
        return _no_future(
            self.cleaned_data.get("approximate_date"), _("The date cannot be in the future.")
        )


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Her account, in her words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class NarrativeAppendForm(forms.Form):
    text = forms.CharField(
        label=_("Add to her account"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("It is added at the end with today's date; you cannot read what is recorded."),
        error_messages={"required": _("Write what you want to add.")},
    )


# --- 8. Needs ----------------------------------------------------------------------------------


class NeedsForm(VersionMixin, forms.Form):
    case_types = forms.MultipleChoiceField(
        label=_("Which legal services does she need?"),
        choices=choices.CaseType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one legal service she needs.")},
    )
    urgent_flags = forms.MultipleChoiceField(
        label=_("Urgent situations"),
        choices=choices.UrgentFlag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Each one puts her at the top of the coordinator's queue."),
    )
    needs_note = forms.CharField(
        label=_("Needs and urgency"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What she needs and how urgent it is, in a few lines."),
    )

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.fields["version"].initial = client.version
        self.fields["case_types"].initial = [need.case_type for need in client.needs.all()]
        self.fields["urgent_flags"].initial = [
            flag.flag for flag in client.urgent_flags.filter(resolved_at__isnull=True)
        ]
        self.fields["needs_note"].initial = client.needs_note

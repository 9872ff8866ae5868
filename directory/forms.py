"""Forms of the partner directory: they validate only; the services write."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.choices import MexicanState
from cases.identifiers import normalize_phone
from cases.models import Language

from . import choices
from .models import Office, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EXTENSION_PREFIX = re.compile(r"^\s*(ext\.?|extensi[oó]n|x)\s*", re.IGNORECASE)


def _with_empty(label, options):
    return [("", label), *options]


class OrganisationFilterForm(forms.Form):
    """The list's search and filters (a GET form: partner data is not personal data)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, acronym, service, city or state; accents do not matter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=_with_empty(_("Any kind"), choices.OrganisationKind.choices),
    )
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=_with_empty(_("Any service"), choices.Service.choices),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=_with_empty(_("Any state"), MexicanState.choices),
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        required=False,
        queryset=Language.objects.all(),
        empty_label=_("Any language"),
    )
    status = forms.ChoiceField(
        label=_("Active or archived"),
        required=False,
        choices=choices.DirectoryStatus.choices,
        initial=choices.DirectoryStatus.ACTIVE,
    )

    def as_filters(self) -> dict:
        """The valid, non-empty filters (an invalid field is ignored, never widened)."""
        if not self.is_valid():
            return {
                name: value
                for name, value in self.cleaned_data.items()
                if value and name not in self.errors
            }
        return {name: value for name, value in self.cleaned_data.items() if value}


class OrganisationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    services = forms.MultipleChoiceField(
        label=_("Services"),
        required=False,
        choices=choices.Service.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What it offers (used by the service filter)."),
    )
    populations = forms.MultipleChoiceField(
        label=_("Populations served"),
        required=False,
        choices=choices.Population.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        required=False,
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages its staff can attend in."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "other_names",
            "name_inferred",
            "name_note",
            "kind",
            "services",
            "services_detail",
            "populations",
            "languages",
            "website",
            "description",
            "notes",
            "last_verified_on",
            "danger_for_asylum_seekers",
            "lead_time_days",
            "lead_time_note",
            "needs_completion",
        ]
        widgets = {
            "last_verified_on": DATE,
            "services_detail": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_time_days"].min_value = 0
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_website(self):
        return (self.cleaned_data.get("website") or "").strip()

    def service_data(self) -> dict:
        """The fields the service takes (languages go separately)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "languages"}


class OfficeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Office
        fields = [
            "name",
            "country",
            "state",
            "city",
            "address",
            "postal_code",
            "opening_hours",
            "contact_person",
            "notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PhoneForm(forms.Form):
    number = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("10 digits for Mexico; abroad, + and the country code."),
    )
    extension = forms.CharField(label=_("Extension"), max_length=20, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=choices.PhoneKind.choices, initial=choices.PhoneKind.PHONE
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_number(self):
        value = self.cleaned_data.get("number", "")
        return normalize_phone(value) if value.strip() else ""

    def clean_extension(self):
        value = EXTENSION_PREFIX.sub("", self.cleaned_data.get("extension", "")).strip()
        if value and not (value.isdigit() and len(value) <= 10):
            raise ValidationError(_("The extension may only contain digits (at most 10)."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("number") and (data.get("extension") or data.get("note")):
            self.add_error("number", _("Write the number, or empty the whole row to remove it."))
        return data


class EmailForm(forms.Form):
    address = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. contacto@ejemplo.org.")},
    )
    label = forms.CharField(
        label=_("Whose or what for"),
        max_length=200,
        required=False,
        help_text=_("e.g. legal clinic, press."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("address") and data.get("label") and "address" not in self.errors:
            self.add_error("address", _("Write the address, or empty the whole row to remove it."))
        return data


class BaseEntryFormSet(forms.BaseFormSet):
    key = ""
    duplicate_message = ""

    def entries(self) -> list[dict]:
        """The filled rows, in order, as the model stores them."""
        return [
            {name: form.cleaned_data.get(name, "") for name in form.fields}
            for form in self.forms
            if form.cleaned_data.get(self.key)
        ]

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            identity = tuple(form.cleaned_data.get(name, "") for name in (self.key, "extension"))
            if not identity[0]:
                continue
            if identity in seen:
                raise ValidationError(self.duplicate_message)
            seen.add(identity)


class BasePhoneFormSet(BaseEntryFormSet):
    key = "number"
    duplicate_message = _("The same phone number appears twice.")


class BaseEmailFormSet(BaseEntryFormSet):
    key = "address"
    duplicate_message = _("The same e-mail address appears twice.")


PhoneFormSet = forms.formset_factory(
    PhoneForm, formset=BasePhoneFormSet, extra=2, max_num=12, validate_max=True
)
EmailFormSet = forms.formset_factory(
    EmailForm, formset=BaseEmailFormSet, extra=2, max_num=12, validate_max=True
)


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it archived?"),
        max_length=300,
        help_text=_("e.g. it closed, it no longer receives referrals, a duplicate."),
    )

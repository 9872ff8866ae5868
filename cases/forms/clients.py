"""Forms for the client list, archive, assignment and privacy notices. Forms validate only."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases import choices
from cases.identifiers import normalize_curp
from clinic.accounts.models import User
from clinic.core.widgets import speed_up_selects

_COUNTRY_CHOICES: dict[str, list[tuple[str, str]]] = {}


def country_choices() -> list[tuple[str, str]]:
    """Countries sorted by their name in the active language, computed once per language
    (django-countries translates and sorts 250 names on every iteration)."""
    language = get_language() or "es-mx"
    if language not in _COUNTRY_CHOICES:
        _COUNTRY_CHOICES[language] = [(code, str(name)) for code, name in countries]
    return _COUNTRY_CHOICES[language]


class ClientSearchForm(forms.Form):
    STATUS_CHOICES = [("", _("Any status")), *choices.ClientStatus.choices]

    name = forms.CharField(label=_("Name"), required=False, max_length=120)
    code = forms.CharField(label=_("Client code"), required=False, max_length=20)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    curp = forms.CharField(label=_("CURP"), required=False, max_length=18)
    nationality = forms.ChoiceField(
        label=_("Nationality"), required=False, choices=[("", _("Any nationality"))]
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *choices.MexicanState.choices],
    )
    migration_status = forms.ChoiceField(
        label=_("Migration status"),
        required=False,
        choices=[("", _("Any status")), *choices.MigrationStatus.choices],
    )
    status = forms.ChoiceField(label=_("Intake status"), required=False, choices=STATUS_CHOICES)
    attorney = forms.ModelChoiceField(
        label=_("Attorney"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Any attorney"),
    )
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    archived = forms.BooleanField(label=_("Show archived"), required=False)

    def __init__(self, *args, attorneys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [("", _("Any nationality")), *country_choices()]
        self.fields["attorney"].queryset = (
            attorneys if attorneys is not None else User.objects.none()
        )
        speed_up_selects(self, minimum=8)

    def clean_curp(self) -> str:
        return normalize_curp(self.cleaned_data["curp"])

    def as_filters(self) -> dict:
        """JSON-serialisable filters (kept in the session, never in the URL)."""
        data = dict(self.cleaned_data)
        data["attorney"] = data["attorney"].pk if data.get("attorney") else None
        return data


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in her history. The record is kept and can be restored."),
    )


class AssignForm(forms.Form):
    attorney = forms.ModelChoiceField(label=_("Attorney"), queryset=User.objects.none())

    def __init__(self, *args, attorneys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attorney"].queryset = (
            attorneys if attorneys is not None else User.objects.none()
        )


class PrivacyNoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Mark sensitive data and explain how to exercise ARCO rights "
            "(access, rectification, cancellation, opposition)."
        ),
    )


class ConsentRecordForm(forms.Form):
    """One consent record for a client already registered: giving (by signature, fingerprint
    or verbally with a witness) or withdrawing consent for one purpose."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=choices.ConsentPurpose.choices)
    decision = forms.ChoiceField(
        label=_("Her decision"),
        choices=choices.ConsentDecision.choices,
        widget=forms.RadioSelect,
        initial=choices.ConsentDecision.GIVEN,
    )
    method = forms.ChoiceField(
        label=_("How did she give her consent?"),
        choices=[("", _("Choose…")), *choices.ConsentMethod.choices],
        required=False,
        help_text=_("Not needed to withdraw consent: withdrawal is always accepted."),
    )
    witness_name = forms.CharField(
        label=_("Witness's name"),
        max_length=120,
        required=False,
        help_text=_("Required for fingerprint and verbal consent."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("e.g. where the signed form is kept."),
    )

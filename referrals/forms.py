"""Forms of the referrals pages. They validate input only; the rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from clinic.core import clock
from directory.choices import Service
from directory.models import Office, Organisation

from . import choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _active_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(archived_at__isnull=True).order_by("sort_name", "pk")


def _active_offices() -> QuerySet[Office]:
    return (
        Office.objects.filter(archived_at__isnull=True, organisation__archived_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__sort_name", "state", "city", "name", "pk")
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.acronym})" if obj.acronym else obj.name


class OfficeChoiceField(forms.ModelChoiceField):
    """Each office is labelled with its organisation; ``static/js/app.js`` shows only the
    offices of the organisation chosen (``data-organisation`` on each option)."""

    def label_from_instance(self, obj: Office) -> str:
        place = ", ".join(part for part in (obj.city, obj.get_state_display()) if part)
        label = obj.name or place or str(obj.pk)
        if obj.name and place:
            label = f"{obj.name} — {place}"
        return f"{obj.organisation.acronym or obj.organisation.name} · {label}"


class OfficeSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-organisation"] = str(instance.organisation_id)
        return option


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Refer her to"),
        choices=choices.ReferralKind.choices,
        initial=choices.ReferralKind.OUTBOUND,
        widget=forms.RadioSelect(attrs={"data-referral-kind": ""}),
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose…"),
        widget=forms.Select(attrs={"data-referral-organisation": ""}),
        help_text=_("From the partner directory. Ask a coordinator to add one that is missing."),
    )
    office = OfficeChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Any office / not decided"),
        widget=OfficeSelect(attrs={"data-referral-office": ""}),
    )
    internal_team = forms.ChoiceField(
        label=_("Team"),
        choices=[("", _("Choose…")), *choices.InternalTeam.choices],
        required=False,
    )
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=None,
        required=False,
        empty_label=_("Not about a case"),
        help_text=_("The follow-up deadline goes to the case's deadlines."),
    )
    services = forms.MultipleChoiceField(
        label=_("Services requested"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=choices.Urgency.choices, initial=choices.Urgency.ROUTINE
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why she is referred and what she needs. Printed on the letter only if you tick "
            "“The reason for the referral” below."
        ),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Information shared on the letter"),
        choices=choices.SharedField.choices,
        required=False,
        initial=list(choices.DEFAULT_SHARED_FIELDS),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only what you tick is printed. Her violence history, the narrative, identity "
            "document numbers and where she sleeps are never printed."
        ),
    )
    ongoing = forms.BooleanField(
        label=_("Ongoing support (e.g. emotional support): keep following up"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cases: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _active_organisations()
        self.fields["office"].queryset = _active_offices()
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda case: (
            f"{case.case_number} · {case.get_case_type_display()}"
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == choices.ReferralKind.OUTBOUND:
            if not data.get("organisation"):
                self.add_error("organisation", _("Choose the organisation."))
            data["internal_team"] = ""
        elif data.get("kind") == choices.ReferralKind.INTERNAL:
            if not data.get("internal_team"):
                self.add_error("internal_team", _("Choose the team."))
            data["organisation"] = data["office"] = None
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "organisation": data.get("organisation"),
            "office": data.get("office"),
            "internal_team": data.get("internal_team", ""),
            "case": data.get("case"),
            "reason": data["reason"],
            "urgency": data["urgency"],
            "shared_fields": list(data.get("shared_fields") or []),
            "ongoing": data.get("ongoing", False),
        }


class SendForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Sent on"),
        widget=DATE,
        initial=clock.today,
        help_text=_("The day you handed her over (by phone, letter or in person)."),
    )
    acknowledged = forms.MultipleChoiceField(
        label=_("I have read the warnings"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    override_reason = forms.CharField(
        label=_("Reason for sending without her signed consent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Coordinators only. The reason is kept on the referral and in the audit trail."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, warnings=(), can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acknowledged"].choices = [(warning.code, warning.text) for warning in warnings]
        if not warnings:
            del self.fields["acknowledged"]
        if not can_override:
            del self.fields["override_reason"]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DATE, initial=clock.today)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when it was declined, she did not attend, or it is revoked."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, choices.ReferralStatus(status).label) for status in allowed
        ]


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Date of the follow-up"), widget=DATE, initial=clock.today)
    outcome = forms.ChoiceField(
        label=_("What you found out"), choices=choices.FollowUpOutcome.choices
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_on = forms.DateField(
        label=_("Next follow-up"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for the usual 10 business days."),
    )


class InboundReferralForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the directory"),
        widget=forms.Select(attrs={"data-referral-organisation": ""}),
    )
    office = OfficeChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Not known"),
        widget=OfficeSelect(attrs={"data-referral-office": ""}),
    )
    other_source = forms.CharField(
        label=_("Name of the organisation"),
        required=False,
        max_length=200,
        help_text=_("Only when it is not in the directory."),
    )
    received_on = forms.DateField(label=_("Referred on"), widget=DATE, initial=clock.today)
    contact_person = forms.CharField(label=_("Contact person"), required=False, max_length=120)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _active_organisations()
        self.fields["office"].queryset = _active_offices()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", _("Open (sent or accepted)")),
            *choices.ReferralStatus.choices,
        ],
    )
    kind = forms.ChoiceField(
        label=_("Referral to"),
        required=False,
        choices=[("", _("All")), *choices.ReferralKind.choices],
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    mine = forms.BooleanField(label=_("Only mine"), required=False)

    def __init__(self, *args, scope, **kwargs):
        """``scope``: the referrals she may see; only their organisations are offered (the
        list of destinations would otherwise tell who was referred where)."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=scope.values("organisation")
        ).order_by("sort_name", "pk")

    def as_filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}

"""Forms for cases, events, deadlines, appointments, signatures and closures. Forms validate
input; the services in ``cases.services.cases`` / ``.deadlines`` enforce the rules."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases import choices
from cases.models import Case, CaseStage, DeclaredClosure, FamilyMember
from cases.services.cases import EVENT_FIELDS
from clinic.accounts.models import User
from clinic.core import clock
from clinic.core.widgets import speed_up_selects

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _attorneys():
    return User.objects.filter(is_active=True, is_attorney=True).order_by("first_name", "last_name")


def _coordinators():
    return User.objects.filter(is_active=True, is_coordinator=True).order_by(
        "first_name", "last_name"
    )


class DependantsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: FamilyMember) -> str:
        return f"{obj.get_relationship_display()}: {obj.given_names} {obj.first_surname}".strip()


class CaseOpenForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Case type"), choices=choices.CaseType.choices)
    attorney = forms.ModelChoiceField(
        label=_("Attorney"), queryset=User.objects.none(), required=False
    )
    dependants = DependantsField(
        label=_("Family members in this case"),
        queryset=FamilyMember.objects.none(),
        required=False,
        help_text=_("Asylum dependants share her application (LRPCAP art. 12)."),
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervising coordinator"), queryset=User.objects.none(), required=False
    )
    grant_tag = forms.CharField(label=_("Grant or project"), max_length=60, required=False)
    is_confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Only coordinators and the attorneys assigned to this case can open it."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, client, choose_attorney: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependants"].queryset = client.family_members.filter(archived_at__isnull=True)
        self.fields["supervisor"].queryset = _coordinators()
        if choose_attorney:
            self.fields["attorney"].queryset = _attorneys()
            self.fields["attorney"].required = True
        else:
            del self.fields["attorney"]
        speed_up_selects(self, minimum=8)


class CaseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    dependants = DependantsField(
        label=_("Family members in this case"), queryset=FamilyMember.objects.none(), required=False
    )

    class Meta:
        model = Case
        fields = [
            "stage",
            "supervisor",
            "grant_tag",
            "is_confidential",
            "summary",
            "comar_office",
            "comar_state",
            "constancia_number",
            "constancia_valid_until",
            "comar_folio",
            "inm_number",
            "prosecutor_file",
            "prosecutor_office",
            "court_file",
        ]
        widgets = {"constancia_valid_until": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance
        self.fields["stage"].queryset = CaseStage.objects.filter(
            case_type=case.case_type, is_active=True
        )
        self.fields["supervisor"].queryset = _coordinators()
        self.fields["dependants"].queryset = case.client.family_members.filter(
            archived_at__isnull=True
        )
        if not self.is_bound:
            self.initial["version"] = case.version
            self.initial["dependants"] = [
                link.family_member_id for link in case.dependant_links.all()
            ]
        speed_up_selects(self, minimum=8)


class CaseStatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=choices.CaseStatus.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    closed_on = forms.DateField(label=_("Closed on"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(choices.CaseOutcome.choices)
        self.fields["outcome"].choices = [("", "—")] + [
            (code, labels[code]) for code in choices.OUTCOMES_BY_TYPE.get(case.case_type, ())
        ]
        if not self.is_bound:
            self.initial.update(version=case.version, status=case.status, outcome=case.outcome)


class CaseAssignForm(forms.Form):
    attorney = forms.ModelChoiceField(label=_("Attorney"), queryset=User.objects.none())
    replace = forms.ModelChoiceField(
        label=_("Instead of"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody (add to the team)"),
        help_text=_("Her pending deadlines in this case move to the new attorney."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attorney"].queryset = _attorneys()
        self.fields["replace"].queryset = User.objects.filter(
            case_assignments__case=case, case_assignments__ended_at__isnull=True
        ).distinct()


class EventForm(forms.Form):
    """One form for every event kind: only the fields that kind uses are kept."""

    occurred_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    occurred_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    authority = forms.ChoiceField(
        label=_("Authority"), choices=[("", "—"), *choices.Authority.choices], required=False
    )
    office = forms.CharField(label=_("Office"), max_length=120, required=False)
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", "—"), *choices.DecisionResult.choices], required=False
    )
    notified_on = forms.DateField(label=_("Notified on"), widget=DATE, required=False)
    notification_method = forms.ChoiceField(
        label=_("Notification method"),
        choices=[("", "—"), *choices.NotificationMethod.choices],
        required=False,
    )
    knowledge_on = forms.DateField(
        label=_("Date she learned of it"),
        widget=DATE,
        required=False,
        help_text=_("If earlier than the notification, deadlines count from this date."),
    )
    challenges = forms.ModelChoiceField(
        label=_("Decision"), queryset=None, required=False, empty_label="—"
    )
    strategy = forms.ChoiceField(
        label=_("Route"), choices=[("", "—"), *choices.Strategy.choices], required=False
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE, required=False)
    reference = forms.CharField(label=_("Reference or folio"), max_length=80, required=False)
    detail = forms.CharField(
        label=_("Detail"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Facts only; personal details belong in restricted notes."),
    )

    def __init__(self, *args, case: Case, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {"detail", *EVENT_FIELDS.get(kind, ())}
        if "occurred_at" not in keep:
            keep.add("occurred_on")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "occurred_on" in self.fields:
            self.fields["occurred_on"].required = True
            if not self.is_bound:
                self.initial["occurred_on"] = clock.today()
        if "challenges" in self.fields:
            self.fields["challenges"].queryset = case.events.filter(
                kind=choices.EventKind.DECISION, archived_at__isnull=True
            )
        if kind == choices.EventKind.DECISION:
            self.fields["result"].required = True

    def event_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return data


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.NoteKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DATE, initial=clock.today)
    body = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    restricted = forms.BooleanField(
        label=_("Restricted"),
        required=False,
        help_text=_("Only coordinators and the client's team can read it."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeadlineOverrideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    override_date = forms.DateField(
        label=_("New date"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty to go back to the computed date."),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeadlineDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE, initial=clock.today)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DeadlineForm(forms.Form):
    """A deadline or an appointment typed in by hand."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("clinic", _("Clinic deadline")), ("appointment", _("Appointment"))],
    )
    title = forms.CharField(label=_("What"), max_length=200)
    due_date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    responsible = forms.ModelChoiceField(label=_("Responsible"), queryset=User.objects.none())
    appointment_kind = forms.ChoiceField(
        label=_("Appointment"),
        choices=[("", "—"), *choices.AppointmentKind.choices],
        required=False,
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)
    interpreter_booked = forms.BooleanField(label=_("Interpreter booked"), required=False)
    accompanied_by = forms.ModelChoiceField(
        label=_("Who accompanies her"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people who may open the case: its attorneys and the coordinators.
        team = Q(case_assignments__case=case, case_assignments__ended_at__isnull=True)
        self.fields["responsible"].queryset = (
            User.objects.filter(is_active=True)
            .filter(team | Q(is_coordinator=True))
            .distinct()
            .order_by("first_name", "last_name")
        )
        staff_roles = (
            Q(is_attorney=True)
            | Q(is_coordinator=True)
            | Q(is_psychosocial=True)
            | Q(is_intake=True)
        )
        self.fields["accompanied_by"].queryset = (
            User.objects.filter(is_active=True)
            .filter(staff_roles)
            .order_by("first_name", "last_name")
        )
        speed_up_selects(self, minimum=8)

    def clean(self):
        data = super().clean()
        if data.get("kind") == "appointment" and not data.get("appointment_kind"):
            self.add_error("appointment_kind", _("Say what kind of appointment it is."))
        if data.get("interpreter_booked") and not data.get("interpreter_needed"):
            data["interpreter_needed"] = True
        return data

    def due_at(self):
        data = self.cleaned_data
        if not data.get("time"):
            return None
        from django.utils import timezone

        return timezone.make_aware(datetime.datetime.combine(data["due_date"], data["time"]))


class SignatureScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=choices.Weekday.choices
    )
    every_weeks = forms.TypedChoiceField(
        label=_("Frequency"), coerce=int, choices=choices.SignatureFrequency.choices
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE, initial=clock.today)
    office = forms.CharField(label=_("COMAR office"), max_length=120, required=False)


class SignatureRecordForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Signature"),
        choices=[
            (choices.SignatureStatus.ATTENDED, _("Attended")),
            (choices.SignatureStatus.MISSED, _("Missed")),
            (choices.SignatureStatus.SUSPENDED, _("Suspended by COMAR")),
        ],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class TransferForm(forms.Form):
    to_state = forms.ChoiceField(label=_("To state"), choices=choices.MexicanState.choices)
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE, initial=clock.today)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)


class ClosureForm(forms.ModelForm):
    class Meta:
        model = DeclaredClosure
        fields = ["authority", "state", "office", "start_date", "end_date", "reference", "note"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [
            (code, label)
            for code, label in choices.Authority.choices
            if code
            in (
                choices.Authority.COMAR,
                choices.Authority.INM,
                choices.Authority.FEDERAL_COURT,
                choices.Authority.TFJA,
                choices.Authority.FAMILY_COURT,
                choices.Authority.US,
            )
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first."))
        if start and end and (end - start).days > 62:
            self.add_error("end_date", _("A closure longer than two months needs two entries."))
        return data


class MyCasesFilterForm(forms.Form):
    """Filters of "My cases" (no personal data: they may live in the URL)."""

    type = forms.ChoiceField(
        label=_("Case type"),
        choices=[("", _("All types")), *choices.CaseType.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Open and on hold")), *choices.CaseStatus.choices],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("deadline", _("Next deadline")),
            ("number", _("Case number")),
            ("client", _("Client")),
            ("type", _("Case type")),
            ("stage", _("Stage")),
            ("opened", _("Opened")),
        ],
    )

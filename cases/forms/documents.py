"""Forms for generating documents, editing templates and the letterhead, and the checklist.
They validate input; ``cases.services.documents`` enforces the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case, DocumentTemplate, FamilyMember
from cases.models.documents import (
    CHECKLIST_STEPS,
    ChecklistDocumentKind,
    DocumentLanguage,
    PaidBy,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentRequestForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Document"), queryset=DocumentTemplate.objects.none(), empty_label=None
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=DocumentLanguage.choices,
        help_text=_(
            "For documents for the client. Documents for authorities are always in Spanish."
        ),
    )

    def __init__(self, *args, case: Case, templates: list, language: str = "es", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = DocumentTemplate.objects.filter(
            pk__in=[template.pk for template in templates]
        ).order_by("order", "name")
        self.fields["language"].initial = language


class TemplateVersionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)
    title = forms.CharField(label=_("Document title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "code-input", "spellcheck": "true"}),
        help_text=_(
            "HTML with {{ placeholders }} filled from the case, e.g. {{ client.full_name }}, "
            "{{ case.number }}, {{ today|long_date }}. Write [brackets] for what the attorney "
            "completes by hand."
        ),
    )
    change_note = forms.CharField(label=_("What changed"), max_length=300)


class LetterheadForm(forms.Form):
    name = forms.CharField(label=_("Clinic name"), max_length=160)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_("Where documents are signed, e.g. Ciudad de México."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, smaller than 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)


class ChecklistItemForm(forms.Form):
    """One row of the checklist page (prefix ``item-<pk>``)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    is_required = forms.BooleanField(label=_("Required"), required=False)
    original_on = forms.DateField(label=_("Original"), required=False, widget=DATE)
    certified_copy_on = forms.DateField(label=_("Certified copy"), required=False, widget=DATE)
    apostilled_on = forms.DateField(label=_("Apostilled or legalised"), required=False, widget=DATE)
    translated_on = forms.DateField(label=_("Certified translation"), required=False, widget=DATE)
    delivered_on = forms.DateField(label=_("Delivered"), required=False, widget=DATE)
    cost = forms.DecimalField(
        label=_("Cost (MXN)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"placeholder": _("Cost (MXN)"), "step": "0.01"}),
    )
    paid_by = forms.ChoiceField(
        label=_("Paid by"), choices=[("", "—"), *PaidBy.choices], required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Notes")}),
    )

    STEP_FIELDS = tuple(field for field, _label in CHECKLIST_STEPS)

    @classmethod
    def for_item(cls, item, data=None):
        initial = {
            "version": item.version,
            "is_required": item.is_required,
            "cost": item.cost,
            "paid_by": item.paid_by,
            "notes": item.notes,
            **{field: getattr(item, field) for field in cls.STEP_FIELDS},
        }
        return cls(data, initial=initial, prefix=f"item-{item.pk}")


class ChecklistAddForm(forms.Form):
    family_member = forms.ModelChoiceField(
        label=_("Person"),
        queryset=FamilyMember.objects.none(),
        required=False,
        empty_label=_("She (the client)"),
    )
    kind = forms.ChoiceField(label=_("Document"), choices=ChecklistDocumentKind.choices)
    label = forms.CharField(
        label=_("Description"), max_length=200, required=False, help_text=_("Needed for “Other”.")
    )
    is_required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_member"].queryset = FamilyMember.objects.filter(
            client_id=case.client_id, archived_at__isnull=True
        ).order_by("date_of_birth", "pk")
        self.fields["family_member"].label_from_instance = lambda member: (
            f"{member.get_relationship_display()}: {member.given_names}"
        )

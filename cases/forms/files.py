"""The client file upload form. It validates the shape only; what a file may be (type, content,
size) is checked by ``cases.services.files``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import choices
from cases.models import Case

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class ClientFileUploadForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, up to 20 MB. Photos are stored without their location."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        # An empty or oversized file is refused by the service, with its own message.
        allow_empty_file=True,
    )
    category = forms.ChoiceField(
        label=_("Kind of file"), choices=[("", "—"), *choices.FileCategory.choices]
    )
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=_("None (her file, not a case's)"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What it is, so that colleagues find it (e.g. passport, pages 1 to 4)."),
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cases is None:
            del self.fields["case"]
        else:
            self.fields["case"].queryset = cases
            self.fields["case"].label_from_instance = lambda case: (
                f"{case.case_number} · {case.get_case_type_display()}"
            )


class ArchiveReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: uploaded to the wrong client, or a better copy was added."),
    )

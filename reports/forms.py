"""Forms of the statistics page: the period, the grant tag and the version (funder or internal),
and the export request. They validate only; the page and the services do the rest."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExportFormat
from .selectors import Period, default_period

#: The longest period the page computes (ten years).
MAX_DAYS = 3660
FUNDER, INTERNAL = "financiadora", "interna"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    """GET parameters of the statistics page: ``desde``, ``hasta`` (default: the current
    calendar year), ``proyecto`` (a grant tag in use) and ``vista``. A date range and a grant
    tag are not personal data, so they may sit in the URL."""

    desde = forms.DateField(label=_("From"), required=False, widget=DateInput())
    hasta = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    proyecto = forms.ChoiceField(label=_("Grant or project"), required=False)
    vista = forms.ChoiceField(
        label=_("Version"),
        required=False,
        choices=[
            (FUNDER, _("For funders (numbers from 1 to 4 hidden)")),
            (INTERNAL, _("Internal (exact small numbers, coordinators only)")),
        ],
    )

    def __init__(self, *args, tags: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proyecto"].choices = [("", _("All cases")), *((tag, tag) for tag in tags)]
        period = default_period()
        self.fields["desde"].widget.attrs["placeholder"] = period.start.isoformat()
        self.fields["hasta"].widget.attrs["placeholder"] = period.end.isoformat()

    def clean(self):
        cleaned = super().clean()
        period = default_period()
        start = cleaned.get("desde") or period.start
        end = cleaned.get("hasta") or period.end
        if "desde" in self.errors or "hasta" in self.errors:
            return cleaned
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of ten years at most."))
        if start < datetime.date(1990, 1, 1) or end > datetime.date(2100, 12, 31):
            raise forms.ValidationError(_("Choose dates between 1990 and 2100."))
        cleaned["desde"], cleaned["hasta"] = start, end
        return cleaned

    def period(self) -> Period:
        return Period(
            start=self.cleaned_data["desde"],
            end=self.cleaned_data["hasta"],
            grant_tag=self.cleaned_data.get("proyecto") or "",
        )

    @property
    def is_internal(self) -> bool:
        return self.cleaned_data.get("vista") == INTERNAL


class ExportForm(PeriodForm):
    formato = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)

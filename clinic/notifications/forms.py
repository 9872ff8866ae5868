"""Forms for notifications. Forms validate only."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MarkReadForm(forms.Form):
    """Marks one notification as read (``pk``) or, with no ``pk``, every unread one."""

    pk = forms.IntegerField(label=_("Notice to mark as read"), required=False, min_value=1)


class ReminderPreferenceForm(forms.Form):
    """When and how she is reminded. At least one channel; offsets from fixed lists."""

    business_day_offsets = forms.TypedMultipleChoiceField(
        label=_("Remind me before a deadline (business days, in its own calendar)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hour_offsets = forms.TypedMultipleChoiceField(
        label=_("For deadlines counted in hours (36-hour clock of a detention)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    by_email = forms.BooleanField(label=_("By e-mail"), required=False)
    in_app = forms.BooleanField(label=_("In the application (notifications)"), required=False)
    daily_digest = forms.BooleanField(
        label=_("Daily summary e-mail at 07:00 (Mexico City)"), required=False
    )

    def __init__(self, *args, **kwargs):
        from django.utils.translation import ngettext_lazy

        from .models import BUSINESS_DAY_OFFSETS, HOUR_OFFSETS

        super().__init__(*args, **kwargs)
        self.fields["business_day_offsets"].choices = [
            (
                days,
                _("On the day")
                if days == 0
                else ngettext_lazy(
                    "%(count)d business day before", "%(count)d business days before", days
                )
                % {"count": days},
            )
            for days in BUSINESS_DAY_OFFSETS
        ]
        self.fields["hour_offsets"].choices = [
            (
                hours,
                ngettext_lazy("%(count)d hour before", "%(count)d hours before", hours)
                % {"count": hours},
            )
            for hours in HOUR_OFFSETS
        ]

    def clean(self):
        data = super().clean()
        if not data.get("by_email") and not data.get("in_app"):
            raise forms.ValidationError(
                _("Choose at least one way to be reminded: e-mail or the application."),
                code="no_channel",
            )
        if not data.get("business_day_offsets"):
            self.add_error(
                "business_day_offsets",
                forms.ValidationError(
                    _("Choose at least one moment: a legal deadline must never come unannounced."),
                    code="required",
                ),
            )
        if not data.get("hour_offsets"):
            self.add_error(
                "hour_offsets",
                forms.ValidationError(
                    _("Choose at least one moment: a legal deadline must never come unannounced."),
                    code="required",
                ),
            )
        return data

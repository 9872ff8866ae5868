"""Forms for notifications. Forms validate only."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MarkReadForm(forms.Form):
    """Marks one notification as read (``pk``) or, with no ``pk``, every unread one."""

    pk = forms.IntegerField(label=_("Notice to mark as read"), required=False, min_value=1)

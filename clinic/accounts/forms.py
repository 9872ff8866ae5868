"""Forms for login, the second factor and staff management. Forms validate only."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Role, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. After five failed attempts the account "
            "is locked for 30 minutes from this device."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace("-", "").replace(" ", "").strip().lower()


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return token


class StaffFilterForm(forms.Form):
    STATUS_CHOICES = [("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))]
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUS_CHOICES, initial="active"
    )


class StaffForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A person may hold several roles."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, editing_self: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["email"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.initial["roles"] = self.instance.roles
            if self.instance.has_usable_password():
                # Changing the address of a set-up account would let an administrator send
                # herself its password reset: only operators change it (manage.py / admin).
                self.fields["email"].disabled = True
                self.fields["email"].help_text = _(
                    "The account is set up: only an operator can change its e-mail address."
                )
        if editing_self:
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = _("Nobody can change her own roles.")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the account's history."),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LeaveForm(forms.Form):
    on_leave = forms.BooleanField(label=_("On leave"), required=False)
    leave_until = forms.DateField(
        label=_("Last day of leave"),
        required=False,
        widget=DateInput,
        help_text=_("Leave it empty if the return date is not known yet."),
    )
    delegate = forms.ModelChoiceField(
        label=_("Delegate"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody"),
        help_text=_(
            "An active attorney or coordinator who is not on leave. While the leave lasts, she "
            "also receives the reminders and notifications."
        ),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = candidates

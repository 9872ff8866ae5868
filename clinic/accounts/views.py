"""Login, second factor, password and staff-management views."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

from . import selectors, services
from .forms import DeactivateForm, EnrolForm, LoginForm, StaffFilterForm, StaffForm, TokenForm
from .models import Role

RECOVERY_CODES_SESSION_KEY = "_acompana_new_recovery_codes"


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        update_session_auth_hash(self.request, user)
        audit_record(action=AuditAction.PASSWORD_CHANGED, request=self.request, user=user)
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        audit_record(action=AuditAction.PASSWORD_RESET_REQUESTED, request=self.request)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A reset ends every other open session of the account.
        services.user_sessions_end(user=form.user)
        audit_record(action=AuditAction.PASSWORD_CHANGED, request=self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """First login: set up an authenticator app, confirm one code, receive recovery codes."""
    user = request.user
    if user_has_device(user):
        return redirect("accounts:mfa_verify")
    device = services.mfa_enrolment_device(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = services.mfa_enrol_confirm(user=user, device=device, request=request)
            otp_login(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor login is set up."))
            return redirect("accounts:mfa_recovery_codes")
        audit_record(action=AuditAction.MFA_FAILED, request=request)
        form.add_error("token", _("That code is not valid. Check the time on your phone."))
    secret = _base32_secret(device)
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "title": _("Set up two-factor login"),
        },
    )


def _base32_secret(device) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Second step of every login: a code from the app, or a single-use recovery code."""
    user = request.user
    if not user_has_device(user):
        return redirect("accounts:mfa_enrol")
    next_url = _safe_next(request, reverse("core:home"))
    if user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            is_recovery = device.name == services.RECOVERY_DEVICE_NAME
            audit_record(
                action=AuditAction.MFA_RECOVERY_USED if is_recovery else AuditAction.MFA_VERIFIED,
                request=request,
            )
            if is_recovery:
                remaining = services.mfa_recovery_codes_remaining(user=user)
                messages.warning(
                    request,
                    _("You used a recovery code. %(count)s remain.") % {"count": remaining},
                )
            return redirect(next_url)
        audit_record(action=AuditAction.MFA_FAILED, request=request)
        form.add_error("token", _("That code is not valid."))
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": next_url, "title": _("Two-factor verification")},
    )


@require_http_methods(["GET", "POST"])
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show freshly generated recovery codes once; POST generates a new set."""
    if request.method == "POST":
        codes = services.mfa_recovery_codes_generate(user=request.user)
        messages.success(
            request, _("New recovery codes were generated; the old ones no longer work.")
        )
    else:
        codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/mfa_recovery_codes.html",
        {
            "codes": codes,
            "remaining": services.mfa_recovery_codes_remaining(user=request.user),
            "title": _("Recovery codes"),
        },
    )


# --- Staff management (administrators) -------------------------------------------------------

STAFF_PAGE_SIZE = 25
HISTORY_TYPES = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Removed"),
}


@role_required(Role.ADMIN)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    users = selectors.user_list_for_admin(
        user=request.user,
        search=filters.get("q", ""),
        role=filters.get("role", ""),
        status=filters.get("status") or "active",
    )
    page = Paginator(users, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "title": _("Staff")},
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(
                by=request.user,
                request=request,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                roles=set(form.cleaned_data["roles"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Account created. An e-mail with a link to set the password was sent."),
            )
            return redirect("accounts:staff_detail", pk=user.pk)
    return render(
        request, "accounts/user_form.html", {"form": form, "title": _("New staff account")}
    )


@role_required(Role.ADMIN)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    history = list(account.history.select_related("history_user").order_by("-history_date")[:20])
    for record in history:
        record.description = HISTORY_TYPES.get(record.history_type, "")
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "history": history,
            "events": selectors.user_security_events(user=account, limit=15),
            "title": str(account),
        },
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    editing_self = account.pk == request.user.pk
    form = StaffForm(request.POST or None, instance=account, editing_self=editing_self)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                by=request.user,
                request=request,
                user=account,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                roles=None if editing_self else set(form.cleaned_data["roles"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Account updated."))
            return redirect("accounts:staff_detail", pk=account.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "account": account, "title": _("Edit staff account")},
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_deactivate(
                by=request.user, request=request, user=account, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Account deactivated; its sessions were ended."))
            return redirect("accounts:staff_detail", pk=account.pk)
    return render(
        request,
        "accounts/user_deactivate.html",
        {"form": form, "account": account, "title": _("Deactivate account")},
    )


def _staff_action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    try:
        action(by=request.user, request=request, user=account)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("accounts:staff_detail", pk=account.pk)


@role_required(Role.ADMIN)
@require_POST
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(request, pk, services.user_reactivate, _("Account reactivated."))


@role_required(Role.ADMIN)
@require_POST
def staff_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(request, pk, services.user_unlock, _("Account unlocked."))


@role_required(Role.ADMIN)
@require_POST
def staff_send_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    if not account.is_active or not account.email:
        messages.error(request, _("The account must be active and have an e-mail address."))
    else:
        services.user_send_password_link(request=request, user=account)
        messages.success(request, _("A link to choose a password was sent to her e-mail."))
    return redirect("accounts:staff_detail", pk=account.pk)


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_mfa_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get_for_admin(user=request.user, pk=pk)
    if request.method == "POST":
        return _staff_action(
            request,
            pk,
            services.user_mfa_reset,
            _("Second factor reset. The person will set up a new one at her next login."),
        )
    return render(
        request,
        "accounts/user_mfa_reset.html",
        {"account": account, "title": _("Reset second factor")},
    )

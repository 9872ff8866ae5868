"""Referral pages: the list, drafting and editing, the send page behind the consent gate, the
referral's page (life cycle, follow-ups), its letter and history; and the inbound referral
(who referred her to the clinic). Every record goes through ``selectors`` (404 outside the
scope); writes need a referring role and the client (or case) in her care (403)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import case_selectors
from cases.choices import CaseStatus
from cases.selectors import client_get_for_user
from cases.services.common import StaleEditError
from cases.timeline import records_timeline
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

from . import choices, selectors, services
from .forms import (
    FollowUpForm,
    InboundReferralForm,
    ReasonForm,
    ReferralFilterForm,
    ReferralForm,
    SendForm,
    TransitionForm,
)
from .letter import letter_details, letter_download_name, referral_letter_pdf
from .models import Referral
from .selectors import READ_ROLES, REFER_ROLES

PAGE_SIZE = 25


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal onto the form, next to the field it names (or on top)."""
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def _editable_cases(request: HttpRequest, client):
    """Her cases the user may refer from (open ones, in her care)."""
    cases = (
        case_selectors.cases_for_user(user=request.user)
        .filter(client=client)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("sequence")
    )
    if request.user.has_role(Role.COORDINATOR):
        return cases
    # can_edit_case for each, in SQL: the attorneys assigned to the case
    return cases.filter(assignments__user=request.user, assignments__ended_at__isnull=True)


def _managed(request: HttpRequest, pk: int) -> Referral:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    if not selectors.can_manage_referral(user=request.user, referral=referral):
        raise PermissionDenied
    return referral


# --- List -------------------------------------------------------------------------------------


@role_required(*READ_ROLES)
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(
        request.GET if set(request.GET) - {"page"} else None,
        scope=selectors.referrals_for_user(user=request.user),
    )
    filters = form.as_filters() if form.is_bound else {}
    referrals = selectors.referral_list_for_user(user=request.user, filters=filters)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {name: (value.pk if hasattr(value, "pk") else value) for name, value in filters.items()}
    return render(
        request,
        "referrals/referral_list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(query),
            "filtering": bool(filters),
            "title": _("Referrals"),
        },
    )


# --- Draft and edit ---------------------------------------------------------------------------


@role_required(*REFER_ROLES)
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = client_get_for_user(user=request.user, pk=pk, include_archived=False)
    if not selectors.can_refer(user=request.user, client=client):
        raise PermissionDenied
    cases = _editable_cases(request, client)
    initial = {}
    case_pk = request.GET.get("caso", "")
    if case_pk.isdigit() and cases.filter(pk=int(case_pk)).exists():
        initial["case"] = int(case_pk)
    organisation_pk = request.GET.get("organizacion", "")
    if organisation_pk.isdigit():
        initial["organisation"] = int(organisation_pk)
    form = ReferralForm(request.POST or None, cases=cases, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                client=client,
                by=request.user,
                services=form.cleaned_data["services"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Draft %(number)s saved. Check it and send it when she is ready.")
                % {"number": referral},
            )
            return redirect("referrals:referral_detail", pk=referral.pk)
    return render(
        request,
        "referrals/referral_form.html",
        {
            "form": form,
            "client": client,
            "referral": None,
            "title": _("Refer %(code)s") % {"code": client.client_code},
        },
    )


@role_required(*REFER_ROLES)
@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _managed(request, pk)
    if referral.status != choices.ReferralStatus.DRAFT:
        messages.error(request, _("Only a draft can be changed: this referral was already sent."))
        return redirect("referrals:referral_detail", pk=referral.pk)
    if request.method == "GET":  # the form shows the reason and what is shared about her
        audit_record(action=AuditAction.VIEW, request=request, obj=referral)
    cases = _editable_cases(request, referral.client)
    initial = {
        "kind": referral.kind,
        "organisation": referral.organisation_id,
        "office": referral.office_id,
        "internal_team": referral.internal_team,
        "case": referral.case_id,
        "services": [item.service for item in referral.services.all()],
        "urgency": referral.urgency,
        "reason": referral.reason,
        "shared_fields": referral.shared_fields,
        "ongoing": referral.ongoing,
        "version": referral.version,
    }
    form = ReferralForm(request.POST or None, cases=cases, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update(
                referral=referral,
                by=request.user,
                version=form.cleaned_data.get("version") or 0,
                services=form.cleaned_data["services"],
                **form.service_fields(),
            )
        except StaleEditError as error:
            form.add_error(None, error.messages[0])
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form.data = data
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("referrals:referral_detail", pk=referral.pk)
    return render(
        request,
        "referrals/referral_form.html",
        {
            "form": form,
            "client": referral.client,
            "referral": referral,
            "title": _("Edit referral %(number)s") % {"number": referral},
        },
    )


# --- The referral's page ----------------------------------------------------------------------


def _render_detail(request: HttpRequest, referral: Referral, **forms) -> HttpResponse:
    can_manage = selectors.can_manage_referral(user=request.user, referral=referral)
    allowed = choices.transitions_by_hand(referral.status)
    gate = selectors.consent_gate(referral)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "client": referral.client,
            "services": [item.get_service_display() for item in referral.services.all()],
            "details": letter_details(referral),
            "events": selectors.referral_events(referral),
            "gate": gate,
            "letter_refusal": selectors.letter_refusal(
                user=request.user, referral=referral, gate=gate, can_manage=can_manage
            ),
            "warnings": selectors.referral_warnings(referral=referral, user=request.user)
            if referral.status == choices.ReferralStatus.DRAFT
            else [],
            "can_manage": can_manage,
            "transition_form": forms.get("transition_form")
            or (TransitionForm(allowed=allowed, prefix="status") if allowed else None),
            "follow_up_form": forms.get("follow_up_form") or FollowUpForm(prefix="followup"),
            "title": _("Referral %(number)s") % {"number": referral},
        },
        status=400 if forms else 200,
    )


@role_required(*READ_ROLES)
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=referral)
    return _render_detail(request, referral)


@role_required(*REFER_ROLES)
@require_http_methods(["GET", "POST"])
def referral_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page: what will be shared, the consent gate, the warnings to
    acknowledge; POST records the hand-off."""
    referral = _managed(request, pk)
    if referral.status != choices.ReferralStatus.DRAFT:
        messages.info(request, _("This referral was already sent."))
        return redirect("referrals:referral_detail", pk=referral.pk)
    if request.method == "GET":  # the page shows what will be shared about her
        audit_record(action=AuditAction.VIEW, request=request, obj=referral)
    gate = selectors.consent_gate(referral)
    warnings = selectors.referral_warnings(referral=referral, user=request.user)
    can_override = not gate.open and selectors.can_override_consent(user=request.user)
    form = SendForm(
        request.POST or None,
        warnings=warnings,
        can_override=can_override,
        initial={"version": referral.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_send(
                referral=referral,
                by=request.user,
                sent_on=form.cleaned_data["sent_on"],
                version=form.cleaned_data["version"],
                acknowledged=form.cleaned_data.get("acknowledged") or [],
                override_reason=form.cleaned_data.get("override_reason", ""),
                request=request,
            )
        except StaleEditError:
            messages.error(
                request,
                _(
                    "Someone changed this draft while you were reviewing it. Check what it "
                    "shares now and send again."
                ),
            )
            return redirect("referrals:referral_send", pk=referral.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Referral %(number)s recorded as sent. The follow-up is in your deadlines; "
                    "print the letter if she takes it with her."
                )
                % {"number": referral},
            )
            return redirect("referrals:referral_detail", pk=referral.pk)
    return render(
        request,
        "referrals/referral_send.html",
        {
            "referral": referral,
            "client": referral.client,
            "form": form,
            "gate": gate,
            "warnings": warnings,
            "can_override": can_override,
            "details": letter_details(referral),
            "services": [item.get_service_display() for item in referral.services.all()],
            "title": _("Send referral %(number)s") % {"number": referral},
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*REFER_ROLES)
@require_POST
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _managed(request, pk)
    form = TransitionForm(
        request.POST, allowed=choices.transitions_by_hand(referral.status), prefix="status"
    )
    if form.is_valid():
        try:
            services.referral_transition(
                referral=referral,
                by=request.user,
                to_status=form.cleaned_data["to_status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Referral %(number)s: %(status)s.")
                % {
                    "number": referral,
                    "status": choices.ReferralStatus(form.cleaned_data["to_status"]).label,
                },
            )
            return redirect("referrals:referral_detail", pk=referral.pk)
    return _render_detail(request, referral, transition_form=form)


@role_required(*REFER_ROLES)
@require_POST
def referral_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _managed(request, pk)
    form = FollowUpForm(request.POST, prefix="followup")
    if form.is_valid():
        try:
            services.referral_follow_up(
                referral=referral,
                by=request.user,
                on=form.cleaned_data["on"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                next_on=form.cleaned_data["next_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Follow-up recorded; the next one is scheduled."))
            return redirect("referrals:referral_detail", pk=referral.pk)
    return _render_detail(request, referral, follow_up_form=form)


@role_required(*READ_ROLES)
@require_GET
def referral_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as a PDF, rendered now (never stored). Audited like every download."""
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    refusal = selectors.letter_refusal(user=request.user, referral=referral)
    if refusal:
        messages.error(request, refusal)
        return redirect("referrals:referral_detail", pk=referral.pk)
    data = referral_letter_pdf(referral=referral)
    audit_record(action=AuditAction.DOWNLOAD, request=request, obj=referral)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter_download_name(referral)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@role_required(*READ_ROLES)
@require_GET
def referral_history(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=referral)
    rows = Referral.history.model.objects.filter(id=referral.pk).select_related("history_user")
    page = Paginator(records_timeline(Referral, rows), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/referral_history.html",
        {
            "referral": referral,
            "page": page,
            "title": _("History of referral %(number)s") % {"number": referral},
        },
    )


# --- Inbound referrals --------------------------------------------------------------------------


@role_required(*READ_ROLES)
@require_http_methods(["GET", "POST"])
def inbound_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = client_get_for_user(user=request.user, pk=pk, include_archived=False)
    if not selectors.can_record_inbound(user=request.user, client=client):
        raise PermissionDenied
    form = InboundReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inbound_referral_record(client=client, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved: who referred her to the clinic."))
            return redirect(reverse("cases:client_detail", args=[client.pk]) + "#referrals")
    return render(
        request,
        "referrals/inbound_form.html",
        {
            "form": form,
            "client": client,
            "title": _("Who referred %(code)s") % {"code": client.client_code},
        },
    )


@role_required(*READ_ROLES)
@require_http_methods(["GET", "POST"])
def inbound_archive(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_referral_get_for_user(user=request.user, pk=pk)
    if not selectors.can_record_inbound(user=request.user, client=inbound.client):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inbound_referral_archive(
                inbound=inbound, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Removed from her record (kept in history)."))
            return redirect(reverse("cases:client_detail", args=[inbound.client_id]) + "#referrals")
    return render(
        request,
        "referrals/inbound_archive.html",
        {"form": form, "inbound": inbound, "client": inbound.client, "title": _("Remove")},
    )

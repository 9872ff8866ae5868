"""Deadlines (explanation, override, done, cancel), appointments and declared closures. "Mis
casos", "Esta semana" and the team are in ``caseload``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import case_selectors as cs
from cases import choices
from cases.deadlines import DeadlineKind, explain
from cases.forms.cases import (
    ClosureForm,
    DeadlineDoneForm,
    DeadlineForm,
    DeadlineOverrideForm,
    ReasonForm,
)
from cases.services import deadlines as deadline_services
from cases.services.common import StaleEditError
from cases.timeline import deadline_timeline
from cases.views.common import add_service_errors
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.permissions import role_required

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)


def _editable_deadline(request: HttpRequest, pk: int):
    deadline = cs.deadline_get_for_user(user=request.user, pk=pk)
    case = deadline.case
    if case is not None and not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    return deadline


@role_required(*CASE_ROLES)
def deadline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = cs.deadline_get_for_user(user=request.user, pk=pk)
    case = deadline.case
    audit_record(action=AuditAction.VIEW, request=request, obj=case or deadline.client)
    can_edit = case is None or cs.can_edit_case(user=request.user, case=case)
    history = deadline_timeline(deadline)
    alternatives = cs.deadline_alternatives(deadline)
    return render(
        request,
        "cases/deadline_detail.html",
        {
            "deadline": deadline,
            "case": case,
            "title": deadline.title,
            "explanation": explain(deadline.computation) if deadline.computation else [],
            "late_filing": deadline.rule is not None
            and deadline.rule.late_filing_allowed
            and deadline.is_pending
            and deadline.due_date < clock.today(),
            "history": history,
            "alternatives": alternatives,
            "can_edit": can_edit and deadline.is_pending,
            "override_form": DeadlineOverrideForm(
                initial={"version": deadline.version, "override_date": deadline.override_date}
            ),
            "done_form": DeadlineDoneForm(),
            "cancel_form": ReasonForm(),
            "referral": _followed_up_referral(request, deadline),
        },
    )


def _followed_up_referral(request: HttpRequest, deadline):
    """The referral this deadline follows up (referrals app), when the user may read it."""
    if deadline.rule is None or deadline.rule.code != "referral_followup":
        return None
    from referrals.selectors import referrals_for_user

    return referrals_for_user(user=request.user).filter(followup_deadline=deadline).first()


def _deadline_action(request, pk, form_class, action, success):
    deadline = _editable_deadline(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(deadline, form.cleaned_data)
        except StaleEditError as error:
            messages.error(request, error.messages[0])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("cases:deadline_detail", pk=deadline.pk)


@role_required(*CASE_ROLES)
@require_POST
def deadline_override(request: HttpRequest, pk: int) -> HttpResponse:
    return _deadline_action(
        request,
        pk,
        DeadlineOverrideForm,
        lambda deadline, data: deadline_services.deadline_override(
            deadline=deadline,
            by=request.user,
            new_date=data["override_date"],
            reason=data["reason"],
            version=data["version"],
        ),
        _("Date saved. The computed date stays visible."),
    )


@role_required(*CASE_ROLES)
@require_POST
def deadline_done(request: HttpRequest, pk: int) -> HttpResponse:
    return _deadline_action(
        request,
        pk,
        DeadlineDoneForm,
        lambda deadline, data: deadline_services.deadline_mark_done(
            deadline=deadline, by=request.user, done_on=data["done_on"], note=data["note"]
        ),
        _("Marked done."),
    )


@role_required(*CASE_ROLES)
@require_POST
def deadline_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _deadline_action(
        request,
        pk,
        ReasonForm,
        lambda deadline, data: deadline_services.deadline_cancel(
            deadline=deadline, by=request.user, reason=data["reason"]
        ),
        _("Cancelled. History keeps it."),
    )


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def deadline_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = cs.case_get_for_user(user=request.user, pk=pk)
    if not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    initial = {"responsible": request.user.pk if request.user.has_role(Role.ATTORNEY) else None}
    if request.GET.get("kind") == "appointment":
        initial["kind"] = "appointment"
    if not case.is_open:
        messages.error(request, _("The case is closed: reopen it to add deadlines."))
        return redirect("cases:case_detail", pk=case.pk)
    form = DeadlineForm(request.POST or None, initial=initial, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {}
        if data["kind"] == DeadlineKind.APPOINTMENT:
            extra = {
                "appointment_kind": data["appointment_kind"],
                "place": data["place"],
                "interpreter_needed": data["interpreter_needed"],
                "interpreter_booked": data["interpreter_booked"],
                "accompanied_by": data["accompanied_by"],
            }
        try:
            deadline = deadline_services.deadline_create_manual(
                by=request.user,
                responsible=data["responsible"],
                kind=data["kind"],
                title=data["title"],
                due_date=data["due_date"],
                due_at=form.due_at(),
                case=case,
                **extra,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("cases:deadline_detail", pk=deadline.pk)
    guard = None
    if initial.get("kind") == "appointment" or case.case_type in (
        choices.CaseType.IDENTITY,
        choices.CaseType.OTHER,
    ):
        guard = cs.consular_guard(case.client)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Add a deadline or appointment"),
            "submit": _("Save"),
            "guard": guard if guard and guard.active else None,
        },
    )


# --- Declared closures ------------------------------------------------------------------------


@role_required(Role.COORDINATOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def closure_list(request: HttpRequest) -> HttpResponse:
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deadline_services.closure_record(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Closure recorded. It counts once a second coordinator approves it.")
            )
            return redirect("cases:closure_list")
    closures = cs.closures_for_user(user=request.user)
    page = Paginator(closures, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/closure_list.html",
        {"page": page, "form": form, "title": _("Declared closures")},
    )


@role_required(Role.COORDINATOR)
@require_POST
def closure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    closure = cs.closure_get_for_user(user=request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        moved = deadline_services.closure_decide(
            closure=closure, by=request.user, approve=approve, version=version
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if approve:
            messages.success(
                request,
                _("Closure approved. %(count)s deadline(s) moved; their attorneys were notified.")
                % {"count": moved},
            )
        else:
            messages.success(request, _("Closure rejected."))
    return redirect("cases:closure_list")

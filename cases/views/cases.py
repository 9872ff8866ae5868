"""Cases: opening, the case page, editing, status, team, events, notes, signatures, transfers
and history. Every case goes through ``case_get_for_user`` (404 outside the scope); writes
also need ``can_edit_case`` (403)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import case_selectors as cs
from cases import choices, file_selectors, selectors
from cases.deadlines import explain
from cases.forms.cases import (
    CaseAssignForm,
    CaseForm,
    CaseOpenForm,
    CaseStatusForm,
    EventForm,
    NoteForm,
    ReasonForm,
    SignatureRecordForm,
    SignatureScheduleForm,
    TransferForm,
)
from cases.services import cases as case_services
from cases.services.common import StaleEditError
from cases.services.signature_card import CARD_LANGUAGE_CHOICES, card_language, current_schedule
from cases.timeline import case_timeline
from cases.views.common import add_service_errors, rebind_with_version, their_changes
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.permissions import role_required

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)
FILES_SHOWN = 5  # the latest files of the case; the files page lists them all


def _form_page(request, case, form, save, *, success: str, title: str, submit: str, **extra):
    """The shape every case form shares: validate, call the service, show its errors on the
    form (nothing typed is lost), or go back to the case with a message."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:case_detail", pk=case.pk)
    context = {"case": case, "form": form, "title": title, "submit": submit, **extra}
    return render(request, "cases/case_form.html", context)


def _editable_case(request: HttpRequest, pk: int):
    case = cs.case_get_for_user(user=request.user, pk=pk)
    if not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    return case


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a case for a client in scope: an attorney on her team opens her own; a coordinator
    chooses the attorney (the queue → assignment → case path)."""
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    is_coordinator = request.user.has_role(Role.COORDINATOR)
    form = CaseOpenForm(request.POST or None, client=client, choose_attorney=is_coordinator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_services.case_open(
                client=client,
                case_type=data["case_type"],
                by=request.user,
                attorney=data.get("attorney"),
                dependants=data["dependants"],
                supervisor=data["supervisor"],
                grant_tag=data["grant_tag"],
                is_confidential=data["is_confidential"],
                summary=data["summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.case_number})
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/case_open.html",
        {"client": client, "form": form, "title": _("Open a case")},
    )


@role_required(*CASE_ROLES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = cs.case_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=case)
    can_edit = cs.can_edit_case(user=request.user, case=case)
    deadlines = cs.case_deadlines(case)
    pending = [row for row in deadlines if row.is_pending]
    for row in pending:
        row.explanation = explain(row.computation) if row.computation else []
    signatures = list(case.signatures.order_by("due_on"))
    schedule = current_schedule(case)
    guard = cs.consular_guard(case.client)
    query = urlencode({"caso": case.pk})
    files_url = f"{reverse('cases:client_files', args=[case.client_id])}?{query}"
    upload_url = ""
    if can_edit and not case.client.archived_at:
        upload_url = f"{reverse('cases:file_upload', args=[case.client_id])}?{query}"
    from cases.views.documents import case_documents_context

    return render(
        request,
        "cases/case_detail.html",
        {
            **case_documents_context(request, case, can_edit=can_edit),
            "case": case,
            "title": case.case_number,
            "can_edit": can_edit,
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
            "team": cs.case_team(case),
            "dependants": [
                link.family_member for link in case.dependant_links.select_related("family_member")
            ],
            "pending": pending,
            "closed_deadlines": [row for row in deadlines if not row.is_pending],
            "events": cs.case_events(case),
            "notes": cs.case_notes(case=case, user=request.user),
            "signatures_upcoming": [row for row in signatures if row.status == "pending"][:6],
            "signatures_recorded": [row for row in signatures if row.status != "pending"][-10:],
            "schedule": schedule,
            "card_language": card_language(case.client) if schedule else "",
            "card_languages": CARD_LANGUAGE_CHOICES,
            "transfers": list(case.transfers.all()),
            "event_kinds": choices.EventKind.choices,
            "guard": guard,
            "show_guard": guard.active
            and case.case_type in (choices.CaseType.IDENTITY, choices.CaseType.OTHER),
            "note_form": NoteForm(),
            "today": clock.today(),
            "recent_files": list(
                file_selectors.client_files_for_user(
                    user=request.user, client=case.client, case=case
                )[:FILES_SHOWN]
            ),
            "files_url": files_url,
            "upload_url": upload_url,
            **_case_referrals_context(request, case, can_edit=can_edit),
        },
    )


def _case_referrals_context(request: HttpRequest, case, *, can_edit: bool) -> dict:
    """The case's referrals panel (referrals app); who referred her is on her page."""
    from referrals import selectors as referral_selectors

    return {
        "referrals": referral_selectors.case_referrals(user=request.user, case=case),
        "inbound_referrals": None,
        "can_refer": can_edit
        and case.is_open
        and referral_selectors.can_refer(user=request.user, client=case.client, case=case),
    }


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CaseForm.Meta.fields}
        try:
            case_services.case_update(
                case=case,
                by=request.user,
                data=data,
                version=form.cleaned_data["version"],
                dependants=form.cleaned_data["dependants"],
            )
        except StaleEditError as error:
            stale_changes = their_changes(error.current, data)
            form = CaseForm(
                rebind_with_version(request, error.current.version), instance=error.current
            )
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case saved."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/case_edit.html",
        {"case": case, "form": form, "stale_changes": stale_changes, "title": _("Edit case")},
    )


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    return _form_page(
        request,
        case,
        CaseStatusForm(request.POST or None, case=case),
        lambda data: case_services.case_set_status(case=case, by=request.user, **data),
        success=_("Case status saved."),
        title=_("Status of %(number)s") % {"number": case.case_number},
        submit=_("Save status"),
        warning=_(
            "Closing the case cancels its pending deadlines and future signatures (history "
            "keeps them)."
        ),
    )


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = cs.case_get_for_user(user=request.user, pk=pk)
    return _form_page(
        request,
        case,
        CaseAssignForm(request.POST or None, case=case),
        lambda data: case_services.case_assign(case=case, by=request.user, **data),
        success=_("Team saved."),
        title=_("Assign %(number)s") % {"number": case.case_number},
        submit=_("Assign"),
    )


@role_required(*CASE_ROLES)
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    case = cs.case_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=case)
    entries = case_timeline(
        case=case, can_read_restricted=cs.can_read_restricted_notes(user=request.user, case=case)
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/case_history.html",
        {
            "case": case,
            "page": page,
            "title": _("History of %(number)s") % {"number": case.case_number},
        },
    )


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = _editable_case(request, pk)
    if kind not in choices.EventKind.values:
        raise Http404
    form = EventForm(request.POST or None, case=case, kind=kind)

    def save(_data):
        data = form.event_data()
        occurred_on = data.pop("occurred_on", None)
        case_services.event_record(
            case=case, kind=kind, by=request.user, occurred_on=occurred_on, **data
        )

    guard = None
    if case.case_type == choices.CaseType.IDENTITY:
        guard = cs.consular_guard(case.client)
    return _form_page(
        request,
        case,
        form,
        save,
        success=_("Event recorded; deadlines updated."),
        title=dict(choices.EventKind.choices)[kind],
        submit=_("Record"),
        guard=guard,
    )


@role_required(*CASE_ROLES)
@require_POST
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case_services.note_add(
                case=case,
                by=request.user,
                kind=data["kind"],
                body=data["body"],
                happened_on=data["happened_on"],
                restricted=data["restricted"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Added to the timeline."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("cases:case_detail", pk=case.pk)


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def note_archive(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    note = cs.case_note_get_for_user(user=request.user, case=case, pk=note_pk)
    return _form_page(
        request,
        case,
        ReasonForm(request.POST or None),
        lambda data: case_services.note_archive(note=note, by=request.user, **data),
        success=_("Entry archived. History keeps it."),
        title=_("Archive a timeline entry"),
        submit=_("Archive"),
        danger=True,
    )


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def signature_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    return _form_page(
        request,
        case,
        SignatureScheduleForm(request.POST or None),
        lambda data: case_services.signature_schedule_set(case=case, by=request.user, **data),
        success=_("Signature schedule saved."),
        title=_("COMAR signature"),
        submit=_("Save"),
        warning=_("A missed signature can end the claim as abandoned (Reglamento LRPCAP art. 24)."),
    )


@role_required(*CASE_ROLES)
@require_POST
def signature_record(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = cs.signature_get_for_user(user=request.user, pk=pk)
    if not cs.can_edit_case(user=request.user, case=occurrence.case):
        raise PermissionDenied
    form = SignatureRecordForm(request.POST)
    if form.is_valid():
        try:
            case_services.signature_record(
                occurrence=occurrence, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Signature recorded."))
    else:
        messages.error(request, _("Choose what happened."))
    return_to = request.POST.get("return_to", "")
    if return_to == "week":
        return redirect("cases:week")
    if return_to in ("firmas", "firmas-sin-confirmar"):  # a full list of the week's signatures
        return redirect("cases:week_section", section=return_to)
    return redirect("cases:case_detail", pk=occurrence.case_id)


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    return _form_page(
        request,
        case,
        TransferForm(request.POST or None),
        lambda data: case_services.transfer_record(case=case, by=request.user, **data),
        success=_("Transfer request recorded."),
        title=_("Continue the claim in another state"),
        submit=_("Record request"),
        warning=_(
            "Her constancia is valid only in the state where she filed: moving without "
            "COMAR's authorisation counts as abandonment."
        ),
    )


@role_required(*CASE_ROLES)
@require_POST
def transfer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = cs.transfer_get_for_user(user=request.user, pk=pk)
    if not cs.can_edit_case(user=request.user, case=transfer.case):
        raise PermissionDenied
    try:
        case_services.transfer_decide(
            transfer=transfer,
            by=request.user,
            authorised=request.POST.get("decision") == "authorised",
            decided_on=clock.today(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("cases:case_detail", pk=transfer.case_id)

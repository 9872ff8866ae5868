"""Client list and search, the client's page and history, the coordinator's queue, archive,
restore and assignment."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import choices, file_selectors, selectors
from cases.forms.clients import ArchiveForm, AssignForm, ClientSearchForm, ConsentRecordForm
from cases.services import clients as client_services
from cases.services.consent import consent_record, consent_states
from cases.timeline import client_timeline
from cases.views.common import add_service_errors
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

CASE_ROLES = (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)
PAGE_SIZE = 25
SEARCH_SESSION_KEY = "_acompana_client_searches"
MAX_SAVED_SEARCHES = 20
FILES_SHOWN = 5  # the latest files on her page; the files page lists them all


def _saved_filters(request: HttpRequest) -> dict:
    token = request.GET.get("s", "")
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token, {}) if token else {}


def _save_filters(request: HttpRequest, filters: dict) -> str:
    """Keep the search in the session and return an opaque token for the URL: names, phones
    and CURPs never appear in URLs, browser history or server logs."""
    searches = request.session.get(SEARCH_SESSION_KEY, {})
    while len(searches) >= MAX_SAVED_SEARCHES:
        searches.pop(next(iter(searches)))
    token = secrets.token_urlsafe(8)
    searches[token] = filters
    request.session[SEARCH_SESSION_KEY] = searches
    return token


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest) -> HttpResponse:
    """The list in the user's scope. A search is POSTed and answered with its first page in
    the same response (one round trip); its filters stay in the session and the pagination
    links carry only an opaque token."""
    attorneys = selectors.attorneys_active()
    token = ""
    if request.method == "POST":
        form = ClientSearchForm(request.POST, attorneys=attorneys)
        filters = form.as_filters() if form.is_valid() else {}
        if filters:
            audit_record(action=AuditAction.SEARCH, request=request, object_type="cases.client")
            token = _save_filters(request, filters)
        page_number = 1
    else:
        filters = _saved_filters(request)
        token = request.GET.get("s", "") if filters else ""
        form = ClientSearchForm(initial=filters, attorneys=attorneys)
        page_number = request.GET.get("page")
    clients = selectors.client_list_for_user(user=request.user, filters=filters)
    page = Paginator(clients, PAGE_SIZE).get_page(page_number)
    return render(
        request,
        "cases/client_list.html",
        {
            "form": form,
            "page": page,
            "query": f"s={token}" if token else "",
            "searching": bool(filters),
            "title": _("Clients"),
        },
    )


@role_required(Role.COORDINATOR)
def unassigned_queue(request: HttpRequest) -> HttpResponse:
    queue = selectors.unassigned_queue(user=request.user)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/client_queue.html",
        {
            "page": page,
            # The same options in every row's select: rendered once, escaped, not per row.
            "attorney_options": format_html_join(
                "",
                '<option value="{}">{}</option>',
                ((attorney.pk, str(attorney)) for attorney in selectors.attorneys_active()),
            ),
            "title": _("Waiting for assignment"),
        },
    )


@role_required(*CASE_ROLES)
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=client)
    can_read_restricted = selectors.can_read_restricted(user=request.user, client=client)
    conflicts = selectors.conflict_matches(client=client)
    team = list(client.assignments.filter(ended_at__isnull=True).select_related("user"))
    context = {
        "client": client,
        "title": client.client_code,
        "nationalities": client.nationalities.all(),
        "languages": client.languages.all(),
        "phones": client.phones.all(),
        "family": client.family_members.filter(archived_at__isnull=True),
        "documents": client.identity_documents.filter(archived_at__isnull=True).select_related(
            "family_member"
        ),
        "consents": consent_states(client=client),
        "consent_records": client.consents.select_related("recorded_by", "notice")[:20],
        "flags": client.urgent_flags.filter(resolved_at__isnull=True),
        "needs": client.needs.all(),
        "team": team,
        "restrictions": client.disclosure_restrictions.filter(archived_at__isnull=True)
        if can_read_restricted
        else None,
        "conflicts": conflicts,
        "can_read_restricted": can_read_restricted,
        "can_edit": not client.archived_at
        and (
            request.user.has_role(Role.COORDINATOR)
            or any(assignment.user_id == request.user.pk for assignment in team)
        ),
        "is_coordinator": request.user.has_role(Role.COORDINATOR),
        "consent_labels": dict(choices.ConsentPurpose.choices),
        "attorneys": list(selectors.attorneys_active())
        if request.user.has_role(Role.COORDINATOR)
        else [],
    }
    if request.user.has_role(Role.ATTORNEY, Role.COORDINATOR):
        from cases.case_selectors import cases_for_user

        context["cases"] = list(
            cases_for_user(user=request.user)
            .filter(client=client)
            .select_related("stage")
            .order_by("sequence")
        )
        context["can_open_case"] = (
            client.status != choices.ClientStatus.DRAFT
            and not client.archived_at
            and (
                request.user.has_role(Role.COORDINATOR)
                or any(assignment.user_id == request.user.pk for assignment in team)
            )
        )
    else:
        context["cases"] = None
    context["recent_files"] = list(
        file_selectors.client_files_for_user(user=request.user, client=client)[:FILES_SHOWN]
    )
    context["files_url"] = reverse("cases:client_files", args=[client.pk])
    context["upload_url"] = (
        "" if client.archived_at else reverse("cases:file_upload", args=[client.pk])
    )
    context.update(_referrals_context(request, client))
    if can_read_restricted:
        context["incidents"] = client.violence_incidents.filter(
            archived_at__isnull=True
        ).prefetch_related("types")
        context["crimes"] = client.crimes.filter(archived_at__isnull=True)
        context["narrative"] = getattr(client, "violence_narrative", None)
    return render(request, "cases/client_detail.html", context)


def _referrals_context(request: HttpRequest, client) -> dict:
    """Her referrals panel (referrals app): outbound ones in the user's scope, who referred
    her, and what the user may do."""
    from referrals import selectors as referral_selectors

    return {
        "referrals": referral_selectors.client_referrals(user=request.user, client=client),
        "inbound_referrals": referral_selectors.client_inbound_referrals(client=client),
        "can_refer": referral_selectors.can_refer(user=request.user, client=client),
        "can_record_inbound": referral_selectors.can_record_inbound(
            user=request.user, client=client
        ),
    }


@role_required(*CASE_ROLES)
def client_history(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=client)
    entries = client_timeline(
        client=client,
        can_read_restricted=selectors.can_read_restricted(user=request.user, client=client),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/client_history.html",
        {
            "client": client,
            "page": page,
            "title": _("History of %(code)s") % {"code": client.client_code},
        },
    )


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def client_archive(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client_services.client_archive(
                client=client, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record was archived. It can be restored."))
            return redirect("cases:client_detail", pk=client.pk)
    return render(
        request,
        "cases/client_archive.html",
        {
            "client": client,
            "form": form,
            "title": _("Archive %(code)s") % {"code": client.client_code},
        },
    )


@role_required(Role.COORDINATOR)
@require_POST
def client_restore(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    try:
        client_services.client_restore(client=client, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The record was restored."))
    return redirect("cases:client_detail", pk=client.pk)


@role_required(Role.COORDINATOR)
@require_POST
def client_assign(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    form = AssignForm(request.POST, attorneys=selectors.attorneys_active())
    if form.is_valid():
        try:
            client_services.client_assign(
                client=client, attorney=form.cleaned_data["attorney"], by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(code)s was assigned to %(name)s.")
                % {"code": client.client_code, "name": form.cleaned_data["attorney"]},
            )
    else:
        messages.error(request, _("Choose an attorney."))
    if request.POST.get("return_to") == "queue":
        return redirect("cases:unassigned_queue")
    return redirect("cases:client_detail", pk=client.pk)


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def client_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Her consent per purpose after intake: the current state, every record, and a form to
    record a new one (a signed form for a verbal consent, a withdrawal, a new purpose). Records
    are appended, never edited; the referral and statistics gates read the latest."""
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    can_record = client.archived_at is None
    form = ConsentRecordForm(request.POST or None, initial=_consent_initial_purpose(request))
    if request.method == "POST":
        if not can_record:
            messages.error(request, _("The record is archived: restore it first."))
            return redirect("cases:client_detail", pk=client.pk)
        if form.is_valid():
            try:
                consent_record(client=client, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Consent recorded."))
                return redirect("cases:client_consent", pk=client.pk)
    states = consent_states(client=client)
    return render(
        request,
        "cases/client_consent.html",
        {
            "client": client,
            "form": form,
            "can_record": can_record,
            "states": [
                {
                    "purpose": choices.ConsentPurpose(purpose).label,
                    "state": state,
                    "label": choices.ConsentState(state).label,
                }
                for purpose, state in states.items()
            ],
            "records": client.consents.select_related("recorded_by", "notice").order_by(
                "-recorded_at", "-pk"
            ),
            "title": _("Consent of %(code)s") % {"code": client.client_code},
        },
        status=400 if request.method == "POST" else 200,
    )


def _consent_initial_purpose(request: HttpRequest) -> dict:
    purpose = request.GET.get("finalidad", "")
    return {"purpose": purpose} if purpose in choices.ConsentPurpose.values else {}

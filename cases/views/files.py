"""Client files: the list of a client's files (optionally of one case), upload, download and
archive. Every file goes through ``file_selectors.client_file_get_for_user`` (404 outside the
reader's scope); docs/files.md has the rules.

The download answers 404 to anyone who may not read the file — whatever her role — so that a
download link passed around says nothing about the file; the pages of a client answer 403 to
roles that hold no clients, like every other client page."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import case_selectors as cs
from cases import file_selectors as fs
from cases import selectors
from cases.files import private_file_response
from cases.forms.files import ArchiveReasonForm, ClientFileUploadForm
from cases.services import files as file_services
from cases.views.common import add_service_errors
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

logger = logging.getLogger(__name__)
FILE_ROLES = (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)
PAGE_SIZE = 25


def _case_of(request: HttpRequest, client):
    """The case named by ``?caso=`` (one of this client's, in the user's scope) or None."""
    raw = request.GET.get("caso", "")
    if not raw:
        return None
    case = cs.case_get_for_user(user=request.user, pk=raw)
    if case.client_id != client.pk:
        raise Http404
    return case


def _files_url(client_pk: int, case_pk: int | None = None) -> str:
    url = reverse("cases:client_files", args=[client_pk])
    return f"{url}?{urlencode({'caso': case_pk})}" if case_pk else url


@role_required(*FILE_ROLES)
@require_GET
def client_files(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    case = _case_of(request, client)
    is_coordinator = request.user.has_role(Role.COORDINATOR)
    show_archived = is_coordinator and request.GET.get("archivados") == "1"
    files = fs.client_files_for_user(
        user=request.user, client=client, case=case, include_archived=show_archived
    )
    page = Paginator(files, PAGE_SIZE).get_page(request.GET.get("page"))
    rights = fs.ArchiveRights(user=request.user, client=client)
    for client_file in page.object_list:
        client_file.can_archive = rights.may_archive(client_file)
    audit_record(action=AuditAction.VIEW, request=request, obj=client)
    query = {}
    if case is not None:
        query["caso"] = case.pk
    if show_archived:
        query["archivados"] = "1"
    return render(
        request,
        "cases/client_file_list.html",
        {
            "client": client,
            "case": case,
            "page": page,
            "query": urlencode(query),
            "show_archived": show_archived,
            "is_coordinator": is_coordinator,
            "can_upload": not client.is_archived,
            "evidence_hidden": fs.evidence_is_hidden(user=request.user, client=client),
            "title": (
                _("Files of %(number)s") % {"number": case.case_number}
                if case
                else _("Files of %(code)s") % {"code": client.client_code}
            ),
        },
    )


@role_required(*FILE_ROLES)
@require_http_methods(["GET", "POST"])
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.client_get_for_user(user=request.user, pk=pk)
    cases = fs.cases_for_file_upload(user=request.user, client=client)
    case_choices = cases if request.user.has_role(Role.ATTORNEY, Role.COORDINATOR) else None
    initial = {}
    if case_choices is not None and request.GET.get("caso", "").isdigit():
        initial["case"] = case_choices.filter(pk=request.GET["caso"]).first()
    form = ClientFileUploadForm(
        request.POST or None, request.FILES or None, cases=case_choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client_file = file_services.client_file_upload(
                client=client,
                case=data.get("case"),
                category=data["category"],
                description=data["description"],
                upload=data["upload"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if fs.evidence_is_hidden(user=request.user, client=client) and (
                client_file.category in fs.RESTRICTED_CATEGORIES
            ):
                messages.success(
                    request,
                    _(
                        "File uploaded. Evidence is restricted: only her team and the "
                        "coordinators can open it."
                    ),
                )
            else:
                messages.success(request, _("File uploaded."))
            return redirect(_files_url(client.pk, client_file.case_id))
    return render(
        request,
        "cases/client_file_upload.html",
        {
            "client": client,
            "form": form,
            "title": _("Upload a file for %(code)s") % {"code": client.client_code},
        },
    )


@require_GET
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file as an attachment, audited. No role gate on purpose: outside the reader's scope
    the answer is 404, whoever asks."""
    client_file = fs.client_file_get_for_user(user=request.user, pk=pk)
    try:
        response = private_file_response(
            storage_name=client_file.storage_name,
            filename=client_file.original_name,
            content_type=client_file.content_type,
        )
    except FileNotFoundError:
        logger.error("Client file %s is missing from the private storage", client_file.pk)
        raise Http404 from None
    audit_record(action=AuditAction.DOWNLOAD, request=request, obj=client_file)
    return response


@role_required(*FILE_ROLES)
@require_http_methods(["GET", "POST"])
def file_archive(request: HttpRequest, pk: int) -> HttpResponse:
    client_file = fs.client_file_get_for_user(user=request.user, pk=pk)
    back = _files_url(client_file.client_id, client_file.case_id)
    if client_file.is_archived:
        messages.info(request, _("This file is already archived."))
        return redirect(back)
    if not fs.can_archive_client_file(user=request.user, client_file=client_file):
        raise PermissionDenied
    form = ArchiveReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            file_services.client_file_archive(
                client_file=client_file, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("File archived. A coordinator can still open it."))
            return redirect(back)
    return render(
        request,
        "cases/client_file_archive.html",
        {
            "client_file": client_file,
            "client": client_file.client,
            "form": form,
            "back": back,
            "title": _("Archive a file"),
        },
    )

"""Documents: generating a case's PDFs (a background job), downloading and archiving them,
the per-case checklist of papers, and — for administrators and attorneys — the templates, their
versions, approval and the letterhead (docs/documents.md).

Case pages go through ``case_get_for_user`` (404 outside the scope) and writes need
``can_edit_case`` (403); downloads go through ``case_document_get_for_user`` and are audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import case_selectors as cs
from cases import document_selectors as ds
from cases.forms.cases import ReasonForm
from cases.forms.documents import (
    ChecklistAddForm,
    ChecklistItemForm,
    DocumentRequestForm,
    LetterheadForm,
    TemplateVersionForm,
)
from cases.models.documents import CHECKLIST_STEPS, DocumentAudience, DocumentLanguage
from cases.services import documents as document_services
from cases.services.common import StaleEditError
from cases.views.common import add_service_errors
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)
TEMPLATE_ROLES = (Role.ADMIN, Role.ATTORNEY)
RECENT_DOCUMENTS = 10


def _editable_case(request: HttpRequest, pk: int):
    case = cs.case_get_for_user(user=request.user, pk=pk)
    if not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    return case


def case_documents_context(request: HttpRequest, case, *, can_edit: bool) -> dict:
    """What the case page's "Documents" panel needs (a fixed number of queries)."""
    templates = document_services.templates_for_case(case) if can_edit else []
    recent = list(ds.case_documents(case=case, user=request.user)[: RECENT_DOCUMENTS + 1])
    form = None
    if templates:
        language = document_services.client_document_language(templates[0], case.client)
        for template in templates:
            if template.audience == DocumentAudience.CLIENT:
                language = document_services.client_document_language(template, case.client)
                break
        form = DocumentRequestForm(case=case, templates=templates, language=language)
    return {
        "documents": recent[:RECENT_DOCUMENTS],
        "more_documents": len(recent) > RECENT_DOCUMENTS,
        "document_form": form,
        "document_jobs": document_services.document_jobs_running(case=case, user=request.user),
    }


@role_required(*CASE_ROLES)
@require_POST
def document_generate(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a PDF; the case page shows the job's progress and then the document."""
    case = _editable_case(request, pk)
    templates = document_services.templates_for_case(case)
    form = DocumentRequestForm(request.POST, case=case, templates=templates)
    if form.is_valid():
        try:
            document_services.document_request(
                case=case,
                template=form.cleaned_data["template"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The document is being generated; it will appear in the list.")
            )
    else:
        messages.error(request, _("Choose a document from the list."))
    return redirect(reverse("cases:case_detail", args=[case.pk]) + "#documents")


@role_required(*CASE_ROLES)
@require_GET
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    case = cs.case_get_for_user(user=request.user, pk=pk)
    archived = request.GET.get("archivados") == "1"
    page = Paginator(
        ds.case_documents(case=case, user=request.user, archived=archived), 25
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/document_list.html",
        {
            "case": case,
            "page": page,
            "archived": archived,
            "can_edit": cs.can_edit_case(user=request.user, case=case),
            "title": _("Documents of %(number)s") % {"number": case.case_number},
        },
    )


@role_required(*CASE_ROLES)
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored PDF, as an attachment, never cached; every download is audited."""
    document = ds.case_document_get_for_user(user=request.user, pk=pk)
    handle = document_services.document_open(document)
    audit_record(action=AuditAction.DOWNLOAD, request=request, obj=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@role_required(*CASE_ROLES)
@require_GET
def signature_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's COMAR signature card as a PDF (rendered now, not stored), in the language
    asked (``?idioma=es|en|fr``) or hers. Whoever may read the case may print it; audited."""
    from cases.services import signature_card as card_services

    case = cs.case_get_for_user(user=request.user, pk=pk)
    schedule = card_services.current_schedule(case)
    if schedule is None or not case.is_open:
        if case.is_open:
            messages.error(
                request, _("Set the signature schedule first: the card prints her COMAR dates.")
            )
        else:
            messages.error(request, _("The case is closed: there are no signatures to print."))
        return redirect(reverse("cases:case_detail", args=[case.pk]) + "#signatures")
    language = card_services.card_language(case.client, request.GET.get("idioma"))
    data = card_services.signature_card_pdf(case=case, schedule=schedule, language=language)
    audit_record(action=AuditAction.DOWNLOAD, request=request, obj=schedule)
    response = HttpResponse(data, content_type="application/pdf")
    name = card_services.card_download_name(case, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def document_archive(request: HttpRequest, pk: int) -> HttpResponse:
    document = ds.case_document_get_for_user(user=request.user, pk=pk)
    case = document.case
    if not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_archive(
                document=document, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Document archived. It stays stored and in history."))
            return redirect("cases:document_list", pk=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Archive %(title)s v%(version)s")
            % {"title": document.title, "version": document.version},
            "submit": _("Archive"),
            "danger": True,
        },
    )


# --- Checklist --------------------------------------------------------------------------------


def _checklist_rows(items, data=None):
    return [(item, ChecklistItemForm.for_item(item, data)) for item in items]


def _cost_totals(items) -> dict:
    total = sum((item.cost or 0) for item in items)
    by_person: dict = {}
    for item in items:
        key = item.family_member_id
        by_person.setdefault(key, {"person": item.family_member, "total": 0})
        by_person[key]["total"] += item.cost or 0
    return {"total": total, "by_person": list(by_person.values())}


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """The papers of the case per person, their status dates and cost, with totals. Saving
    changes only the rows that changed; a row someone else saved meanwhile is refused and
    shown with her values, keeping what you typed in the others."""
    case = cs.case_get_for_user(user=request.user, pk=pk)
    can_edit = cs.can_edit_case(user=request.user, case=case)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    items = ds.checklist_items(case)
    rows = _checklist_rows(items, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        saved, failed = 0, False
        for item, form in rows:
            if not form.has_changed():
                continue
            if not form.is_valid():
                failed = True
                continue
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                document_services.checklist_item_update(
                    item=item, by=request.user, version=version, data=data
                )
            except StaleEditError:
                failed = True
                form.add_error(
                    None, _("Someone else saved this row meanwhile: reload the page and check it.")
                )
            except ValidationError as error:
                failed = True
                add_service_errors(form, error)
            else:
                saved += 1
        if not failed:
            messages.success(
                request,
                ngettext(
                    "Checklist saved (%(count)s row changed).",
                    "Checklist saved (%(count)s rows changed).",
                    saved,
                )
                % {"count": saved},
            )
            return redirect("cases:checklist", pk=case.pk)
        messages.error(request, _("Some rows were not saved: see the errors below."))
    return render(
        request,
        "cases/checklist.html",
        {
            "case": case,
            "rows": rows,
            "steps": CHECKLIST_STEPS,
            "totals": _cost_totals(items),
            "can_edit": can_edit,
            "add_form": ChecklistAddForm(case=case) if can_edit else None,
            "title": _("Documents to gather for %(number)s") % {"number": case.case_number},
        },
    )


@role_required(*CASE_ROLES)
@require_POST
def checklist_defaults(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    added = document_services.checklist_create_defaults(case=case, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s document added from the default list.",
            "%(count)s documents added from the default list.",
            added,
        )
        % {"count": added},
    )
    return redirect("cases:checklist", pk=case.pk)


@role_required(*CASE_ROLES)
@require_POST
def checklist_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _editable_case(request, pk)
    form = ChecklistAddForm(request.POST, case=case)
    if form.is_valid():
        try:
            document_services.checklist_item_add(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Document added to the checklist."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("cases:checklist", pk=case.pk)


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def checklist_item_archive(request: HttpRequest, pk: int) -> HttpResponse:
    item = ds.checklist_item_get_for_user(user=request.user, pk=pk)
    case = item.case
    if not cs.can_edit_case(user=request.user, case=case):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document_services.checklist_item_archive(
            item=item, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Removed from the checklist. History keeps it."))
        return redirect("cases:checklist", pk=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Remove “%(item)s” from the checklist") % {"item": str(item)},
            "submit": _("Remove"),
            "danger": True,
        },
    )


# --- Templates and letterhead (administrators write, attorneys approve) -----------------------


@role_required(*TEMPLATE_ROLES)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = list(ds.templates_for_user(user=request.user).prefetch_related("versions"))
    for template in templates:
        versions = sorted(template.versions.all(), key=lambda row: (row.language, -row.number))
        template.in_use = {}
        for row in versions:
            if row.language not in template.in_use or (
                row.is_approved and not template.in_use[row.language].is_approved
            ):
                template.in_use[row.language] = row
        template.pending = any(not row.is_approved for row in template.in_use.values())
    return render(
        request,
        "cases/template_list.html",
        {
            "templates": templates,
            "is_admin": request.user.has_role(Role.ADMIN),
            "title": _("Document templates"),
        },
    )


@role_required(*TEMPLATE_ROLES)
@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = ds.template_get_for_user(user=request.user, pk=pk)
    versions = list(
        template.versions.select_related("created_by", "approved_by").order_by(
            "language", "-number"
        )
    )
    in_use = {}
    for language, _label in DocumentLanguage.choices:
        used = document_services.template_version_for(template, language)
        if used is not None:
            in_use[language] = used.pk
    for row in versions:
        row.in_use = in_use.get(row.language) == row.pk
    return render(
        request,
        "cases/template_detail.html",
        {
            "template": template,
            "versions": versions,
            "is_admin": request.user.has_role(Role.ADMIN),
            "is_attorney": request.user.has_role(Role.ATTORNEY),
            "title": template.name,
        },
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def template_version_create(request: HttpRequest, pk: int) -> HttpResponse:
    template = ds.template_get_for_user(user=request.user, pk=pk)
    language = request.GET.get("idioma", DocumentLanguage.SPANISH)
    if language not in DocumentLanguage.values:
        language = DocumentLanguage.SPANISH
    base = document_services.template_version_for(template, language)
    initial = {"language": language}
    if base is not None:
        initial.update(title=base.title, body=base.body)
    form = TemplateVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = document_services.template_version_create(
                template=template, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s saved. An attorney must approve it before it is used.")
                % {"number": version.number},
            )
            return redirect("cases:template_detail", pk=template.pk)
    return render(
        request,
        "cases/template_version_form.html",
        {
            "template": template,
            "form": form,
            "title": _("New version of %(name)s") % {"name": template.name},
        },
    )


@role_required(*TEMPLATE_ROLES)
@require_GET
def template_version_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The version filled with invented sample data, shown in the browser."""
    version = ds.template_version_get_for_user(user=request.user, pk=pk)
    data = document_services.template_version_preview(version=version)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{version.template.code}_{version.language}_v{version.number}.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.ATTORNEY)
@require_POST
def template_version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = ds.template_version_get_for_user(user=request.user, pk=pk)
    try:
        document_services.template_version_approve(version=version, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Version %(number)s approved: it is now used.") % {"number": version.number}
        )
    return redirect("cases:template_detail", pk=version.template_id)


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def letterhead_edit(request: HttpRequest) -> HttpResponse:
    letterhead = document_services.letterhead_get()
    initial = {}
    if letterhead is not None:
        initial = {
            field: getattr(letterhead, field)
            for field in ("name", "address", "city", "phone", "email")
        }
    else:
        from django.conf import settings

        initial = {"name": settings.CLINIC_NAME}
    form = LetterheadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("logo")
        try:
            document_services.letterhead_update(
                by=request.user, logo=upload.read() if upload else None, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Letterhead saved."))
            return redirect("cases:template_list")
    return render(
        request,
        "cases/letterhead_form.html",
        {
            "form": form,
            "has_logo": bool(letterhead and letterhead.logo),
            "title": _("Letterhead"),
        },
    )

"""Documents: template versions and their approval, the letterhead, generating a case's PDF
as a background job (stored as a versioned ``CaseDocument``), archiving, and the per-case
checklist of papers (docs/documents.md)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cases import choices
from cases.documents.checklist_defaults import CHECKLIST_DEFAULTS
from cases.documents.context import case_context, letterhead_context, sample_context
from cases.documents.sandbox import body_errors, render_body
from cases.files import file_store_bytes, private_storage, sha256_of
from cases.models import (
    Case,
    CaseDocument,
    ChecklistItem,
    DocumentTemplate,
    DocumentTemplateVersion,
    FamilyMember,
    Letterhead,
)
from cases.models.documents import CHECKLIST_STEPS, DocumentAudience, DocumentLanguage
from clinic.accounts.models import Role, User
from clinic.core import clock
from clinic.core.jobs import job_progress, job_submit
from clinic.core.models import Job, JobStatus

from .common import StaleEditError, save_tracked

JOB_KIND = "documents.render"
SPANISH = DocumentLanguage.SPANISH
LOGO_MAX_BYTES = 1024 * 1024

#: Printed on every page of a PDF whose template version no attorney approved. Fixed
#: Spanish wording: it must read the same whatever the language of the person who generated it.
PENDING_TEXT = {
    "es": "PENDIENTE DE APROBACIÓN DE UNA ABOGADA",
    "en": "PENDIENTE DE APROBACIÓN DE UNA ABOGADA · PENDING APPROVAL BY AN ATTORNEY",
    "fr": "PENDIENTE DE APROBACIÓN DE UNA ABOGADA · EN ATTENTE D'APPROBATION PAR UNE AVOCATE",
}
FRAME_LABELS = {
    "es": {"phone": "Tel.", "file": "Expediente"},
    "en": {"phone": "Phone", "file": "File"},
    "fr": {"phone": "Tél.", "file": "Dossier"},
}


# --- Template versions ------------------------------------------------------------------------


def template_version_for(
    template: DocumentTemplate, language: str
) -> DocumentTemplateVersion | None:
    """The version used for ``language``: the latest approved one, else the latest one (its PDF
    then carries the "pending approval" banner); None when there is none in that language."""
    versions = template.versions.filter(language=language).order_by("-number")
    return versions.filter(approved_at__isnull=False).first() or versions.first()


def template_languages(template: DocumentTemplate) -> list[str]:
    """Languages the template has a version in, Spanish first. Documents for authorities and
    the clinic's file are Spanish only."""
    if template.audience != DocumentAudience.CLIENT:
        return [SPANISH]
    available = set(template.versions.values_list("language", flat=True))
    return [code for code, _label in DocumentLanguage.choices if code in available]


def client_document_language(template: DocumentTemplate, client) -> str:
    """Her language when the template has a version in it (English, French), else Spanish."""
    available = template_languages(template)
    spoken = set(client.languages.values_list("code", flat=True))
    for code in (DocumentLanguage.ENGLISH, DocumentLanguage.FRENCH):
        if code in spoken and code in available:
            return code
    return SPANISH


def templates_for_case(case: Case) -> list[DocumentTemplate]:
    """Templates in use that apply to the case's type and have at least one version."""
    rows = DocumentTemplate.objects.filter(is_active=True, versions__isnull=False).distinct()
    return [row for row in rows.order_by("order", "name") if row.applies_to(case.case_type)]


@transaction.atomic
def template_version_create(
    *,
    template: DocumentTemplate,
    by: User,
    language: str,
    title: str,
    body: str,
    change_note: str,
) -> DocumentTemplateVersion:
    """A new version (administrators). It is used only once an attorney approves it; until
    then the previous approved version, if any, stays in use."""
    if not by.has_role(Role.ADMIN):
        raise PermissionDenied
    if template.audience != DocumentAudience.CLIENT and language != SPANISH:
        raise ValidationError({"language": _("Documents for authorities are written in Spanish.")})
    errors = body_errors(body)
    if errors:
        raise ValidationError(
            {"body": _("The text has an error: %(error)s") % {"error": errors[0]}}
        )
    DocumentTemplate.objects.select_for_update().filter(pk=template.pk).first()
    latest = template.versions.filter(language=language).aggregate(n=Max("number"))["n"] or 0
    version = DocumentTemplateVersion(
        template=template,
        language=language,
        number=latest + 1,
        title=title.strip(),
        body=body,
        change_note=change_note.strip(),
        created_by=by,
    )
    save_tracked(version, by=by, reason=_("Template version written"))
    return version


@transaction.atomic
def template_version_approve(
    *, version: DocumentTemplateVersion, by: User
) -> DocumentTemplateVersion:
    """An attorney who did not write it approves a version: from now on it is the one used."""
    if not by.has_role(Role.ATTORNEY):
        raise PermissionDenied
    current = DocumentTemplateVersion.objects.select_for_update().get(pk=version.pk)
    if current.is_approved:
        raise ValidationError(_("This version is already approved."))
    if current.created_by_id == by.pk:
        raise ValidationError(_("Another attorney must approve the version you wrote."))
    current.approved_by, current.approved_at = by, clock.now()
    save_tracked(current, by=by, reason=_("Approved by an attorney"))
    return current


# --- Letterhead -------------------------------------------------------------------------------


def letterhead_get() -> Letterhead | None:
    return Letterhead.objects.filter(pk=1).first()


def letterhead_logo_bytes(letterhead: Letterhead | None) -> bytes | None:
    if letterhead is None or not letterhead.logo:
        return None
    storage = private_storage
    if not storage.exists(letterhead.logo):
        return None
    with storage.open(letterhead.logo, "rb") as handle:
        return handle.read()


def _validated_logo(data: bytes) -> str:
    """The extension of an uploaded PNG or JPEG, after Pillow checked it is one."""
    from PIL import Image

    from cases.documents.pdf import image_type

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("The logo must be smaller than 1 MB.")})
    mime = image_type(data)
    if mime is None:
        raise ValidationError({"logo": _("Upload the logo as a PNG or JPEG image.")})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        raise ValidationError({"logo": _("The image could not be read.")}) from None
    return "png" if mime == "image/png" else "jpg"


@transaction.atomic
def letterhead_update(
    *,
    by: User,
    name: str,
    address: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Letterhead:
    """Administrators set the clinic's name, address and logo printed on every document."""
    if not by.has_role(Role.ADMIN):
        raise PermissionDenied
    letterhead = Letterhead.objects.select_for_update().filter(pk=1).first() or Letterhead(pk=1)
    letterhead.name, letterhead.address, letterhead.city = name.strip(), address.strip(), city
    letterhead.phone, letterhead.email, letterhead.updated_by = phone.strip(), email, by
    if logo:
        letterhead.logo = file_store_bytes(logo, _validated_logo(logo))
    elif remove_logo:
        letterhead.logo = ""
    save_tracked(letterhead, by=by, reason=_("Letterhead changed"))
    return letterhead


# --- Rendering --------------------------------------------------------------------------------


def render_pdf(
    *,
    version: DocumentTemplateVersion,
    context: dict,
    case_number: str,
    document_version: int | None = None,
) -> bytes:
    """The PDF of ``version`` with ``context``: the body rendered in the sandbox, inside the
    letterhead frame, with the "pending approval" banner unless the version is approved."""
    # WeasyPrint loads in ~0.4 s: only the processes that render pay for it.
    from cases.documents.pdf import LOGO_URL, html_to_pdf

    language = version.language
    letterhead = letterhead_get()
    logo = letterhead_logo_bytes(letterhead)
    context = {**context, "clinic": letterhead_context(letterhead)}
    body = render_body(version.body, context, language=language)
    with translation.override(language):
        html = render_to_string(
            "cases/pdf/document.html",
            {
                "language": language,
                "title": version.title,
                "layout": "summary" if version.template.code == "case_summary" else "",
                "letterhead": context["clinic"],
                "logo_url": LOGO_URL if logo else "",
                "case_number": case_number,
                "document_version": document_version,
                "pending_approval": not version.is_approved,
                "labels": {**FRAME_LABELS[language], "pending": PENDING_TEXT[language]},
                # Rendered by the sandbox, where every value was escaped.
                "body": mark_safe(body),  # noqa: S308
            },
        )
    return html_to_pdf(html, logo=logo)


def document_render_bytes(
    *,
    case: Case,
    template: DocumentTemplate,
    language: str,
    user: User,
    document_version: int | None = None,
) -> tuple[bytes, DocumentTemplateVersion, bool]:
    """Render ``template`` for ``case`` as ``user`` would see it. Returns the PDF, the version
    used and whether restricted data went into it."""
    from cases.selectors import can_read_restricted

    version = template_version_for(template, language) or template_version_for(template, SPANISH)
    if version is None:
        raise ValidationError(_("This template has no text yet."))
    include_restricted = template.code == "intake_sheet" and can_read_restricted(
        user=user, client=case.client
    )
    context = case_context(
        case=case,
        language=version.language,
        include_restricted=include_restricted,
        author_name=user.get_full_name(),
    )
    data = render_pdf(
        version=version,
        context=context,
        case_number=case.case_number,
        document_version=document_version,
    )
    return data, version, include_restricted


def template_version_preview(*, version: DocumentTemplateVersion) -> bytes:
    """The version filled with invented sample data (no real person)."""
    return render_pdf(
        version=version,
        context=sample_context(language=version.language),
        case_number="AC-2026-00042-01",
    )


# --- Generating a case's document (background job) -------------------------------------------


def document_request(*, case: Case, template: DocumentTemplate, language: str, by: User) -> Job:
    """Queue the generation of ``template`` for ``case``. The job's parameters are ids and a
    language code only; the PDF is stored and listed on the case when the job runs."""
    from cases.case_selectors import can_edit_case

    if not can_edit_case(user=by, case=case):
        raise PermissionDenied
    if case.status == choices.CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed: reopen it to generate documents."))
    if not template.is_active or not template.applies_to(case.case_type):
        raise ValidationError({"template": _("This template does not apply to this case.")})
    if template.audience != DocumentAudience.CLIENT:
        language = SPANISH  # documents for authorities and the file are in Spanish
    if language not in template_languages(template):
        raise ValidationError({"language": _("This document has no version in that language.")})
    return job_submit(
        kind=JOB_KIND,
        params={"case": case.pk, "template": template.pk, "language": language},
        by=by,
    )


def document_generate_for_job(job: Job) -> CaseDocument:
    """The job's work: render, store, and record the next version of the case's document.
    Idempotent: a job that already produced its document returns it. The requester's scope is
    checked again (she may have lost the case since she asked)."""
    from cases.case_selectors import can_edit_case, cases_for_user

    existing = CaseDocument.objects.filter(job=job).first()
    if existing is not None:
        return existing
    user = job.created_by
    params = job.params
    case = cases_for_user(user=user).select_related("client", "stage").get(pk=int(params["case"]))
    if not can_edit_case(user=user, case=case):
        raise PermissionDenied
    template = DocumentTemplate.objects.get(pk=int(params["template"]), is_active=True)
    job_progress(job, 10, "rendering")
    next_number = _next_document_number(case, template)
    data, version, restricted = document_render_bytes(
        case=case,
        template=template,
        language=str(params["language"]),
        user=user,
        document_version=next_number,
    )
    job_progress(job, 70, "storing")
    name = file_store_bytes(data, "pdf")
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()
            number = _next_document_number(case, template)
            document = CaseDocument(
                case=case,
                template=template,
                template_version=version,
                version=number,
                title=version.title,
                language=version.language,
                file_name=name,
                size=len(data),
                sha256=sha256_of(data),
                pending_approval=not version.is_approved,
                has_restricted=restricted,
                job=job,
                created_by=user,
            )
            save_tracked(document, by=user, reason=_("Document generated"))
    except Exception:
        private_storage.delete(name)
        raise
    return document


def _next_document_number(case: Case, template: DocumentTemplate) -> int:
    latest = CaseDocument.objects.filter(case=case, template=template).aggregate(n=Max("version"))
    return (latest["n"] or 0) + 1


def document_jobs_running(*, case: Case, user: User) -> list[Job]:
    """The requester's document jobs for this case that have not finished (she alone may poll
    them), plus failures of the last hour so she knows to try again."""
    recent = clock.now() - datetime.timedelta(hours=1)
    return list(
        Job.objects.filter(kind=JOB_KIND, created_by=user, params__case=case.pk)
        .exclude(status=JobStatus.DONE)
        .filter(created_at__gte=recent)
        .order_by("-created_at")[:5]
    )


@transaction.atomic
def document_archive(*, document: CaseDocument, by: User, reason: str) -> CaseDocument:
    """Archive a generated document (it stays stored and in history; the list hides it)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    if document.is_archived:
        raise ValidationError(_("This document is already archived."))
    document.archived_at, document.archived_by = clock.now(), by
    document.archive_reason = reason.strip()
    save_tracked(document, by=by, reason=_("Archived"))
    return document


def document_open(document: CaseDocument):
    """The stored file, opened for reading (the view streams it)."""
    return private_storage.open(document.file_name, "rb")


# --- Checklist --------------------------------------------------------------------------------


def _case_people(case: Case) -> list[FamilyMember]:
    return [
        link.family_member
        for link in case.dependant_links.select_related("family_member").order_by("pk")
    ]


@transaction.atomic
def checklist_create_defaults(*, case: Case, by: User) -> int:
    """Add the papers the case type usually needs, for her and each dependant, that the
    checklist does not list yet (idempotent). Returns how many were added."""
    defaults = CHECKLIST_DEFAULTS.get(case.case_type, {"client": [], "dependant": []})
    existing = set(
        case.checklist.filter(archived_at__isnull=True).values_list("family_member_id", "kind")
    )
    wanted = [(None, kind, required) for kind, required in defaults["client"]]
    for person in _case_people(case):
        wanted += [(person, kind, required) for kind, required in defaults["dependant"]]
    added = 0
    for person, kind, required in wanted:
        if ((person.pk if person else None), kind) in existing:
            continue
        item = ChecklistItem(
            case=case, family_member=person, kind=kind, is_required=required, created_by=by
        )
        save_tracked(item, by=by, reason=_("Default checklist created"))
        added += 1
    return added


def _check_person(case: Case, family_member: FamilyMember | None) -> None:
    if family_member is not None and family_member.client_id != case.client_id:
        raise ValidationError({"family_member": _("Choose a member of her family.")})


@transaction.atomic
def checklist_item_add(
    *,
    case: Case,
    by: User,
    kind: str,
    family_member: FamilyMember | None = None,
    label: str = "",
    is_required: bool = True,
) -> ChecklistItem:
    _check_person(case, family_member)
    item = ChecklistItem(
        case=case,
        family_member=family_member,
        kind=kind,
        label=label.strip(),
        is_required=is_required,
        created_by=by,
    )
    if kind == "other" and not item.label:
        raise ValidationError({"label": _("Describe the document.")})
    save_tracked(item, by=by, reason=_("Checklist item added"))
    return item


CHECKLIST_EDITABLE = (
    "is_required",
    *(field for field, _label in CHECKLIST_STEPS),
    "cost",
    "paid_by",
    "notes",
)


@transaction.atomic
def checklist_item_update(
    *, item: ChecklistItem, by: User, version: int, data: dict
) -> ChecklistItem:
    """Save one row of the checklist. A stale row (someone saved it since) is refused."""
    current = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    if current.version != version:
        raise StaleEditError(current)
    today = clock.today()
    for field in CHECKLIST_EDITABLE:
        if field in data:
            setattr(current, field, data[field])
    for field, _label in CHECKLIST_STEPS:
        value = getattr(current, field)
        if value and value > today:
            raise ValidationError({field: _("The date cannot be in the future.")})
    if current.cost is not None and current.cost < Decimal(0):
        raise ValidationError({"cost": _("The cost cannot be negative.")})
    current.version += 1
    save_tracked(current, by=by, reason=_("Checklist item updated"))
    return current


@transaction.atomic
def checklist_item_archive(*, item: ChecklistItem, by: User, reason: str) -> ChecklistItem:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for archiving.")})
    item.archived_at, item.archived_by, item.archive_reason = clock.now(), by, reason.strip()
    item.version += 1
    save_tracked(item, by=by, reason=_("Archived"))
    return item

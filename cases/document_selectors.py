"""Reads for documents, templates and the checklist, enforcing who may see what: a case's
documents follow the case's scope (``case_selectors.cases_for_user``: 404 outside it, and
confidential cases only for their attorneys and coordinators); a document that holds
restricted data is visible only to those who may read the client's restricted data."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from clinic.accounts.models import Role, User

from .case_selectors import cases_for_user
from .models import (
    Case,
    CaseDocument,
    ChecklistItem,
    DocumentTemplate,
    DocumentTemplateVersion,
)
from .selectors import can_read_restricted


def case_documents(*, case: Case, user: User, archived: bool = False) -> QuerySet[CaseDocument]:
    """The case's generated documents, newest first (restricted ones only for those who may
    read restricted data)."""
    rows = case.documents.filter(archived_at__isnull=not archived).select_related(
        "created_by", "template", "template_version", "case"
    )
    if not can_read_restricted(user=user, client=case.client):
        rows = rows.filter(has_restricted=False)
    return rows.order_by("-created_at", "-pk")


def case_document_get_for_user(*, user: User, pk) -> CaseDocument:
    try:
        document = (
            CaseDocument.objects.filter(case__in=cases_for_user(user=user))
            .select_related("case__client", "template", "template_version", "created_by")
            .get(pk=pk)
        )
    except (CaseDocument.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if document.has_restricted and not can_read_restricted(user=user, client=document.case.client):
        raise Http404
    return document


def _can_see_templates(user: User) -> bool:
    return user.has_role(Role.ADMIN, Role.ATTORNEY)


def templates_for_user(*, user: User) -> QuerySet[DocumentTemplate]:
    if not _can_see_templates(user):
        return DocumentTemplate.objects.none()
    return DocumentTemplate.objects.order_by("order", "name")


def template_get_for_user(*, user: User, pk) -> DocumentTemplate:
    try:
        return templates_for_user(user=user).get(pk=pk)
    except (DocumentTemplate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def template_version_get_for_user(*, user: User, pk) -> DocumentTemplateVersion:
    if not _can_see_templates(user):
        raise Http404
    try:
        return DocumentTemplateVersion.objects.select_related(
            "template", "created_by", "approved_by"
        ).get(pk=pk)
    except (DocumentTemplateVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def checklist_items(case: Case) -> list[ChecklistItem]:
    return list(
        case.checklist.filter(archived_at__isnull=True)
        .select_related("family_member")
        .order_by(F("family_member_id").asc(nulls_first=True), "kind", "pk")
    )


def checklist_item_get_for_user(*, user: User, pk) -> ChecklistItem:
    try:
        return (
            ChecklistItem.objects.filter(
                case__in=cases_for_user(user=user), archived_at__isnull=True
            )
            .select_related("case__client", "family_member")
            .get(pk=pk)
        )
    except (ChecklistItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

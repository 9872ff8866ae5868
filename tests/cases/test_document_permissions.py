"""Permission matrix of every document, checklist, template and letterhead URL: every kind of
user, on an ordinary and a confidential case, GET and POST. A refusal changes nothing (no
document, job, checklist change, approval or download audit)."""

import pytest
from django.urls import reverse

from cases.models import (
    CaseDocument,
    ChecklistItem,
    DocumentTemplate,
    DocumentTemplateVersion,
    Letterhead,
)
from cases.services import documents as document_services
from clinic.audit.models import AuditEvent
from clinic.core import jobs
from clinic.core.models import Job
from tests.cases.test_case_permissions import USERS, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# url id: (route, needs edit rights, allowed methods, POST data)
CASE_URLS = {
    "document_list": ("cases:document_list", False, {"get"}, {}),
    "document_generate": ("cases:document_generate", True, {"post"}, None),
    "document_download": ("cases:document_download", False, {"get"}, {}),
    "document_archive": ("cases:document_archive", True, {"get", "post"}, {"reason": "error"}),
    "checklist": ("cases:checklist", False, {"get", "post"}, None),
    "checklist_defaults": ("cases:checklist_defaults", True, {"post"}, {}),
    "checklist_add": ("cases:checklist_add", True, {"post"}, {"kind": "photos"}),
    "checklist_item_archive": (
        "cases:checklist_item_archive",
        True,
        {"get", "post"},
        {"reason": "ya no"},
    ),
}
# Writing on the checklist page (POST) needs edit rights even though reading it does not.
POST_NEEDS_EDIT = {"checklist"}


@pytest.fixture
def docs(world):  # noqa: F811
    summary = DocumentTemplate.objects.get(code="case_summary")
    # Enough rows for every allowed archive in the matrix (the assigned attorney and the
    # coordinator on each case).
    for case in world["cases"].values():
        for _ in range(2):
            job = document_services.document_request(
                case=case, template=summary, language="es", by=world["assigned"]
            )
            jobs.job_run(job.pk)
            document_services.checklist_item_add(case=case, by=world["assigned"], kind="photos")
    return world


def _args(url_id, case):
    if url_id in ("document_download", "document_archive"):
        return [CaseDocument.objects.filter(case=case, archived_at=None).first().pk]
    if url_id == "checklist_item_archive":
        return [ChecklistItem.objects.filter(case=case, archived_at=None).first().pk]
    return [case.pk]


def _data(url_id, case):
    data = CASE_URLS[url_id][3]
    if url_id == "document_generate":
        return {"template": DocumentTemplate.objects.get(code="case_summary").pk, "language": "es"}
    if url_id == "checklist":
        item = ChecklistItem.objects.filter(case=case, archived_at=None).first()
        return {f"item-{item.pk}-version": item.version, f"item-{item.pk}-notes": "cambio"}
    return data


def _snapshot():
    return (
        list(CaseDocument.objects.order_by("pk").values_list("pk", "archived_at")),
        Job.objects.count(),
        list(ChecklistItem.objects.order_by("pk").values_list("pk", "version", "archived_at")),
        AuditEvent.objects.filter(action="download").count(),
    )


def expected(user_key: str, case_key: str, url_id: str, method: str) -> int | None:
    _route, needs_edit, methods, _data = CASE_URLS[url_id]
    if url_id in POST_NEEDS_EDIT and method == "post":
        needs_edit = True
    if user_key in ("intake", "psychosocial", "admin"):
        return 403
    if method not in methods:
        return 405  # refused before any record is read
    if user_key == "coordinator":
        return None
    if user_key == "outsider":
        return 404
    if user_key == "teammate":
        if case_key == "confidential":
            return 404
        return 403 if needs_edit else None
    return None


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", list(CASE_URLS))
def test_case_document_url_matrix(verified_client, docs, url_id, method):
    for case_key in ("ordinary", "confidential"):
        case = docs["cases"][case_key]
        for user_key in USERS:
            url = reverse(CASE_URLS[url_id][0], args=_args(url_id, case))
            browser = verified_client(docs[user_key])
            refusal = expected(user_key, case_key, url_id, method)
            before = _snapshot() if refusal is not None else None  # only a refusal is compared
            response = (
                browser.get(url) if method == "get" else browser.post(url, _data(url_id, case))
            )
            where = (url_id, user_key, case_key, method)
            if refusal is not None:
                assert response.status_code == refusal, where
                assert _snapshot() == before, where
            else:
                assert response.status_code in (200, 302), where


# --- Templates and letterhead: roles, not case scope -----------------------------------------

TEMPLATE_URLS = {
    # url id: (route, roles allowed, allowed methods)
    "template_list": ("cases:template_list", {"admin", "attorney"}, {"get"}),
    "template_detail": ("cases:template_detail", {"admin", "attorney"}, {"get"}),
    "template_version_create": ("cases:template_version_create", {"admin"}, {"get", "post"}),
    "template_version_preview": (
        "cases:template_version_preview",
        {"admin", "attorney"},
        {"get"},
    ),
    "template_version_approve": ("cases:template_version_approve", {"attorney"}, {"post"}),
    "letterhead_edit": ("cases:letterhead_edit", {"admin"}, {"get", "post"}),
}
ROLE_OF = {
    "outsider": "attorney",
    "teammate": "attorney",
    "assigned": "attorney",
    "coordinator": "coordinator",
    "intake": "intake",
    "psychosocial": "psychosocial",
    "admin": "admin",
}


def _template_snapshot():
    return (
        list(DocumentTemplateVersion.objects.order_by("pk").values_list("pk", "approved_at")),
        list(Letterhead.objects.values_list("name", "logo")),
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", list(TEMPLATE_URLS))
def test_template_url_matrix(verified_client, world, url_id, method):  # noqa: F811
    route, roles, methods = TEMPLATE_URLS[url_id]
    template = DocumentTemplate.objects.get(code="info_school")
    version = template.versions.get(language="es")
    args = {
        "template_detail": [template.pk],
        "template_version_create": [template.pk],
        "template_version_preview": [version.pk],
        "template_version_approve": [version.pk],
    }.get(url_id, [])
    data = {
        "template_version_create": {
            "language": "es",
            "title": "t",
            "body": "<p>x</p>",
            "change_note": "n",
        },
        "letterhead_edit": {"name": "Otra clínica"},
    }.get(url_id, {})
    url = reverse(route, args=args)
    for user_key in USERS:
        before = _template_snapshot()
        browser = verified_client(world[user_key])
        response = browser.get(url) if method == "get" else browser.post(url, data)
        where = (url_id, user_key, method)
        if ROLE_OF[user_key] not in roles:
            assert response.status_code == 403, where
            assert _template_snapshot() == before, where
        elif method not in methods:
            assert response.status_code == 405, where
            assert _template_snapshot() == before, where
        else:
            assert response.status_code in (200, 302), where

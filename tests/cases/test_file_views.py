"""Client file pages: the list, upload, download and archive, for every kind of user. A refusal
changes nothing and writes no download event (docs/files.md)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cases import choices
from cases.files import file_read_bytes
from cases.models import ClientFile
from cases.services import files as file_services
from clinic.audit.models import AuditAction, AuditEvent
from tests.cases.file_samples import HTML, PDF, plain_png, upload

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
USERS = [
    "outsider",
    "intake",
    "registrar",
    "psychosocial",
    "admin",
    "teammate",
    "assigned",
    "coordinator",
]
# Who may read which file of the world (tests/cases/conftest.py), by the rules of docs/files.md.
READABLE = {
    "coordinator": {
        "identity",
        "evidence",
        "ordinary",
        "confidential",
        "waiting_consent",
        "waiting_evidence",
    },
    "assigned": {"identity", "evidence", "ordinary", "confidential"},
    "teammate": {"identity", "evidence", "ordinary"},  # not the confidential case's file
    "registrar": {"waiting_consent"},  # her submitted intake: evidence is write-only
    "outsider": set(),
    "intake": set(),
    "psychosocial": set(),
    "admin": set(),
}


def _download(browser, client_file):
    return browser.get(reverse("cases:file_download", args=[client_file.pk]))


def _downloads() -> int:
    return AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).count()


def _snapshot():
    root = Path(settings.PRIVATE_FILES_ROOT)
    return (
        list(
            ClientFile.objects.order_by("pk").values_list(
                "pk", "archived_at", "archive_reason", "category", "case_id", "description"
            )
        ),
        sorted(str(path) for path in root.rglob("*") if path.is_file()),
        _downloads(),
        AuditEvent.objects.filter(action=AuditAction.UPLOAD).count(),
    )


# --- Download ----------------------------------------------------------------------------------


def test_a_download_is_an_audited_attachment_that_is_never_sniffed_or_cached(
    verified_client, file_world
):
    client_file = file_world["files"]["identity"]
    browser = verified_client(file_world["assigned"])

    response = _download(browser, client_file)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == file_read_bytes(client_file.storage_name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(client_file.size)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"pasaporte.pdf\"; filename*=UTF-8''pasaporte.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOAD)
    assert (event.user, event.object_type, event.object_pk) == (
        file_world["assigned"],
        "cases.clientfile",
        str(client_file.pk),
    )


def test_a_download_keeps_an_accented_name_with_an_ascii_fallback(verified_client, file_world):
    client_file = file_services.client_file_upload(
        client=file_world["client"],
        category=choices.FileCategory.OTHER,
        upload=upload("Acta de la niña.png", plain_png()),
        by=file_world["assigned"],
    )

    response = _download(verified_client(file_world["assigned"]), client_file)

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        'attachment; filename="Acta de la nina.png"; '
        "filename*=UTF-8''Acta%20de%20la%20ni%C3%B1a.png"
    )


@pytest.mark.parametrize("user_key", USERS)
def test_each_user_downloads_exactly_the_files_in_her_scope(verified_client, file_world, user_key):
    browser = verified_client(file_world[user_key])
    for file_key, client_file in file_world["files"].items():
        before = _downloads()

        response = _download(browser, client_file)

        if file_key in READABLE[user_key]:
            assert response.status_code == 200, (user_key, file_key)
            assert _downloads() == before + 1
        else:
            assert response.status_code == 404, (user_key, file_key)
            assert _downloads() == before


@pytest.mark.parametrize(
    ("user_key", "file_key"),
    [
        ("outsider", "identity"),  # an attorney of another team
        ("intake", "identity"),
        ("psychosocial", "identity"),
        ("admin", "identity"),
        ("teammate", "confidential"),  # on her team, not assigned to the confidential case
    ],
)
def test_another_caseloads_file_is_a_404(verified_client, file_world, user_key, file_key):
    response = _download(verified_client(file_world[user_key]), file_world["files"][file_key])

    assert response.status_code == 404
    assert _downloads() == 0


def test_an_archived_file_is_downloadable_by_coordinators_only(verified_client, file_world):
    client_file = file_world["files"]["identity"]
    file_services.client_file_archive(
        client_file=client_file, by=file_world["assigned"], reason="Copia ilegible"
    )

    assert _download(verified_client(file_world["assigned"]), client_file).status_code == 404
    assert _download(verified_client(file_world["coordinator"]), client_file).status_code == 200


def test_a_file_missing_from_the_storage_is_a_404_and_is_not_audited(verified_client, file_world):
    from cases.files import private_storage

    client_file = file_world["files"]["identity"]
    private_storage.delete(client_file.storage_name)

    response = _download(verified_client(file_world["assigned"]), client_file)

    assert response.status_code == 404
    assert _downloads() == 0


# --- The list ----------------------------------------------------------------------------------


def _list(browser, client, **query):
    return browser.get(reverse("cases:client_files", args=[client.pk]), query)


def _names(response) -> set[int]:
    return {client_file.pk for client_file in response.context["page"].object_list}


def test_the_list_shows_her_files_in_the_users_scope(verified_client, file_world):
    files = file_world["files"]

    teammate = _list(verified_client(file_world["teammate"]), file_world["client"])

    assert teammate.status_code == 200
    assert _names(teammate) == {files["identity"].pk, files["evidence"].pk, files["ordinary"].pk}
    html = teammate.content.decode()
    assert reverse("cases:file_download", args=[files["identity"].pk]) in html
    assert reverse("cases:file_download", args=[files["confidential"].pk]) not in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.client", object_pk=str(file_world["client"].pk)
    ).exists()


def test_the_list_of_one_case(verified_client, file_world):
    files, cases = file_world["files"], file_world["cases"]
    browser = verified_client(file_world["assigned"])

    response = _list(browser, file_world["client"], caso=cases["confidential"].pk)

    assert _names(response) == {files["confidential"].pk}
    assert response.context["case"] == cases["confidential"]


@pytest.mark.parametrize(
    ("user_key", "case_key"), [("teammate", "confidential"), ("coordinator", "elsewhere")]
)
def test_the_list_of_a_case_outside_her_scope_or_of_another_client_is_a_404(
    verified_client, file_world, make_user, user_key, case_key
):
    if case_key == "elsewhere":
        from cases.services import cases as case_services
        from tests.cases.factories import ClientFactory

        case = case_services.case_open(
            client=ClientFactory(),
            case_type=choices.CaseType.IDENTITY,
            by=file_world["coordinator"],
            attorney=file_world["assigned"],
        )
    else:
        case = file_world["cases"][case_key]

    response = _list(verified_client(file_world[user_key]), file_world["client"], caso=case.pk)

    assert response.status_code == 404


def test_intake_sees_her_registrations_files_and_is_told_evidence_is_restricted(
    verified_client, file_world
):
    with translation.override("en"):
        response = _list(verified_client(file_world["registrar"]), file_world["waiting"])

    assert _names(response) == {file_world["files"]["waiting_consent"].pk}
    with translation.override("es-mx"):
        notice = translation.gettext(
            "Evidence files are restricted: only her team and the coordinators can see them."
        )
    assert (
        notice != "Evidence files are restricted: only her team and the coordinators can see them."
    )
    assert notice in response.content.decode()


def test_archived_files_are_listed_for_coordinators_on_request_only(verified_client, file_world):
    client_file = file_world["files"]["identity"]
    file_services.client_file_archive(
        client_file=client_file, by=file_world["assigned"], reason="Copia ilegible"
    )
    coordinator = verified_client(file_world["coordinator"])

    assert client_file.pk not in _names(_list(coordinator, file_world["client"]))
    assert client_file.pk in _names(_list(coordinator, file_world["client"], archivados="1"))
    assistant = verified_client(file_world["assigned"])
    assert client_file.pk not in _names(_list(assistant, file_world["client"], archivados="1"))


def test_the_list_costs_the_same_for_3_and_30_files(verified_client, file_world):
    browser = verified_client(file_world["assigned"])
    client = file_world["client"]
    _list(browser, client)  # warm-up: the session's activity write

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _list(browser, client).status_code == 200
        return len(captured)

    few = count()
    for index in range(27):
        file_services.client_file_upload(
            client=client,
            case=file_world["cases"]["ordinary"] if index % 2 else None,
            category=choices.FileCategory.OTHER,
            upload=upload(f"hoja-{index}.pdf", PDF),
            by=file_world["assigned"] if index % 3 else file_world["coordinator"],
        )
    assert count() == few


def test_her_page_and_the_case_page_show_their_files(verified_client, file_world):
    files, cases = file_world["files"], file_world["cases"]
    browser = verified_client(file_world["teammate"])

    client_page = browser.get(reverse("cases:client_detail", args=[file_world["client"].pk]))
    case_page = browser.get(reverse("cases:case_detail", args=[cases["ordinary"].pk]))

    assert {row.pk for row in client_page.context["recent_files"]} == {
        files["identity"].pk,
        files["evidence"].pk,
        files["ordinary"].pk,
    }
    assert [row.pk for row in case_page.context["recent_files"]] == [files["ordinary"].pk]
    assert case_page.context["upload_url"] == ""  # she reads the case but is not assigned to it
    assigned_page = verified_client(file_world["assigned"]).get(
        reverse("cases:case_detail", args=[cases["ordinary"].pk])
    )
    upload_url = reverse("cases:file_upload", args=[file_world["client"].pk])
    assert assigned_page.context["upload_url"] == f"{upload_url}?caso={cases['ordinary'].pk}"


# --- Upload ------------------------------------------------------------------------------------


def _post_upload(browser, client, name, data, **fields):
    return browser.post(
        reverse("cases:file_upload", args=[client.pk]),
        {
            "upload": SimpleUploadedFile(name, data),
            "category": "identity_scan",
            "description": "Pasaporte, hojas 1 a 4",
            **fields,
        },
    )


def test_uploading_a_file_goes_back_to_her_files(verified_client, file_world):
    browser = verified_client(file_world["assigned"])
    case = file_world["cases"]["ordinary"]

    response = _post_upload(browser, file_world["client"], "pasaporte.pdf", PDF, case=case.pk)

    stored = ClientFile.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("cases:client_files", args=[file_world["client"].pk]) + f"?caso={case.pk}"
    )
    assert (stored.case, stored.description, stored.uploaded_by) == (
        case,
        "Pasaporte, hojas 1 a 4",
        file_world["assigned"],
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.UPLOAD, object_pk=str(stored.pk), ip_address="127.0.0.1"
    ).exists()


def test_a_refused_file_shows_the_reason_and_keeps_what_she_typed(verified_client, file_world):
    browser = verified_client(file_world["assigned"])
    before = _snapshot()

    response = _post_upload(browser, file_world["client"], "constancia.pdf", HTML)

    # then the page, in Spanish, says what is wrong and how to fix it
    assert response.status_code == 200
    message = (
        "El archivo dice ser PDF pero su contenido no lo es. Vuelve a guardarlo o escanearlo "
        "como PDF y súbelo."
    )
    assert response.context["form"].errors["upload"] == [message]
    html = response.content.decode()
    assert message in html
    assert 'value="Pasaporte, hojas 1 a 4"' in html
    assert _snapshot() == before


@pytest.mark.parametrize(("size", "shown"), [(21 * MB, "21.0"), (20 * MB + MB // 2, "20.5")])
def test_an_oversized_upload_is_refused_with_its_size_and_nothing_is_kept(
    verified_client, file_world, size, shown
):
    browser = verified_client(file_world["assigned"])
    before = _snapshot()

    response = _post_upload(
        browser, file_world["client"], "expediente.pdf", PDF + b"0" * (size - len(PDF))
    )

    assert response.status_code == 200
    assert response.context["form"].errors["upload"] == [
        f"El archivo pesa {shown} MB; el máximo es 20 MB. Escanéalo con menor resolución o "
        "divídelo en varios archivos."
    ]
    assert _snapshot() == before


def test_a_file_bigger_than_the_form_data_limit_is_still_accepted(verified_client, file_world):
    # DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) limits form fields, never the file parts.
    data = PDF + b"0" * (5 * MB)
    assert len(data) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = _post_upload(
        verified_client(file_world["assigned"]), file_world["client"], "expediente.pdf", data
    )

    assert response.status_code == 302
    assert ClientFile.objects.latest("pk").size == len(data)


def test_intake_gets_no_case_choice_and_an_attorney_only_her_cases(verified_client, file_world):
    registrar = verified_client(file_world["registrar"])
    page = registrar.get(reverse("cases:file_upload", args=[file_world["waiting"].pk]))
    assert "case" not in page.context["form"].fields

    teammate = verified_client(file_world["teammate"])
    page = teammate.get(reverse("cases:file_upload", args=[file_world["client"].pk]))
    assert list(page.context["form"].fields["case"].queryset) == [file_world["cases"]["teammates"]]


def test_a_teammate_cannot_attach_a_file_to_a_case_she_is_not_assigned_to(
    verified_client, file_world
):
    before = _snapshot()

    response = _post_upload(
        verified_client(file_world["teammate"]),
        file_world["client"],
        "a.pdf",
        PDF,
        case=file_world["cases"]["ordinary"].pk,
    )

    assert response.status_code == 200
    assert "case" in response.context["form"].errors
    assert _snapshot() == before


def test_evidence_uploaded_by_intake_after_submission_is_stored_but_hidden_from_her(
    verified_client, file_world
):
    browser = verified_client(file_world["registrar"])

    response = _post_upload(
        browser, file_world["waiting"], "fotos.png", plain_png(), category="evidence"
    )

    stored = ClientFile.objects.latest("pk")
    assert response.status_code == 302
    assert stored.category == "evidence"
    assert _download(browser, stored).status_code == 404


# --- Archive -----------------------------------------------------------------------------------


def test_archiving_asks_for_a_reason_then_hides_the_file(verified_client, file_world):
    client_file = file_world["files"]["identity"]
    browser = verified_client(file_world["assigned"])
    url = reverse("cases:file_archive", args=[client_file.pk])

    assert browser.get(url).status_code == 200
    assert browser.post(url, {"reason": ""}).status_code == 200
    client_file.refresh_from_db()
    assert client_file.archived_at is None

    response = browser.post(url, {"reason": "Subido a la usuaria equivocada"})

    client_file.refresh_from_db()
    assert response.status_code == 302
    assert client_file.archive_reason == "Subido a la usuaria equivocada"
    assert client_file.pk not in _names(_list(browser, file_world["client"]))


# --- Permission matrix over every new URL ----------------------------------------------------

FILE_URLS = ["client_files", "file_upload", "file_download", "file_archive"]
CLIENT_ROLES_ONLY = {"psychosocial", "admin"}  # role refusal (403) on the client pages


def expected(url_id: str, user_key: str, method: str) -> int | None:
    """None: allowed; otherwise the refusal status. The target is the main client and the
    ordinary case's file (uploaded by the assigned attorney)."""
    if url_id == "file_download":
        if method == "post":
            return 405
        return None if user_key in ("coordinator", "assigned", "teammate") else 404
    if user_key in CLIENT_ROLES_ONLY:
        return 403
    if url_id == "client_files" and method == "post":
        return 405
    if user_key in ("outsider", "intake", "registrar"):
        return 404
    if url_id == "file_archive" and user_key == "teammate":
        return 403  # she reads the case, but is not assigned to it
    return None


def _request(browser, url_id, method, world):
    client, client_file = world["client"], world["files"]["ordinary"]
    url = reverse(
        f"cases:{url_id}",
        args=[client.pk if url_id in ("client_files", "file_upload") else client_file.pk],
    )
    if method == "get":
        return browser.get(url)
    data = {
        "file_upload": {
            "upload": SimpleUploadedFile("a.pdf", PDF),
            "category": "other",
            "description": "",
        },
        "file_archive": {"reason": "error"},
    }.get(url_id, {})
    return browser.post(url, data)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_id", FILE_URLS)
def test_file_url_matrix(verified_client, file_world, url_id, method):
    """Every user on every file URL (refusals first, so the requests that change something
    run last); a refusal changes nothing and records no download."""
    for user_key in sorted(USERS, key=lambda key: expected(url_id, key, method) is None):
        browser = verified_client(file_world[user_key])
        refusal = expected(url_id, user_key, method)
        before = _snapshot() if refusal is not None else None  # only a refusal is compared

        response = _request(browser, url_id, method, file_world)

        where = (url_id, user_key, method)
        if refusal is not None:
            assert response.status_code == refusal, where
            assert _snapshot() == before, where
        else:
            assert response.status_code in (200, 302), where

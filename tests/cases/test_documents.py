"""Generating a case's documents as background jobs, versioned and stored with their SHA-256;
downloading them (headers, audit); template versions and approval; the letterhead; the
checklist of papers."""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from cases.files import private_storage
from cases.models import CaseDocument, ChecklistItem, DocumentTemplate, Letterhead
from cases.services import documents as document_services
from clinic.audit.models import AuditEvent
from clinic.core import jobs
from clinic.core.models import Job, JobStatus
from tests.cases.document_support import pdf_text, rich_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def people(make_user):
    return {
        "coordinator": make_user("coordinator"),
        "attorney": make_user("attorney"),
        "admin": make_user("admin"),
        "reviewer": make_user("attorney"),
    }


@pytest.fixture
def case(people, clock):
    return rich_case(coordinator=people["coordinator"], attorney=people["attorney"])


def _template(code):
    return DocumentTemplate.objects.get(code=code)


def _generate(browser, case, code, language="es"):
    return browser.post(
        reverse("cases:document_generate", args=[case.pk]),
        {"template": _template(code).pk, "language": language},
    )


def test_generating_queues_a_job_with_ids_only_and_the_case_page_shows_its_progress(
    verified_client, people, case
):
    browser = verified_client(people["attorney"])
    # when
    response = _generate(browser, case, "case_summary")
    # then
    assert response.status_code == 302
    job = Job.objects.get(kind="documents.render")
    assert job.params == {
        "case": case.pk,
        "template": _template("case_summary").pk,
        "language": "es",
    }
    assert job.status == JobStatus.QUEUED
    page = browser.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert f'data-job-url="{reverse("core:job_status", args=[job.pk])}"' in page
    assert CaseDocument.objects.count() == 0


def test_the_job_stores_a_versioned_document_once(verified_client, people, case):
    browser = verified_client(people["attorney"])
    _generate(browser, case, "comar_carta_poder")
    first_job = Job.objects.get()
    # when the job runs (twice: a repeated delivery) and the same template is generated again
    assert jobs.job_run(first_job.pk) == JobStatus.DONE
    assert jobs.job_run(first_job.pk) == "skipped"
    _generate(browser, case, "comar_carta_poder")
    second_job = Job.objects.exclude(pk=first_job.pk).get()
    jobs.job_run(second_job.pk)
    # then two versions, each the SHA-256 of the stored bytes, linked to their jobs
    first, second = CaseDocument.objects.order_by("version")
    assert (first.version, second.version) == (1, 2)
    assert (first.job_id, second.job_id) == (first_job.pk, second_job.pk)
    for document in (first, second):
        with private_storage.open(document.file_name, "rb") as handle:
            data = handle.read()
        assert document.sha256 == hashlib.sha256(data).hexdigest()
        assert document.size == len(data)
        assert document.created_by == people["attorney"]
        assert document.template_version.template.code == "comar_carta_poder"
        assert document.pending_approval is True
    assert "v2" in pdf_text(data)  # the footer names the version
    page = browser.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert second.short_sha in page and "v2" in page
    assert "data-job-url" not in page  # nothing running any more


def test_a_template_for_another_case_type_is_refused(verified_client, people, case):
    browser = verified_client(people["attorney"])
    response = _generate(browser, case, "inm_prevention_reply")  # TVRH / regularisation only
    assert response.status_code == 302
    assert Job.objects.count() == 0


def test_client_documents_use_the_chosen_language_and_authority_ones_stay_spanish(
    verified_client, people, case
):
    browser = verified_client(people["attorney"])
    _generate(browser, case, "info_health", language="fr")
    _generate(browser, case, "comar_application", language="fr")
    for job in Job.objects.all():
        jobs.job_run(job.pk)
    languages = dict(CaseDocument.objects.values_list("template__code", "language"))
    assert languages == {"info_health": "fr", "comar_application": "es"}


def test_the_case_page_offers_her_language_for_client_documents(verified_client, people, case):
    # she speaks French (rich_case): the form starts on French
    page = verified_client(people["attorney"]).get(reverse("cases:case_detail", args=[case.pk]))
    assert page.context["document_form"]["language"].value() == "fr"


def test_a_job_whose_requester_lost_the_case_fails_without_a_document(people, case):
    job = document_services.document_request(
        case=case, template=_template("case_summary"), language="es", by=people["attorney"]
    )
    case.assignments.update(ended_at=datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC))
    case.client.assignments.update(ended_at=datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC))
    assert jobs.job_run(job.pk) == JobStatus.FAILED
    assert CaseDocument.objects.count() == 0


def test_intake_sheet_includes_restricted_sections_only_for_those_who_may_read_them(people, case):
    from cases.models import ViolenceNarrative

    ViolenceNarrative.objects.create(client=case.client, text="Relato confidencial de la niña")
    # the assigned attorney may read restricted data
    data, _version, restricted = document_services.document_render_bytes(
        case=case, template=_template("intake_sheet"), language="es", user=people["attorney"]
    )
    assert restricted is True
    assert "Relato confidencial" in pdf_text(data)
    # a coordinator too; an attorney of another caseload never reaches the case (scope)
    outsider_view = document_services.document_render_bytes(
        case=case, template=_template("intake_sheet"), language="es", user=people["reviewer"]
    )
    assert outsider_view[2] is False
    assert "Relato confidencial" not in pdf_text(outsider_view[0])
    assert "se omitieron" in pdf_text(outsider_view[0])


def _document(people, case, code="case_summary"):
    job = document_services.document_request(
        case=case, template=_template(code), language="es", by=people["attorney"]
    )
    jobs.job_run(job.pk)
    return CaseDocument.objects.get(job=job)


def test_download_is_an_audited_attachment_never_cached(verified_client, people, case):
    document = _document(people, case)
    browser = verified_client(people["coordinator"])
    # when
    response = browser.get(reverse("cases:document_download", args=[document.pk]))
    # then
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.case_number}_case_summary_v1.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert hashlib.sha256(body).hexdigest() == document.sha256
    event = AuditEvent.objects.get(action="download")
    assert (event.user, event.object_type, event.object_pk) == (
        people["coordinator"],
        "cases.casedocument",
        str(document.pk),
    )


def test_archiving_hides_a_document_from_the_list_but_keeps_it(verified_client, people, case):
    document = _document(people, case)
    browser = verified_client(people["attorney"])
    response = browser.post(
        reverse("cases:document_archive", args=[document.pk]), {"reason": "Versión con error"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_archived and document.archive_reason == "Versión con error"
    listing = browser.get(reverse("cases:document_list", args=[case.pk])).content.decode()
    assert document.sha256 not in listing
    archived = browser.get(reverse("cases:document_list", args=[case.pk]) + "?archivados=1")
    assert document.sha256 in archived.content.decode()
    assert private_storage.exists(document.file_name)


def test_the_case_page_runs_the_same_queries_with_one_or_many_documents(
    verified_client, people, case
):
    browser = verified_client(people["attorney"])
    url = reverse("cases:case_detail", args=[case.pk])
    _document(people, case)
    browser.get(url)
    with CaptureQueriesContext(connection) as one:
        browser.get(url)
    for _ in range(4):
        _document(people, case, code="comar_carta_poder")
    with CaptureQueriesContext(connection) as many:
        browser.get(url)
    assert len(many) == len(one)


# --- Templates --------------------------------------------------------------------------------


def test_only_an_attorney_who_did_not_write_it_approves_a_version(people):
    template = _template("case_summary")
    version = document_services.template_version_create(
        template=template,
        by=people["admin"],
        language="es",
        title="Resumen",
        body="<p>{{ case.number }}</p>",
        change_note="Más breve",
    )
    assert version.number == 2
    # the old shipped version stays in use until the new one is approved
    assert document_services.template_version_for(template, "es").number == 2  # none approved
    with pytest.raises(Exception):  # noqa: B017 — PermissionDenied for non-attorneys
        document_services.template_version_approve(version=version, by=people["admin"])
    approved = document_services.template_version_approve(version=version, by=people["reviewer"])
    assert approved.approved_by == people["reviewer"]
    # a newer, unapproved version does not replace the approved one
    document_services.template_version_create(
        template=template,
        by=people["admin"],
        language="es",
        title="Resumen",
        body="<p>borrador</p>",
        change_note="Borrador",
    )
    assert document_services.template_version_for(template, "es") == approved


def test_an_attorney_cannot_approve_her_own_version(make_user):
    both = make_user("admin", "attorney")
    version = document_services.template_version_create(
        template=_template("case_summary"),
        by=both,
        language="es",
        title="R",
        body="<p>x</p>",
        change_note="n",
    )
    with pytest.raises(ValidationError):
        document_services.template_version_approve(version=version, by=both)


def test_authority_templates_have_only_spanish_versions(people):
    with pytest.raises(ValidationError) as error:
        document_services.template_version_create(
            template=_template("comar_review_appeal"),
            by=people["admin"],
            language="en",
            title="Appeal",
            body="<p>x</p>",
            change_note="n",
        )
    assert "language" in error.value.message_dict


def test_admin_writes_previews_and_an_attorney_approves_in_the_app(verified_client, people):
    template = _template("info_school")
    admin = verified_client(people["admin"])
    form_page = admin.get(
        reverse("cases:template_version_create", args=[template.pk]) + "?idioma=fr"
    )
    assert "Vos enfants" in form_page.content.decode()  # starts from the French text
    response = admin.post(
        reverse("cases:template_version_create", args=[template.pk]),
        {
            "language": "fr",
            "title": "Fiche école",
            "body": "<h1>École</h1><p>Bonjour {{ client.given_names }}</p>",
            "change_note": "Plus court",
        },
    )
    assert response.status_code == 302
    version = template.versions.get(language="fr", number=2)
    preview = admin.get(reverse("cases:template_version_preview", args=[version.pk]))
    assert preview["Content-Type"] == "application/pdf"
    assert "Bonjour María" in pdf_text(preview.content)  # sample data, no real person
    attorney = verified_client(people["reviewer"])
    attorney.post(reverse("cases:template_version_approve", args=[version.pk]))
    version.refresh_from_db()
    assert version.approved_by == people["reviewer"]
    listing = attorney.get(reverse("cases:template_list")).content.decode()
    assert "Hoja informativa: inscripción escolar" in listing


def test_a_body_that_does_not_compile_keeps_what_she_typed(verified_client, people):
    template = _template("case_summary")
    response = verified_client(people["admin"]).post(
        reverse("cases:template_version_create", args=[template.pk]),
        {"language": "es", "title": "T", "body": "{% include 'x' %} texto mío", "change_note": "n"},
    )
    assert response.status_code == 200
    assert "texto mío" in response.content.decode()
    assert template.versions.count() == 1


# --- Letterhead -------------------------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (91, 42, 110)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_letterhead_with_a_logo_prints_on_documents(verified_client, people, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = verified_client(people["admin"]).post(
        reverse("cases:letterhead_edit"),
        {
            "name": "Clínica Jurídica Acompaña, A. C.",
            "address": "Calle Ñandú 5, Ciudad de México",
            "city": "Ciudad de México",
            "phone": "+52 55 5555 0000",
            "email": "clinica@example.org",
            "logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert letterhead.logo.endswith(".png")
    data, _version, _restricted = document_services.document_render_bytes(
        case=case, template=_template("comar_carta_poder"), language="es", user=people["attorney"]
    )
    text = pdf_text(data)
    assert "Clínica Jurídica Acompaña, A. C." in text
    assert "Calle Ñandú 5" in text
    assert "Ciudad de México, a 23 de noviembre de 2026" in text
    assert b"/Subtype /Image" in data


def test_a_logo_that_is_not_a_png_or_jpeg_is_refused(verified_client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = verified_client(people["admin"]).post(
        reverse("cases:letterhead_edit"),
        {
            "name": "Clínica",
            "logo": SimpleUploadedFile("logo.png", b"<svg onload=x>", content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert Letterhead.objects.count() == 0


# --- Checklist --------------------------------------------------------------------------------


def test_default_checklist_for_her_and_each_dependant_is_created_once(
    verified_client, people, case
):
    browser = verified_client(people["attorney"])
    url = reverse("cases:checklist_defaults", args=[case.pk])
    browser.post(url)
    browser.post(url)
    rows = list(ChecklistItem.objects.filter(case=case).values_list("family_member_id", "kind"))
    daughter = case.dependants.get().pk
    assert sorted(kind for person, kind in rows if person is None) == sorted(
        [
            "passport",
            "national_id",
            "birth_certificate",
            "persecution_evidence",
            "photos",
            "proof_of_address",
            "medical_records",
        ]
    )
    assert sorted(kind for person, kind in rows if person == daughter) == [
        "birth_certificate",
        "photos",
        "school_records",
    ]


def test_checklist_saves_changed_rows_with_history_and_totals(verified_client, people, case):
    document_services.checklist_create_defaults(case=case, by=people["attorney"])
    passport = ChecklistItem.objects.get(case=case, kind="passport")
    birth = ChecklistItem.objects.get(case=case, kind="birth_certificate", family_member=None)
    browser = verified_client(people["attorney"])
    page = browser.get(reverse("cases:checklist", args=[case.pk]))
    data = {}
    for _item, form in page.context["rows"]:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False, ""):
                data[form.add_prefix(name)] = value if not isinstance(value, bool) else "on"
    data[f"item-{passport.pk}-apostilled_on"] = "2026-11-20"
    data[f"item-{passport.pk}-cost"] = "850.50"
    data[f"item-{passport.pk}-paid_by"] = "clinic"
    data[f"item-{birth.pk}-translated_on"] = "2026-11-21"
    data[f"item-{birth.pk}-cost"] = "1200"
    # when
    response = browser.post(reverse("cases:checklist", args=[case.pk]), data)
    # then
    assert response.status_code == 302
    passport.refresh_from_db()
    assert (passport.apostilled_on, passport.cost, passport.paid_by) == (
        D(2026, 11, 20),
        Decimal("850.50"),
        "clinic",
    )
    assert passport.history.first().history_change_reason == gettext("Checklist item updated")
    assert ChecklistItem.objects.filter(version__gt=1).count() == 2  # only the changed rows
    page = browser.get(reverse("cases:checklist", args=[case.pk]))
    assert page.context["totals"]["total"] == Decimal("2050.50")
    assert "2050.50" in page.content.decode() or "2,050.50" in page.content.decode()


def test_a_future_date_is_refused_and_nothing_she_typed_is_lost(verified_client, people, case):
    item = document_services.checklist_item_add(case=case, by=people["attorney"], kind="photos")
    browser = verified_client(people["attorney"])
    response = browser.post(
        reverse("cases:checklist", args=[case.pk]),
        {
            f"item-{item.pk}-version": item.version,
            f"item-{item.pk}-is_required": "on",
            f"item-{item.pk}-delivered_on": "2027-01-05",
            f"item-{item.pk}-notes": "Lo entrega su hermana",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Lo entrega su hermana"' in html
    item.refresh_from_db()
    assert item.delivered_on is None and item.notes == ""


def test_adding_other_needs_a_description_and_a_family_member_of_hers(people, case, clock):
    from tests.cases.factories import FamilyMemberFactory

    with pytest.raises(ValidationError):
        document_services.checklist_item_add(case=case, by=people["attorney"], kind="other")
    stranger = FamilyMemberFactory()
    with pytest.raises(ValidationError):
        document_services.checklist_item_add(
            case=case, by=people["attorney"], kind="photos", family_member=stranger
        )

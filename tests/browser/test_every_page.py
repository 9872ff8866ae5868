"""Every page a person uses renders in Chromium without a Content Security Policy violation,
a console error or a page error (the ``csp_page`` fixture fails the test on any)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_login_roles import log_in
from tests.factories import UserFactory, confirmed_device
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("accounts:login", {}),
    ("accounts:password_reset", {}),
    ("accounts:password_reset_done", {}),
    ("accounts:password_reset_confirm", {"uidb64": "MQ", "token": "expired-token"}),
    ("accounts:password_reset_complete", {}),
]


def test_public_pages_have_no_csp_violation(csp_page, live_server):
    for name, kwargs in PUBLIC_PAGES:
        csp_page.goto(live_server.url + reverse(name, kwargs=kwargs))
        expect(csp_page.locator("h1")).to_be_visible()
        csp_page.collect_violations()


def _a_case_with_everything(*, coordinator, attorney):
    import datetime

    from cases.services import cases as case_services
    from tests.cases.factories import ClientFactory

    client = ClientFactory(entry_date=datetime.date.today() - datetime.timedelta(days=20))
    case = case_services.case_open(
        client=client, case_type="asylum", by=coordinator, attorney=attorney
    )
    case_services.note_add(
        case=case,
        by=attorney,
        kind="call",
        body="Llamada",
        restricted=True,
        happened_on=datetime.date.today(),
    )
    case_services.signature_schedule_set(
        case=case, by=attorney, weekday=0, every_weeks=1, starts_on=datetime.date.today()
    )
    return case


def _a_file(*, case, by):
    from cases.services.files import client_file_upload
    from tests.cases.file_samples import jpeg_with_gps, upload

    return client_file_upload(
        client=case.client,
        case=case,
        category="evidence",
        description="Fotos de las lesiones",
        upload=upload("lesiones.jpg", jpeg_with_gps()),
        by=by,
    )


def _an_organisation_with_an_office(*, by):
    from directory import services

    organisation = services.organisation_create(
        by=by,
        data={
            "name": "Consulado de prueba",
            "kind": "consulate",
            "services": ["identity_documents"],
            "website": "https://consulado.example.org",
        },
    )
    office = services.office_create(
        organisation=organisation,
        by=by,
        data={
            "state": "MX-CHP",
            "city": "Tapachula",
            "address": "Calle Refugio 1",
            "phones": [{"number": "+529626425098", "extension": "2", "kind": "fax", "note": ""}],
            "emails": [{"address": "contacto@consulado.example.org", "label": "Citas"}],
        },
    )
    return organisation, office


def _documents_of(case, user):
    from cases.models import CaseDocument, DocumentTemplate
    from cases.services import documents as document_services
    from clinic.core.jobs import job_run

    template = DocumentTemplate.objects.get(code="case_summary")
    job = document_services.document_request(case=case, template=template, language="es", by=user)
    job_run(job.pk)
    item = document_services.checklist_item_add(case=case, by=user, kind="passport")
    return CaseDocument.objects.get(job=job), item, template


def test_every_staff_page_has_no_csp_violation(csp_page, live_server, screenshot_dir):
    # given: a verified administrator who holds every role, and a colleague to manage
    user = UserFactory(
        roles=("admin", "coordinator", "attorney", "intake", "psychosocial"),
        is_staff=True,
        is_superuser=True,
    )
    colleague = UserFactory(roles=("attorney",))
    confirmed_device(colleague)
    NotificationFactory(recipient=user, url=reverse("accounts:leave"))
    NotificationFactory(recipient=user, url="", read_at="2026-01-05T10:00:00Z")
    case = _a_case_with_everything(coordinator=user, attorney=user)
    deadline = case.deadlines.first()
    client_file = _a_file(case=case, by=user)
    organisation, office = _an_organisation_with_an_office(by=user)
    document, checklist_item, template = _documents_of(case, user)
    log_in(csp_page, live_server, user, confirmed_device(user))
    pages = [
        reverse("cases:my_cases"),
        reverse("cases:week"),
        reverse("cases:week_section", args=["plazos"]),
        reverse("cases:week_section", args=["firmas"]) + "?semana=1",
        reverse("cases:team"),
        reverse("cases:closure_list"),
        reverse("cases:calendar_settings"),
        reverse("cases:case_open", args=[case.client_id]),
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:case_edit", args=[case.pk]),
        reverse("cases:case_status", args=[case.pk]),
        reverse("cases:case_assign", args=[case.pk]),
        reverse("cases:case_history", args=[case.pk]),
        reverse("cases:event_create", args=[case.pk, "decision"]),
        reverse("cases:note_archive", args=[case.pk, case.notes.first().pk]),
        reverse("cases:signature_schedule", args=[case.pk]),
        reverse("cases:transfer_create", args=[case.pk]),
        reverse("cases:deadline_create", args=[case.pk]) + "?kind=appointment",
        reverse("cases:deadline_detail", args=[deadline.pk]),
        reverse("cases:client_detail", args=[case.client_id]),
        reverse("cases:client_files", args=[case.client_id]),
        reverse("cases:client_files", args=[case.client_id]) + f"?caso={case.pk}&archivados=1",
        reverse("cases:file_upload", args=[case.client_id]) + f"?caso={case.pk}",
        reverse("cases:file_archive", args=[client_file.pk]),
        reverse("cases:document_list", args=[case.pk]),
        reverse("cases:document_archive", args=[document.pk]),
        reverse("cases:checklist", args=[case.pk]),
        reverse("cases:checklist_item_archive", args=[checklist_item.pk]),
        reverse("cases:template_list"),
        reverse("cases:template_detail", args=[template.pk]),
        reverse("cases:template_version_create", args=[template.pk]),
        reverse("cases:letterhead_edit"),
        reverse("core:home"),
        reverse("accounts:password_change"),
        reverse("accounts:mfa_recovery_codes"),
        reverse("accounts:staff_list") + "?q=a&role=attorney&status=all",
        reverse("accounts:staff_create"),
        reverse("accounts:staff_detail", kwargs={"pk": colleague.pk}),
        reverse("accounts:staff_edit", kwargs={"pk": colleague.pk}),
        reverse("accounts:staff_deactivate", kwargs={"pk": colleague.pk}),
        reverse("accounts:staff_mfa_reset", kwargs={"pk": colleague.pk}),
        reverse("notifications:notification_list"),
        reverse("notifications:reminder_preferences"),
        reverse("notifications:digest_preview"),
        reverse("accounts:leave"),
        reverse("accounts:team_list"),
        reverse("accounts:team_leave", kwargs={"pk": colleague.pk}),
        reverse("directory:organisation_list") + "?q=refugio&state=MX-CHP",
        reverse("directory:organisation_list") + "?q=nada-coincide",
        reverse("directory:organisation_create"),
        reverse("directory:organisation_detail", args=[organisation.pk]),
        reverse("directory:organisation_edit", args=[organisation.pk]),
        reverse("directory:organisation_history", args=[organisation.pk]),
        reverse("directory:organisation_archive", args=[organisation.pk]),
        reverse("directory:office_create", args=[organisation.pk]),
        reverse("directory:office_edit", args=[office.pk]),
        reverse("directory:office_archive", args=[office.pk]),
        "/no-such-page/",
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", kwargs={"object_id": colleague.pk}),
        reverse("admin:audit_auditevent_changelist"),
        reverse("admin:directory_organisation_changelist"),
        reverse("admin:directory_organisation_change", kwargs={"object_id": organisation.pk}),
        reverse("admin:directory_office_change", kwargs={"object_id": office.pk}),
    ]
    # when / then
    for path in pages:
        csp_page.goto(live_server.url + path)
        expect(csp_page.locator("h1").first).to_be_visible()
        csp_page.collect_violations()
    csp_page.goto(live_server.url + reverse("accounts:staff_create"))
    csp_page.get_by_role("button", name="Guardar").click()
    expect(csp_page.locator(".errorlist").first).to_be_visible()
    csp_page.screenshot(path=screenshot_dir / "staff-create-errors.png", full_page=True)
    csp_page.collect_violations()


def test_a_page_outside_ones_role_is_refused_in_spanish(csp_page, live_server):
    user = UserFactory(roles=("intake",))
    log_in(csp_page, live_server, user, confirmed_device(user))

    response = csp_page.goto(live_server.url + reverse("accounts:staff_list"))

    assert response.status == 403
    expect(csp_page.locator("h1")).to_have_text("Acceso denegado")
    csp_page.collect_violations()


def test_logged_out_and_locked_out_pages(csp_page, live_server):
    user = UserFactory(roles=("attorney",))
    log_in(csp_page, live_server, user, confirmed_device(user))
    csp_page.locator(".user-menu summary").click()
    csp_page.get_by_role("button", name="Cerrar sesión").click()
    expect(csp_page.locator("h1")).to_have_text("Cerraste sesión")
    for attempt in range(6):
        csp_page.goto(live_server.url + reverse("accounts:login"))
        csp_page.get_by_label("Nombre de usuario").fill(user.username)
        csp_page.get_by_label("Contraseña").fill(f"incorrecta {attempt}")
        csp_page.get_by_role("button", name="Iniciar sesión").click()
    expect(csp_page.locator("h1")).to_have_text("Cuenta bloqueada temporalmente")
    csp_page.collect_violations()

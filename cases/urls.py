from django.urls import path

from .views import calendar, caseload, cases, clients, deadlines, documents, files, intake, notices

app_name = "cases"

urlpatterns = [
    # Client list, search, page, history, archive (cases/views/clients.py)
    path("usuarias/", clients.client_list, name="client_list"),
    path("usuarias/cola/", clients.unassigned_queue, name="unassigned_queue"),
    path("usuarias/<int:pk>/", clients.client_detail, name="client_detail"),
    path("usuarias/<int:pk>/historial/", clients.client_history, name="client_history"),
    path("usuarias/<int:pk>/archivar/", clients.client_archive, name="client_archive"),
    path("usuarias/<int:pk>/restaurar/", clients.client_restore, name="client_restore"),
    path("usuarias/<int:pk>/asignar/", clients.client_assign, name="client_assign"),
    path("usuarias/<int:pk>/consentimiento/", clients.client_consent, name="client_consent"),
    # Client files: ID scans, evidence, signed consent forms (cases/views/files.py)
    path("usuarias/<int:pk>/archivos/", files.client_files, name="client_files"),
    path("usuarias/<int:pk>/archivos/subir/", files.file_upload, name="file_upload"),
    path("archivos/<int:pk>/descargar/", files.file_download, name="file_download"),
    path("archivos/<int:pk>/archivar/", files.file_archive, name="file_archive"),
    # Intake flow (cases/views/intake.py)
    path("registro/", intake.intake_consent, name="intake_consent"),
    path("registro/persona/", intake.intake_person, name="intake_person"),
    path("registro/<int:pk>/<slug:step>/", intake.intake_step, name="intake_step"),
    path("registro/<int:pk>/enviar/confirmar/", intake.intake_submit, name="intake_submit"),
    # Privacy notice versions (administrators) (cases/views/notices.py)
    path("aviso-de-privacidad/", notices.notice_list, name="notice_list"),
    path("aviso-de-privacidad/nueva-version/", notices.notice_create, name="notice_create"),
    # Cases (cases/views/cases.py)
    path("usuarias/<int:pk>/abrir-caso/", cases.case_open, name="case_open"),
    path("casos/<int:pk>/", cases.case_detail, name="case_detail"),
    path("casos/<int:pk>/editar/", cases.case_edit, name="case_edit"),
    path("casos/<int:pk>/estado/", cases.case_status, name="case_status"),
    path("casos/<int:pk>/asignar/", cases.case_assign, name="case_assign"),
    path("casos/<int:pk>/historial/", cases.case_history, name="case_history"),
    path("casos/<int:pk>/eventos/<slug:kind>/", cases.event_create, name="event_create"),
    path("casos/<int:pk>/notas/", cases.note_create, name="note_create"),
    path("casos/<int:pk>/notas/<int:note_pk>/archivar/", cases.note_archive, name="note_archive"),
    path("casos/<int:pk>/firmas/", cases.signature_schedule, name="signature_schedule"),
    path("firmas/<int:pk>/registrar/", cases.signature_record, name="signature_record"),
    path("casos/<int:pk>/traslados/", cases.transfer_create, name="transfer_create"),
    path("traslados/<int:pk>/decidir/", cases.transfer_decide, name="transfer_decide"),
    # Her caseload: Mis casos, the week and its sections, the team (cases/views/caseload.py)
    path("casos/", caseload.my_cases, name="my_cases"),
    path("semana/", caseload.week, name="week"),
    path("semana/<slug:section>/", caseload.week_section, name="week_section"),
    path("equipo/", caseload.team, name="team"),
    # Deadlines and declared closures (cases/views/deadlines.py)
    path("casos/<int:pk>/plazos/nuevo/", deadlines.deadline_create, name="deadline_create"),
    path("plazos/<int:pk>/", deadlines.deadline_detail, name="deadline_detail"),
    path("plazos/<int:pk>/fecha/", deadlines.deadline_override, name="deadline_override"),
    path("plazos/<int:pk>/cumplido/", deadlines.deadline_done, name="deadline_done"),
    path("plazos/<int:pk>/cancelar/", deadlines.deadline_cancel, name="deadline_cancel"),
    path("cierres/", deadlines.closure_list, name="closure_list"),
    path("cierres/<int:pk>/decidir/", deadlines.closure_decide, name="closure_decide"),
    # Documents, the checklist, templates and the letterhead (cases/views/documents.py)
    path("casos/<int:pk>/documentos/", documents.document_list, name="document_list"),
    path(
        "casos/<int:pk>/documentos/generar/", documents.document_generate, name="document_generate"
    ),
    path("documentos/<int:pk>/descargar/", documents.document_download, name="document_download"),
    path("casos/<int:pk>/tarjeta-de-firmas/", documents.signature_card, name="signature_card"),
    path("documentos/<int:pk>/archivar/", documents.document_archive, name="document_archive"),
    path("casos/<int:pk>/lista-de-documentos/", documents.checklist, name="checklist"),
    path(
        "casos/<int:pk>/lista-de-documentos/por-omision/",
        documents.checklist_defaults,
        name="checklist_defaults",
    ),
    path(
        "casos/<int:pk>/lista-de-documentos/agregar/",
        documents.checklist_add,
        name="checklist_add",
    ),
    path(
        "lista-de-documentos/<int:pk>/quitar/",
        documents.checklist_item_archive,
        name="checklist_item_archive",
    ),
    path("plantillas/", documents.template_list, name="template_list"),
    path("plantillas/<int:pk>/", documents.template_detail, name="template_detail"),
    path(
        "plantillas/<int:pk>/nueva-version/",
        documents.template_version_create,
        name="template_version_create",
    ),
    path(
        "plantillas/versiones/<int:pk>/vista-previa/",
        documents.template_version_preview,
        name="template_version_preview",
    ),
    path(
        "plantillas/versiones/<int:pk>/aprobar/",
        documents.template_version_approve,
        name="template_version_approve",
    ),
    path("membrete/", documents.letterhead_edit, name="letterhead_edit"),
    # Calendar feed (cases/views/calendar.py): the feed is the one token-protected public route
    path("calendario/", calendar.calendar_settings, name="calendar_settings"),
    path("calendario/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]

from django.urls import path

from .views import clients, intake, notices

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
    # Intake flow (cases/views/intake.py)
    path("registro/", intake.intake_consent, name="intake_consent"),
    path("registro/persona/", intake.intake_person, name="intake_person"),
    path("registro/<int:pk>/<slug:step>/", intake.intake_step, name="intake_step"),
    path("registro/<int:pk>/enviar/confirmar/", intake.intake_submit, name="intake_submit"),
    # Privacy notice versions (administrators) (cases/views/notices.py)
    path("aviso-de-privacidad/", notices.notice_list, name="notice_list"),
    path("aviso-de-privacidad/nueva-version/", notices.notice_create, name="notice_create"),
]

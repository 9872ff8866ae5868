from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("nueva/", views.organisation_create, name="organisation_create"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/editar/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/historial/", views.organisation_history, name="organisation_history"),
    path("<int:pk>/archivar/", views.organisation_archive, name="organisation_archive"),
    path("<int:pk>/restaurar/", views.organisation_restore, name="organisation_restore"),
    path("<int:pk>/oficinas/nueva/", views.office_create, name="office_create"),
    path("oficinas/<int:pk>/editar/", views.office_edit, name="office_edit"),
    path("oficinas/<int:pk>/archivar/", views.office_archive, name="office_archive"),
    path("oficinas/<int:pk>/restaurar/", views.office_restore, name="office_restore"),
]

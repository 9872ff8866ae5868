from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("exportar/", views.export_request, name="export_request"),
    path("exportaciones/", views.export_list, name="export_list"),
    path("exportaciones/<int:pk>/descargar/", views.export_download, name="export_download"),
]

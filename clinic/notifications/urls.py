from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("marcar-leidos/", views.notifications_mark_read, name="notifications_mark_read"),
    path("resumen/", views.digest_preview, name="digest_preview"),
    path("recordatorios/", views.reminder_preferences, name="reminder_preferences"),
    path("<int:pk>/abrir/", views.notification_open, name="notification_open"),
]

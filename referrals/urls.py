from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("canalizaciones/", views.referral_list, name="referral_list"),
    path("usuarias/<int:pk>/canalizar/", views.referral_create, name="referral_create"),
    path("canalizaciones/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("canalizaciones/<int:pk>/editar/", views.referral_edit, name="referral_edit"),
    path("canalizaciones/<int:pk>/enviar/", views.referral_send, name="referral_send"),
    path("canalizaciones/<int:pk>/estado/", views.referral_status, name="referral_status"),
    path(
        "canalizaciones/<int:pk>/seguimiento/",
        views.referral_follow_up,
        name="referral_follow_up",
    ),
    path("canalizaciones/<int:pk>/carta/", views.referral_letter, name="referral_letter"),
    path("canalizaciones/<int:pk>/historial/", views.referral_history, name="referral_history"),
    path("usuarias/<int:pk>/canalizada-por/", views.inbound_create, name="inbound_create"),
    path("canalizada-por/<int:pk>/quitar/", views.inbound_archive, name="inbound_archive"),
]

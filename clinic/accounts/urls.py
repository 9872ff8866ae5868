from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("entrar/", views.LoginView.as_view(), name="login"),
    path("salir/", views.LogoutView.as_view(), name="logout"),
    path("contrasena/", views.PasswordChangeView.as_view(), name="password_change"),
    path("contrasena/olvide/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "contrasena/olvide/enviado/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "contrasena/restablecer/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "contrasena/restablecer/listo/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("2fa/alta/", views.mfa_enrol, name="mfa_enrol"),
    path("2fa/verificar/", views.mfa_verify, name="mfa_verify"),
    path("2fa/codigos/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("ausencia/", views.leave, name="leave"),
    path("equipo/", views.team_list, name="team_list"),
    path("equipo/<int:pk>/ausencia/", views.team_leave, name="team_leave"),
    path("personal/", views.staff_list, name="staff_list"),
    path("personal/nueva/", views.staff_create, name="staff_create"),
    path("personal/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("personal/<int:pk>/editar/", views.staff_edit, name="staff_edit"),
    path("personal/<int:pk>/desactivar/", views.staff_deactivate, name="staff_deactivate"),
    path("personal/<int:pk>/reactivar/", views.staff_reactivate, name="staff_reactivate"),
    path("personal/<int:pk>/desbloquear/", views.staff_unlock, name="staff_unlock"),
    path(
        "personal/<int:pk>/enviar-enlace/",
        views.staff_send_password_link,
        name="staff_send_password_link",
    ),
    path("personal/<int:pk>/restablecer-2fa/", views.staff_mfa_reset, name="staff_mfa_reset"),
]

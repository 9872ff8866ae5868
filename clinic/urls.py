from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

# The Django admin is for superusers and, like every page, needs a verified second factor.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = _("Acompaña administration")
admin.site.site_title = _("Acompaña")

urlpatterns = [
    path("", include("clinic.core.urls")),
    path("cuenta/", include("clinic.accounts.urls")),
    path("avisos/", include("clinic.notifications.urls")),
    path("", include("cases.urls")),
    path("directorio/", include("directory.urls")),
    path("estadisticas/", include("reports.urls")),
    path("", include("referrals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "clinic.core.views.permission_denied"
handler404 = "clinic.core.views.page_not_found"

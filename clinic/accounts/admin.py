from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    """Superusers' view of accounts. Day-to-day staff management happens in the app's own
    staff pages, which enforce the rules (no self role changes, sessions ended on
    deactivation)."""

    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_superuser")
    list_filter = (
        "is_active",
        "is_intake",
        "is_attorney",
        "is_coordinator",
        "is_psychosocial",
        "is_clinic_admin",
    )
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Clinic roles"),
            {
                "fields": (
                    "is_intake",
                    "is_attorney",
                    "is_coordinator",
                    "is_psychosocial",
                    "is_clinic_admin",
                    "deactivated_at",
                    "deactivation_reason",
                    "on_leave",
                    "leave_until",
                    "delegate",
                )
            },
        ),
    )

    # Roles, activation, leave and operator status change only through the app's services
    # (audited, sessions ended, no self-changes) or the grant_admin command — never here.
    readonly_fields = (
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "user_permissions",
        "is_intake",
        "is_attorney",
        "is_coordinator",
        "is_psychosocial",
        "is_clinic_admin",
        "deactivated_at",
        "deactivation_reason",
        "on_leave",
        "leave_until",
        "delegate",
        "last_login",
        "date_joined",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are deactivated, never deleted: the audit trail points at them.
        return False


# Authenticator keys and recovery codes are never browsable, even by operators.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)

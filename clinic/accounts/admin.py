from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
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
                    "must_change_password",
                    "deactivated_at",
                    "deactivation_reason",
                )
            },
        ),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are deactivated, never deleted: the audit trail points at them.
        return False

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only."""

    list_display = (
        "created_at",
        "user",
        "roles",
        "action",
        "object_type",
        "object_pk",
        "ip_address",
    )
    list_filter = ("action",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

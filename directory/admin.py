"""Operators' view of the partner directory. Staff edit it in the app (/directorio/), where the
services keep the history and the rules; here rows are never deleted (archive instead)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Office, Organisation


class OfficeInline(admin.StackedInline):
    model = Office
    extra = 0
    fields = ("name", "country", "state", "city", "address", "postal_code", "phones", "emails")
    show_change_link = True

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "acronym",
        "kind",
        "last_verified_on",
        "needs_completion",
        "archived_at",
    )
    list_filter = ("kind", "needs_completion", "name_inferred", "danger_for_asylum_seekers")
    search_fields = ("name", "acronym", "other_names", "search_text")
    readonly_fields = ("source_key", "archived_at", "archived_by", "archive_reason")
    inlines = [OfficeInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # archive in the app instead


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "state", "city", "archived_at")
    list_filter = ("state", "country")
    search_fields = ("organisation__name", "name", "city", "search_text")
    readonly_fields = ("source_key", "archived_at", "archived_by", "archive_reason")
    list_select_related = ("organisation",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

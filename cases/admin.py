"""Operators' lists. Client records are never browsable here: they go through the app's
scoped pages (and their audit trail)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Language


@admin.register(Language)
class LanguageAdmin(SimpleHistoryAdmin):
    """The editable list of languages offered at intake (indigenous languages included)."""

    list_display = ("name", "code", "is_indigenous", "order")
    list_editable = ("is_indigenous", "order")
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # clients point at languages; rename or reorder instead

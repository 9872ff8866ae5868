"""Operators' lists. Client records are never browsable here: they go through the app's
scoped pages (and their audit trail)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStage, DeadlineRule, Language


@admin.register(Language)
class LanguageAdmin(SimpleHistoryAdmin):
    """The editable list of languages offered at intake (indigenous languages included)."""

    list_display = ("name", "code", "is_indigenous", "order")
    list_editable = ("is_indigenous", "order")
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # clients point at languages; rename or reorder instead


@admin.register(CaseStage)
class CaseStageAdmin(SimpleHistoryAdmin):
    """Stage labels and order per case type; the code never changes."""

    list_display = ("case_type", "order", "label", "code", "is_active")
    list_filter = ("case_type", "is_active")
    list_editable = ("order", "label", "is_active")
    readonly_fields = ("code",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # cases point at stages; deactivate instead


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(SimpleHistoryAdmin):
    """The legal deadline table as data (docs/deadlines.md). Change a rule only after legal
    review; the history keeps who changed what."""

    list_display = ("code", "name", "kind", "period", "unit", "calendar", "source", "unverified")
    list_filter = ("kind", "calendar", "unverified", "is_active")
    readonly_fields = ("code",)
    search_fields = ("code", "name", "source")

    def has_add_permission(self, request) -> bool:
        return False  # rules are added in code with golden rows (docs/deadlines.md)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

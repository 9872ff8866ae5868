"""Helpers shared by the case views: service errors onto forms, and the stale-edit comparison
(someone else saved the record while you were editing it)."""

from __future__ import annotations

import copy
import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def display(instance, name: str) -> str:
    """A field's value as a person reads it (for the "their changes" comparison)."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices and value not in (None, ""):
        return str(instance._get_FIELD_display(field))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value))
    if hasattr(value, "name") and hasattr(value, "code"):  # a django-countries Country
        return str(value.name)
    return formats.localize(value) if isinstance(value, datetime.date) else str(value)


def their_changes(current, yours: dict) -> list[dict]:
    """The fields where the saved record (someone else's save) differs from what you typed."""
    mine = copy.copy(current)
    for name, value in yours.items():
        setattr(mine, name, value)
    changes = []
    for name in yours:
        theirs_text, mine_text = display(current, name), display(mine, name)
        if theirs_text != mine_text:
            label = capfirst(current._meta.get_field(name).verbose_name)
            changes.append({"label": label, "theirs": theirs_text, "yours": mine_text})
    return changes


def rebind_with_version(request: HttpRequest, version: int, prefix: str = ""):
    """Your typed data with the version you have now seen, so that saving again wins."""
    data = request.POST.copy()
    data[f"{prefix}-version" if prefix else "version"] = str(version)
    return data

"""Helpers shared by the cases services: history attribution and optimistic concurrency."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _


class StaleEditError(ValidationError):
    """Someone else saved the record after the form was opened. ``current`` is the record as it
    is now, so the form can show her changes next to yours and nothing is lost."""

    def __init__(self, current: models.Model):
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. Their changes are shown "
                "below; review them and save again."
            ),
            code="stale",
        )
        self.current = current


def save_tracked(instance: models.Model, *, by, reason: str) -> None:
    """``full_clean`` and save, attributing the history row to ``by`` with ``reason``.

    The reason is handed to simple-history before the save (``_change_reason``), so the
    history row is written with it: ``update_change_reason`` afterwards would look the row up
    by every field's value — a slow query on a growing history table — and update it."""
    instance._history_user = by
    instance._change_reason = reason
    try:
        full_clean(instance)
        instance.save()
    finally:
        del instance._change_reason  # a later plain save() must not reuse it


def full_clean(instance: models.Model) -> None:
    """``Model.full_clean()``, except that a foreign key holding an object already loaded from
    the database (what services pass: the client, the case, the acting user) is not looked up
    again to prove it exists — one query less per such key on every save; the database's
    foreign-key constraint still guards it. Everything else is validated as usual: field
    values, ``clean()``, unique and check constraints."""
    loaded = {
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.is_cached(instance)
        and getattr(getattr(instance, field.name), "pk", None) is not None
    }
    errors: dict = {}
    try:
        instance.clean_fields(exclude=loaded)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    for validate in (instance.validate_unique, instance.validate_constraints):
        try:
            validate(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_versioned(instance, *, by, reason: str, expected_version: int | None) -> None:
    """Save a VersionedModel only if nobody saved it since ``expected_version`` was read.

    The check and the increment happen under a row lock, so two people saving at once cannot
    both win. ``expected_version=None`` skips the check (new records and internal changes).
    """
    if instance.pk is not None and expected_version is not None:
        current = type(instance).objects.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEditError(current)
        instance.version = current.version + 1
    save_tracked(instance, by=by, reason=reason)

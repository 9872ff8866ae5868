"""Helpers shared by the cases services: history attribution and optimistic concurrency."""

from __future__ import annotations

from contextlib import nullcontext
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
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
    values, ``clean()``, unique and check constraints — a model's check constraints in one
    query instead of one query (and a savepoint) each."""
    loaded = {
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.is_cached(instance)
        and getattr(getattr(instance, field.name), "pk", None) is not None
        and not getattr(instance, field.name)._state.adding  # read from the database
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
    # As Django does: unique checks, then constraints, only for the fields that passed so far.
    for validate in (instance.validate_unique, partial(_validate_constraints, instance)):
        try:
            validate(exclude={name for name in errors if name != NON_FIELD_ERRORS})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _validate_constraints(instance: models.Model, *, exclude: set[str]) -> None:
    """``Model.validate_constraints()``, with each model's check constraints evaluated together
    (``_failed_checks``); unique constraints and any other kind are validated as Django does."""
    using = router.db_for_write(type(instance), instance=instance)
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        checks = [c for c in constraints if isinstance(c, models.CheckConstraint)]
        failures = [
            ValidationError(c.get_violation_error_message(), code=c.violation_error_code)
            for c in _failed_checks(model_class, instance, checks, exclude=exclude, using=using)
        ]
        for constraint in constraints:
            if isinstance(constraint, models.CheckConstraint):
                continue
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as error:
                fields = getattr(constraint, "fields", ())
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)
                else:
                    failures.append(error)
        for error in failures:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _failed_checks(model_class, instance, checks, *, exclude, using) -> list:
    """The check constraints ``instance`` would violate, asked of the database in one
    ``SELECT`` of one boolean per constraint (what ``Q.check`` asks, one query at a time).
    As in Django, a constraint on an excluded field is skipped and a NULL result passes."""
    if not checks:
        return []
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    query = Query(None)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    asked = []
    for constraint in checks:
        condition = ExpressionWrapper(Q(constraint.condition), output_field=BooleanField())
        try:
            query.add_annotation(
                Coalesce(condition, Value(True), output_field=BooleanField()),
                f"_check_{len(asked)}",
            )
        except FieldError:  # it reads a field left out of the validation
            continue
        asked.append(constraint)
    if not asked:
        return []
    connection = connections[using]
    savepoint = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with savepoint:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except (DatabaseError, FieldError):
        # Validated one by one, as Django does: a constraint its query cannot express is
        # skipped, a database error is logged and lets it pass.
        failed = []
        for constraint in asked:
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError:
                failed.append(constraint)
        return failed
    return [constraint for constraint, passed in zip(asked, row, strict=True) if not passed]


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

"""Recording audit events. Views call :func:`audit_record` (or decorate with :func:`audited`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import HttpRequest

from clinic.core.net import client_ip

from .models import AuditAction, AuditEvent


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_pk: Any = "",
) -> AuditEvent:
    """Append one audit event.

    ``user`` defaults to the request's authenticated user. The object is identified by its model
    label and primary key only: field values never enter the trail.
    """
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if obj is not None:
        object_type = obj._meta.label_lower
        object_pk = obj.pk
    return AuditEvent.objects.create(
        user=user,
        roles=",".join(user.roles) if user is not None else "",
        ip_address=client_ip(request) if request is not None else None,
        action=AuditAction(action),
        object_type=object_type,
        object_pk="" if object_pk in (None, "") else str(object_pk),
    )


def audited(action: str, *, object_type: str = "", pk_kwarg: str = "pk") -> Callable:
    """Decorate a view so that every successful (2xx) response records ``action``.

    The object's primary key is taken from the URL keyword ``pk_kwarg`` when present.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                audit_record(
                    action=action,
                    request=request,
                    object_type=object_type,
                    object_pk=kwargs.get(pk_kwarg, ""),
                )
            return response

        return wrapper

    return decorator

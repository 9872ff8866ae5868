"""Role checks for views.

Two layers, both deny-by-default:

* **Role** — a view that belongs to a role is wrapped in :func:`role_required`; anyone else gets
  403. The user's roles are columns on the user row, so the check costs no query.
* **Record scope** — a view that shows one record never calls ``Model.objects.get``; it calls the
  app's ``<model>_get_for_user(user=…, pk=…)`` selector, which raises ``Http404`` for anything
  outside the user's scope (so an out-of-scope record is indistinguishable from a missing one).
"""

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def role_required(*roles: str) -> Callable:
    """Allow the view only to active users holding at least one of ``roles``."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated or not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator

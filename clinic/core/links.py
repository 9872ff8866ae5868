"""Addresses of the rows of long lists."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Stands for the primary key while the route is reversed once; no route contains these digits.
_MARKER = 987654321


def link_maker(view_name: str) -> Callable[[int], str]:
    """The address of ``view_name`` for a primary key (a route with one ``<int:…>``), reversed
    once and then formatted for each row: ``reverse()`` costs about 60 µs a call, and a list
    of fifty rows with two links each spent a quarter of its rendering there."""
    prefix, marker, suffix = reverse(view_name, args=[_MARKER]).partition(str(_MARKER))
    if not marker:
        raise ValueError(f"{view_name} does not take one integer argument")
    return lambda pk: f"{prefix}{int(pk)}{suffix}"

"""Pagination of large lists in one SQL query per page."""

from __future__ import annotations

import math

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property


class _CountedPaginator(Paginator):
    """A paginator whose total is already known (nothing to count)."""

    def __init__(self, total: int, per_page: int):
        super().__init__((), per_page)
        self._total = total

    @cached_property
    def count(self) -> int:
        return self._total


def page_of_ids(queryset: QuerySet, number, *, per_page: int) -> Page:
    """The page ``number`` of ``queryset``'s primary keys, like ``Paginator.get_page``
    (a bad or missing number gives page 1, one past the end the last page).

    The rows carry the total (``COUNT(*) OVER ()``), so a page costs one query instead of a
    COUNT and a SELECT that both walk the whole list with its scope checks. Only an empty
    page (an empty list, or a number past the end) costs a COUNT more."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")

    def rows_of(page_number: int) -> list[tuple[int, int]]:
        offset = (page_number - 1) * per_page
        return list(counted[offset : offset + per_page])

    rows = rows_of(number)
    if rows:
        total = rows[0][1]
    else:
        total = queryset.count()
        if total:
            number = math.ceil(total / per_page)
            rows = rows_of(number)
        else:
            number = 1
    return Page([pk for pk, _total in rows], number, _CountedPaginator(total, per_page))

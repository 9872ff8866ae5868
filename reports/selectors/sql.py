"""One SQL statement for many grouped counts over the same populations.

The people tables all count the same set — the clients served in the period — split in a
dozen ways. Written as a dozen ORM aggregates, the database would work out who was served a
dozen times (half a second each on 100 000 clients). Here the populations are common table
expressions built from ordinary querysets (all the filtering stays in the ORM, with its
parameters), computed once, and every table is a ``GROUP BY`` over them, all sent as one
``UNION ALL`` statement:

    WITH served(…) AS MATERIALIZED (<queryset SQL>), family(…) AS (…)
    SELECT 'gender', CAST(gender AS TEXT), CAST(is_new AS TEXT), NULL, COUNT(*) FROM served
        GROUP BY gender, is_new
    UNION ALL SELECT …

The branch SQL is written here from fixed column names (never from input); values only ever
come in as the querysets' parameters. It runs the same on PostgreSQL and SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

KEYS = 3


@dataclass
class GroupedCounts:
    ctes: list[tuple[str, list[str], str, list, bool]] = field(default_factory=list)
    branches: list[tuple[str, str]] = field(default_factory=list)

    def population(self, name: str, queryset: QuerySet, *, materialized: bool = True) -> None:
        """A named population: ``queryset`` must be a ``values(**expressions)`` queryset; its
        expressions' names become the columns (in order)."""
        if not queryset.query.distinct_fields:
            queryset = queryset.order_by()  # a population has no order (Meta.ordering sorts)
        columns = list(queryset.query.annotation_select)
        sql, params = queryset.query.sql_with_params()
        self.ctes.append((name, columns, sql, list(params), materialized))

    def derived(self, name: str, columns: list[str], sql: str) -> None:
        """A population computed from the earlier ones (a join, typically) by fixed SQL."""
        self.ctes.append((name, columns, sql, [], True))

    def count(self, key: str, source: str, keys: list[str], where: str = "") -> None:
        """``COUNT(*)`` of ``source`` (a population, or a join of them) grouped by ``keys``."""
        selected = [f"CAST({column} AS TEXT)" for column in keys]
        selected += ["CAST(NULL AS TEXT)"] * (KEYS - len(keys))
        group = f" GROUP BY {', '.join(keys)}" if keys else ""
        condition = f" WHERE {where}" if where else ""
        # Fixed identifiers from this module's callers, never input: values are parameters.
        sql = f"SELECT '{key}', {', '.join(selected)}, COUNT(*) FROM {source}{condition}{group}"  # noqa: S608
        self.branches.append((key, sql))

    def run(self) -> dict[str, dict[tuple, int]]:
        """``{branch: {(key, …): count}}`` — one query."""
        materialize = "MATERIALIZED " if connection.vendor == "postgresql" else ""
        parts, params = [], []
        for name, columns, sql, cte_params, materialized in self.ctes:
            keyword = materialize if materialized else ""
            parts.append(f"{name}({', '.join(columns)}) AS {keyword}({sql})")
            params += cte_params
        statement = (
            "WITH "
            + ", ".join(parts)
            + " "
            + " UNION ALL ".join(sql for _key, sql in self.branches)
        )
        results: dict[str, dict[tuple, int]] = {key: {} for key, _sql in self.branches}
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            for key, *values in cursor.fetchall():
                *group, total = values
                results[key][tuple(value for value in group[:KEYS])] = total
        return results


def pick(counts: dict[tuple, int], *keys: str | None) -> int:
    """The count for ``keys`` (missing keys are ``None``); 0 when absent."""
    padded = tuple(keys) + (None,) * (KEYS - len(keys))
    return counts.get(padded, 0)

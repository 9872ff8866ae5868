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

    def count_sets(self, source: str, sets: list[tuple[str, list[str]]]) -> None:
        """Several ``count``s of the same ``source``, each grouped by its own columns: one
        scan with ``GROUPING SETS`` on PostgreSQL, one ``count`` each elsewhere."""
        if connection.vendor != "postgresql":
            for key, keys in sets:
                self.count(key, source, keys)
            return
        columns = list(dict.fromkeys(column for _key, keys in sets for column in keys))

        def matches(keys: list[str]) -> str:
            return " AND ".join(
                f"GROUPING({column}) = {0 if column in keys else 1}" for column in columns
            )

        branch = "CASE " + " ".join(f"WHEN {matches(keys)} THEN '{key}'" for key, keys in sets)
        selected = [branch + " END"]
        for position in range(KEYS):
            cases = " ".join(
                f"WHEN {matches(keys)} THEN CAST({keys[position]} AS TEXT)"
                for _key, keys in sets
                if position < len(keys)
            )
            selected.append(f"CASE {cases} END" if cases else "CAST(NULL AS TEXT)")
        grouping = ", ".join(f"({', '.join(keys)})" for _key, keys in sets)
        # Fixed identifiers, as in count().
        sql = f"SELECT {', '.join(selected)}, COUNT(*) FROM {source}"  # noqa: S608
        sql += f" GROUP BY GROUPING SETS ({grouping})"
        self.branches.append((tuple(key for key, _keys in sets), sql))

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
        keys = [key for branch, _sql in self.branches for key in _branch_keys(branch)]
        results: dict[str, dict[tuple, int]] = {key: {} for key in keys}
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            for key, *values in cursor.fetchall():
                *group, total = values
                results[key][tuple(value for value in group[:KEYS])] = total
        return results


def _branch_keys(branch) -> tuple:
    return branch if isinstance(branch, tuple) else (branch,)


def restrict(counts: dict[tuple, int], position: int, value: str) -> dict[tuple, int]:
    """The counts whose key at ``position`` is ``value``, with that key left out (padded
    again): e.g. the clients with consent out of counts by (disability, consent, new)."""
    return {
        (*key[:position], *key[position + 1 :], None): total
        for key, total in counts.items()
        if key[position] == value
    }


def pick(counts: dict[tuple, int], *keys: str | None) -> int:
    """The count for ``keys`` (missing keys are ``None``); 0 when absent."""
    padded = tuple(keys) + (None,) * (KEYS - len(keys))
    return counts.get(padded, 0)

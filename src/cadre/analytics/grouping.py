"""Several GROUP BYs over the same rows in one statement.

A dashboard asks the same rows many questions: how many per gender and age, per political
status, per rank … ``grouped_counts`` answers them all with one statement. On PostgreSQL it
is one ``GROUP BY GROUPING SETS`` — a single pass over the rows, one hash table per set. On
SQLite (a county at most) it is the same groupings joined with ``UNION ALL``. Either way the
result is a few hundred grouped rows, never a row per cadre.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable

Dims = Mapping[str, str | Combinable]
Counts = dict[tuple[str, ...], dict[tuple[Any, ...], int]]


def _normalise(value: Any) -> Any:
    """Database values as plain Python: integers stay integers whatever the backend returns
    (PostgreSQL's EXTRACT gives numeric, SQLite's booleans are 0/1)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "as_integer_ratio"):
        return int(value)
    return value


@contextmanager
def without_jit() -> Iterator[None]:
    """PostgreSQL: plan the statements inside without JIT compilation.

    A grouped pass over a province has a high estimated cost, so PostgreSQL would JIT-compile
    its expressions; with a dozen grouping expressions and CASEs, compiling costs seconds
    — more than the whole pass. ``SET LOCAL`` keeps the setting to this transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


SCAN_WORK_MEM = "128MB"  # per sort or hash of a background scan (PostgreSQL's default: 4MB)


@contextmanager
def scan_session() -> Iterator[None]:
    """PostgreSQL: `without_jit`, and memory enough to sort and hash a province's rows
    without spilling to disk, for the statements of a background pass (``SET LOCAL``)."""
    with without_jit():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('work_mem', %s, true)", [SCAN_WORK_MEM])
        yield


@dataclass(frozen=True)
class Grouping:
    """The statement answering several groupings, and how to read its rows: each row is
    (mask, value per dimension…, count); ``sets[mask]`` names the grouping of a row."""

    sql: str
    params: list[Any]
    names: list[str]
    sets: dict[int, tuple[str, ...]]


def grouping(qs: QuerySet[Any], dims: Dims, sets: Sequence[tuple[str, ...]]) -> Grouping:
    names = list(dims)
    for s in sets:
        unknown = [n for n in s if n not in dims]
        if unknown:
            raise ValueError(f"unknown dimensions {unknown}")
    aliases = {n: f"g_{n}" for n in names}
    inner = (
        qs.order_by()
        .annotate(**{aliases[n]: F(e) if isinstance(e, str) else e for n, e in dims.items()})
        .values(*aliases.values())
    )
    sql, params = inner.query.sql_with_params()
    cols = ", ".join(aliases[n] for n in names)
    # GROUPING(a, b, …): one bit per argument, leftmost highest, set when a column is
    # *not* grouped in the row's set. Each set has its own mask.
    masks = {
        sum(1 << (len(names) - 1 - i) for i, n in enumerate(names) if n not in s): tuple(s)
        for s in sets
    }
    if connection.vendor == "postgresql":
        groups = ", ".join("(" + ", ".join(aliases[n] for n in s) + ")" for s in sets)
        # Only fixed aliases and Django's own compiled SQL are spliced; values are parameters.
        statement = (
            f"SELECT GROUPING({cols}) AS grp, {cols}, COUNT(*) AS n "  # noqa: S608
            f"FROM ({sql}) AS t GROUP BY GROUPING SETS ({groups})"
        )
        all_params: list[Any] = list(params)
    else:
        parts = []
        all_params = []
        for mask, s in masks.items():
            picked = ", ".join(
                (aliases[n] if n in s else "NULL") + f" AS {aliases[n]}" for n in names
            )
            group = ", ".join(aliases[n] for n in s)
            parts.append(
                f"SELECT {mask} AS grp, {picked}, COUNT(*) AS n FROM ({sql}) AS t "  # noqa: S608
                f"GROUP BY {group}"
            )
            all_params.extend(params)
        statement = " UNION ALL ".join(parts)
    return Grouping(statement, all_params, names, masks)


def grouped_counts(qs: QuerySet[Any], dims: Dims, sets: Sequence[tuple[str, ...]]) -> Counts:
    """For each set of dimension names, the number of rows of ``qs`` per combination of values.

    ``dims`` maps a name to a column or an expression on the rows; ``sets`` lists the
    groupings. Returns ``{set: {values: count}}`` with values in the set's order."""
    g = grouping(qs, dims, sets)
    with without_jit(), connection.cursor() as cursor:
        cursor.execute(g.sql, g.params)
        rows = cursor.fetchall()
    return read_rows(g, rows)


def read_rows(g: Grouping, rows: Iterable[Sequence[Any]]) -> Counts:
    out: Counts = {s: {} for s in g.sets.values()}
    for row in rows:
        s = g.sets[int(row[0])]
        values = dict(zip(g.names, row[1:-1], strict=True))
        key = tuple(_normalise(values[n]) for n in s)
        bucket = out[s]
        bucket[key] = bucket.get(key, 0) + int(row[-1])
    return out

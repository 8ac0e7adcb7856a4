"""Bulk writing of many new rows: PostgreSQL COPY (psycopg 3) and cheap model instances.

`copy_objects` streams unsaved instances into their table with `COPY … FROM STDIN` on the
current connection, so it takes part in the surrounding transaction (a failure later rolls
the copied rows back with everything else). It fills `auto_now` / `auto_now_add` columns
the way `Model.save` and `bulk_create` do. Primary keys either come with the instances
(taken from the sequence with `reserve_ids`, when other rows must refer to them) or are
left to the column's default. PostgreSQL only; other databases use `bulk_create`.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ParamSpec, TypeVar

from django.db import connections, models
from django.db.models.base import ModelState
from django.utils import timezone

M = TypeVar("M", bound=models.Model)
P = ParamSpec("P")
R = TypeVar("R")


def without_gc(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` with the cyclic garbage collector paused (and restored after).

    Reading, planning and writing an import create millions of small acyclic objects while
    the plan is alive; each collection would walk all of them again (about a quarter of
    the import's CPU time on 100,000 rows). Reference counting still frees everything;
    cycles made meanwhile, here or in other threads, wait for the next collection."""

    @functools.wraps(func)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


def is_postgresql(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


@functools.cache
def _defaults(model: type[models.Model]) -> dict[str, Any]:
    return {f.attname: f.get_default() for f in model._meta.concrete_fields}


def new(model: type[M], **values: Any) -> M:
    """An unsaved instance without Model.__init__'s per-field work (about 20× faster).

    Fields not given take their declared defaults, computed once per model: give every
    field whose default is mutable (a JSONField's dict) or callable, and every required one.
    Foreign keys are given by attname (``unit_id``)."""
    obj = model.__new__(model)
    fields = _defaults(model).copy()
    fields.update(values)
    fields["_state"] = ModelState()
    obj.__dict__ = fields
    return obj


def reserve_ids(model: type[models.Model], count: int, using: str = "default") -> list[int]:
    """`count` fresh primary keys from the table's sequence, in one round trip."""
    if count <= 0:
        return []
    connection = connections[using]
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return [row[0] for row in cursor.fetchall()]


class JsonText(str):
    """A JSON value already encoded as text: COPY sends it as it is."""

    __slots__ = ()


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a value of `field` must be changed before psycopg can COPY it (None: as is)."""
    if isinstance(field, models.JSONField):
        # Compact and without \u escapes: jsonb stores the same value either way, and the
        # audit entries of a large import are a good part of what COPY sends. One encoder
        # for the whole stream (json.dumps with options makes one per call).
        encode = (field.encoder or json.JSONEncoder)(
            separators=(",", ":"), ensure_ascii=False
        ).encode

        def adapt(value: Any) -> Any:
            if value is None or type(value) is JsonText:
                return value
            return encode(value)

        return adapt
    return None


def _stamp(field: models.Field[Any, Any], now: dt.datetime) -> Any:
    """The value `pre_save` gives an auto_now / auto_now_add column on insert, or None."""
    if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
        return now if isinstance(field, models.DateTimeField) else dt.date.today()
    return None


def copy_objects(
    model: type[models.Model],
    objs: Iterable[Any],
    *,
    with_pk: bool,
    now: dt.datetime | None = None,
    using: str = "default",
) -> int:
    """COPY unsaved instances of `model` into its table; return how many were written.

    With `with_pk` the instances carry their primary keys; without, the column default
    (the sequence) gives them and the instances are not told. `auto_now(_add)` columns are
    set to `now` (default: the current time), on the instances too, as `bulk_create` does."""
    fields = [f for f in model._meta.concrete_fields if with_pk or f is not model._meta.pk]
    now = now or timezone.now()
    stamps = [(f.attname, v) for f in fields if (v := _stamp(f, now)) is not None]
    attnames = [f.attname for f in fields]

    def rows() -> Iterable[list[Any]]:
        for obj in objs:
            state = obj.__dict__
            for name, value in stamps:
                state[name] = value
            yield [state[a] for a in attnames]

    return copy_rows(model, attnames, rows(), using=using)


def copy_rows(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Iterable[Sequence[Any]],
    using: str = "default",
) -> int:
    """COPY plain rows (values in the order of `attnames`) into `model`'s table, through
    the connection's current transaction; return how many were written. `rows` may be a
    generator, but must not query the database: the connection is busy with the COPY."""
    connection = connections[using]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[a] for a in attnames]
    adapters = [(i, a) for i, f in enumerate(fields) if (a := _adapter(f)) is not None]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    count = 0
    # Table and column names come from the model's metadata, quoted.
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # Driver errors become Django's (IntegrityError for a unique clash), as through a cursor.
    with connection.wrap_database_errors, raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            if adapters:
                row = list(row)
                for i, adapt in adapters:
                    row[i] = adapt(row[i])
            copy.write_row(row)
            count += 1
    return count


def update_objects(
    model: type[models.Model],
    objs: Sequence[Any],
    attnames: Sequence[str],
    *,
    batch_size: int = 1000,
    using: str = "default",
) -> int:
    """Write `attnames` of saved instances back with one `UPDATE … FROM (VALUES …)` per
    batch (PostgreSQL): what `bulk_update` does, without its CASE per row and field."""
    connection = connections[using]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [pk, *(by_attname[a] for a in attnames if a != pk.attname)]
    adapters = [_adapter(f) for f in fields]
    # Every value cast to its column's type: a NULL or text parameter in VALUES has no
    # type of its own.
    marks = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in fields) + ")"
    columns = ", ".join(quote(f.column) for f in fields)
    sets = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields[1:])
    table = quote(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            chunk = objs[start : start + batch_size]
            params: list[Any] = []
            for obj in chunk:
                for f, adapt in zip(fields, adapters, strict=True):
                    value = getattr(obj, f.attname)
                    params.append(adapt(value) if adapt is not None else value)
            # Names and types come from the model's metadata; values are bound.
            sql = (
                f"UPDATE {table} AS t SET {sets} "  # noqa: S608
                f"FROM (VALUES {', '.join([marks] * len(chunk))}) AS v ({columns}) "
                f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}"
            )
            cursor.execute(sql, params)
            count += cursor.rowcount
    return count

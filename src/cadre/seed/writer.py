"""Bulk writers for generated rows: PostgreSQL COPY (psycopg 3) or executemany on SQLite.

Rows arrive as unsaved model instances with explicit primary keys. On PostgreSQL they are
streamed with `COPY … FROM STDIN`, which loads a province (tens of millions of rows) in
minutes; on other databases one `executemany` INSERT per table and chunk, with values
adapted by the backend's own `adapt_*` operations. No row is saved one by one. Afterwards
the primary-key sequences are moved past the explicit keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models
from django.db.models import Max

from cadre.core.bulk import copy_rows, new

__all__ = ["Writer", "new", "next_ids"]


class Writer:
    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.connection = connections[using]
        self.copy = self.connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}
        self.models: list[type[models.Model]] = []

    def write(self, model: type[models.Model], objs: Sequence[Any]) -> None:
        if not objs:
            return
        if model not in self.models:
            self.models.append(model)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(objs)
        if self.copy:
            self._copy(model, objs)
        else:
            self._insert(model, objs)

    def write_all(self, rows: dict[type[models.Model], list[Any]], order: Iterable[type]) -> None:
        for model in order:
            self.write(model, rows.get(model, []))

    def _columns(self, model: type[models.Model]) -> tuple[str, list[models.Field[Any, Any]]]:
        fields = list(model._meta.concrete_fields)
        quote = self.connection.ops.quote_name
        return ", ".join(quote(f.column) for f in fields), fields

    def _copy(self, model: type[models.Model], objs: Sequence[Any]) -> None:
        attnames = [f.attname for f in model._meta.concrete_fields]
        rows = ([getattr(obj, a) for a in attnames] for obj in objs)
        copy_rows(model, attnames, rows, using=self.using)

    def _insert(self, model: type[models.Model], objs: Sequence[Any]) -> None:
        columns, fields = self._columns(model)
        ops = self.connection.ops
        adapters: list[tuple[str, Callable[[Any], Any] | None]] = []
        for f in fields:
            kind = f.get_internal_type()
            adapt: Callable[[Any], Any] | None = None
            if kind == "DateTimeField":
                adapt = ops.adapt_datetimefield_value
            elif kind == "DateField":
                adapt = ops.adapt_datefield_value
            adapters.append((f.attname, adapt))
        rows = [
            [
                (a(v) if a is not None and v is not None else v)
                for name, a in adapters
                for v in (getattr(obj, name),)
            ]
            for obj in objs
        ]
        table = ops.quote_name(model._meta.db_table)
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names come from the models' metadata, quoted; values are bound.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def finish(self) -> None:
        """Move the id sequences past the explicit keys (a no-op on SQLite)."""
        statements = self.connection.ops.sequence_reset_sql(no_style(), self.models)
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def next_ids(models_: Iterable[type[models.Model]], using: str = "default") -> dict[type, int]:
    """The first free primary key of each model's table."""
    result: dict[type, int] = {}
    for model in models_:
        top = model._default_manager.using(using).aggregate(top=Max("pk"))["top"]
        result[model] = (top or 0) + 1
    return result

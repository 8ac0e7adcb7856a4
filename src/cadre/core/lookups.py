"""`field__any_of=[…]`: membership in a long list of values.

On PostgreSQL the list is one array parameter (``field = ANY(%s)``): a query for 100,000 ID
number indexes is one statement that the driver need not scan for 100,000 placeholders.
Elsewhere it is `__in`, so the caller still slices the list to the backend's parameter
limit (`slices`)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler

# Values per `__in` query where the list is not one parameter (SQLite's limit is 999 by
# default in Django's backend).
IN_CHUNK = 900


class AnyOf(In):
    lookup_name = "any_of"

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [
            self.lhs.output_field.get_db_prep_value(v, connection, prepared=True) for v in self.rhs
        ]
        return f"{lhs} = ANY(%s)", [*lhs_params, values]


def register() -> None:
    models.Field.register_lookup(AnyOf)


def slices(connection: BaseDatabaseWrapper, values: list[Any]) -> list[list[Any]]:
    """`values` in one piece where `any_of` takes an array, else in `IN_CHUNK` slices."""
    if connection.vendor == "postgresql":
        return [values] if values else []
    return [values[i : i + IN_CHUNK] for i in range(0, len(values), IN_CHUNK)]

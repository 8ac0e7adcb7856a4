"""Dates and ages as SQL: completed years (周岁) compared on the stored dates.

Every "years since a date" figure (age, 党龄, 工龄, years in post or rank) is turned into a
comparison on the date column itself, so filters use the column's index and no cadre is
loaded into Python. Completed years follow rules.ages.age_on: the anniversary counts as
reached on its day (29 February → 28 February in common years, as the roster does).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from cadre.rules.dates import add_months

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

OLDEST = 150  # ages above this count as this (no cadre record is that old)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def months_before(day: dt.date, months: int) -> dt.date:
    return add_months(day, -months)


def years_q(column: str, op: str, value: int | list[int], today: dt.date) -> Q:
    """Completed years since ``column`` compared with ``value``, as a condition on the date.

    years ≥ n ⇔ date ≤ today − n years; years ≤ n ⇔ date > today − (n + 1) years.
    A blank date never matches a comparison."""

    def at_least(n: int) -> Q:
        return Q(**{f"{column}__lte": years_before(today, n)})

    def at_most(n: int) -> Q:
        return Q(**{f"{column}__gt": years_before(today, n + 1)})

    if op == "between":
        assert isinstance(value, list)
        lo, hi = value
        return at_least(lo) & at_most(hi)
    assert isinstance(value, int)
    if op == "gte":
        return at_least(value)
    if op == "gt":
        return at_least(value + 1)
    if op == "lte":
        return at_most(value)
    if op == "lt":
        return at_most(value - 1) if value > 0 else Q(pk__in=[])
    if op == "eq":
        return at_least(value) & at_most(value)
    if op == "ne":
        return Q(**{f"{column}__isnull": False}) & ~(at_least(value) & at_most(value))
    raise ValueError(op)


def ymd(expr: str | Combinable) -> Combinable:
    """yyyymmdd as an integer: differences // 10000 are completed years, exactly."""
    e = F(expr) if isinstance(expr, str) else expr
    return ExtractYear(e) * 10000 + ExtractMonth(e) * 100 + ExtractDay(e)


def age_expr(column: str, at: dt.date) -> Case:
    """Completed years from ``column`` to ``at`` as an SQL integer (for averages)."""
    before = Q(**{f"{column}__month__gt": at.month}) | Q(
        **{f"{column}__month": at.month, f"{column}__day__gt": at.day}
    )
    return Case(
        When(before, then=Value(at.year - 1) - ExtractYear(column)),
        default=Value(at.year) - ExtractYear(column),
        output_field=IntegerField(),
    )


class AgeOn(Func):
    """Completed years from a date column to ``at``, for grouping.

    On PostgreSQL: ``OLDEST`` minus the number of the days "``at`` − k years, plus one day"
    (k = OLDEST … 0) the birth date has reached, found by ``width_bucket`` over a constant
    array — the same boundaries as ``years_q`` (age ≥ k ⇔ date ≤ at − k years), with date
    comparisons only (EXTRACT is numeric arithmetic, several times slower over a province).
    Elsewhere it is ``age_expr``."""

    output_field = IntegerField()

    def __init__(self, column: str, at: dt.date) -> None:
        super().__init__(F(column))
        self.column = column
        self.at = at

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        return compiler.compile(age_expr(self.column, self.at).resolve_expression(compiler.query))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        days = [years_before(self.at, k) + dt.timedelta(days=1) for k in range(OLDEST, -1, -1)]
        marks = ", ".join(["%s"] * len(days))
        return f"({OLDEST} - width_bucket({sql}, ARRAY[{marks}]::date[]))", [*params, *days]

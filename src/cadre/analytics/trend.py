"""The five-year trend of the corps, reconstructed from history in one grouped query.

A cadre of the unit subtree (by their present unit) counts as in office on 31 December of
year Y when they had started work by then — 参加工作时间, else their first appointment — and
either are 现职 now or left after that day. The leaving day of a cadre no longer 现职 is the
end of their last appointment, else their 到龄年月. Age is 周岁 on that 31 December, which
is simply Y minus the year of birth.

So only three things matter per cadre: the year of birth, where the start of work falls
among the five year ends and where the leaving day falls among them. The query groups by
those three (a few hundred groups at most); counts and average ages per year are added up
from the groups. The appointment subqueries run only for the few rows that need them (no
参加工作时间; not 现职).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear

from cadre.analytics.drill import IN_OFFICE
from cadre.analytics.grouping import grouped_counts
from cadre.people.selectors import cadres_for
from cadre.posts.models import Appointment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

    from cadre.accounts.models import User
    from cadre.org.models import Unit

YEARS = 5
STILL_IN_OFFICE = -1  # leaving bucket of a 现职 cadre: present every year


def year_ends(today: dt.date, years: int = YEARS) -> list[dt.date]:
    return [dt.date(today.year - k, 12, 31) for k in range(years, 0, -1)]


class PassedCount(Func):
    """How many of the (ascending) ``days`` the date expression has reached: 0 before the
    first, len(days) on or after the last, NULL for NULL. The expression is evaluated once
    (``width_bucket`` on PostgreSQL), which matters when it is a subquery."""

    output_field = IntegerField()

    def __init__(self, expression: Any, days: list[dt.date]) -> None:
        super().__init__(expression)
        self.days = days

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        marks = " + ".join(f"(CASE WHEN ({sql}) >= %s THEN 1 ELSE 0 END)" for _ in self.days)
        values: list[Any] = []
        for day in self.days:
            values.extend([*params, day])
        return (
            f"(CASE WHEN ({sql}) IS NULL THEN NULL ELSE {marks} END)",
            [*params, *values],
        )

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        marks = ", ".join("%s" for _ in self.days)
        return f"width_bucket(({sql})::date, ARRAY[{marks}]::date[])", [*params, *self.days]


TREND_SET = ("born", "began", "left")


def trend_dims(today: dt.date) -> dict[str, Any]:
    """Per cadre: year of birth, how many of the five year ends the start of work comes
    after, and how many the leaving day comes after (or STILL_IN_OFFICE)."""
    ends = year_ends(today)
    # "after 31 December of Y" is "on or after 1 January of Y + 1".
    next_days = [d + dt.timedelta(days=1) for d in ends]
    first_post = (
        Appointment.objects.filter(cadre=OuterRef("pk"))
        .values("cadre")
        .annotate(d=Min("started_on"))
        .values("d")
    )
    last_end = (
        Appointment.objects.filter(cadre=OuterRef("pk"))
        .values("cadre")
        .annotate(d=Max("ended_on"))
        .values("d")
    )
    # began: started by the year end of index i ⇔ began ≤ i (NULL: no date, always counts).
    began = PassedCount(Coalesce("work_started_on", Subquery(first_post)), next_days)
    # left: still there on the year end of index i ⇔ i < left (NULL: not 现职 and no
    # leaving date, never counts).
    left = Case(
        When(Q(status=IN_OFFICE), then=Value(STILL_IN_OFFICE)),
        default=PassedCount(Coalesce(Subquery(last_end), "retire_month"), next_days),
        output_field=IntegerField(),
    )
    return {"born": ExtractYear("birth_date"), "began": began, "left": left}


def trend_from(groups: dict[tuple[Any, ...], int], today: dt.date) -> list[dict[str, Any]]:
    """Counts and average ages per year end, added up from the (born, began, left) groups."""
    out = []
    for i, day in enumerate(year_ends(today)):
        n = 0
        born_sum = 0
        for (born, began, left), count in groups.items():
            present = (
                born <= day.year
                and (began is None or began <= i)
                and left is not None
                and (left == STILL_IN_OFFICE or i < left)
            )
            if present:
                n += count
                born_sum += born * count
        out.append(
            {
                "year": day.year,
                "date": day.isoformat(),
                "count": n,
                "avg_age": round((day.year * n - born_sum) / n, 1) if n else None,
            }
        )
    return out


def trend(user: User | AnonymousUser, unit: Unit, today: dt.date) -> list[dict[str, Any]]:
    qs = cadres_for(user).filter(unit_path__startswith=unit.path)
    groups = grouped_counts(qs, trend_dims(today), [TREND_SET])[TREND_SET]
    return trend_from(groups, today)

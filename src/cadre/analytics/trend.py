"""The five-year trend of the corps, reconstructed from history in one aggregate query.

A cadre of the unit subtree (by their present unit) counts as in office on 31 December of
year Y when they had started work by then — 参加工作时间, else their first appointment — and
either are 现职 now or left after that day. The leaving day of a cadre no longer 现职 is the
end of their last appointment, else their 到龄年月. Age is 周岁 on that 31 December.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from cadre.analytics.drill import IN_OFFICE
from cadre.analytics.timeframe import age_expr
from cadre.people.selectors import cadres_for
from cadre.posts.models import Appointment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit

YEARS = 5


def year_ends(today: dt.date, years: int = YEARS) -> list[dt.date]:
    return [dt.date(today.year - k, 12, 31) for k in range(years, 0, -1)]


def trend(user: User | AnonymousUser, unit: Unit, today: dt.date) -> list[dict[str, Any]]:
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
    qs = (
        cadres_for(user)
        .filter(unit_path__startswith=unit.path)
        .annotate(
            began=Coalesce("work_started_on", Subquery(first_post)),
            left=Coalesce(Subquery(last_end), "retire_month"),
        )
    )
    aggregates: dict[str, Any] = {}
    ends = year_ends(today)
    for i, day in enumerate(ends):
        present = (
            Q(birth_date__lte=day)
            & (Q(began__isnull=True) | Q(began__lte=day))
            & (Q(status=IN_OFFICE) | Q(left__gt=day))
        )
        aggregates[f"n{i}"] = Count("id", filter=present)
        aggregates[f"a{i}"] = Avg(age_expr("birth_date", day), filter=present)
    row = qs.aggregate(**aggregates)
    return [
        {
            "year": day.year,
            "date": day.isoformat(),
            "count": row[f"n{i}"],
            "avg_age": round(float(row[f"a{i}"]), 1) if row[f"a{i}"] is not None else None,
        }
        for i, day in enumerate(ends)
    ]

"""Condition builders: (context, operator, value, condition) → Q on Cadre.

Values arrive validated (see compiler.validate_value). History conditions are EXISTS or
counting subqueries correlated on the cadre, so the database does all the work.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    lookups,
)
from django.db.models.functions import Coalesce, Length, Substr

from cadre.analytics.influence import influence_running_q
from cadre.analytics.query.spec import Builder, Context
from cadre.analytics.timeframe import years_before, years_q, ymd
from cadre.core import codebook
from cadre.org.models import Unit
from cadre.people.models import (
    AnnualAssessment,
    Education,
    FamilyMember,
    Reward,
)
from cadre.posts.models import Appointment

TOWNSHIP_KINDS = ("08", "09")  # unit_kind 乡镇, 街道
SPOUSE_RELATIONS = ("11", "12")  # family_relation 丈夫, 妻子


def _cmp(column: str, op: str, value: Any) -> Q:
    if op == "eq":
        return Q(**{column: value})
    if op == "ne":
        return ~Q(**{column: value})
    if op in ("lt", "lte", "gt", "gte"):
        return Q(**{f"{column}__{op}": value})
    if op == "between":
        return Q(**{f"{column}__gte": value[0], f"{column}__lte": value[1]})
    if op == "in":
        return Q(**{f"{column}__in": value})
    if op == "not_in":
        return ~Q(**{f"{column}__in": value})
    if op == "contains":
        return Q(**{f"{column}__contains": value})
    if op == "not_contains":
        return ~Q(**{f"{column}__contains": value})
    if op == "startswith":
        return Q(**{f"{column}__startswith": value})
    raise ValueError(op)


def column(name: str, *, blank: Any = "") -> Builder:
    """A plain column; ``blank`` is its empty value ("" for text and codes, None for others)."""

    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        empty = Q(**{f"{name}__isnull": True}) if blank is None else Q(**{name: blank})
        if blank == "":
            empty |= Q(**{f"{name}__isnull": True})
        if op == "empty":
            return empty
        if op == "not_empty":
            return ~empty
        return _cmp(name, op, value)

    return build


def years_since(name: str) -> Builder:
    """Completed years since a date column (age from birth_date, years in rank …)."""

    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        return years_q(name, op, value, ctx.today)

    return build


def flag(q_true: Q) -> Builder:
    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        return q_true if value else ~q_true

    return build


def ethnic_minority(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    minority = ~Q(ethnicity="01") & ~Q(ethnicity="")
    return minority if value else Q(ethnicity="01")


def cpc_codes() -> list[str]:
    return [
        c
        for c in codebook.codes("political_status")
        if codebook.attrs("political_status", c).get("cpc")
    ]


def is_cpc(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    q = Q(political_status__in=cpc_codes())
    return q if value else ~q


def township_q() -> Q:
    """The cadre's unit is a 乡镇/街道 or inside one (its path starts with theirs)."""
    towns = Unit.objects.filter(
        kind__in=TOWNSHIP_KINDS, path=Substr(OuterRef("unit_path"), 1, Length("path"))
    )
    return Q(Exists(towns))


def in_township(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    return township_q() if value else ~township_q()


def unit_field(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    unit = ctx.unit(value)
    if op == "eq":
        return Q(unit_id=unit.pk)
    q = Q(unit_path__startswith=unit.path)
    return q if op == "in_subtree" else ~q


def _exists(qs: QuerySet[Any], op: str) -> Q:
    q = Q(Exists(qs))
    return ~q if op in ("not_exists", "not_contains", "not_in", "ne") else q


def _positive(op: str) -> str:
    return {"not_exists": "exists", "not_contains": "contains", "not_in": "in", "ne": "eq"}.get(
        op, op
    )


def related_text(model: type[Any], name: str, **fixed: Any) -> Builder:
    """Any related row whose text column matches (e.g. ever held a title containing …)."""

    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        rows = model.objects.filter(cadre=OuterRef("pk"), **fixed)
        if op in ("empty", "not_empty"):
            return _exists(rows, "exists" if op == "not_empty" else "not_exists")
        return _exists(rows.filter(_cmp(name, _positive(op), value)), op)

    return build


def related_code(model: type[Any], name: str, *, years_column: str = "", **fixed: Any) -> Builder:
    """Any related row with a code among the values; optional ``years`` window on a date."""

    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        rows = model.objects.filter(cadre=OuterRef("pk"), **fixed)
        years = cond.get("years")
        if years_column and years:
            rows = rows.filter(**{f"{years_column}__gte": _years_ago(ctx.today, years)})
        if op in ("empty", "not_empty"):
            return _exists(rows, "exists" if op == "not_empty" else "not_exists")
        return _exists(rows.filter(_cmp(name, _positive(op), value)), op)

    return build


def _years_ago(today: dt.date, years: int) -> dt.date:
    return years_before(today, years)


def _education_codes(op: str, level: Any) -> list[str]:
    levels = {
        c: int(codebook.attrs("education", c).get("level", 9)) for c in codebook.codes("education")
    }
    tests = {
        "eq": lambda n: n == level,
        "ne": lambda n: n != level,
        "lt": lambda n: n < level,
        "lte": lambda n: n <= level,
        "gt": lambda n: n > level,
        "gte": lambda n: n >= level,
        "in": lambda n: n in level,
        "not_in": lambda n: n not in level,
        "between": lambda n: level[0] <= n <= level[1],
    }
    return [c for c, n in levels.items() if tests[op](n)]


def in_service_level(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    """Highest 在职教育 level: any in-service education at that level, none higher for eq."""
    rows = Education.objects.filter(cadre=OuterRef("pk"), track=Education.Track.IN_SERVICE)
    if op in ("empty", "not_empty"):
        return _exists(rows, "exists" if op == "not_empty" else "not_exists")
    if op in ("lte", "lt"):  # at least this level: some education qualifies
        return Q(Exists(rows.filter(education__in=_education_codes(op, value))))
    # Conditions on the highest level: compare the best (smallest) level.
    best = rows.annotate(lvl=_level_case()).values("cadre").annotate(b=Min("lvl")).values("b")
    return _expr_cmp(Subquery(best, output_field=IntegerField()), op, value)


def _level_case() -> Case:
    whens = [
        When(education=c, then=Value(int(codebook.attrs("education", c).get("level", 9))))
        for c in codebook.codes("education")
    ]
    return Case(*whens, default=Value(9), output_field=IntegerField())


def _expr_cmp(expr: Any, op: str, value: Any) -> Q:
    if op == "between":
        return Q(lookups.GreaterThanOrEqual(expr, value[0])) & Q(
            lookups.LessThanOrEqual(expr, value[1])
        )
    if op in ("in", "not_in"):
        q = Q(lookups.In(expr, value))
        return q if op == "in" else ~q
    cls = {
        "eq": lookups.Exact,
        "ne": lookups.Exact,
        "lt": lookups.LessThan,
        "lte": lookups.LessThanOrEqual,
        "gt": lookups.GreaterThan,
        "gte": lookups.GreaterThanOrEqual,
    }[op]
    q = Q(cls(expr, value))
    return ~q if op == "ne" else q


def _count_expr(qs: QuerySet[Any]) -> Any:
    counted = qs.values("cadre").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def assessment_count(grade: str | None = None) -> Builder:
    """Number of years graded ``grade`` among the ``years`` years before this one."""

    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        years = int(cond.get("years") or 3)
        wanted = grade or cond["grade"]
        this = ctx.today.year
        rows = AnnualAssessment.objects.filter(
            cadre=OuterRef("pk"), grade=wanted, year__gte=this - years, year__lte=this - 1
        )
        return _expr_cmp(_count_expr(rows), op, value)

    return build


def assessment_grade(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    """The grade of one year (default: last year); empty = no grade recorded."""
    year = int(cond.get("year") or ctx.today.year - 1)
    rows = AnnualAssessment.objects.filter(cadre=OuterRef("pk"), year=year)
    if op in ("empty", "not_empty"):
        return _exists(rows, "exists" if op == "not_empty" else "not_exists")
    return _exists(rows.filter(_cmp("grade", _positive(op), value)), op)


def reward_count(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    rows = Reward.objects.filter(cadre=OuterRef("pk"))
    if cond.get("kind"):
        rows = rows.filter(kind=cond["kind"])
    if cond.get("years"):
        rows = rows.filter(awarded_on__gte=_years_ago(ctx.today, int(cond["years"])))
    return _expr_cmp(_count_expr(rows), op, value)


def no_influence_period(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    running = influence_running_q(ctx.today, ctx.params)
    return ~running if value else running


def family_emigrated(spouse_only: bool) -> Builder:
    def build(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
        rows = FamilyMember.objects.filter(cadre=OuterRef("pk"), is_emigrated=True)
        if spouse_only:
            rows = rows.filter(relation__in=SPOUSE_RELATIONS)
        q = Q(Exists(rows))
        return q if value else ~q

    return build


def appointment(ctx: Context, op: str, value: Any, cond: dict[str, Any]) -> Q:
    """Held a post matching every given part: title, unit kind, unit, level, tenure …"""
    rows = Appointment.objects.filter(cadre=OuterRef("pk"))
    v: dict[str, Any] = value
    if v.get("title_contains"):
        rows = rows.filter(title__contains=v["title_contains"])
    if v.get("unit_kind"):
        rows = rows.filter(unit__kind__in=v["unit_kind"])
    if v.get("unit"):
        rows = rows.filter(unit_id=ctx.unit(v["unit"]).pk)
    if v.get("unit_tree"):
        rows = rows.filter(unit__path__startswith=ctx.unit(v["unit_tree"]).path)
    if v.get("position_level"):
        rows = rows.filter(position_level__in=v["position_level"])
    if v.get("is_leading") is not None:
        rows = rows.filter(is_leading=v["is_leading"])
    if v.get("current") is not None:
        rows = rows.filter(ended_on__isnull=v["current"])
    if v.get("started_from"):
        rows = rows.filter(started_on__gte=v["started_from"])
    if v.get("started_to"):
        rows = rows.filter(started_on__lte=v["started_to"])
    if v.get("min_years"):
        held = ymd(Coalesce("ended_on", Value(ctx.today))) - ymd("started_on")
        rows = rows.alias(held=held).filter(held__gte=int(v["min_years"]) * 10000)
    return _exists(rows, op)

"""队伍结构分析: the structure of the 现职 corps of a unit subtree, as aggregate queries.

All figures but two come from one grouped pass over the corps (``grouping.grouped_counts``:
one ``GROUP BY GROUPING SETS`` on PostgreSQL): counts per gender and age, per political
status, per rank … each grouping a few dozen rows, from which the summary, the bands and the
乡镇 / 县直 sides are added up. The in-service education levels (a second table) and the
five-year trend are one grouped query each. Nothing iterates cadres. Every row carries a
drill-down link to the cadres behind it (see drill.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from cadre.analytics.drill import IN_OFFICE, query_url, roster_url
from cadre.analytics.grouping import Counts, grouped_counts
from cadre.analytics.query.builders import cpc_codes
from cadre.analytics.timeframe import AgeOn, years_before
from cadre.core import codebook
from cadre.core.codes import EDUCATION_LEVEL_NAMES
from cadre.people.models import Education
from cadre.people.selectors import cadres_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit
    from cadre.people.models import Cadre

# (label, lowest age, highest age or None)
PYRAMID_BANDS = (
    ("30岁及以下", 0, 30),
    ("31—35岁", 31, 35),
    ("36—40岁", 36, 40),
    ("41—45岁", 41, 45),
    ("46—50岁", 46, 50),
    ("51—55岁", 51, 55),
    ("56—60岁", 56, 60),
    ("61岁及以上", 61, None),
)
ECHELONS = (
    ("35岁及以下", 0, 35),
    ("36—45岁", 36, 45),
    ("46—54岁", 46, 54),
    ("55岁及以上", 55, None),
)
TENURE_BANDS = (
    ("不满3年", 0, 2),
    ("3年以上不满5年", 3, 4),
    ("5年以上不满10年", 5, 9),
    ("10年及以上", 10, None),
)
BLANK = "未填写"


def share(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def age_band_q(lo: int, hi: int | None, today: dt.date, column: str = "birth_date") -> Q:
    """Age (周岁) in [lo, hi] as a range on the birth date."""
    q = Q(**{f"{column}__lte": years_before(today, lo)})
    if hi is not None:
        q &= Q(**{f"{column}__gt": years_before(today, hi + 1)})
    return q


def band_case(bands: tuple[tuple[str, int, int | None], ...], column: str, today: dt.date) -> Case:
    return Case(
        *[When(age_band_q(lo, hi, today, column), then=Value(label)) for label, lo, hi in bands],
        default=Value(BLANK),
        output_field=CharField(),
    )


def level_case(column: str = "education") -> Case:
    whens = [
        When(**{column: c}, then=Value(int(codebook.attrs("education", c).get("level", 9))))
        for c in codebook.codes("education")
    ]
    return Case(*whens, default=Value(None), output_field=IntegerField())


def corps(user: User | AnonymousUser, unit: Unit) -> QuerySet[Cadre]:
    """现职 cadres of the unit subtree that the user may see."""
    return cadres_for(user).filter(unit_path__startswith=unit.path, status=IN_OFFICE)


@dataclass
class Row:
    label: str
    value: int
    share: float
    link: str
    key: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "share": self.share,
            "link": self.link,
        }


def _section(key: str, title: str, rows: list[Row], chart: str = "bar") -> dict[str, Any]:
    return {"key": key, "title": title, "chart": chart, "rows": [r.as_dict() for r in rows]}


def _coded(
    counts: dict[str, int],
    table: str,
    total: int,
    unit: Unit,
    roster_param: str | None,
    field: str,
) -> list[Row]:
    rows: list[Row] = []
    for code in [*codebook.codes(table), ""]:
        n = counts.get(code, 0) + (counts.get(None, 0) if code == "" else 0)  # type: ignore[call-overload]
        if not n:
            continue
        if code == "":
            link = query_url(unit.code, {"field": field, "op": "empty"}, title=f"{BLANK}")
            rows.append(Row(BLANK, n, share(n, total), link, ""))
            continue
        label = codebook.name(table, code)
        link = (
            roster_url(unit.code, **{roster_param: code})
            if roster_param
            else query_url(unit.code, {"field": field, "op": "eq", "value": code}, title=label)
        )
        rows.append(Row(label, n, share(n, total), link, code))
    return rows


def _levels(counts: dict[int | None, int], total: int, unit: Unit, field: str) -> list[Row]:
    rows = []
    for level, name in sorted(EDUCATION_LEVEL_NAMES.items()):
        n = counts.get(level, 0)
        cond = {"field": field, "op": "eq", "value": level}
        rows.append(
            Row(name, n, share(n, total), query_url(unit.code, cond, title=name), str(level))
        )
    n = counts.get(None, 0)
    if n:
        link = query_url(unit.code, {"field": field, "op": "empty"}, title=BLANK)
        rows.append(Row(BLANK, n, share(n, total), link, ""))
    return rows


def _in_band(age: int, lo: int, hi: int | None) -> bool:
    return age >= lo and (hi is None or age <= hi)


# The dimensions of the one grouped pass and the groupings asked of it. ``town`` is in every
# grouping the summary needs, so the 乡镇 / 县直 sides come from the same rows.
SETS: tuple[tuple[str, ...], ...] = (
    ("town", "gender", "age"),
    ("town", "political_status"),
    ("town", "ethnicity"),
    ("town", "is_leader"),
    ("town", "education_level"),
    ("town", "full_time_education_level"),
    ("staff_category",),
    ("position_level",),
    ("rank",),
    ("tenure",),
)


@dataclass
class Groups:
    """The grouped counts of one pass, split by the 乡镇 flag where the summary needs it."""

    counts: Counts

    def by(self, key: tuple[str, ...], town: bool | None = None) -> dict[Any, int]:
        """Counts of one grouping summed over ``town`` (or for one side only), keyed by the
        remaining value (or tuple of values)."""
        out: dict[Any, int] = {}
        for values, n in self.counts[key].items():
            if key[0] == "town":
                if town is not None and bool(values[0]) != town:
                    continue
                values = values[1:]
            k = values[0] if len(values) == 1 else values
            out[k] = out.get(k, 0) + n
        return out


def structure_dims(unit: Unit, today: dt.date) -> dict[str, Any]:
    return {
        "town": ExpressionWrapper(Q(unit_id__in=_town_unit_ids(unit)), output_field=BooleanField()),
        "gender": "gender",
        "age": AgeOn("birth_date", today),
        "political_status": "political_status",
        "ethnicity": "ethnicity",
        "is_leader": "is_leader",
        "education_level": "education_level",
        "full_time_education_level": "full_time_education_level",
        "staff_category": "staff_category",
        "position_level": "position_level",
        "rank": "rank",
        "tenure": band_case(TENURE_BANDS, "position_since", today),
    }


def _grouped(qs: QuerySet[Cadre], unit: Unit, today: dt.date) -> Groups:
    return Groups(grouped_counts(qs, structure_dims(unit, today), SETS))


def _summary(g: Groups, town: bool | None = None) -> dict[str, Any]:
    cpc = set(cpc_codes())
    ages: dict[tuple[str, int], int] = g.by(("town", "gender", "age"), town)
    total = sum(ages.values())
    age_sum = sum(age * n for (_, age), n in ages.items())

    def ages_in(lo: int, hi: int | None) -> int:
        return sum(n for (_, age), n in ages.items() if _in_band(age, lo, hi))

    agg: dict[str, Any] = {
        "total": total,
        "women": sum(n for (gender, _), n in ages.items() if gender == "2"),
        "minority": sum(
            n for e, n in g.by(("town", "ethnicity"), town).items() if e not in ("01", "")
        ),
        "non_cpc": sum(
            n for p, n in g.by(("town", "political_status"), town).items() if p not in cpc
        ),
        "le35": ages_in(0, 35),
        "le40": ages_in(0, 40),
        "ge55": ages_in(55, None),
        "leaders": g.by(("town", "is_leader"), town).get(True, 0),
        "bachelor_ft": sum(
            n
            for lvl, n in g.by(("town", "full_time_education_level"), town).items()
            if lvl is not None and lvl <= 2
        ),
        "bachelor": sum(
            n
            for lvl, n in g.by(("town", "education_level"), town).items()
            if lvl is not None and lvl <= 2
        ),
        "avg_age": round(age_sum / total, 1) if total else None,
    }
    for key in ("women", "minority", "non_cpc", "le35", "le40", "ge55", "bachelor_ft", "bachelor"):
        agg[f"{key}_share"] = share(agg[key], total)
    return agg


def _age_rows(g: Groups, bands: Any, total: int, unit: Unit) -> list[Row]:
    ages = g.by(("town", "gender", "age"))
    rows = []
    for label, lo, hi in bands:
        n = sum(c for (_, age), c in ages.items() if _in_band(age, lo, hi))
        link = roster_url(unit.code, age_min=lo or None, age_max=hi)
        rows.append(Row(label, n, share(n, total), link))
    return rows


def _pyramid(g: Groups, unit: Unit) -> dict[str, Any]:
    ages = g.by(("town", "gender", "age"))
    bands = []
    for label, lo, hi in PYRAMID_BANDS:
        entry: dict[str, Any] = {"label": label}
        for gender, key in (("1", "men"), ("2", "women")):
            entry[key] = sum(
                n for (gd, age), n in ages.items() if gd == gender and _in_band(age, lo, hi)
            )
            entry[f"{key}_link"] = roster_url(
                unit.code, gender=gender, age_min=lo or None, age_max=hi
            )
        bands.append(entry)
    return {"key": "pyramid", "title": "年龄结构（分性别）", "chart": "pyramid", "bands": bands}


def best_in_service(education: QuerySet[Education]) -> QuerySet[Any]:
    """Per cadre of the given education rows: the best in-service level (1 = 研究生)."""
    return (
        education.filter(track=Education.Track.IN_SERVICE)
        .values("cadre_id")
        .annotate(lvl=Min(level_case()))
        .order_by()
    )


def _in_service(qs: QuerySet[Cadre], total: int) -> dict[int | None, int]:
    """Best in-service level per cadre, counted: one grouped query over the in-service
    education rows of the corps (cadres without one are the rest of the total)."""
    best = best_in_service(Education.objects.filter(cadre_id__in=qs.values("pk"))).values(
        "cadre_id", "lvl"
    )
    sql, params = best.query.sql_with_params()
    with connection.cursor() as cursor:
        statement = f"SELECT t.lvl, COUNT(*) FROM ({sql}) AS t GROUP BY t.lvl"  # noqa: S608
        cursor.execute(statement, params)
        counts: dict[int | None, int] = {
            (int(lvl) if lvl is not None else None): int(n) for lvl, n in cursor.fetchall()
        }
    counts[None] = total - sum(n for lvl, n in counts.items() if lvl is not None)
    return counts


def _tenure(g: Groups, total: int, unit: Unit) -> list[Row]:
    counts = g.by(("tenure",))
    rows = []
    for label, lo, hi in TENURE_BANDS:
        n = counts.get(label, 0)
        cond: dict[str, Any] = (
            {"field": "position_years", "op": "between", "value": [lo, hi]}
            if hi is not None
            else {"field": "position_years", "op": "gte", "value": lo}
        )
        rows.append(
            Row(label, n, share(n, total), query_url(unit.code, cond, title=f"任现职{label}"))
        )
    n = counts.get(BLANK, 0)
    if n:
        link = query_url(
            unit.code, {"field": "current_position", "op": "empty"}, title="无现任职务"
        )
        rows.append(Row("无现任职务", n, share(n, total), link))
    return rows


def _sides(g: Groups, unit: Unit) -> list[dict[str, Any]]:
    """乡镇（街道） against 县直机关 and others, the same figures side by side."""
    out = []
    for flag, label in ((True, "乡镇（街道）"), (False, "县直机关及其他")):
        part = _summary(g, town=flag)
        part["label"] = label
        part["link"] = query_url(
            unit.code, {"field": "in_township", "op": "eq", "value": flag}, title=label
        )
        out.append(part)
    return out


def _town_unit_ids(unit: Unit) -> QuerySet[Any]:
    """Ids of the units of the subtree that are a 乡镇/街道 or lie inside one.

    A unit's ancestors are the prefixes of its path at multiples of the step length, so
    "is or lies in a township" is one indexed lookup per level instead of comparing every
    cadre with every township."""
    from django.db.models.functions import Substr

    from cadre.analytics.query.builders import TOWNSHIP_KINDS
    from cadre.org.models import Unit as UnitModel

    subtree = UnitModel.objects.filter(path__startswith=unit.path)
    deepest = subtree.aggregate(d=Max("depth"))["d"] or unit.depth
    step = UnitModel.steplen
    ancestor = Q(pk__in=[])
    for level in range(1, deepest + 1):
        ancestor |= Q(path=Substr(OuterRef("path"), 1, level * step))
    towns = UnitModel.objects.filter(ancestor, kind__in=TOWNSHIP_KINDS)
    return subtree.filter(Exists(towns)).values("pk")


def structure_figures(
    user: User | AnonymousUser, unit: Unit, today: dt.date | None = None
) -> dict[str, Any]:
    """All figures of the dashboard for the unit subtree, computed now (also the JSON)."""
    from cadre.analytics.trend import trend

    today = today or dt.date.today()
    qs = corps(user, unit)
    g = _grouped(qs, unit, today)
    total = sum(g.by(("town", "gender", "age")).values())
    return compose(unit, today, g, _in_service(qs, total), trend(user, unit, today))


def compose(
    unit: Unit,
    today: dt.date,
    g: Groups,
    in_service: dict[int | None, int],
    trend_rows: list[dict[str, Any]],
) -> dict[str, Any]:
    """The figures from the grouped counts (computed now or read from the summary)."""
    summary = _summary(g)
    total = summary["total"]
    sections = [
        _pyramid(g, unit),
        _section("echelons", "年龄梯次", _age_rows(g, ECHELONS, total, unit), "pie"),
        _section(
            "education",
            "最高学历",
            _levels(g.by(("town", "education_level")), total, unit, "education_level"),
        ),
        _section(
            "education_full_time",
            "全日制学历",
            _levels(
                g.by(("town", "full_time_education_level")),
                total,
                unit,
                "full_time_education_level",
            ),
        ),
        _section(
            "education_in_service",
            "在职教育学历",
            _levels(in_service, total, unit, "in_service_education_level"),
        ),
        _section(
            "political_status",
            "政治面貌",
            _coded(
                g.by(("town", "political_status")),
                "political_status",
                total,
                unit,
                "political_status",
                "political_status",
            ),
            "pie",
        ),
        _section(
            "ethnicity",
            "民族",
            _coded(g.by(("town", "ethnicity")), "ethnicity", total, unit, None, "ethnicity"),
            "pie",
        ),
        _section(
            "staff_category",
            "人员类别",
            _coded(
                g.by(("staff_category",)),
                "staff_category",
                total,
                unit,
                "staff_category",
                "staff_category",
            ),
            "pie",
        ),
        _section(
            "position_level",
            "职务层次",
            _coded(
                g.by(("position_level",)),
                "position_level",
                total,
                unit,
                "position_level",
                "position_level",
            ),
        ),
        _section("rank", "职级", _coded(g.by(("rank",)), "rank", total, unit, "rank", "rank")),
        _section("tenure", "任现职年限", _tenure(g, total, unit)),
    ]
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "as_of": today.isoformat(),
        "summary": summary,
        "sections": sections,
        "sides": _sides(g, unit),
        "trend": trend_rows,
    }

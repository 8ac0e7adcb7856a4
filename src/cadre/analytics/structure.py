"""队伍结构分析: the structure of the 现职 corps of a unit subtree, as aggregate queries.

Each figure is a GROUP BY or a conditional COUNT in the database; nothing iterates cadres.
Every row carries a drill-down link to the cadres behind it (see drill.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Avg,
    Case,
    CharField,
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
)

from cadre.analytics.drill import IN_OFFICE, query_url, roster_url
from cadre.analytics.query.builders import cpc_codes
from cadre.analytics.timeframe import age_expr, years_before
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
    qs: QuerySet[Cadre],
    column: str,
    table: str,
    total: int,
    unit: Unit,
    roster_param: str | None,
    field: str,
) -> list[Row]:
    counts = dict(
        qs.values_list(column).annotate(n=Count("id")).order_by().values_list(column, "n")
    )
    rows: list[Row] = []
    for code in [*codebook.codes(table), ""]:
        n = counts.get(code, 0) + (counts.get(None, 0) if code == "" else 0)
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


def _summary(qs: QuerySet[Cadre], today: dt.date) -> dict[str, Any]:
    cpc = cpc_codes()
    agg = qs.aggregate(
        total=Count("id"),
        women=Count("id", filter=Q(gender="2")),
        minority=Count("id", filter=~Q(ethnicity="01") & ~Q(ethnicity="")),
        non_cpc=Count("id", filter=~Q(political_status__in=cpc)),
        le35=Count("id", filter=age_band_q(0, 35, today)),
        le40=Count("id", filter=age_band_q(0, 40, today)),
        ge55=Count("id", filter=age_band_q(55, None, today)),
        leaders=Count("id", filter=Q(is_leader=True)),
        bachelor_ft=Count("id", filter=Q(full_time_education_level__lte=2)),
        bachelor=Count("id", filter=Q(education_level__lte=2)),
        avg_age=Avg(age_expr("birth_date", today)),
    )
    total = agg["total"]
    agg["avg_age"] = round(float(agg["avg_age"]), 1) if agg["avg_age"] is not None else None
    for key in ("women", "minority", "non_cpc", "le35", "le40", "ge55", "bachelor_ft", "bachelor"):
        agg[f"{key}_share"] = share(agg[key], total)
    return agg


def _age_rows(qs: QuerySet[Cadre], bands: Any, today: dt.date, total: int, unit: Unit) -> list[Row]:
    counts = dict(
        qs.annotate(band=band_case(bands, "birth_date", today))
        .values_list("band")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("band", "n")
    )
    rows = []
    for label, lo, hi in bands:
        n = counts.get(label, 0)
        link = roster_url(unit.code, age_min=lo or None, age_max=hi)
        rows.append(Row(label, n, share(n, total), link))
    return rows


def _pyramid(qs: QuerySet[Cadre], today: dt.date, unit: Unit) -> dict[str, Any]:
    data = (
        qs.annotate(band=band_case(PYRAMID_BANDS, "birth_date", today))
        .values_list("band", "gender")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(band, gender): n for band, gender, n in data}
    bands = []
    for label, lo, hi in PYRAMID_BANDS:
        entry: dict[str, Any] = {"label": label}
        for gender, key in (("1", "men"), ("2", "women")):
            entry[key] = counts.get((label, gender), 0)
            entry[f"{key}_link"] = roster_url(
                unit.code, gender=gender, age_min=lo or None, age_max=hi
            )
        bands.append(entry)
    return {"key": "pyramid", "title": "年龄结构（分性别）", "chart": "pyramid", "bands": bands}


def _in_service(qs: QuerySet[Cadre]) -> dict[int | None, int]:
    best = (
        Education.objects.filter(cadre=OuterRef("pk"), track=Education.Track.IN_SERVICE)
        .annotate(lvl=level_case())
        .values("cadre")
        .annotate(b=Min("lvl"))
        .values("b")
    )
    rows = (
        qs.annotate(lvl=Subquery(best, output_field=IntegerField()))
        .values_list("lvl")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows.values_list("lvl", "n"))


def _tenure(qs: QuerySet[Cadre], today: dt.date, total: int, unit: Unit) -> list[Row]:
    counts = dict(
        qs.annotate(band=band_case(TENURE_BANDS, "position_since", today))
        .values_list("band")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("band", "n")
    )
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
        cond = {"field": "position_years", "op": "lt", "value": 0}
        link = query_url(
            unit.code, {"field": "current_position", "op": "empty"}, title="无现任职务"
        )
        rows.append(Row("无现任职务", n, share(n, total), link))
    return rows


def _sides(qs: QuerySet[Cadre], today: dt.date, unit: Unit) -> list[dict[str, Any]]:
    """乡镇（街道） against 县直机关 and others, the same figures side by side."""
    annotated = qs.annotate(town=Exists(_town_units()))
    out = []
    for flag, label in ((True, "乡镇（街道）"), (False, "县直机关及其他")):
        part = _summary(annotated.filter(town=flag), today)
        part["label"] = label
        part["link"] = query_url(
            unit.code, {"field": "in_township", "op": "eq", "value": flag}, title=label
        )
        out.append(part)
    return out


def _town_units() -> QuerySet[Any]:
    from django.db.models.functions import Length, Substr

    from cadre.analytics.query.builders import TOWNSHIP_KINDS
    from cadre.org.models import Unit as UnitModel

    return UnitModel.objects.filter(
        kind__in=TOWNSHIP_KINDS, path=Substr(OuterRef("unit_path"), 1, Length("path"))
    )


def structure_figures(
    user: User | AnonymousUser, unit: Unit, today: dt.date | None = None
) -> dict[str, Any]:
    """All figures of the dashboard for the unit subtree, as plain data (also the JSON)."""
    from cadre.analytics.trend import trend

    today = today or dt.date.today()
    qs = corps(user, unit)
    summary = _summary(qs, today)
    total = summary["total"]
    levels_all = dict(
        qs.values_list("education_level")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("education_level", "n")
    )
    levels_ft = dict(
        qs.values_list("full_time_education_level")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("full_time_education_level", "n")
    )
    sections = [
        _pyramid(qs, today, unit),
        _section("echelons", "年龄梯次", _age_rows(qs, ECHELONS, today, total, unit), "pie"),
        _section("education", "最高学历", _levels(levels_all, total, unit, "education_level")),
        _section(
            "education_full_time",
            "全日制学历",
            _levels(levels_ft, total, unit, "full_time_education_level"),
        ),
        _section(
            "education_in_service",
            "在职教育学历",
            _levels(_in_service(qs), total, unit, "in_service_education_level"),
        ),
        _section(
            "political_status",
            "政治面貌",
            _coded(
                qs,
                "political_status",
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
            _coded(qs, "ethnicity", "ethnicity", total, unit, None, "ethnicity"),
            "pie",
        ),
        _section(
            "staff_category",
            "人员类别",
            _coded(
                qs,
                "staff_category",
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
                qs,
                "position_level",
                "position_level",
                total,
                unit,
                "position_level",
                "position_level",
            ),
        ),
        _section("rank", "职级", _coded(qs, "rank", "rank", total, unit, "rank", "rank")),
        _section("tenure", "任现职年限", _tenure(qs, today, total, unit)),
    ]
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "as_of": today.isoformat(),
        "summary": summary,
        "sections": sections,
        "sides": _sides(qs, today, unit),
        "trend": trend(user, unit, today),
    }

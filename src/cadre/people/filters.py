"""Roster filters and sort order from GET parameters.

Every value is checked against its code table or range; a bad value is dropped with a notice
in Chinese (never an error page), so a hand-edited or stale link still shows a roster.
Filters become one WHERE clause on `Cadre`'s own (derived, indexed) columns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Case, F, OrderBy, Q, Value, When

from cadre.core import codebook
from cadre.core.codes import EDUCATION_LEVEL_NAMES

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import QueryDict

    from cadre.people.models import Cadre

MAX_AGE = 120
STATUS_IN_OFFICE = "1"
STATUS_ALL = "all"
CPC = "cpc"  # 中共党员, including probationary members

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value: str | None, max_length: int = 64) -> str:
    """A GET value with control characters removed, trimmed and bounded."""
    return _CONTROL.sub("", value or "").strip()[:max_length]


@dataclass(frozen=True)
class CodeFilter:
    param: str
    table: str
    label: str


# (GET parameter, code table, label); each accepts one or several codes.
CODE_FILTERS = (
    CodeFilter("gender", "gender", "性别"),
    CodeFilter("political_status", "political_status", "政治面貌"),
    CodeFilter("position_level", "position_level", "职务层次"),
    CodeFilter("rank", "rank", "职级"),
    CodeFilter("staff_category", "staff_category", "人员类别"),
    CodeFilter("status", "status", "管理状态"),
)


def education_choices() -> list[tuple[int, str]]:
    """ "本科以上" and the like: education_level ≤ n (1 is the highest)."""
    choices = []
    for level, name in sorted(EDUCATION_LEVEL_NAMES.items()):
        if level == 1:
            choices.append((level, name))
        elif level < max(EDUCATION_LEVEL_NAMES):
            choices.append((level, f"{name}及以上"))
    return choices


def cpc_codes() -> list[str]:
    return [
        c
        for c in codebook.codes("political_status")
        if codebook.attrs("political_status", c).get("cpc")
    ]


@dataclass
class RosterFilters:
    codes: dict[str, list[str]] = field(default_factory=dict)
    age_min: int | None = None
    age_max: int | None = None
    education_level: int | None = None
    notices: list[str] = field(default_factory=list)

    def selected(self, param: str) -> list[str]:
        return self.codes.get(param, [])

    @property
    def status_all(self) -> bool:
        return not self.codes.get("status")

    def params(self) -> list[tuple[str, str]]:
        """The valid filters as GET parameters (for links that keep them)."""
        items: list[tuple[str, str]] = []
        for spec in CODE_FILTERS:
            values = self.codes.get(spec.param, [])
            if spec.param == "status":
                if not values:
                    items.append(("status", STATUS_ALL))
                elif values != [STATUS_IN_OFFICE]:
                    items.extend(("status", v) for v in values)
                continue
            items.extend((spec.param, v) for v in values)
        if self.age_min is not None:
            items.append(("age_min", str(self.age_min)))
        if self.age_max is not None:
            items.append(("age_max", str(self.age_max)))
        if self.education_level is not None:
            items.append(("education_level", str(self.education_level)))
        return items

    def descriptions(self) -> list[str]:
        """What is filtered, in words: shown above the roster."""
        out: list[str] = []
        for spec in CODE_FILTERS:
            values = self.codes.get(spec.param, [])
            if spec.param == "status" and values == [STATUS_IN_OFFICE]:
                continue
            if values:
                names = [
                    "中共党员（含预备党员）" if v == CPC else codebook.name(spec.table, v)
                    for v in values
                ]
                out.append(f"{spec.label}：{'、'.join(names)}")
        if self.age_min is not None or self.age_max is not None:
            if self.age_max is None:
                out.append(f"年龄：{self.age_min}岁及以上")
            elif self.age_min is None:
                out.append(f"年龄：{self.age_max}岁及以下")
            else:
                out.append(f"年龄：{self.age_min}—{self.age_max}岁")
        if self.education_level is not None:
            out.append(f"学历：{dict(education_choices())[self.education_level]}")
        return out


def _parse_age(params: QueryDict, key: str, label: str, notices: list[str]) -> int | None:
    raw = clean_text(params.get(key), 8)
    if not raw:
        return None
    if raw.isascii() and raw.isdigit() and int(raw) <= MAX_AGE:
        return int(raw)
    notices.append(f"{label}“{raw}”不是有效的年龄（0—{MAX_AGE}的整数），已忽略。")
    return None


def parse_filters(params: QueryDict) -> RosterFilters:
    f = RosterFilters()
    for spec in CODE_FILTERS:
        valid = set(codebook.codes(spec.table))
        if spec.param == "political_status":
            valid.add(CPC)
        raw_values = [clean_text(v, 16) for v in params.getlist(spec.param)]
        raw_values = [v for v in raw_values if v]
        if spec.param == "status":
            if not raw_values:
                f.codes["status"] = [STATUS_IN_OFFICE]
                continue
            if STATUS_ALL in raw_values:
                f.codes["status"] = []
                continue
        chosen = list(dict.fromkeys(v for v in raw_values if v in valid))
        bad = [v for v in raw_values if v not in valid]
        if bad:
            f.notices.append(f"{spec.label}的取值“{'、'.join(bad)}”无效，已忽略。")
        if spec.param == "status" and not chosen:
            chosen = [STATUS_IN_OFFICE]
        if chosen:
            f.codes[spec.param] = chosen
    f.age_min = _parse_age(params, "age_min", "最小年龄", f.notices)
    f.age_max = _parse_age(params, "age_max", "最大年龄", f.notices)
    if f.age_min is not None and f.age_max is not None and f.age_min > f.age_max:
        f.age_min, f.age_max = f.age_max, f.age_min
        f.notices.append("最小年龄大于最大年龄，已交换。")
    raw_edu = clean_text(params.get("education_level"), 8)
    if raw_edu:
        levels = dict(education_choices())
        if raw_edu.isascii() and raw_edu.isdigit() and int(raw_edu) in levels:
            f.education_level = int(raw_edu)
        else:
            f.notices.append(f"学历的取值“{raw_edu}”无效，已忽略。")
    return f


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_bounds(
    age_min: int | None, age_max: int | None, today: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """(born on or before, born after) for completed years (周岁) at `today`.

    Age ≥ n ⇔ the n-th birthday is reached ⇔ born on or before today n years ago.
    Age ≤ n ⇔ not yet n+1 ⇔ born after today n+1 years ago."""
    latest = years_before(today, age_min) if age_min is not None else None
    earliest_excl = years_before(today, age_max + 1) if age_max is not None else None
    return latest, earliest_excl


def apply_filters(qs: QuerySet[Cadre], f: RosterFilters, today: dt.date) -> QuerySet[Cadre]:
    q = Q()
    for spec in CODE_FILTERS:
        values = f.codes.get(spec.param, [])
        if not values:
            continue
        if spec.param == "political_status" and CPC in values:
            values = sorted((set(values) - {CPC}) | set(cpc_codes()))
        q &= Q(**{f"{spec.param}__in": values}) if len(values) > 1 else Q(**{spec.param: values[0]})
    latest, earliest_excl = birth_bounds(f.age_min, f.age_max, today)
    if latest is not None:
        q &= Q(birth_date__lte=latest)
    if earliest_excl is not None:
        q &= Q(birth_date__gt=earliest_excl)
    if f.education_level is not None:
        q &= Q(education_level__lte=f.education_level)
    return qs.filter(q)


# Sorting: header key → the columns to order by. Blank codes sort last, names by pinyin.
def _is_blank(column: str) -> Case:
    return Case(When(**{column: ""}, then=Value(1)), default=Value(0))


SORT_KEYS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "birth": "出生年月",
    "ethnicity": "民族",
    "native_place": "籍贯",
    "education": "学历",
    "political_status": "政治面貌",
    "position": "现任职务",
    "rank": "职级",
    "position_since": "任现职时间",
}
# Keys whose column may be blank: blanks go last whichever the direction.
_BLANKABLE = {"native_place": "native_place", "position": "position_level", "rank": "rank"}
_COLUMNS = {
    "name": "name_pinyin",
    "gender": "gender",
    "birth": "birth_date",
    "ethnicity": "ethnicity",
    "native_place": "native_place",
    "education": "education_level",
    "political_status": "political_status",
    "position": "position_level",
    "rank": "rank",
    "position_since": "position_since",
}


def _order_columns(key: str, descending: bool) -> list[OrderBy]:
    column = F(_COLUMNS[key])
    main = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    if key in _BLANKABLE:
        return [_is_blank(_BLANKABLE[key]).asc(), main]
    return [main]


DEFAULT_ORDER = [
    F("unit_path").asc(),
    _is_blank("position_level").asc(),
    F("position_level").asc(),
    F("name_pinyin").asc(),
]


@dataclass(frozen=True)
class Sort:
    key: str = ""  # "" is the default order
    descending: bool = False

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending and self.key else self.key

    def toggled(self, key: str) -> str:
        """The sort parameter a click on header `key` asks for."""
        if key == self.key and not self.descending:
            return f"-{key}"
        return key


def parse_sort(raw: str | None, notices: list[str]) -> Sort:
    value = clean_text(raw, 32)
    if not value:
        return Sort()
    key = value.removeprefix("-")
    if key in SORT_KEYS:
        return Sort(key, value.startswith("-"))
    notices.append("排序方式无效，已按默认顺序排列。")
    return Sort()


def apply_sort(qs: QuerySet[Cadre], sort: Sort) -> QuerySet[Cadre]:
    if not sort.key:
        return qs.order_by(*DEFAULT_ORDER, "pk")
    tail = [*DEFAULT_ORDER, F("pk").asc()]
    return qs.order_by(*_order_columns(sort.key, sort.descending), *tail)

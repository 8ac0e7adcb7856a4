"""The generator's shared state: the county being generated, seats, keys, ID numbers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import models

from cadre.core.codes import RANK, SANCTION_MEASURE
from cadre.people.models import (
    Cadre,
)
from cadre.people.naming import pinyin_full, pinyin_initials
from cadre.rules.params import Params
from cadre.seed.units import UnitSpec
from cadre.seed.vocab import (
    OTHER_REGIONS,
)

ASSESSMENT_YEARS = range(2021, 2026)
RANK_REFORM = dt.date(2019, 6, 1)  # 公务员职务与职级并行规定 in force
RANK_CATEGORIES = frozenset({"11", "12", "13", "20"})  # civil servants and 参公 hold ranks
RANK_NAME = dict(RANK.items)
SANCTION_MEASURE_NAME = dict(SANCTION_MEASURE.items)
SANCTION_KIND_NAME = {"1": "政务", "2": "党纪", "3": "诫勉", "4": "组织处理"}
LEADING_LEVELS = frozenset({"31", "32", "41", "42"})
# Rungs of the post ladder, the months a cadre stays at least, and the usual extra months.
CIVIL_LADDER = ("50", "42", "41", "32", "31")
INSTITUTION_LADDER = ("", "42", "41")
MIN_MONTHS = {"50": 36, "": 36, "42": 24, "41": 36, "32": 24, "31": 24}
EXTRA_MONTHS = {"50": 48, "": 60, "42": 40, "41": 40, "32": 30, "31": 30}

Rows = dict[type[models.Model], list[Any]]


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def from_index(i: int, day: int = 1) -> dt.date:
    return dt.date(i // 12, i % 12 + 1, day)


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@lru_cache(maxsize=200_000)
def pinyin_pair(name: str) -> tuple[str, str]:
    return pinyin_full(name), pinyin_initials(name)


class Ids:
    """Explicit primary keys, so that child rows can point at parents before any is written."""

    def __init__(
        self,
        start: dict[type[models.Model], int],
        limit: dict[type[models.Model], int] | None = None,
    ) -> None:
        self.next = dict(start)
        self.limit = limit or {}

    def take(self, model: type[models.Model]) -> int:
        value = self.next.get(model, 1)
        if model in self.limit and value >= self.limit[model]:
            raise RuntimeError(f"{model._meta.label} 的编号段已用尽")
        self.next[model] = value + 1
        return value


@dataclass
class County:
    """What the generator knows of the county a unit belongs to."""

    name: str  # 安澜
    region_code: str
    units: list[UnitSpec]
    as_of: dt.date
    ids: Ids
    used_ids: set[str]
    now: dt.datetime
    params: Params
    slot: int = 0  # the county's place in the province
    pools: dict[tuple[bool, str], list[tuple[UnitSpec, str]]] = field(default_factory=dict)
    rank_cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for unit in self.units:
            institution = unit.staff_category.startswith("3")
            if unit.staff_title:
                self.pools.setdefault((institution, unit.staff_level), []).append(
                    (unit, unit.staff_title)
                )
            for titles, level in (
                (unit.principal_titles, unit.principal_level),
                (unit.deputy_titles, unit.deputy_level),
            ):
                if level in LEADING_LEVELS:
                    for title in titles:
                        self.pools.setdefault((institution, level), []).append((unit, title))

    @property
    def abbr(self) -> str:
        return self.name[0]


@dataclass
class Seat:
    """One post to fill: the unit, the title, the 职务层次 and whether it leads."""

    unit: UnitSpec
    title: str
    level: str
    role: str  # principal | deputy | staff


@dataclass
class Person:
    cadre: Cadre
    rows: Rows
    bad_years: dict[int, tuple[str, str]]  # year → (grade code, note)
    not_excellent: set[int]
    leader: bool


def weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights)[0]


def check_char(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def id_number(county: County, rng: random.Random, birth: dt.date, gender: str) -> str:
    """A valid GB 11643 number, unique in the run: region, birth date, odd sequence = male."""
    male = 1 if gender == "1" else 0
    roll = rng.random()
    # Born elsewhere: a district of the city or another province. Those regions are shared
    # by all counties, so each county draws from its own slice of sequence numbers and
    # counties generated in parallel never collide.
    region = (
        county.region_code
        if roll < 0.8
        else f"{county.region_code[:4]}{rng.randint(2, 11):02d}"
        if roll < 0.95
        else rng.choice(OTHER_REGIONS)
    )
    for attempt in range(1000):
        if region == county.region_code:
            seq = rng.randint(1, 499) * 2 + male
        elif attempt < 8:
            seq = (rng.randint(0, 4) * 100 + county.slot % 100) * 2 + male
        else:
            region = county.region_code
            continue
        body = f"{region}{birth:%Y%m%d}{seq:03d}"
        number = body + check_char(body)
        if number not in county.used_ids:
            county.used_ids.add(number)
            return number
    raise RuntimeError("身份证号顺序码已用尽")  # pragma: no cover - 500 per day and sex


def random_day(rng: random.Random) -> int:
    return rng.randint(1, 28)

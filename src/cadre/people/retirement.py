"""到龄年月 of a cadre, by the rules engine (RULES.md §3).

Category: men → 男; women → 女干部, except 工勤 staff → 女工人. Women holding a leadership post
at 县处级 or above use the configurable 县处级 rule (组通字〔2015〕14号: 60, by default with no
delay — 可配置口径)."""

from __future__ import annotations

import datetime as dt

from cadre.people.models import Cadre
from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.retirement import Retirement, retirement

WORKER_CATEGORIES = frozenset({"40"})  # staff_category 工勤
# position_level codes of 县处级副职 and above (ZB09: smaller is higher).
COUNTY_LEVEL_AND_ABOVE = frozenset({"01", "02", "11", "12", "21", "22", "31", "32"})


def retirement_category(gender: str, staff_category: str) -> str | None:
    if gender == "1":
        return "男"
    if gender == "2":
        return "女工人" if staff_category in WORKER_CATEGORIES else "女干部"
    return None


def is_county_level_leader(position_level: str, is_leader: bool) -> bool:
    return is_leader and position_level in COUNTY_LEVEL_AND_ABOVE


def retirement_of(
    cadre: Cadre,
    *,
    position_level: str | None = None,
    is_leader: bool | None = None,
    params: Params | None = None,
) -> Retirement | None:
    """The rules engine's full answer (month, age, reasons), or None when unknown.

    ``position_level``/``is_leader`` override the cadre's stored derived values (used while
    those are being recomputed)."""
    category = retirement_category(cadre.gender, cadre.staff_category)
    if category is None or cadre.birth_date is None:
        return None
    level = cadre.position_level if position_level is None else position_level
    leader = cadre.is_leader if is_leader is None else is_leader
    if params is None:
        from cadre.people.services.common import rule_params

        params = rule_params()
    try:
        return retirement(
            cadre.birth_date,
            category,
            county_level_leader=is_county_level_leader(level, leader),
            params=params,
        )
    except RulesError:
        return None


def retire_month_of(
    cadre: Cadre,
    *,
    position_level: str | None = None,
    is_leader: bool | None = None,
    params: Params | None = None,
) -> dt.date | None:
    """The first day of the month the cadre reaches retirement age (None when unknown)."""
    result = retirement_of(cadre, position_level=position_level, is_leader=is_leader, params=params)
    return result.retire_month.first_day() if result else None

"""Roster test data: the county fixture's cadres plus a varied few (no tests in here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.people.filters import years_before
from cadre.people.models import Cadre
from tests.conftest import County
from tests.factories import make_cadre


@dataclass
class Roster:
    county: County
    wang: Cadre  # 王建华, 甲镇, party secretary, 本科, 中共党员
    zhao: Cadre  # 赵敏, 甲镇, young, 硕士, 共青团员, 一级科员
    sun: Cadre  # 孙立, 乙镇, retired (离退)
    zhou: Cadre  # 周建, the county, 预备党员, 中专, 县处级副职, 参公
    ouyang: Cadre  # 欧阳娜娜, 乙镇, 大专, 四级主任科员


def build_roster(county: County, today: dt.date) -> Roster:
    wang = make_cadre(
        county.town_a,
        "王建华",
        birth=dt.date(1970, 1, 15),
        political_status="01",
        education="21",
        education_level=2,
        position_level="41",
        current_position="甲镇党委书记",
        position_since=dt.date(2020, 3, 1),
        is_leader=True,
        native_place="河北正定",
    )
    zhao = make_cadre(
        county.town_a,
        "赵敏",
        gender="2",
        birth=dt.date(1995, 7, 1),
        political_status="03",
        education="14",
        education_level=1,
        rank="11",
        native_place="河北藁城",
    )
    sun = make_cadre(
        county.town_b,
        "孙立",
        birth=dt.date(1962, 3, 1),
        status="2",
        education="31",
        education_level=3,
    )
    zhou = make_cadre(
        county.county,
        "周建",
        birth=years_before(today, 40),  # 40 today: the birthday is today
        political_status="02",
        education="41",
        education_level=4,
        position_level="32",
        current_position="某某县副县长",
        is_leader=True,
        staff_category="20",
    )
    ouyang = make_cadre(
        county.town_b,
        "欧阳娜娜",
        gender="2",
        birth=years_before(today, 40) + dt.timedelta(days=1),  # 39: turns 40 tomorrow
        education="31",
        education_level=3,
        rank="10",
        ethnicity="03",
    )
    return Roster(county, wang, zhao, sun, zhou, ouyang)

"""A hand-built county for analytics: known ages, posts, education, assessments, sanctions.

Dates are relative to today so exact figures hold on any day the tests run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cadre.analytics.timeframe import years_before
from cadre.org.models import Establishment, Unit
from cadre.people.models import Cadre, Education
from cadre.posts.models import Appointment, RankRecord
from tests.conftest import County
from tests.factories import make_cadre, make_unit

TODAY = dt.date.today()


def born(age: int, days: int = 40) -> dt.date:
    """A birth date giving ``age`` completed years today (``days`` after the birthday)."""
    return years_before(TODAY, age) - dt.timedelta(days=days)


def ago(years: int = 0, days: int = 0) -> dt.date:
    return years_before(TODAY, years) - dt.timedelta(days=days)


def appoint(
    cadre: Cadre,
    unit: Unit,
    title: str,
    level: str,
    since: dt.date,
    *,
    until: dt.date | None = None,
    leading: bool = True,
    **extra: object,
) -> Appointment:
    a = Appointment.objects.create(
        cadre=cadre,
        unit=unit,
        title=title,
        position_level=level,
        is_leading=leading,
        started_on=since,
        ended_on=until,
        **extra,
    )
    if until is None:
        Cadre.objects.filter(pk=cadre.pk).update(
            current_position=title,
            position_level=level,
            position_since=since,
            position_level_since=since,
            is_leader=leading,
        )
    return a


def educate(cadre: Cadre, code: str, track: str = "full_time", **extra: object) -> Education:
    from cadre.core import codebook

    e = Education.objects.create(cadre=cadre, track=track, education=code, **extra)
    level = int(codebook.attrs("education", code)["level"])
    cadre.refresh_from_db()
    updates: dict[str, object] = {}
    if cadre.education_level is None or level < cadre.education_level:
        updates.update(education=code, education_level=level)
    if track == "full_time" and (
        cadre.full_time_education_level is None or level < cadre.full_time_education_level
    ):
        updates.update(full_time_education=code, full_time_education_level=level)
    if updates:
        Cadre.objects.filter(pk=cadre.pk).update(**updates)
    return e


def give_rank(cadre: Cadre, rank: str, since: dt.date) -> RankRecord:
    r = RankRecord.objects.create(cadre=cadre, rank=rank, started_on=since)
    Cadre.objects.filter(pk=cadre.pk).update(rank=rank, rank_since=since)
    return r


@dataclass
class Corps:
    base: County
    dept: Unit
    office: Unit  # 甲镇党政办 (内设机构 of 甲镇)
    c: dict[str, Cadre]


@pytest.fixture
def corps(county: County) -> Corps:
    """某某县: 甲镇 (with 党政办), 乙镇, 县财政局. Seven 现职 cadres plus one retired.

    | key | unit | gender | age | politics | ethnicity | education (ft / in-service) |
    | a  张建国 | 甲镇 | 男 | 44 | 中共 | 汉 | — |
    | b  李秀英 | 乙镇 | 女 | 44 | 群众 | 汉 | — |
    | c  王书记 | 甲镇 | 男 | 52 | 中共 | 汉 | 大专 / 省委党校研究生 |
    | d  赵青年 | 党政办 | 女 | 29 | 中共预备 | 回族 | 本科 |
    | e  钱科长 | 财政局 | 男 | 38 | 中共 | 汉 | 硕士 |
    | f  孙老同志 | 财政局 | 男 | 58 | 民盟 | 汉 | 中专 |
    | g  周新人 | 乙镇 | 女 | 35 | 中共 | 壮族 | 本科 |
    | r  吴退休 | 甲镇 | 男 | 66 | 中共 | 汉 | status 离退 |
    """
    base = county
    dept = make_unit(
        "县财政局", base.county, code="D001", kind="02", quota_principal=1, quota_deputy=1
    )
    office = make_unit("甲镇党政办", base.town_a, code="T001-01", kind="12")
    base.town_a.refresh_from_db()
    Unit.objects.filter(pk=base.town_a.pk).update(quota_principal=1, quota_deputy=2)
    c: dict[str, Cadre] = {"a": base.cadre_a, "b": base.cadre_b}
    Cadre.objects.filter(pk=base.cadre_a.pk).update(
        birth_date=born(44), political_status="01", work_started_on=ago(22)
    )
    Cadre.objects.filter(pk=base.cadre_b.pk).update(
        birth_date=born(44), political_status="13", work_started_on=ago(21)
    )
    c["c"] = make_cadre(
        base.town_a,
        "王书记",
        birth=born(52),
        political_status="01",
        work_started_on=ago(32),
        party_joined_on=ago(30),
    )
    c["d"] = make_cadre(
        office,
        "赵青年",
        gender="2",
        birth=born(29),
        political_status="02",
        ethnicity="03",
        work_started_on=ago(6),
        staff_category="20",
    )
    c["e"] = make_cadre(
        dept, "钱科长", birth=born(38), political_status="01", work_started_on=ago(14)
    )
    c["f"] = make_cadre(
        dept, "孙老同志", birth=born(58), political_status="05", work_started_on=ago(38)
    )
    c["g"] = make_cadre(
        base.town_b,
        "周新人",
        gender="2",
        birth=born(35),
        political_status="01",
        ethnicity="08",
        work_started_on=ago(12),
    )
    c["r"] = make_cadre(
        base.town_a,
        "吴退休",
        birth=born(66),
        political_status="01",
        status="2",
        work_started_on=ago(45),
    )
    educate(c["c"], "31")
    educate(c["c"], "1B", "in_service")
    educate(c["d"], "21", school="某某大学", major="法学")
    educate(c["e"], "14", school="某某财经大学", major="会计学")
    educate(c["f"], "41")
    educate(c["g"], "21")
    # Posts: 王书记 甲镇党委书记 for 12 years (was 乙镇镇长 before); 钱科长 财政局副局长 6 years.
    appoint(c["c"], base.town_b, "乙镇镇长", "41", ago(16), until=ago(12))
    appoint(c["c"], base.town_a, "甲镇党委书记", "41", ago(12))
    appoint(c["e"], dept, "县财政局副局长", "42", ago(6))
    appoint(c["a"], base.town_a, "甲镇副镇长", "42", ago(3))
    appoint(c["g"], base.town_b, "乙镇副镇长", "42", ago(1))
    give_rank(c["f"], "07", ago(5))
    give_rank(c["e"], "09", ago(1))
    Establishment.objects.create(unit=dept, kind="1", approved=5)
    Establishment.objects.create(unit=base.town_a, kind="1", approved=3)
    Establishment.objects.create(unit=base.town_a, kind="3", approved=1)
    for cadre in c.values():
        cadre.refresh_from_db()
    base.town_a.refresh_from_db()
    return Corps(base, dept, office, c)

"""Each warning kind fires on a constructed case and stays quiet on a clean one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cadre.analytics import warnings as scan
from cadre.org.models import Unit
from cadre.people.models import AnnualAssessment, Cadre, Education, ResumeEntry, Sanction
from cadre.posts.models import Appointment
from cadre.rules.dates import Month, add_months
from tests.analytics.conftest import TODAY, Corps, ago, appoint, born, give_rank
from tests.factories import make_cadre

pytestmark = pytest.mark.django_db


def flags(corps: Corps, kind: str, user: str = "zzb", unit: Unit | None = None) -> list[Any]:
    ctx = scan.context(corps.base.users[user], unit or corps.base.county, TODAY)
    items = scan.KINDS_BY_KEY[kind].items(ctx)
    assert scan.KINDS_BY_KEY[kind].count(ctx) == len(items)
    return items


def who(items: list[Any]) -> set[str]:
    return {f.name or f.unit_name for f in items}


def test_clean_corps_has_only_the_built_in_warnings(corps: Corps) -> None:
    # Built in: 王书记 (12 years as 甲镇党委书记) and 孙老同志 (long in rank).
    for kind in (
        "retirement",
        "key_post",
        "leader_quota",
        "over_establishment",
        "probation",
        "influence",
        "dossier",
    ):
        assert flags(corps, kind) == [], kind
    assert who(flags(corps, "same_post")) == {"王书记"}
    # 孙老同志: 一级主任科员 for 5 years, eligible for 四级调研员 after 2 → 3 years waiting.
    rank = flags(corps, "rank_eligible")
    assert who(rank) == {"孙老同志"}
    assert "四级调研员" in rank[0].message


def test_retirement_within_twelve_months(corps: Corps) -> None:
    soon = Month.of(TODAY).add(5).first_day()
    late = Month.of(TODAY).add(13).first_day()
    Cadre.objects.filter(pk=corps.c["f"].pk).update(retire_month=soon)
    Cadre.objects.filter(pk=corps.c["e"].pk).update(retire_month=late)
    Cadre.objects.filter(pk=corps.c["r"].pk).update(retire_month=ago(1))  # retired: not 现职
    items = flags(corps, "retirement")
    assert who(items) == {"孙老同志"}
    assert "还有5个月" in items[0].message


def test_same_post_ten_years_needs_a_leading_post(corps: Corps) -> None:
    Appointment.objects.create(
        cadre=corps.c["f"],
        unit=corps.dept,
        title="县财政局科员",
        position_level="50",
        is_leading=False,
        started_on=ago(15),
    )
    assert who(flags(corps, "same_post")) == {"王书记"}
    Appointment.objects.filter(cadre=corps.c["c"]).update(started_on=ago(9))
    assert flags(corps, "same_post") == []


def test_key_post_rotation(corps: Corps) -> None:
    appoint(corps.c["f"], corps.dept, "县财政局财务科科长", "41", ago(5, 1))
    appoint(corps.c["d"], corps.office, "甲镇人事专干", "50", ago(4), leading=False)
    items = flags(corps, "key_post")
    assert who(items) == {"孙老同志"}
    assert "可配置口径" in items[0].message


def test_leader_quota_and_establishment(corps: Corps) -> None:
    # 甲镇: quota 1 正职; add a second 正职.
    appoint(corps.c["d"], corps.base.town_a, "甲镇镇长", "41", ago(1))
    items = flags(corps, "leader_quota")
    assert [(f.unit_code, f.kind) for f in items] == [("T001", "leader_quota")]
    assert "正职领导职数1名，实配2名" in items[0].message
    # 财政局: 行政编制 5, two civil servants → fine; four more → over.
    assert flags(corps, "over_establishment") == []
    for i in range(4):
        make_cadre(corps.dept, f"新人{i}", birth=born(30))
    items = flags(corps, "over_establishment")
    assert [f.unit_code for f in items] == ["D001"]
    assert "核定5名，实有6名" in items[0].message


def test_probation_ending(corps: Corps) -> None:
    Appointment.objects.filter(cadre=corps.c["g"]).update(
        probation_until=TODAY + dt.timedelta(days=20)
    )
    Appointment.objects.filter(cadre=corps.c["a"]).update(
        probation_until=TODAY + dt.timedelta(days=45)
    )
    items = flags(corps, "probation")
    assert who(items) == {"周新人"}
    assert "还有20天" in items[0].message


def test_influence_running(corps: Corps) -> None:
    Sanction.objects.create(
        cadre=corps.c["e"], kind="2", measure="201", effective_on=add_months(TODAY, -3)
    )
    Sanction.objects.create(
        cadre=corps.c["a"], kind="2", measure="201", effective_on=add_months(TODAY, -13)
    )  # ended
    items = flags(corps, "influence")
    assert who(items) == {"钱科长"}
    assert "影响期未满" in items[0].message


def test_rank_eligible_fires_and_respects_assessments(corps: Corps) -> None:
    c = corps.c["g"]
    give_rank(c, "11", add_months(TODAY, -40))  # 一级科员 since 40 months: needs 24
    found = flags(corps, "rank_eligible")
    assert "周新人" in who(found)
    assert "四级主任科员" in next(f.message for f in found if f.name == "周新人")
    # A 不称职 year in the period bars promotion.
    AnnualAssessment.objects.create(cadre=c, year=TODAY.year - 1, grade="4")
    assert "周新人" not in who(flags(corps, "rank_eligible"))


def test_rank_recently_eligible_is_not_flagged(corps: Corps) -> None:
    give_rank(corps.c["g"], "11", add_months(TODAY, -27))  # eligible 3 months ago
    assert "周新人" not in who(flags(corps, "rank_eligible"))


def test_dossier_findings(corps: Corps) -> None:
    d = corps.c["d"]
    Cadre.objects.filter(pk=d.pk).update(work_started_on=born(29) + dt.timedelta(days=365 * 15))
    e = corps.c["e"]
    Education.objects.create(
        cadre=e,
        track="in_service",
        education="21",
        started_on=dt.date(2010, 9, 1),
        ended_on=dt.date(2008, 7, 1),
    )
    g = corps.c["g"]
    ResumeEntry.objects.create(
        cadre=g,
        started_on=dt.date(2008, 9, 1),
        ended_on=dt.date(2012, 7, 1),
        text="某大学学习",
        sort=1,
    )
    ResumeEntry.objects.create(
        cadre=g, started_on=dt.date(2013, 3, 1), ended_on=None, text="乙镇工作", sort=2
    )
    items = flags(corps, "dossier")
    by = {f.name: f.message for f in items}
    assert set(by) == {"赵青年", "钱科长", "周新人"}
    assert "参加工作时未满16周岁" in by["赵青年"]
    assert "学历起止时间颠倒" in by["钱科长"]
    assert "简历断档" in by["周新人"]


def test_dossier_clean_resume_is_quiet(corps: Corps) -> None:
    g = corps.c["g"]
    ResumeEntry.objects.create(
        cadre=g,
        started_on=dt.date(2008, 9, 1),
        ended_on=dt.date(2012, 7, 1),
        text="某大学学习",
        sort=1,
    )
    ResumeEntry.objects.create(
        cadre=g, started_on=dt.date(2012, 8, 1), ended_on=None, text="乙镇工作", sort=2
    )
    assert flags(corps, "dossier") == []


def test_scope_hides_other_units(corps: Corps) -> None:
    Sanction.objects.create(
        cadre=corps.c["g"], kind="3", measure="301", effective_on=add_months(TODAY, -1)
    )
    assert who(flags(corps, "influence")) == {"周新人"}
    assert flags(corps, "influence", user="rsk", unit=corps.base.town_a) == []


def test_counts_query_budget(corps: Corps, django_assert_max_num_queries: Any) -> None:
    ctx = scan.context(corps.base.users["zzb"], corps.base.county, TODAY)
    with django_assert_max_num_queries(40):
        scan.counts(ctx)


@pytest.mark.parametrize(
    ("ended", "started", "flagged"),
    [
        # the shortest gap of two whole months: 59 days (February of a common year)
        (dt.date(2011, 1, 31), dt.date(2011, 4, 1), True),
        (dt.date(2012, 1, 31), dt.date(2012, 4, 1), True),
        # the longest stretch that is still a gap of one month: quiet
        (dt.date(2012, 1, 1), dt.date(2012, 3, 31), False),
    ],
)
def test_dossier_resume_gap_at_the_day_boundaries(
    corps: Corps, ended: dt.date, started: dt.date, flagged: bool
) -> None:
    g = corps.c["g"]
    ResumeEntry.objects.create(
        cadre=g, started_on=dt.date(2008, 9, 1), ended_on=ended, text="某大学学习", sort=1
    )
    ResumeEntry.objects.create(cadre=g, started_on=started, ended_on=None, text="乙镇工作", sort=2)
    assert (who(flags(corps, "dossier")) == {"周新人"}) is flagged


@pytest.mark.parametrize(("days_before", "flagged"), [(1, True), (0, False)])
def test_dossier_work_age_at_the_sixteenth_birthday(
    corps: Corps, days_before: int, flagged: bool
) -> None:
    d = corps.c["d"]
    birth = born(29)
    sixteen = birth.replace(year=birth.year + 16)
    Cadre.objects.filter(pk=d.pk).update(work_started_on=sixteen - dt.timedelta(days=days_before))
    assert (who(flags(corps, "dossier")) == {"赵青年"}) is flagged

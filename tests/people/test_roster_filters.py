"""Roster filters: each one, combined, and bad values ignored with a notice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cadre.people.filters import birth_bounds, parse_filters, years_before
from cadre.rules.ages import age_on
from tests.people.test_roster import names_in
from tests.people.test_roster_data import Roster, build_roster


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roster(county) -> Roster:
    return build_roster(county, timezone.localdate())


def names(client, roster, query: str) -> set[str]:
    client.force_login(roster.county.users["zzb"])
    response = client.get(f"/cadres/?{query}")
    assert response.status_code == 200
    return set(names_in(response))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gender=2", {"李秀英", "赵敏", "欧阳娜娜"}),
        ("gender=1", {"张建国", "王建华", "周建"}),
        ("political_status=01", {"王建华"}),
        ("political_status=cpc", {"王建华", "周建"}),  # 中共党员 including 预备党员
        ("political_status=02&political_status=03", {"周建", "赵敏"}),
        ("position_level=41", {"王建华"}),
        ("position_level=32&position_level=41", {"王建华", "周建"}),
        ("rank=10", {"欧阳娜娜"}),
        ("staff_category=20", {"周建"}),
        ("education_level=1", {"赵敏"}),
        ("education_level=2", {"赵敏", "王建华"}),  # 大学本科及以上
        ("education_level=3", {"赵敏", "王建华", "欧阳娜娜"}),
        ("status=2", {"孙立"}),
        ("status=all", {"张建国", "李秀英", "王建华", "赵敏", "孙立", "周建", "欧阳娜娜"}),
    ],
)
def test_given_one_filter_then_only_matching_cadres(client, roster, query, expected):
    assert names(client, roster, query) == expected


def test_given_age_bounds_then_completed_years_at_today(client, roster):
    # 周建 turns 40 today, 欧阳娜娜 tomorrow.
    assert {"周建"} <= names(client, roster, "age_min=40")
    assert "欧阳娜娜" not in names(client, roster, "age_min=40")
    assert {"欧阳娜娜"} <= names(client, roster, "age_max=39")
    assert "周建" not in names(client, roster, "age_max=39")
    assert names(client, roster, "age_min=40&age_max=40") == {"周建"}


def test_given_combined_filters_then_all_apply(client, roster):
    assert names(client, roster, "unit=T001&gender=2&education_level=1") == {"赵敏"}
    assert names(client, roster, "gender=2&age_max=39") == {"欧阳娜娜", "赵敏"}
    assert names(client, roster, "gender=1&political_status=cpc&age_min=41") == {"王建华"}
    assert names(client, roster, "status=all&gender=1&education_level=3&unit=T002") == {"孙立"}


def test_given_filters_then_conditions_are_described_in_chinese(client, roster):
    client.force_login(roster.county.users["zzb"])
    html = client.get("/cadres/?gender=2&age_min=30&age_max=45&education_level=2").content
    text = html.decode()
    assert "性别：女" in text
    assert "年龄：30—45岁" in text
    assert "学历：大学本科及以上" in text


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("gender=9", "性别的取值“9”无效，已忽略。"),
        ("age_min=x", "最小年龄“x”不是有效的年龄"),
        ("age_max=-3", "最大年龄“-3”不是有效的年龄"),
        ("age_min=200", "最小年龄“200”不是有效的年龄"),
        ("education_level=7", "学历的取值“7”无效，已忽略。"),
        ("rank=99", "职级的取值“99”无效，已忽略。"),
        ("status=x", "管理状态的取值“x”无效，已忽略。"),
        ("position_level=4", "职务层次的取值“4”无效，已忽略。"),
        ("page=abc", "页码无效"),
    ],
)
def test_given_invalid_filter_value_then_ignored_with_notice(client, roster, query, notice):
    client.force_login(roster.county.users["zzb"])
    response = client.get(f"/cadres/?{query}")
    assert response.status_code == 200
    assert notice in response.content.decode()
    # The bad filter is ignored: the in-office roster is shown unfiltered.
    assert set(names_in(response)) == {"张建国", "李秀英", "王建华", "赵敏", "周建", "欧阳娜娜"}


def test_given_min_age_above_max_then_swapped_with_notice(client, roster):
    client.force_login(roster.county.users["zzb"])
    response = client.get("/cadres/?age_min=40&age_max=40&age_min=40")
    assert set(names_in(response)) == {"周建"}
    response = client.get("/cadres/?age_min=45&age_max=35")
    assert "最小年龄大于最大年龄，已交换。" in response.content.decode()
    assert set(names_in(response)) == {"周建", "欧阳娜娜"}


def test_given_valid_and_invalid_codes_then_valid_ones_kept(db):
    parsed = parse_filters(QueryDict("gender=2&gender=x&rank=10"))
    assert parsed.codes["gender"] == ["2"]
    assert parsed.codes["rank"] == ["10"]
    assert parsed.codes["status"] == ["1"]
    assert len(parsed.notices) == 1


def test_given_no_status_param_then_in_office_by_default_and_all_on_request(db):
    assert parse_filters(QueryDict("")).codes["status"] == ["1"]
    assert parse_filters(QueryDict("status=all")).status_all


def test_given_29_february_then_years_before_is_28_february():
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert years_before(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)


@given(
    birth=st.dates(dt.date(1940, 1, 1), dt.date(2010, 12, 31)),
    today=st.dates(dt.date(2015, 1, 1), dt.date(2035, 12, 31)),
    low=st.integers(0, 80),
    span=st.integers(0, 30),
)
def test_given_any_dates_then_birth_bounds_agree_with_age_on(birth, today, low, span):
    high = low + span
    latest, earliest_excl = birth_bounds(low, high, today)
    assert latest is not None and earliest_excl is not None
    in_bounds = earliest_excl < birth <= latest
    assert in_bounds == (low <= age_on(birth, today) <= high)

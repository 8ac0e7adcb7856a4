from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.dates import Month
from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.retirement import retirement, retirement_month, retirement_warning
from tests.rules._hyp import PROPERTY


@pytest.mark.parametrize(
    ("birth", "category", "month", "age_months", "delay"),
    [
        (Month(1965, 3), "男", Month(2025, 4), 60 * 12 + 1, 1),  # RULES.md check: 60y1m
        (Month(1965, 6), "男", Month(2025, 8), 60 * 12 + 2, 2),  # RULES.md check
        (Month(1976, 9), "男", Month(2039, 9), 63 * 12, 36),  # 63 years
        (Month(1980, 1), "男", Month(2043, 1), 63 * 12, 36),  # later: still capped
        (Month(1964, 12), "男", Month(2024, 12), 60 * 12, 0),  # before Y0: no delay
        (Month(1965, 1), "男", Month(2025, 2), 60 * 12 + 1, 1),
        (Month(1965, 4), "男", Month(2025, 5), 60 * 12 + 1, 1),
        (Month(1965, 5), "男", Month(2025, 7), 60 * 12 + 2, 2),
        (Month(1969, 12), "女干部", Month(2024, 12), 55 * 12, 0),
        (Month(1970, 1), "女干部", Month(2025, 2), 55 * 12 + 1, 1),
        (Month(1981, 9), "女干部", Month(2039, 9), 58 * 12, 36),
        (Month(1974, 12), "女工人", Month(2024, 12), 50 * 12, 0),
        (Month(1975, 1), "女工人", Month(2025, 2), 50 * 12 + 1, 1),
        (Month(1975, 3), "女工人", Month(2025, 5), 50 * 12 + 2, 2),
        (Month(1984, 12), "女工人", Month(2039, 12), 55 * 12, 60),
    ],
)
def test_retirement_table(
    birth: Month, category: str, month: Month, age_months: int, delay: int
) -> None:
    r = retirement(birth, category)
    assert (r.retire_month, r.retire_age_months, r.delay_months) == (month, age_months, delay)
    assert r.reasons[-1].startswith("到龄年月")


def test_pre_reform_age_text() -> None:
    assert retirement(Month(1970, 5), "男").pre_reform_age_text == "60周岁"
    assert retirement(Month(1970, 5), "女干部").pre_reform_age_text == "55周岁"
    assert retirement(Month(1970, 5), "女工人").pre_reform_age_text == "50周岁"


def test_county_level_women_cadres_configurable() -> None:
    r = retirement(Month(1975, 1), "女干部", county_level_leader=True)
    assert r.retire_month == Month(2035, 1) and r.delay_months == 0
    assert r.configurable and "可配置口径" in r.reasons[0]
    assert r.pre_reform_age_text == "60周岁"
    # other categories ignore the flag
    assert retirement(Month(1975, 1), "男", county_level_leader=True).retire_month == Month(2037, 8)
    p = Params({"retirement.county_female_cadre.delay_scheme": "male"})
    r2 = retirement(Month(1975, 1), "女干部", county_level_leader=True, params=p)
    assert r2.delay_months == 31


def test_date_birth_and_unknown_category() -> None:
    assert retirement_month(date(1965, 3, 31), "男") == Month(2025, 4)
    with pytest.raises(RulesError):
        retirement(Month(1965, 3), "儿童")


def test_overrides_change_the_result() -> None:
    p = Params({"retirement.male.original_age_years": 61})
    assert retirement(Month(1960, 1), "男", params=p).retire_month == Month(2021, 1)


def test_warning() -> None:
    w = retirement_warning(Month(1965, 3), "男", date(2025, 1, 10))
    assert w is not None and w.level == "即将到龄" and w.months_left == 3
    assert "2025年4月" in w.message
    w = retirement_warning(Month(1965, 3), "男", date(2025, 5, 1))
    assert w is not None and w.level == "已到龄"
    assert retirement_warning(Month(1975, 3), "男", date(2025, 5, 1)) is None
    w = retirement_warning(
        Month(1965, 3), "男", date(2025, 5, 1), retire_month_override=Month(2026, 4)
    )
    assert w is not None and w.level == "即将到龄" and "弹性退休" in w.message


CAPS = {"男": (60, 36), "女干部": (55, 36), "女工人": (50, 60)}


@PROPERTY
@given(
    year=st.integers(1940, 2010),
    month=st.integers(1, 12),
    category=st.sampled_from(["男", "女干部", "女工人"]),
)
def test_retirement_bounds(year: int, month: int, category: str) -> None:
    original, cap = CAPS[category]
    r = retirement(Month(year, month), category)
    assert original * 12 <= r.retire_age_months <= original * 12 + cap
    later = retirement(Month(year, month).add(1), category)
    assert later.retire_age_months >= r.retire_age_months
    assert later.retire_month > r.retire_month

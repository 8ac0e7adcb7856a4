from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.rules.dates import Month
from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.ranks import (
    RANKS,
    check_rank_quotas,
    promotion_target,
    rank_eligibility,
    rank_quota_limits,
    required_months,
)
from cadre.rules.sanctions import Sanction
from tests.rules._hyp import PROPERTY

ROWS = [
    ("二级科员", "一级科员", 2),
    ("一级科员", "四级主任科员", 2),
    ("四级主任科员", "三级主任科员", 2),
    ("乡科级副职", "三级主任科员", 2),
    ("三级主任科员", "二级主任科员", 2),
    ("二级主任科员", "一级主任科员", 2),
    ("乡科级正职", "一级主任科员", 2),
    ("一级主任科员", "四级调研员", 2),
    ("四级调研员", "三级调研员", 2),
    ("县处级副职", "三级调研员", 2),
    ("三级调研员", "二级调研员", 2),
    ("二级调研员", "一级调研员", 3),
    ("县处级正职", "一级调研员", 3),
    ("一级调研员", "二级巡视员", 4),
    ("二级巡视员", "一级巡视员", 4),
    ("厅局级副职", "一级巡视员", 4),
]


@pytest.mark.parametrize(("current", "target", "years"), ROWS)
def test_every_rank_row(current: str, target: str, years: int) -> None:
    assert promotion_target(current) == target
    assert required_months(target) == years * 12
    r = rank_eligibility(current, date(2010, 1, 15), {}, [], date(2020, 6, 1))
    assert r.target_rank == target
    assert r.eligible_from == Month(2010, 1).add(years * 12)
    assert r.eligible
    assert r.required_months == years * 12


def test_ladder_order() -> None:
    assert RANKS[0] == "二级科员" and RANKS[-1] == "一级巡视员" and len(RANKS) == 12


def test_plain_two_years_boundary() -> None:
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, [], date(2023, 3, 1))
    assert r.eligible and r.eligible_from == Month(2023, 3)
    assert (r.counted_months, r.required_months) == (24, 24)
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, [], date(2023, 2, 28))
    assert not r.eligible and r.eligible_from == Month(2023, 3)
    assert (r.counted_months, r.required_months) == (23, 24)
    assert "2021年度尚未评定等次，按称职计算" in r.reasons


def test_excellent_year_shortens_by_half_year() -> None:
    r = rank_eligibility("一级主任科员", date(2021, 3, 1), {2022: "优秀"}, [], date(2022, 9, 1))
    assert r.eligible_from == Month(2022, 9)
    assert r.eligible
    assert (r.counted_months, r.required_months) == (18, 18)
    assert "2022年度优秀，任职年限缩短半年" in r.reasons


def test_excellent_year_only_counts_when_it_overlaps_the_counted_months() -> None:
    # 2023 lies after the 24 months counted from 2021-01: no reduction
    r = rank_eligibility("一级科员", date(2021, 1, 5), {2023: "优秀"}, [], date(2025, 1, 1))
    assert r.eligible_from == Month(2023, 1)
    # from 2021-07, the first month of 2023 brings the 优秀 year into the period
    r = rank_eligibility("一级科员", date(2021, 7, 5), {2023: "优秀"}, [], date(2025, 1, 1))
    assert r.eligible_from == Month(2023, 2)


def test_basic_and_ungraded_years_not_counted() -> None:
    grades = {2021: "称职", 2022: "基本称职"}
    r = rank_eligibility("一级科员", date(2021, 1, 1), grades, [], date(2023, 6, 1))
    assert r.eligible_from == Month(2024, 1)
    assert not r.eligible
    assert (r.counted_months, r.required_months) == (17, 24)
    assert "2022年度基本称职，不计入任职年限" in r.reasons
    grades = {2021: "不定等次"}
    r = rank_eligibility("一级科员", date(2021, 1, 1), grades, [], date(2023, 6, 1))
    assert r.eligible_from == Month(2024, 1)
    assert "2021年度不定等次，不计入任职年限" in r.reasons


def test_incompetent_year_bars() -> None:
    r = rank_eligibility("一级科员", date(2020, 1, 1), {2021: "不称职"}, [], date(2024, 1, 1))
    assert not r.eligible and r.eligible_from is None
    assert any("不称职" in x for x in r.reasons)
    # a 不称职 year before the current rank was held does not count
    r = rank_eligibility("一级科员", date(2022, 1, 1), {2021: "不称职"}, [], date(2024, 1, 1))
    assert r.eligible


def test_influence_period_delays() -> None:
    s = [Sanction("政务", "记过", date(2024, 3, 15))]
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, s, date(2024, 6, 1))
    assert r.eligible_from == Month(2025, 3)  # day after 2025-03-15 is in March
    assert not r.eligible
    assert any("影响期至2025-03-15" in x for x in r.reasons)
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, s, date(2025, 3, 1))
    assert r.eligible
    s = [Sanction("政务", "警告", date(2024, 8, 31))]  # ends 2025-02-28 → March
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, s, date(2025, 2, 1))
    assert r.eligible_from == Month(2025, 3)


def test_influence_before_tenure_does_not_matter() -> None:
    s = [Sanction("政务", "警告", date(2021, 4, 1))]
    r = rank_eligibility("一级主任科员", date(2021, 3, 10), {}, s, date(2023, 3, 1))
    assert r.eligible_from == Month(2023, 3)


def test_top_rank_and_unknown() -> None:
    r = rank_eligibility("一级巡视员", date(2020, 1, 1), {}, [], date(2025, 1, 1))
    assert r.target_rank is None and not r.eligible and r.eligible_from is None
    assert "最高职级" in r.reasons[0]
    with pytest.raises(RulesError):
        rank_eligibility("科长", date(2020, 1, 1), {}, [], date(2025, 1, 1))


def test_required_years_override() -> None:
    p = Params({"rank.required_years.四级调研员": 3})
    r = rank_eligibility("一级主任科员", date(2021, 3, 1), {}, [], date(2024, 1, 1), p)
    assert r.eligible_from == Month(2024, 3)


GRADES = st.sampled_from(["优秀", "称职", "基本称职", "不称职", "不定等次"])


@settings(PROPERTY, max_examples=150)
@given(
    grades=st.dictionaries(st.integers(2015, 2026), GRADES, max_size=8),
    start=st.dates(date(2015, 1, 1), date(2023, 12, 31)),
    as_of=st.dates(date(2016, 1, 1), date(2026, 12, 31)),
    flip=st.integers(2015, 2026),
    rank=st.sampled_from(["一级科员", "二级调研员", "一级调研员"]),
)
def test_excellent_year_never_makes_eligibility_later(
    grades: dict[int, str], start: date, as_of: date, flip: int, rank: str
) -> None:
    before = rank_eligibility(rank, start, grades, [], as_of)
    after = rank_eligibility(rank, start, {**grades, flip: "优秀"}, [], as_of)
    if before.eligible_from is not None:
        assert after.eligible_from is not None
        assert after.eligible_from <= before.eligible_from
    assert after.eligible >= before.eligible


def test_quota_limits() -> None:
    assert rank_quota_limits("county", 100) == {
        "二级调研员": 2,
        "三四级调研员": 10,
        "三级调研员": 4,
        "主任科员": 60,
        "一二级主任科员": 30,
    }
    assert rank_quota_limits("city", 100) == {
        "调研员": 20,
        "一二级调研员": 8,
        "一级调研员": 4,
        "主任科员": 60,
    }


def test_quota_check() -> None:
    counts = {"二级调研员": 3, "三级调研员": 5, "四级调研员": 4, "一级主任科员": 10}
    findings = check_rank_quotas("county", 100, counts)
    msgs = [f.message for f in findings]
    assert len(findings) == 2  # 二级调研员 3 > 2; 三级 5 > 4 (三四级 9 ≤ 10, 主任科员 10 ≤ 60)
    assert any("二级调研员3人" in m for m in msgs)
    assert all("可配置口径" in m for m in msgs)
    assert check_rank_quotas("city", 100, {"一级调研员": 4}) == []
    with pytest.raises(RulesError):
        check_rank_quotas("province", 100, {})
    p = Params({"rank.quota.county.二级调研员.ratio": "0.05"})
    assert rank_quota_limits("county", 100, p)["二级调研员"] == 5

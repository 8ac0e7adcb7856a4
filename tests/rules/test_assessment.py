from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.assessment import (
    assessment_consequences,
    check_excellent_count,
    excellent_quota,
)
from cadre.rules.errors import RulesError
from cadre.rules.sanctions import Sanction, assessment_cap
from tests.rules._hyp import PROPERTY

EFF = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("kind", "measure", "years", "caps"),
    [
        # row: 党纪警告, 政务警告, 诫勉, 调整职务 → not 优秀 that year
        ("党纪", "警告", None, ["非优秀", None]),
        ("政务", "警告", None, ["非优秀", None]),
        ("诫勉", "诫勉", None, ["非优秀", None]),
        ("组织处理", "调整职务", None, ["非优秀", None]),
        # row: 党纪严重警告, 政务记过, 责令辞职/免职/降职 → 不定等次 that year
        ("党纪", "严重警告", None, ["不定等次", None]),
        ("政务", "记过", None, ["不定等次", None]),
        ("组织处理", "责令辞职", None, ["不定等次", None]),
        ("组织处理", "免职", None, ["不定等次", None]),
        ("组织处理", "降职", None, ["不定等次", None]),
        # row: 政务记大过, 降级, 撤职 → 不定等次 that year and the next
        ("政务", "记大过", None, ["不定等次", "不定等次", None]),
        ("政务", "降级", None, ["不定等次", "不定等次", None]),
        ("政务", "撤职", None, ["不定等次", "不定等次", None]),
        # row: 撤销党内职务 → 不称职 that year
        ("党纪", "撤销党内职务", None, ["不称职", None]),
        # row: 留党察看 → 不称职 that year; 不定等次 the next 1 or 2 years
        ("党纪", "留党察看", 1, ["不称职", "不定等次", None]),
        ("党纪", "留党察看", 2, ["不称职", "不定等次", "不定等次", None]),
        # row: 开除党籍 → 不称职 that year; 不定等次 the next two
        ("党纪", "开除党籍", None, ["不称职", "不定等次", "不定等次", None]),
    ],
)
def test_every_cap_row(kind: str, measure: str, years: int | None, caps: list[str | None]) -> None:
    s = [Sanction(kind, measure, EFF, years)]
    assert assessment_cap(2023, s).cap is None
    for offset, cap in enumerate(caps):
        result = assessment_cap(2024 + offset, s)
        assert result.cap == cap, (2024 + offset, result)
        if cap:
            assert result.reasons and "考核" in result.reasons[0]


def test_heaviest_applies() -> None:
    s = [Sanction("诫勉", "", EFF), Sanction("政务", "记过", EFF)]
    assert assessment_cap(2024, s).cap == "不定等次"
    s = [Sanction("党纪", "撤销党内职务", EFF), Sanction("政务", "记大过", EFF)]
    assert assessment_cap(2024, s).cap == "不称职"
    s = [Sanction("政务", "记大过", date(2023, 2, 1)), Sanction("诫勉", "", EFF)]
    r = assessment_cap(2024, s)
    assert r.cap == "不定等次" and len(r.reasons) == 2
    assert assessment_cap(2024, []).cap is None


@pytest.mark.parametrize(
    ("n", "normal", "approved"),
    [(0, 0, 0), (1, 0, 0), (4, 0, 1), (5, 1, 1), (7, 1, 1), (8, 1, 2), (10, 2, 2),
     (12, 2, 3), (19, 3, 4), (20, 4, 5), (99, 19, 24), (100, 20, 25)],
)  # fmt: skip
def test_excellent_quota(n: int, normal: int, approved: int) -> None:
    q = excellent_quota(n)
    assert (q.max_excellent, q.max_excellent_with_approval) == (normal, approved)


@PROPERTY
@given(st.integers(0, 10**9))
def test_excellent_quota_is_exact(n: int) -> None:
    q = excellent_quota(n)
    assert q.max_excellent == n * 20 // 100
    assert q.max_excellent_with_approval == n * 25 // 100


def test_quota_check_and_negative() -> None:
    assert check_excellent_count(10, 2) == []
    [f] = check_excellent_count(12, 3)
    assert f.code == "excellent_over_quota" and "上限2人" in f.message
    assert check_excellent_count(12, 3, approved=True) == []
    with pytest.raises(RulesError):
        excellent_quota(-1)


def test_consequences() -> None:
    codes = [
        (c.year, c.code)
        for c in assessment_consequences(
            {
                2019: "优秀",
                2020: "优秀",
                2021: "优秀",
                2022: "基本称职",
                2023: "不称职",
                2024: "不称职",
            }
        )
    ]
    assert (2021, "merit_third_class") in codes
    assert (2020, "pay_step") in codes
    assert (2022, "admonish") in codes
    assert (2023, "demote") in codes and (2024, "dismissal") in codes
    assert (2023, "dismissal") not in codes


def test_consecutive_requires_adjacent_years() -> None:
    codes = [c.code for c in assessment_consequences({2019: "优秀", 2020: "优秀", 2022: "优秀"})]
    assert "merit_third_class" not in codes
    codes = [c.code for c in assessment_consequences({2020: "不称职", 2022: "不称职"})]
    assert "dismissal" not in codes


def test_five_years_competent_gives_grade() -> None:
    cs = assessment_consequences({y: "称职" for y in range(2020, 2025)})
    assert [c.year for c in cs if c.code == "grade_promotion"] == [2024]
    assert [c.year for c in cs if c.code == "pay_step"] == [2021, 2023]
    assert "累计5年称职以上" in next(c.message for c in cs if c.code == "grade_promotion")


def test_unknown_grade() -> None:
    with pytest.raises(RulesError):
        assessment_consequences({2020: "良好"})

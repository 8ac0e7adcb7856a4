from datetime import date

import pytest

from cadre.rules.errors import RulesError
from cadre.rules.leadership import (
    Candidate,
    basic_qualifications,
    decision_passes,
    exceptional_promotion_checks,
    vetting_bars,
)


def cand(**kw: object) -> Candidate:
    base: dict[str, object] = {
        "target_level": "县处级副职",
        "current_level": "乡科级正职",
        "current_level_since": date(2019, 1, 1),
        "work_started_on": date(2005, 7, 1),
        "grassroots_months": 60,
        "lower_level_posts": 2,
        "education": "大学本科",
        "training_met": True,
        "as_of": date(2024, 6, 1),
    }
    base.update(kw)
    return Candidate(**base)  # type: ignore[arg-type]


def codes(c: Candidate) -> list[str]:
    return [f.code for f in basic_qualifications(c)]


def test_qualified() -> None:
    assert codes(cand()) == []


def test_county_level_work_and_grassroots() -> None:
    assert codes(cand(work_started_on=date(2020, 7, 1), current_level_since=date(2021, 1, 1))) == [
        "work_years"
    ]
    assert codes(cand(grassroots_months=23)) == ["grassroots"]
    [f] = basic_qualifications(cand(lower_level_posts=1))
    assert f.code == "lower_posts" and f.severity == "warning"
    # below 县处级: no work-year rule
    assert codes(cand(target_level="乡科级正职", current_level="乡科级副职",
                      work_started_on=date(2022, 1, 1), current_level_since=date(2023, 1, 1))) == [
        "deputy_years"
    ]  # fmt: skip


def test_deputy_to_principal_two_years() -> None:
    c = cand(
        target_level="县处级正职", current_level="县处级副职", current_level_since=date(2022, 7, 1)
    )
    assert codes(c) == ["deputy_years"]
    c = cand(
        target_level="县处级正职", current_level="县处级副职", current_level_since=date(2022, 6, 1)
    )
    assert codes(c) == []


def test_lower_principal_to_upper_deputy_three_years() -> None:
    assert codes(cand(current_level_since=date(2021, 7, 1))) == ["principal_years"]
    assert codes(cand(current_level_since=date(2021, 6, 1))) == []


def test_skip_level_and_education_and_training() -> None:
    assert codes(cand(current_level="乡科级副职")) == ["skip_level"]
    assert codes(cand(education="中专")) == ["education"]
    assert codes(cand(education="大专")) == []
    c = cand(target_level="厅局级副职", current_level="县处级正职", education="大专")
    assert "education" in codes(c)
    [f] = basic_qualifications(cand(training_met=False))
    assert f.code == "training" and "1年内" in f.message
    with pytest.raises(RulesError):
        codes(cand(education="幼儿园"))


def test_vetting_bars() -> None:
    assert vetting_bars(previous_year_grade="称职", influence_running=False) == []
    [f] = vetting_bars(previous_year_grade="基本称职", influence_running=False)
    assert f.code == "previous_grade"
    [f] = vetting_bars(previous_year_grade="不称职", influence_running=False)
    assert f.code == "previous_grade"
    [f] = vetting_bars(
        previous_year_grade=None, influence_running=True, influence_ends_on=date(2025, 3, 15)
    )
    assert f.code == "influence" and "2025-03-15" in f.message
    [f] = vetting_bars(previous_year_grade=None, influence_running=False, spouse_emigrated=True)
    assert f.code == "emigrated"
    assert (
        vetting_bars(
            previous_year_grade=None,
            influence_running=False,
            spouse_emigrated=True,
            special_post=True,
        )
        == []
    )
    [f] = vetting_bars(
        previous_year_grade=None,
        influence_running=False,
        has_spouse=False,
        all_children_emigrated=True,
    )
    assert "子女" in f.message


def test_exceptional_promotion() -> None:
    fs = exceptional_promotion_checks(
        levels_up=2,
        months_since_last_promotion=11,
        in_probation=True,
        previous_promotion_exceptional_on_tenure=True,
    )
    assert [f.code for f in fs] == [
        "exceptional_levels",
        "exceptional_interval",
        "exceptional_probation",
        "exceptional_twice",
    ]
    assert (
        exceptional_promotion_checks(
            levels_up=1,
            months_since_last_promotion=12,
            in_probation=False,
            previous_promotion_exceptional_on_tenure=False,
        )
        == []
    )


def test_decision() -> None:
    assert decision_passes(9, 6, 5)[0]
    ok, reasons = decision_passes(9, 5, 5)  # 5/9 < 2/3 present
    assert not ok and "不得讨论决定" in reasons[0]
    assert not decision_passes(10, 8, 5)[0]  # 5 of 10 is not more than half
    assert decision_passes(10, 8, 6)[0]
    with pytest.raises(RulesError):
        decision_passes(5, 6, 1)

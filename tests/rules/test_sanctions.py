from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.dates import period_end
from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.sanctions import MEASURES, Sanction, influence, influence_periods, sanction_months
from tests.rules._hyp import PROPERTY

EFF = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("kind", "measure", "years", "months", "ends_on"),
    [
        ("政务", "警告", None, 6, date(2024, 9, 15)),
        ("政务", "记过", None, 12, date(2025, 3, 15)),
        ("政务", "记大过", None, 18, date(2025, 9, 15)),
        ("政务", "降级", None, 24, date(2026, 3, 15)),
        ("政务", "撤职", None, 24, date(2026, 3, 15)),
        ("党纪", "警告", None, 12, date(2025, 3, 15)),
        ("党纪", "严重警告", None, 18, date(2025, 9, 15)),
        ("党纪", "撤销党内职务", None, 24, date(2026, 3, 15)),
        ("党纪", "留党察看", 1, 36, date(2027, 3, 15)),
        ("党纪", "留党察看", 2, 48, date(2028, 3, 15)),
        ("党纪", "开除党籍", None, 60, date(2029, 3, 15)),
        ("诫勉", "诫勉", None, 6, date(2024, 9, 15)),
        ("诫勉", "", None, 6, date(2024, 9, 15)),
        ("组织处理", "调整职务", None, 12, date(2025, 3, 15)),
        ("组织处理", "责令辞职", None, 24, date(2026, 3, 15)),
        ("组织处理", "免职", None, 24, date(2026, 3, 15)),
        ("组织处理", "责令辞职、免职", None, 24, date(2026, 3, 15)),
        ("组织处理", "降职", None, 24, date(2026, 3, 15)),
    ],
)
def test_every_period_row(
    kind: str, measure: str, years: int | None, months: int, ends_on: date
) -> None:
    s = Sanction(kind, measure, EFF, years)
    assert sanction_months(s) == months
    r = influence([s], date(2024, 6, 1))
    assert r.ends_on == ends_on and r.running
    assert "影响期至" + ends_on.isoformat() in r.periods[0].reason


def test_reason_text() -> None:
    r = influence([Sanction("政务", "记过", EFF)], EFF)
    assert r.periods[0].reason.startswith("政务记过处分影响期至2025-03-15")
    r = influence([Sanction("诫勉", "诫勉", EFF)], EFF)
    assert "可配置口径" in r.periods[0].reason


def test_month_end_rule() -> None:
    r = influence([Sanction("政务", "警告", date(2024, 8, 31))], date(2024, 9, 1))
    assert r.ends_on == date(2025, 2, 28)


def test_running_boundaries() -> None:
    s = [Sanction("政务", "警告", EFF)]
    assert influence(s, date(2024, 9, 15)).running
    assert not influence(s, date(2024, 9, 16)).running
    assert not influence(s, date(2024, 3, 14)).running


def test_empty() -> None:
    r = influence([], date(2024, 1, 1))
    assert r.ends_on is None and not r.running and r.periods == []


def test_stacking_within_running_zhengwu() -> None:
    s = [Sanction("政务", "记过", EFF), Sanction("政务", "记大过", date(2024, 6, 1))]
    periods = influence_periods(s)
    assert periods[1].stacked
    assert periods[1].ends_on == date(2026, 9, 15)  # 2025-03-15 + 18 months
    assert influence(s, date(2025, 1, 1)).ends_on == date(2026, 9, 15)


def test_stacking_on_last_day_but_not_day_after() -> None:
    s = [Sanction("政务", "警告", EFF), Sanction("政务", "警告", date(2024, 9, 15))]
    assert influence(s, EFF).ends_on == date(2025, 3, 15)
    s = [Sanction("政务", "警告", EFF), Sanction("政务", "警告", date(2024, 9, 16))]
    assert influence(s, EFF).ends_on == date(2025, 3, 16)
    assert not influence_periods(s)[1].stacked


def test_stacking_capped_at_48_months() -> None:
    s = [
        Sanction("政务", "撤职", date(2024, 1, 10)),
        Sanction("政务", "降级", date(2024, 2, 1)),
        Sanction("政务", "撤职", date(2024, 3, 1)),
    ]
    periods = influence_periods(s)
    assert periods[1].ends_on == date(2028, 1, 10)
    assert periods[2].ends_on == date(2028, 3, 1)  # not 2030-01-10: effective + 48 months
    assert influence(s, date(2024, 3, 1)).ends_on == date(2028, 3, 1)


def test_other_kinds_do_not_stack_latest_end_wins() -> None:
    s = [Sanction("党纪", "严重警告", EFF), Sanction("政务", "记过", date(2024, 6, 1))]
    r = influence(s, date(2024, 7, 1))
    assert r.ends_on == date(2025, 9, 15)
    assert not any(p.stacked for p in r.periods)
    s = [Sanction("党纪", "警告", EFF), Sanction("党纪", "警告", date(2024, 6, 1))]
    assert influence(s, EFF).ends_on == date(2025, 6, 1)


def test_bad_inputs() -> None:
    with pytest.raises(RulesError):
        influence([Sanction("行政", "警告", EFF)], EFF)
    with pytest.raises(RulesError):
        influence([Sanction("政务", "开除党籍", EFF)], EFF)
    with pytest.raises(RulesError):
        influence([Sanction("党纪", "留党察看", EFF)], EFF)
    with pytest.raises(RulesError):
        influence([Sanction("党纪", "留党察看", EFF, 3)], EFF)


def test_override_configurable_period() -> None:
    p = Params({"sanction.诫勉.months": 12})
    assert influence([Sanction("诫勉", "", EFF)], EFF, p).ends_on == date(2025, 3, 15)


def _sanction() -> st.SearchStrategy[Sanction]:
    return st.builds(
        lambda d, eff, years: Sanction(d.kind, d.measure, eff, years),
        st.sampled_from(MEASURES),
        st.dates(date(2015, 1, 1), date(2030, 12, 31)),
        st.sampled_from([1, 2]),
    )


@PROPERTY
@given(st.lists(_sanction(), max_size=6))
def test_influence_never_ends_before_longest_single_period(sanctions: list[Sanction]) -> None:
    r = influence(sanctions, date(2024, 1, 1))
    if not sanctions:
        assert r.ends_on is None
        return
    longest = max(period_end(s.effective, sanction_months(s)) for s in sanctions)
    assert r.ends_on is not None and r.ends_on >= longest
    for p in r.periods:
        assert p.ends_on <= period_end(p.starts_on, 60)  # never past the longest rule

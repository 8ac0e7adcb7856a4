import pytest

from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.training import training_check, training_requirement


def test_senior_by_level_or_rank() -> None:
    [r] = training_requirement(position_level="县处级副职")
    assert (r.hours, r.period_years) == (550, 5)
    [r] = training_requirement(rank="四级调研员")
    assert (r.hours, r.period_years) == (550, 5)


def test_junior() -> None:
    [r] = training_requirement(position_level="乡科级正职")
    assert (r.hours, r.period_years) == (90, 1)
    [r] = training_requirement(rank="一级主任科员")
    assert r.hours == 90 and "12天" in r.alternative


def test_party_members() -> None:
    reqs = training_requirement(rank="一级科员", party_member=True)
    assert [r.hours for r in reqs] == [90, 32]
    assert "可配置口径" in reqs[1].reasons[0]
    reqs = training_requirement(rank="一级科员", party_member=True, branch_leader=True)
    assert [r.hours for r in reqs] == [90, 56]
    with pytest.raises(RulesError):
        training_requirement()


def test_training_check() -> None:
    hours = {2020: 100, 2021: 100, 2022: 100, 2023: 100, 2024: 150}
    assert training_check(hours, 2024, position_level="县处级正职") == []
    [f] = training_check({**hours, 2024: 149}, 2024, position_level="县处级正职")
    assert "2020—2024年" in f.message and "549" in f.message
    assert training_check({2024: 90}, 2024, rank="一级科员") == []
    assert training_check({2024: 89}, 2024, rank="一级科员")
    p = Params({"training.junior.hours_per_year": 80})
    assert training_check({2024: 89}, 2024, rank="一级科员", params=p) == []

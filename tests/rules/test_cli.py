import json
from typing import Any

import pytest

from cadre.rules.cli import COMMANDS, dumps, run, run_json


def ok(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    out, code = run(name, payload)
    assert code == 0, out
    json.dumps(out, ensure_ascii=False)  # serialisable
    return out


def is_chinese_error(out: dict[str, Any]) -> bool:
    return set(out) == {"error"} and any("\u4e00" <= ch <= "\u9fff" for ch in out["error"])


def test_id_number() -> None:
    out = ok("id-number", {"id_number": "11010519491231002x"})
    assert out == {
        "valid": True,
        "normalized": "11010519491231002X",
        "birth_date": "1949-12-31",
        "gender": "女",
        "errors": [],
    }
    out = ok("id-number", {"id_number": "110105194912310021"})
    assert out["valid"] is False and out["normalized"] is None and out["errors"]
    assert ok("id-number", {"id_number": "110105491231002"})["normalized"] == "11010519491231002X"


def test_age() -> None:
    assert ok("age", {"birth": "1972-04", "at": "2024-04-01"})["age"] == 52
    assert ok("age", {"birth": "1972-04-15", "at": "2024-04-14"})["age"] == 51


def test_retirement() -> None:
    out = ok("retirement", {"birth": "1965-03", "category": "男"})
    assert (out["retire_month"], out["retire_age_months"], out["delay_months"]) == (
        "2025-04",
        721,
        1,
    )
    assert ok("retirement", {"birth": "1965-06", "category": "男"})["retire_month"] == "2025-08"
    assert ok("retirement", {"birth": "1976-09", "category": "男"})["retire_age_months"] == 756
    out = ok("retirement", {"birth": "1975-01", "category": "女干部", "county_level_leader": True})
    assert out["retire_month"] == "2035-01" and out["pre_reform_age_text"] == "60周岁"
    assert ok("retirement", {"birth": "1975-01", "category": "女工人"})["retire_month"] == "2025-02"


def test_influence() -> None:
    out = ok(
        "influence",
        {
            "sanctions": [
                {"kind": "政务", "measure": "记过", "effective": "2024-03-15"},
                {
                    "kind": "党纪",
                    "measure": "留党察看",
                    "effective": "2020-01-01",
                    "observation_years": 1,
                },
            ],
            "as_of": "2024-06-01",
        },
    )
    assert out["ends_on"] == "2025-03-15" and out["running"] is True
    assert len(out["periods"]) == 2 and "影响期至" in out["periods"][1]["reason"]
    empty = ok("influence", {"sanctions": [], "as_of": "2024-06-01"})
    assert (empty["ends_on"], empty["running"]) == (None, False)
    out = ok(
        "influence",
        {"sanctions": [{"kind": "诫勉", "effective": "2024-03-15"}], "as_of": "2025-01-01"},
    )
    assert out["ends_on"] == "2024-09-15" and out["running"] is False


def test_assessment_cap() -> None:
    s = [{"kind": "政务", "measure": "记大过", "effective": "2024-05-01"}]
    assert ok("assessment-cap", {"year": 2024, "sanctions": s})["cap"] == "不定等次"
    assert ok("assessment-cap", {"year": 2025, "sanctions": s})["cap"] == "不定等次"
    assert ok("assessment-cap", {"year": 2026, "sanctions": s})["cap"] is None
    s = [{"kind": "党纪", "measure": "开除党籍", "effective": "2024-05-01"}]
    assert ok("assessment-cap", {"year": 2024, "sanctions": s})["cap"] == "不称职"


def test_excellent_quota() -> None:
    assert ok("excellent-quota", {"assessed": 12}) == {
        "assessed": 12,
        "max_excellent": 2,
        "max_excellent_with_approval": 3,
    }


def test_rank_eligibility() -> None:
    out = ok(
        "rank-eligibility",
        {
            "current_rank": "一级主任科员",
            "held_since": "2021-03-10",
            "assessments": {"2021": "称职", "2022": "优秀", "2023": "基本称职"},
            "sanctions": [],
            "as_of": "2024-06-01",
        },
    )
    assert out["target_rank"] == "四级调研员"
    assert out["eligible"] is True and out["eligible_from"] == "2022-09"
    assert (out["counted_months"], out["required_months"]) == (27, 18)
    assert "2023年度基本称职，不计入任职年限" in out["reasons"]
    assert "2022年度优秀，任职年限缩短半年" in out["reasons"]
    top = ok(
        "rank-eligibility",
        {"current_rank": "一级巡视员", "held_since": "2020-01-01", "as_of": "2024-06-01"},
    )
    assert top["target_rank"] is None and top["eligible"] is False and top["eligible_from"] is None


def test_workdays() -> None:
    assert ok("workdays", {"start": "2024-09-27", "days": 5}) == {"ends_on": "2024-10-09"}


def test_resume_both_ways() -> None:
    text = (
        "1991.09--1995.07  XX大学学习\n2019.03--         XX局局长（其间：2020.09--2021.01参加培训）"
    )
    out = ok("resume", {"text": text})
    assert out["entries"][1] == {
        "start": "2019-03",
        "end": None,
        "text": "XX局局长",
        "during": [{"start": "2020-09", "end": "2021-01", "text": "参加培训"}],
    }
    assert ok("resume-format", {"entries": out["entries"]}) == {"text": text}


def test_kinship() -> None:
    assert ok("kinship", {"relation": "岳父"}) == {"class": "近姻亲"}
    assert ok("kinship", {"relation": "同事"}) == {"class": None}


def test_registry() -> None:
    out = ok("registry", {})
    assert any(p["key"] == "sanction.政务.记过.months" for p in out["params"])


def test_params_override_in_payload() -> None:
    out = ok(
        "influence",
        {
            "sanctions": [{"kind": "诫勉", "effective": "2024-03-15"}],
            "as_of": "2024-03-15",
            "params": {"sanction.诫勉.months": 3},
        },
    )
    assert out["ends_on"] == "2024-06-15"


BAD = [
    ("nope", {}),
    ("age", {}),
    ("age", {"birth": "1972-04", "at": "2024-02-30"}),
    ("age", {"birth": 1972, "at": "2024-02-01"}),
    ("age", {"birth": "1972-04", "at": "2020-01-01T00:00"}),
    ("age", {"birth": "2030-01", "at": "2024-01-01"}),
    ("id-number", {}),
    ("id-number", {"id_number": 110105}),
    ("retirement", {"birth": "1965-13", "category": "男"}),
    ("retirement", {"birth": "1965-03", "category": "其他"}),
    ("retirement", {"birth": "1965-03"}),
    (
        "influence",
        {
            "as_of": "2024-01-01",
            "sanctions": [{"kind": "X", "measure": "警告", "effective": "2024-01-01"}],
        },
    ),
    (
        "influence",
        {
            "as_of": "2024-01-01",
            "sanctions": [{"kind": "政务", "measure": "Y", "effective": "2024-01-01"}],
        },
    ),
    (
        "influence",
        {
            "as_of": "2024-01-01",
            "sanctions": [{"kind": "党纪", "measure": "留党察看", "effective": "2024-01-01"}],
        },
    ),
    ("influence", {"as_of": "2024-01-01", "sanctions": [{"kind": "政务", "measure": "警告"}]}),
    ("influence", {"as_of": "2024-01-01", "sanctions": "政务警告"}),
    ("influence", {"as_of": "2024-01-01", "sanctions": [1]}),
    ("influence", {"sanctions": []}),
    ("influence", {"as_of": "2024-01-01", "sanctions": [], "params": {"bad.key": 1}}),
    ("assessment-cap", {"year": "2024", "sanctions": []}),
    ("assessment-cap", {"year": True, "sanctions": []}),
    ("excellent-quota", {"assessed": -1}),
    ("excellent-quota", {"assessed": 1.5}),
    ("excellent-quota", {"assessed": "10"}),
    (
        "rank-eligibility",
        {"current_rank": "科长", "held_since": "2020-01-01", "as_of": "2024-01-01"},
    ),
    (
        "rank-eligibility",
        {
            "current_rank": "一级科员",
            "held_since": "2020-01-01",
            "as_of": "2024-01-01",
            "assessments": {"2021": "良好"},
        },
    ),
    (
        "rank-eligibility",
        {
            "current_rank": "一级科员",
            "held_since": "2020-01-01",
            "as_of": "2024-01-01",
            "assessments": {"21": "称职"},
        },
    ),
    ("rank-eligibility", {"current_rank": "一级科员", "held_since": "2020-01-01"}),
    ("workdays", {"start": "2099-01-01", "days": 5}),
    ("workdays", {"start": "2024-01-01", "days": 0}),
    ("workdays", {"start": "2024-01-01", "days": "5"}),
    ("resume", {"text": 5}),
    ("resume", {"text": "2001.13--2002.01  X"}),
    ("resume-format", {"entries": [{"start": "2001-13", "text": "X"}]}),
    ("resume-format", {"entries": [{"start": "2001-01"}]}),
    ("resume-format", {"entries": "x"}),
    ("kinship", {"relation": None}),
]


@pytest.mark.parametrize(("name", "payload"), BAD)
def test_bad_input_is_a_chinese_error_with_exit_2(name: str, payload: dict[str, Any]) -> None:
    out, code = run(name, payload)
    assert code == 2
    assert is_chinese_error(out), out


@pytest.mark.parametrize("raw", ["{bad", "", "[1, 2]", "null", "42", '"x"'])
def test_run_json_rejects_non_objects(raw: str) -> None:
    out, code = run_json("age", raw)
    assert code == 2 and is_chinese_error(out)


def test_run_json_ok_and_missing_name() -> None:
    out, code = run_json("age", '{"birth": "1972-04", "at": "2024-04-01"}')
    assert (out["age"], code) == (52, 0)
    out, code = run_json(None, "{}")
    assert code == 2 and is_chinese_error(out)


def test_dumps_keeps_chinese() -> None:
    assert dumps({"cap": "不称职"}) == '{"cap": "不称职"}'


def test_every_command_is_listed() -> None:
    assert {
        "id-number",
        "age",
        "retirement",
        "influence",
        "assessment-cap",
        "excellent-quota",
        "rank-eligibility",
        "workdays",
        "resume",
        "resume-format",
        "kinship",
    } <= set(COMMANDS)

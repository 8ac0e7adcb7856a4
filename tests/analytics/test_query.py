"""Combined queries: every field and operator compiles and runs; semantics on the corps."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from cadre.analytics.query import FIELDS, QueryError, parse, registry_json, run
from cadre.core import codebook
from cadre.people.models import AnnualAssessment, FamilyMember, Reward, Sanction
from tests.analytics.conftest import TODAY, Corps, ago, born

pytestmark = pytest.mark.django_db


def names(user: Any, query: Any) -> set[str]:
    return set(run(user, query).values_list("name", flat=True))


def sample(spec: Any, op: str) -> Any:
    t = spec.type
    if t == "appointment":
        return {"title_contains": "书记", "unit_kind": ["08"], "min_years": 1, "current": True}
    if t == "text":
        one: Any = "党"
    elif t == "code":
        one = codebook.codes(spec.table)[0]
    elif t in ("int", "level"):
        one = 2
    elif t == "date":
        one = "2000-01-01"
    elif t == "bool":
        one = True
    else:
        one = "C001"
    if op == "between":
        return [one, one] if t != "date" else ["1990-01-01", "2000-01-01"]
    if op in ("in", "not_in"):
        return [one]
    return one


def test_every_field_and_operator_compiles_and_runs(corps: Corps) -> None:
    user = corps.base.users["zzb"]
    for spec in FIELDS:
        for op in spec.ops:
            cond: dict[str, Any] = {"field": spec.key, "op": op}
            if op not in ("empty", "not_empty"):
                cond["value"] = sample(spec, op)
            if spec.key == "assessment_count":
                cond["grade"] = "1"
            count = run(user, {"op": "and", "conditions": [cond]}).count()
            assert 0 <= count <= 8, (spec.key, op)


def test_brief_example_with_nesting(corps: Corps) -> None:
    c = corps.c
    AnnualAssessment.objects.create(cadre=c["c"], year=TODAY.year - 2, grade="1")
    user = corps.base.users["zzb"]
    query = {
        "op": "and",
        "conditions": [
            {
                "field": "appointment",
                "op": "exists",
                "value": {"title_contains": "党委书记", "unit_kind": ["08"]},
            },
            {"field": "full_time_education_level", "op": "gte", "value": 3},
            {"field": "age", "op": "gte", "value": 50},
            {"field": "political_status", "op": "in", "value": ["01", "02"]},
            {"field": "excellent_count", "op": "gte", "value": 1, "years": 3},
            {"field": "no_influence_period", "op": "eq", "value": True},
            {
                "op": "or",
                "conditions": [
                    {"field": "in_service_education_level", "op": "lte", "value": 1},
                    {"field": "gender", "op": "eq", "value": "2"},
                ],
            },
        ],
    }
    assert names(user, query) == {"王书记"}
    Sanction.objects.create(cadre=c["c"], kind="1", measure="102", effective_on=ago(0, 100))
    assert names(user, query) == set()


def test_age_boundaries_are_completed_years(corps: Corps) -> None:
    user = corps.base.users["zzb"]
    assert names(user, {"field": "age", "op": "lte", "value": 35}) == {"赵青年", "周新人"}
    assert names(user, {"field": "age", "op": "lt", "value": 35}) == {"赵青年"}
    assert names(user, {"field": "age", "op": "eq", "value": 44}) == {"张建国", "李秀英"}
    assert names(user, {"field": "age", "op": "between", "value": [36, 45]}) == {
        "张建国",
        "李秀英",
        "钱科长",
    }
    assert names(user, {"field": "age", "op": "gt", "value": 58}) == {"吴退休"}
    assert "孙老同志" in names(user, {"field": "age", "op": "ne", "value": 52})


def test_or_and_not_groups(corps: Corps) -> None:
    user = corps.base.users["zzb"]
    q = {
        "op": "or",
        "conditions": [
            {"field": "ethnic_minority", "op": "eq", "value": True},
            {"field": "political_status", "op": "eq", "value": "05"},
        ],
    }
    assert names(user, q) == {"赵青年", "周新人", "孙老同志"}
    negated = {
        "op": "and",
        "conditions": [{**q, "not": True}, {"field": "status", "op": "eq", "value": "1"}],
    }
    assert names(user, negated) == {"张建国", "李秀英", "王书记", "钱科长"}


def test_history_fields(corps: Corps) -> None:
    user = corps.base.users["zzb"]
    c = corps.c
    assert names(user, {"field": "ever_position_title", "op": "contains", "value": "镇长"}) == {
        "王书记",
        "张建国",
        "周新人",
    }
    appt = {
        "field": "appointment",
        "op": "exists",
        "value": {"title_contains": "镇长", "current": False, "min_years": 4},
    }
    assert names(user, appt) == {"王书记"}
    appt["value"]["min_years"] = 5
    assert names(user, appt) == set()
    assert names(user, {"field": "appointment", "op": "exists", "value": {"unit": "T002"}}) == {
        "王书记",
        "周新人",
    }
    assert names(user, {"field": "rank_years", "op": "gte", "value": 4}) == {"孙老同志"}
    assert names(user, {"field": "position_years", "op": "gte", "value": 10}) == {"王书记"}
    assert names(user, {"field": "in_service_education_level", "op": "eq", "value": 1}) == {
        "王书记"
    }
    assert names(user, {"field": "school", "op": "contains", "value": "财经"}) == {"钱科长"}
    Reward.objects.create(cadre=c["e"], kind="02", awarded_on=ago(1))
    Reward.objects.create(cadre=c["e"], kind="01", awarded_on=ago(8))
    assert names(user, {"field": "reward_count", "op": "gte", "value": 2}) == {"钱科长"}
    assert names(user, {"field": "reward_count", "op": "gte", "value": 2, "years": 5}) == set()
    FamilyMember.objects.create(cadre=c["f"], relation="12", name="某", is_emigrated=True)
    assert names(user, {"field": "spouse_emigrated", "op": "eq", "value": True}) == {"孙老同志"}
    AnnualAssessment.objects.create(cadre=c["a"], year=TODAY.year - 1, grade="3")
    assert names(user, {"field": "assessment_grade", "op": "in", "value": ["3", "4"]}) == {"张建国"}
    assert names(user, {"field": "assessment_count", "op": "eq", "value": 1, "grade": "3"}) == {
        "张建国"
    }


def test_township_and_unit_subtree(corps: Corps) -> None:
    user = corps.base.users["zzb"]
    town = names(user, {"field": "in_township", "op": "eq", "value": True})
    assert town == {"张建国", "李秀英", "王书记", "赵青年", "周新人", "吴退休"}
    assert names(user, {"field": "unit", "op": "in_subtree", "value": "T001"}) == {
        "张建国",
        "王书记",
        "赵青年",
        "吴退休",
    }
    assert names(user, {"field": "unit", "op": "eq", "value": "T001"}) == {
        "张建国",
        "王书记",
        "吴退休",
    }


@pytest.mark.parametrize(
    ("measure", "months_ago", "obs", "running"),
    [
        ("101", 5, None, True),  # 政务警告 6 months
        ("101", 7, None, False),
        ("202", 17, None, True),  # 党纪严重警告 18 months
        ("202", 19, None, False),
        ("204", 40, 1, False),  # 留党察看1年: 12 + 24 = 36 months
        ("204", 40, 2, True),  # 留党察看2年: 48 months
        ("301", 5, None, True),  # 诫勉 6 months
        ("404", 23, None, True),  # 降职 24 months
    ],
)
def test_influence_period_per_measure(
    corps: Corps, measure: str, months_ago: int, obs: int | None, running: bool
) -> None:
    from cadre.rules.dates import add_months

    kind = str(codebook.attrs("sanction_measure", measure)["kind"])
    Sanction.objects.create(
        cadre=corps.c["e"],
        kind=kind,
        measure=measure,
        effective_on=add_months(TODAY, -months_ago),
        observation_years=obs,
    )
    user = corps.base.users["zzb"]
    found = names(user, {"field": "no_influence_period", "op": "eq", "value": False})
    assert found == ({"钱科长"} if running else set())


def test_revoked_sanction_has_no_influence(corps: Corps) -> None:
    Sanction.objects.create(
        cadre=corps.c["e"], kind="1", measure="102", effective_on=ago(0, 30), revoked_on=ago(0, 5)
    )
    user = corps.base.users["zzb"]
    assert names(user, {"field": "no_influence_period", "op": "eq", "value": False}) == set()


def test_stacked_government_sanctions_use_the_rules_engine(corps: Corps) -> None:
    from cadre.rules.dates import add_months

    # 记过 (12 months) 11 months ago, then 警告 (6 months) 10 months ago during it:
    # stacked end = first end + 6 months → still running although the 警告 alone ended.
    e = corps.c["e"]
    Sanction.objects.create(cadre=e, kind="1", measure="102", effective_on=add_months(TODAY, -13))
    Sanction.objects.create(cadre=e, kind="1", measure="101", effective_on=add_months(TODAY, -10))
    user = corps.base.users["zzb"]
    assert names(user, {"field": "no_influence_period", "op": "eq", "value": False}) == {"钱科长"}


def test_scope_limits_results_and_units(corps: Corps) -> None:
    rsk = corps.base.users["rsk"]  # 甲镇 only
    assert names(rsk, {"field": "gender", "op": "in", "value": ["1", "2"]}) == {
        "张建国",
        "王书记",
        "赵青年",
        "吴退休",
    }
    with pytest.raises(QueryError, match="不在您的管理范围内"):
        run(rsk, {"field": "unit", "op": "in_subtree", "value": "T002"}).count()
    assert run(corps.base.users["sysadmin"], {"field": "age", "op": "gte", "value": 0}).count() == 0
    assert names(corps.base.users["self_a"], {"field": "age", "op": "gte", "value": 0}) == {
        "张建国"
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "不是有效的JSON"),
        ("[]", "条件组"),
        ('{"op": "xor", "conditions": [{"field": "age", "op": "lt", "value": 3}]}', "and"),
        ('{"op": "and", "conditions": []}', "至少应有一个条件"),
        ('{"field": "shoe_size", "op": "eq", "value": 1}', "未知的查询字段"),
        ('{"field": "age", "op": "contains", "value": 1}', "不支持运算"),
        ('{"field": "age", "op": "lt", "value": "四十"}', "应为整数"),
        ('{"field": "age", "op": "lt"}', "请填写比较的值"),
        ('{"field": "age", "op": "between", "value": [50, 40]}', "下限大于上限"),
        ('{"field": "gender", "op": "eq", "value": "9"}', "不在代码表中"),
        ('{"field": "birth_date", "op": "lt", "value": "2024-02-30"}', "不是有效日期"),
        ('{"field": "is_cpc", "op": "eq", "value": "yes"}', "true"),
        ('{"field": "appointment", "op": "exists", "value": {"colour": 1}}', "不认识的任职条件"),
        ('{"field": "excellent_count", "op": "gte", "value": 1, "years": 99}', "之间"),
        ('{"field": "assessment_count", "op": "gte", "value": 1}', "请选择考核等次"),
        ('{"field": "age", "op": "lt", "value": 40, "colour": 1}', "不认识的键"),
    ],
)
def test_bad_queries_give_chinese_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_nesting_depth_is_bounded() -> None:
    q: dict[str, Any] = {"field": "age", "op": "lt", "value": 40}
    for _ in range(8):
        q = {"op": "and", "conditions": [q]}
    with pytest.raises(QueryError, match="嵌套过深"):
        parse(json.dumps(q))


def test_registry_lists_fields_with_chinese_labels_and_ops(db: None) -> None:
    data = registry_json()
    keys = {f["key"] for f in data["fields"]}
    assert {
        "age",
        "ever_position_title",
        "excellent_count",
        "rank_years",
        "no_influence_period",
        "appointment",
    } <= keys
    age = next(f for f in data["fields"] if f["key"] == "age")
    assert age["label"] == "年龄（周岁）"
    assert ["lt", "小于"] in age["ops"]
    gender = next(f for f in data["fields"] if f["key"] == "gender")
    assert ["2", "女"] in gender["choices"]


def test_query_is_one_sql_statement(corps: Corps, django_assert_max_num_queries: Any) -> None:
    user = corps.base.users["zzb"]
    query = {
        "op": "and",
        "conditions": [
            {"field": "age", "op": "lt", "value": 60},
            {"field": "excellent_count", "op": "gte", "value": 0},
            {"field": "appointment", "op": "exists", "value": {"unit_kind": ["08"]}},
            {"field": "no_influence_period", "op": "eq", "value": True},
        ],
    }
    qs = run(user, query)
    with django_assert_max_num_queries(1):
        list(qs.values_list("pk", flat=True))


def test_dates_use_today_relative(corps: Corps) -> None:
    assert isinstance(born(30), dt.date)

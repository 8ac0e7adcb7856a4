"""The commands' JSON contracts."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.analytics.conftest import Corps

pytestmark = pytest.mark.django_db


def run(*args: str) -> object:
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_query_json_contract(corps: Corps) -> None:
    data = run("query", '{"field": "age", "op": "gte", "value": 50}', "--user", "zzb", "--json")
    assert isinstance(data, dict)
    assert data["count"] == 3
    assert sorted(data["ids"]) == sorted([corps.c["c"].pk, corps.c["f"].pk, corps.c["r"].pk])


def test_query_is_scoped_and_bad_json_is_a_chinese_error(corps: Corps) -> None:
    data = run("query", '{"field": "age", "op": "gte", "value": 50}', "--user", "rsk", "--json")
    assert data == {"count": 2, "ids": data["ids"]} and len(data["ids"]) == 2  # type: ignore[index]
    with pytest.raises(CommandError, match="不是有效的JSON"):
        call_command("query", "{", "--user", "zzb", "--json", stdout=StringIO())
    with pytest.raises(CommandError, match="不能查看干部数据"):
        call_command("query", "{}", "--user", "sysadmin", stdout=StringIO())


def test_stats_structure_json(corps: Corps) -> None:
    data = run("stats", "structure", "--unit", "某某县", "--user", "zzb", "--json")
    assert isinstance(data, dict)
    assert data["unit"]["code"] == "C001"
    assert data["summary"]["total"] == 7
    assert {s["key"] for s in data["sections"]} >= {"pyramid", "echelons", "education", "rank"}
    assert len(data["trend"]) == 5
    live = run("stats", "structure", "--unit", "C001", "--user", "zzb", "--json", "--live")
    assert isinstance(live, dict) and live["summary"] == data["summary"]
    with pytest.raises(CommandError, match="不在该用户的管理范围内"):
        call_command("stats", "structure", "--unit", "T002", "--user", "rsk", stdout=StringIO())


def test_stats_report_and_teams_json(corps: Corps) -> None:
    report = run("stats", "report", "--unit", "C001", "--user", "zzb", "--json")
    assert report["total"]["total"] == 7  # type: ignore[index]
    teams = run("stats", "teams", "--unit", "C001", "--user", "zzb", "--json")
    assert any(t["unit_code"] == "T001" for t in teams)  # type: ignore[union-attr]


def test_warnings_json_contract(corps: Corps) -> None:
    data = run("warnings", "--unit", "C001", "--user", "zzb", "--json")
    assert isinstance(data, list)
    for item in data:
        assert set(item) >= {"kind", "message"}
        assert ("cadre_id" in item) != ("unit_code" in item)
    assert {"kind": "same_post", "cadre_id": corps.c["c"].pk}.items() <= next(
        i for i in data if i["kind"] == "same_post"
    ).items()
    only = run("warnings", "--unit", "C001", "--user", "zzb", "--kind", "retirement", "--json")
    assert only == []

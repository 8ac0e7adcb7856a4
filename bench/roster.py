"""Roster, search and profile: server time through the test client beside raw SQL."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import Timing, captured_sql, time_calls, time_raw

ROSTER_CASES: dict[str, dict[str, str]] = {
    "全部现职（默认排序）": {},
    "女干部 35–45 岁": {"gender": "2", "age_min": "35", "age_max": "45"},
    "本科以上中共党员": {"education_level": "2", "political_status": "01"},
    "乡科级正职按出生日期": {"position_level": "41", "sort": "birth_date"},
    "一级主任科员 第 50 页": {"rank": "07", "page": "50"},
}


def _user() -> Any:
    from cadre.accounts.models import Role, User
    from cadre.org.models import Unit

    user, _ = User.objects.get_or_create(
        username="bench_zzb", defaults={"role": Role.ORG_ADMIN, "display_name": "基准测试"}
    )
    user.scope_units.set(Unit.get_root_nodes())
    return user


def _search_cases() -> dict[str, dict[str, str]]:
    from cadre.people.models import Cadre

    sample = Cadre.objects.order_by("id").values(
        "name", "name_initials", "name_pinyin", "id_last4"
    )[1000]
    name = sample["name"]
    return {
        "姓名一字（姓）": {"q": name[0]},
        "姓名两字（名）": {"q": name[-2:] if len(name) >= 3 else name},
        "拼音首字母": {"q": sample["name_initials"]},
        "全拼": {"q": sample["name_pinyin"]},
        "身份证号后四位": {"q": sample["id_last4"]},
    }


def _measure(
    client: Client, path: str, params: dict[str, str], name: str, repeat: int
) -> dict[str, Any]:
    def call() -> None:
        response = client.get(path, params)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code}")

    view = time_calls(name, call, repeat)
    raw = time_raw(name, captured_sql(call), repeat)
    return _row(name, view, raw)


def _row(name: str, view: Timing, raw: Timing) -> dict[str, Any]:
    return {
        "name": name,
        "p50_ms": round(view.p50, 2),
        "p95_ms": round(view.p95, 2),
        "raw_p50_ms": round(raw.p50, 2),
        "raw_p95_ms": round(raw.p95, 2),
        "ratio_p50": round(view.p50 / raw.p50, 2) if raw.p50 else None,
    }


def _profile(client: Client, repeat: int) -> dict[str, Any]:
    from django.db.models import Count

    from cadre.people.models import Cadre

    biggest = (
        Cadre.objects.annotate(n=Count("resume_entries"))
        .order_by("-n")
        .values_list("id", flat=True)[:1]
    )
    cadre_id = biggest[0]
    path = f"/cadres/{cadre_id}/"
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    row = _measure(client, path, {}, "干部任免审批表（最长简历）", repeat)
    row["queries"] = len(ctx.captured_queries)
    return row


def run(repeat: int, only: set[str]) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(_user())
    results: dict[str, Any] = {"roster": [], "search": [], "profile": None}
    if not only or "roster" in only:
        for name, params in ROSTER_CASES.items():
            results["roster"].append(_measure(client, "/cadres/", params, name, repeat))
    if not only or "search" in only:
        for name, params in _search_cases().items():
            results["search"].append(_measure(client, "/cadres/", params, name, repeat))
    if not only or "profile" in only:
        results["profile"] = _profile(client, repeat)
    return results


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"干部数：{results.get('cadres')}",
        "",
        "| 场景 | p50 ms | p95 ms | 原生SQL p50 ms | 原生SQL p95 ms | 比值(p50) |",
        "|---|---|---|---|---|---|",
    ]
    rows = [*results["roster"], *results["search"]]
    if results.get("profile"):
        rows.append(results["profile"])
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['raw_p50_ms']} | "
            f"{r['raw_p95_ms']} | {r['ratio_p50']} |"
        )
    if results.get("profile"):
        lines.append(f"\n任免审批表页面查询次数：{results['profile']['queries']}")
    return "\n".join(lines)

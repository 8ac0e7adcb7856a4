"""Analytics: structure dashboard, combined query, statistics table and the warnings scan.

Pages go through the test client as an 组织部干部管理员 whose scope is the whole province;
the warnings scan is timed as the background task runs it (scan and store). Each is shown
beside the SQL statements it ran on the record tables, replayed raw (ratio = p50 / raw p50).
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.harness import Timing, time_calls

# 曾任乡镇党委书记 AND 全日制本科以上 AND 40岁以下 AND 中共党员 AND 近三年至少一次优秀
FIVE_CONDITIONS = {
    "op": "and",
    "conditions": [
        {
            "field": "appointment",
            "op": "exists",
            "value": {"title_contains": "党委书记", "unit_kind": ["08", "09"]},
        },
        {"field": "full_time_education_level", "op": "lte", "value": 2},
        {"field": "age", "op": "lt", "value": 40},
        {"field": "is_cpc", "op": "eq", "value": True},
        {"field": "excellent_count", "op": "gte", "value": 1, "years": 3},
    ],
}
GOALS = {
    "structure_province": ("p50", 1000.0),
    "structure_county": ("p50", 100.0),
    "structure_json": ("p50", 1000.0),
    "structure_live": ("p50", 1000.0),
    "query_five": ("p95", 200.0),
    "report_province": ("p50", 2000.0),
    "warnings_scan": ("p50", 30000.0),
}


def _user() -> Any:
    from cadre.accounts.models import Role, User
    from cadre.org.models import Unit

    user, _ = User.objects.get_or_create(
        username="bench_zzb", defaults={"role": Role.ORG_ADMIN, "display_name": "基准测试"}
    )
    user.scope_units.set(Unit.get_root_nodes())
    return user


def _units() -> tuple[Any, Any]:
    """The province (the root) and its first county: the first child with units below it."""
    from cadre.org.models import Unit

    root = Unit.get_root_nodes().first()
    assert root is not None, "数据库中没有单位"
    county = root.get_children().filter(numchild__gt=0).order_by("path").first()
    return root, county or root


def captured_sql(call: Any) -> list[tuple[str, Any]]:
    """The SELECTs one call runs on the record tables and on the analytics summary and
    findings (bench.harness keeps the record tables only), for replaying raw — with the
    ``SET LOCAL jit = off`` the analytics statements run under, so the raw replay is the
    same question asked the same way (``time_raw`` replays them in one transaction)."""
    with CaptureQueriesContext(connection) as ctx:
        call()
    tables = ("people_", "org_unit", "posts_", "analytics_")
    out = []
    for q in ctx.captured_queries:
        sql = q["sql"].lstrip()
        if sql.upper().startswith("SET LOCAL JIT"):
            out.append((sql, None))
        elif sql.upper().startswith(("SELECT", "DECLARE")) and any(t in sql for t in tables):
            # A server-side cursor's DECLARE … FOR SELECT is replayed as its SELECT.
            out.append((sql[sql.upper().index("SELECT") :], None))
    return out


def time_raw(name: str, statements: list[tuple[str, Any]], repeat: int, warmup: int) -> Timing:
    from django.db import transaction

    def run() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()

    return time_calls(name, run, repeat, warmup)


def _row(name: str, view: Timing, raw: Timing | None, key: str, **extra: Any) -> dict[str, Any]:
    kind, limit = GOALS[key]
    value = view.p50 if kind == "p50" else view.p95
    row = {
        "key": key,
        "name": name,
        "p50_ms": round(view.p50, 2),
        "p95_ms": round(view.p95, 2),
        "raw_p50_ms": round(raw.p50, 2) if raw else None,
        "raw_p95_ms": round(raw.p95, 2) if raw else None,
        "ratio_p50": round(view.p50 / raw.p50, 2) if raw and raw.p50 else None,
        "goal": f"{kind} ≤ {limit:g} ms",
        "met": value <= limit,
        "samples": len(view.samples_ms),
    }
    row.update(extra)
    return row


def _page(
    client: Client,
    path: str,
    params: dict[str, str],
    name: str,
    key: str,
    repeat: int,
    warmup: int,
) -> dict[str, Any]:
    def call() -> None:
        response = client.get(path, params)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code}")

    with CaptureQueriesContext(connection) as ctx:
        call()
    view = time_calls(name, call, repeat, warmup)
    raw = time_raw(name, captured_sql(call), repeat, warmup)
    return _row(name, view, raw, key, queries=len(ctx.captured_queries))


def _structure_json(unit: Any, repeat: int, warmup: int) -> dict[str, Any]:
    def call() -> None:
        out = StringIO()
        call_command(
            "stats", "structure", "--unit", unit.code, "--user", "bench_zzb", "--json", stdout=out
        )
        json.loads(out.getvalue())

    name = f"cadre stats structure --json（{unit.name}）"
    view = time_calls(name, call, repeat, warmup)
    raw = time_raw(name, captured_sql(call), repeat, warmup)
    return _row(name, view, raw, "structure_json")


def _structure_live(unit: Any, repeat: int) -> dict[str, Any]:
    """The same figures computed directly (no summary): what the refresh task costs."""

    def call() -> None:
        out = StringIO()
        call_command(
            "stats",
            "structure",
            "--unit",
            unit.code,
            "--user",
            "bench_zzb",
            "--json",
            "--live",
            stdout=out,
        )

    name = f"cadre stats structure --json --live（{unit.name}，直接聚合）"
    view = time_calls(name, call, repeat, warmup=0)
    raw = time_raw(name, captured_sql(call), repeat, warmup=0)
    return _row(name, view, raw, "structure_live")


def _warnings_scan(user: Any, unit: Any, repeat: int) -> dict[str, Any]:
    from cadre.analytics.tasks import scan_and_store

    last: dict[str, Any] = {}

    def call() -> None:
        run = scan_and_store(unit_code=unit.code, requested_by=user.pk)
        last["findings"] = run.total
        last["counts"] = run.counts

    name = f"预警扫描（{unit.name}，后台任务）"
    view = time_calls(name, call, repeat, warmup=0)
    # The task runs its jobs on several connections; their statements are captured on
    # this one, the jobs run in turn. The raw figure replays the SELECTs only: the writes
    # (COPY, the rank warning's INSERT … SELECT) are part of the task's time, not of it.
    with override_settings(CADRE_SCAN_WORKERS=1):
        statements = captured_sql(call)
    raw = time_raw(name, statements, repeat, warmup=0)
    return _row(name, view, raw, "warnings_scan", findings=last["findings"], counts=last["counts"])


def run(repeat: int, only: set[str]) -> dict[str, Any]:
    from cadre.people.models import Cadre

    user = _user()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    root, county = _units()
    results: dict[str, Any] = {
        "province": {"code": root.code, "name": root.name},
        "county": {
            "code": county.code,
            "name": county.name,
            "cadres": Cadre.objects.filter(unit_path__startswith=county.path, status="1").count(),
        },
        "analytics": [],
    }
    rows: list[dict[str, Any]] = results["analytics"]
    heavy = max(3, repeat // 3)
    # The dashboard reads the structure summary; build it first when missing or stale, as
    # the background task would (timed: that is the task's cost).
    from cadre.analytics import summary

    if summary.latest() is None or not summary.is_fresh(summary.latest()):
        refresh = time_calls("refresh", summary.refresh, 1, warmup=0)
        results["summary_refresh_ms"] = round(refresh.p50, 2)

    def wanted(key: str) -> bool:
        return not only or "analytics" in only or key in only

    if wanted("structure"):
        rows.append(
            _page(
                client,
                "/analytics/structure/",
                {"unit": root.code},
                f"队伍结构分析（{root.name}）",
                "structure_province",
                heavy,
                1,
            )
        )
        rows.append(
            _page(
                client,
                "/analytics/structure/",
                {"unit": county.code},
                f"队伍结构分析（{county.name}）",
                "structure_county",
                repeat,
                3,
            )
        )
        rows.append(_structure_json(root, heavy, 1))
        rows.append(_structure_live(root, 1))
    if wanted("query"):
        rows.append(
            _page(
                client,
                "/analytics/query/results/",
                {"q": json.dumps(FIVE_CONDITIONS, ensure_ascii=False)},
                f"组合查询：五个条件（{root.name}）",
                "query_five",
                repeat,
                3,
            )
        )
    if wanted("report"):
        rows.append(
            _page(
                client,
                "/analytics/report/",
                {"unit": root.code},
                f"统计报表（{root.name}）",
                "report_province",
                heavy,
                1,
            )
        )
    if wanted("warnings"):
        rows.append(_warnings_scan(user, root, max(1, min(3, repeat))))
    return results


def markdown(results: dict[str, Any]) -> str:
    county = results.get("county") or {}
    lines = [
        f"干部数：{results.get('cadres')}；县：{county.get('name')}（{county.get('cadres')}人）",
        "",
        "| 场景 | p50 ms | p95 ms | 原生SQL p50 ms | 比值(p50) | 目标 | 达到 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results.get("analytics", []):
        lines.append(
            f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['raw_p50_ms']} | "
            f"{r['ratio_p50']} | {r['goal']} | {'是' if r['met'] else '否'} |"
        )
    if results.get("summary_refresh_ms"):
        lines.append(f"\n结构统计汇总刷新（后台任务）：{results['summary_refresh_ms']} ms")
    for r in results.get("analytics", []):
        if r["key"] == "warnings_scan":
            lines.append(f"\n预警扫描：共{r['findings']}条，分类 {r['counts']}")
    return "\n".join(lines)

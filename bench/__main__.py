"""`make bench`: the roster, search, profile, analytics and roster import on PostgreSQL.

    python -m bench [--cadres 1000000] [--repeat 30] [--json bench/out/results.json]
                    [--only roster,search,profile,analytics,import] [--import-rows 100000]

Uses DATABASE_URL when it points to PostgreSQL, else postgres://postgres@127.0.0.1:5432/
cadre_bench (created when missing). Seeds with `cadre seed --cadres N` when the database
holds fewer cadres. Each view is timed through Django's test client (server time: URL
routing, scope, query, template) beside the same SQL statements replayed raw (the limit).
The roster import runs against its own scratch database (the name with "_import" appended),
recreated each run, beside calamine + COPY of the same file (the limit).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cadre_bench"


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(
                sql.SQL(
                    "CREATE DATABASE {} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                    "LC_CTYPE 'C.UTF-8' TEMPLATE template0"
                ).format(sql.Identifier(name))
            )


def main() -> None:
    parser = argparse.ArgumentParser(description="干部队伍管理系统 性能基准")
    parser.add_argument("--cadres", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", default="bench/out/results.json")
    parser.add_argument(
        "--only", default="", help="逗号分隔：roster,search,profile,analytics,import"
    )
    parser.add_argument("--import-rows", type=int, default=100_000)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = DEFAULT_URL
        os.environ["DATABASE_URL"] = url
    ensure_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from cadre.people.models import Cadre

    call_command("migrate", verbosity=0)
    have = Cadre.objects.count()
    if have < args.cadres * 0.95:
        print(f"数据库现有 {have} 名干部，生成 {args.cadres} 名……", flush=True)
        call_command("seed", cadres=args.cadres, force=True, seed=1)
    from bench import roster
    from bench.harness import cpu_reference_ms

    only = {s for s in args.only.split(",") if s}
    results: dict[str, object] = {"cadres": Cadre.objects.count()}
    results["cpu_reference_ms_before"] = cpu_reference_ms()
    report: list[str] = []
    if not only or only & {"roster", "search", "profile"}:
        results |= roster.run(repeat=args.repeat, only=only & {"roster", "search", "profile"})
        report.append(roster.markdown(results))
    if not only or "analytics" in only:
        from bench import analytics

        results["analytics"] = analytics.run(repeat=args.repeat, only=set())
        report.append(analytics.markdown(results["analytics"]))
    if not only or "import" in only:
        from bench import interchange_bench

        results["import"] = interchange_bench.run(url + "_import", args.import_rows)
        report.append(interchange_bench.markdown(results["import"]))
    results["cpu_reference_ms_after"] = cpu_reference_ms()
    report.append(
        "CPU 参考（一千万次加法，三次取最快）：开始 "
        f"{results['cpu_reference_ms_before']} ms，结束 {results['cpu_reference_ms_after']} ms"
    )
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print("\n\n".join(report))
    print(f"结果已写入 {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Benchmark of roster import and export at county-plus scale, beside the raw limit.

    .venv/bin/python bench/interchange_bench.py [--rows 100000] [--database-url URL]

Builds a generated roster (XlsxWriter, constant_memory), then runs, each phase in its own
process so that its peak resident memory (ru_maxrss) is its own:

- limit: the same xlsx read with python-calamine and its cells COPYed, unvalidated, into a
  scratch table of text columns (created and dropped in one transaction): what reading and
  writing alone cost (PostgreSQL only);
- import: read, validate, plan and write every row (all new), through `roster_import`;
- store: what the database alone needs to store what the import wrote — those rows, read
  back as COPY text, COPYed again into the same tables (emptied in a transaction that is
  rolled back), with every index, constraint and generated column (PostgreSQL only);
- import-again: the same file again (all unchanged, nothing written);
- export: the whole unit to xlsx.

Each phase reports wall and CPU seconds (this process only; the database server's work is
in the wall time), rows/s on both, and peak RSS. The import's ratio to the limit is given
on wall time and on CPU time: on a shared machine the CPU figure is the steadier one.

With --database-url (PostgreSQL) the benchmark runs in a scratch database named after it
with "_import" appended, dropped and created afresh each run; `run(url, rows)` takes the
scratch database's own URL (its name must end in "_import"). Without it, a temporary
SQLite file is used (no limit phase)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH_SUFFIX = "_import"
SHEET = "名册"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国秀英志强丽华伟明静红军海燕平磊敏杰娟勇涛艳霞斌鹏"


def _id(birth: dt.date, seq: int, male: bool) -> str:
    order = (seq * 2 + (1 if male else 0)) % 1000
    body = f"130123{birth:%Y%m%d}{order:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def build(path: str, rows: int, native_place: str = "河北石家庄") -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet(SHEET)
    ws.write_row(0, 0, ["某县干部名册"])
    header = [
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "身份证号",
        "民族",
        "籍贯",
        "政治面貌",
        "入党时间",
        "参加工作时间",
        "人员类别",
        "现任职务",
        "职务层次",
        "任现职时间",
    ]
    ws.write_row(1, 0, header)
    base = dt.date(1965, 1, 1)
    for n in range(rows):
        birth = base + dt.timedelta(days=n % 12000)
        male = n % 3 != 0
        seq = n // 12000
        name = SURNAMES[n % 20] + GIVEN[(n // 20) % 26] + GIVEN[(n // 520) % 26]
        ws.write_row(
            n + 2,
            0,
            [
                n + 1,
                name,
                "男" if male else "女",
                f"{birth:%Y.%m}",
                _id(birth, seq, male),
                "汉族",
                native_place,
                "中共党员",
                f"{birth.year + 25}.07",
                f"{birth.year + 22}.07",
                "综合管理类公务员",
                "科员",
                "科员级",
                f"{min(birth.year + 30, 2020)}.03",
            ],
        )
    wb.close()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    import django

    django.setup()


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _measured(rows: int, started: tuple[float, float]) -> dict[str, object]:
    wall = time.perf_counter() - started[0]
    cpu = time.process_time() - started[1]
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "rows_per_s": round(rows / wall) if wall else 0,
        "cpu_rows_per_s": round(rows / cpu) if cpu else 0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _limit(args: argparse.Namespace) -> dict[str, object]:
    """Read with calamine and COPY the cells unvalidated: the floor for an import."""
    import python_calamine as calamine
    from django.db import connection, transaction

    started = _clock()
    book = calamine.CalamineWorkbook.from_path(args.file)
    rows = book.get_sheet_by_name(SHEET).iter_rows()
    next(rows)  # title
    header = next(rows)
    columns = ", ".join(f"c{i} text" for i in range(len(header)))
    count = 0
    with transaction.atomic():
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.execute(f"CREATE TABLE bench_roster_limit ({columns})")
            with cursor.copy("COPY bench_roster_limit FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            cursor.execute("DROP TABLE bench_roster_limit")
    return {"rows": count, **_measured(count, started)}


# The tables a roster import writes, and the columns the store phase copies (all stored
# columns but the generated ones).
STORE_TABLES = (
    "people_cadre",
    "posts_appointment",
    "posts_rankrecord",
    "people_education",
    "core_auditentry",
)


def _store(args: argparse.Namespace) -> dict[str, object]:
    """COPY the rows the import wrote into their emptied tables again: the database's own
    share of an import (indexes, constraints and their deferred checks, generated columns),
    without any Python work but passing bytes."""
    from django.db import connection, transaction

    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    dumps: list[tuple[str, str, bytes]] = []
    with raw.cursor() as cursor:
        for table in STORE_TABLES:
            cursor.execute(
                "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
                "FROM information_schema.columns "
                "WHERE table_name = %s AND is_generated = 'NEVER'",
                [table],
            )
            columns = cursor.fetchone()[0]
            data = bytearray()
            with cursor.copy(f"COPY (SELECT {columns} FROM {table}) TO STDOUT") as copy:
                for chunk in copy:
                    data += chunk
            dumps.append((table, columns, bytes(data)))
        cursor.execute("SELECT count(*) FROM people_cadre")
        count = cursor.fetchone()[0]
    with transaction.atomic():
        with raw.cursor() as cursor:
            # A scratch database only (run() checks the name): emptied, then rolled back.
            cursor.execute(f"TRUNCATE {', '.join(STORE_TABLES)} CASCADE")
            started = _clock()
            for table, columns, data in dumps:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for i in range(0, len(data), 1 << 20):
                        copy.write(data[i : i + (1 << 20)])
            # The foreign keys are checked at commit (deferred): here, before the rollback.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            measured = _measured(count, started)
        transaction.set_rollback(True)
    return {"rows": count, **measured}


def phase(name: str, args: argparse.Namespace) -> dict[str, object]:
    setup_django(args.database_url)
    from django.conf import settings
    from django.core.management import call_command

    from cadre.core.actors import Actor
    from cadre.org.models import Unit

    settings.CADRE_IMPORT_MAX_BYTES = 200 * 1024 * 1024
    settings.CADRE_IMPORT_MAX_ROWS = max(args.rows, 200_000)
    if name == "migrate":
        call_command("migrate", verbosity=0)
        if not Unit.objects.filter(code="BENCH").exists():
            Unit.add_root(code="BENCH", name="基准测试县", kind="01")
        return {}
    if name == "limit":
        return _limit(args)
    if name == "store":
        return _store(args)
    unit = Unit.objects.get(code="BENCH")
    started = _clock()
    if name.startswith("import"):
        from cadre.interchange.services import roster_import

        data = Path(args.file).read_bytes()
        report = roster_import(data=data, file_name="bench.xlsx", unit=unit, actor=Actor(None))
        counts: dict[str, object] = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "errors": len(report.errors),
        }
    else:
        from cadre.interchange.export import export_roster

        out = Path(args.tmp) / "export.xlsx"
        count = export_roster(unit=unit, out=str(out), actor=Actor(None))
        counts = {"rows": count, "file_mb": round(out.stat().st_size / 1e6, 1)}
    return {**counts, **_measured(args.rows, started)}


def _db_name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?")[0]


def recreate_database(url: str) -> None:
    """Drop and create the scratch database (only one whose name ends in "_import")."""
    import psycopg
    from psycopg import sql

    name = _db_name(url)
    if not name.endswith(SCRATCH_SUFFIX):
        raise ValueError(f"scratch database name must end in {SCRATCH_SUFFIX!r}: {name}")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                "LC_CTYPE 'C.UTF-8' TEMPLATE template0"
            ).format(sql.Identifier(name))
        )


def _run_phase(name: str, url: str, rows: int, file: str, tmp: str) -> dict[str, object]:
    out = subprocess.run(  # noqa: S603 - our own interpreter and script, fixed arguments
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--phase",
            name,
            "--rows",
            str(rows),
            "--database-url",
            url,
            "--file",
            file,
            "--tmp",
            tmp,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        raise RuntimeError(f"phase {name} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(database_url: str | None, rows: int) -> list[dict[str, object]]:
    """Build a roster of `rows` rows and run every phase; one dict per phase.

    `database_url`: the scratch PostgreSQL database (recreated; its name ends in "_import"),
    or None for a temporary SQLite file."""
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if database_url:
            recreate_database(database_url)
            url = database_url
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        file = f"{tmp}/bench.xlsx"
        started = _clock()
        build(file, rows)
        results.append(
            {
                "phase": "build",
                "rows": rows,
                "file_mb": round(Path(file).stat().st_size / 1e6, 1),
                "seconds": round(time.perf_counter() - started[0], 1),
            }
        )
        phases = ["migrate", "import", "import-again", "export"]
        if url.startswith("postgres"):
            phases.insert(1, "limit")
            phases.insert(3, "store")
        for name in phases:
            measured = _run_phase(name, url, rows, file, tmp)
            if name != "migrate":
                results.append({"phase": name, **measured})
    limit = next((r for r in results if r["phase"] == "limit"), None)
    for r in results:
        if r["phase"] == "import" and limit is not None:
            r["ratio_to_limit"] = _ratio(r["seconds"], limit["seconds"])
            r["cpu_ratio_to_limit"] = _ratio(r["cpu_seconds"], limit["cpu_seconds"])
    return results


def _ratio(a: object, b: object) -> float | None:
    x, y = float(a), float(b)  # type: ignore[arg-type]
    return round(x / y, 2) if y else None


_LABELS = {
    "limit": "上限：calamine 读取 + COPY（不校验）",
    "import": "导入（全部新增：读取、校验、计划、写入）",
    "store": "数据库写入同样的行（COPY 进真实表：索引、约束、审计，无 Python）",
    "import-again": "再次导入同一文件（全部未变）",
    "export": "导出",
}


def markdown(results: list[dict[str, object]]) -> str:
    """The phases as a Markdown table."""
    build_row = next((r for r in results if r["phase"] == "build"), {})
    size = f"{build_row.get('rows', '?')} 行，{build_row.get('file_mb', '?')} MB xlsx"
    lines = [
        f"### 名册导入导出（{size}）",
        "",
        "| 阶段 | 秒 | CPU 秒 | 行/秒 | 行/CPU 秒 | 峰值内存 MB | 与上限之比（墙钟 / CPU） |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r["phase"] not in _LABELS:
            continue
        ratio = ""
        if "ratio_to_limit" in r:
            ratio = f"{r['ratio_to_limit']} / {r['cpu_ratio_to_limit']}"
        lines.append(
            f"| {_LABELS[str(r['phase'])]} | {r['seconds']} | {r['cpu_seconds']} | "
            f"{r['rows_per_s']} | {r['cpu_rows_per_s']} | {r['peak_rss_mb']} | {ratio} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--phase")
    parser.add_argument("--file")
    parser.add_argument("--tmp")
    parser.add_argument("--json", help="write the results to this file as well")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args)))
        return
    url = args.database_url
    if url and not _db_name(url).endswith(SCRATCH_SUFFIX):
        base, _, query = url.partition("?")
        url = base + SCRATCH_SUFFIX + (f"?{query}" if query else "")
    results = run(url, args.rows)
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    print(markdown(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

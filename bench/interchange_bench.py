"""Benchmark of roster import and export at county-plus scale.

    .venv/bin/python bench/interchange_bench.py [--rows 100000] [--database-url URL]

Builds a generated roster (XlsxWriter, constant_memory), imports it into a fresh database
(SQLite file by default, or --database-url postgres://…), imports it again (all unchanged),
then exports the whole unit. Each phase runs in its own process so that its peak resident
memory (ru_maxrss) is its own. Prints one line per phase."""

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
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国秀英志强丽华伟明静红军海燕平磊敏杰娟勇涛艳霞斌鹏"


def _id(birth: dt.date, seq: int, male: bool) -> str:
    order = (seq * 2 + (1 if male else 0)) % 1000
    body = f"130123{birth:%Y%m%d}{order:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def build(path: str, rows: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("名册")
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
                "河北石家庄",
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
    unit = Unit.objects.get(code="BENCH")
    start = time.perf_counter()
    if name.startswith("import"):
        from cadre.interchange.services import roster_import

        data = Path(args.file).read_bytes()
        report = roster_import(data=data, file_name="bench.xlsx", unit=unit, actor=Actor(None))
        counts = {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "errors": len(report.errors),
        }
    else:
        from cadre.interchange.export import export_roster

        out = Path(args.tmp) / "export.xlsx"
        count = export_roster(unit=unit, out=str(out), actor=Actor(None))
        counts = {"exported": count, "file_mb": round(out.stat().st_size / 1e6, 1)}
    seconds = time.perf_counter() - start
    return {
        **counts,
        "seconds": round(seconds, 1),
        "rows_per_s": round(args.rows / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--phase")
    parser.add_argument("--file")
    parser.add_argument("--tmp")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        file = f"{tmp}/bench.xlsx"
        t = time.perf_counter()
        build(file, args.rows)
        size = Path(file).stat().st_size / 1e6
        print(f"build: {args.rows} rows, {size:.1f} MB, {time.perf_counter() - t:.1f} s")
        for name in ("migrate", "import", "import-again", "export"):
            out = subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    __file__,
                    "--phase",
                    name,
                    "--rows",
                    str(args.rows),
                    "--database-url",
                    url,
                    "--file",
                    file,
                    "--tmp",
                    tmp,
                ],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            print(f"{name}: {out.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()

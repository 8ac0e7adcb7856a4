"""cadre import_roster FILE --unit CODE_OR_NAME [--dry-run] [--valid-only] [--json] [--user NAME]
[--header 表头=项目 ...]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser

from cadre.interchange.cli_support import actor_for, emit, read_input
from cadre.interchange.codes import code_of
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.readers.columns import header_choice
from cadre.interchange.services import ImportReport, roster_import
from cadre.interchange.units import find_unit
from cadre.interchange.values import CellError


class Command(BaseCommand):
    help = "导入干部名册（Excel/CSV）：按身份证号新增或更新干部"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="名册文件（.xlsx/.xls/.csv）")
        parser.add_argument("--unit", required=True, help="导入到的单位（代码或全称）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--valid-only", action="store_true", help="跳过有错误的行")
        parser.add_argument("--json", action="store_true", help="以JSON输出结果")
        parser.add_argument("--user", help="以该用户身份导入（受其管理范围限制）")
        parser.add_argument("--staff-category", help="名册无“人员类别”列时新增干部的人员类别")
        parser.add_argument(
            "--header",
            action="append",
            default=[],
            help="未识别的表头对应的项目，如 --header 岗位=现任职务（或 =不导入），可重复",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            actor = actor_for(opts["user"])
            unit = find_unit(opts["unit"])
            headers = dict(header_choice(h) for h in opts["header"])
            category = None
            if opts["staff_category"]:
                category = code_of("staff_category", opts["staff_category"])
                if category is None:
                    raise CellError(f"人员类别“{opts['staff_category']}”无效")
            report = roster_import(
                data=read_input(opts["file"]),
                file_name=Path(opts["file"]).name,
                unit=unit,
                dry_run=opts["dry_run"],
                valid_only=opts["valid_only"],
                default_staff_category=category,
                headers=headers,
                actor=actor,
            )
        except (InterchangeRefused, PermissionDenied, CellError, ValueError) as exc:
            report = ImportReport.refused(str(exc))
        code = emit(report, as_json=opts["json"], stdout=self.stdout, dry_run=opts["dry_run"])
        if code:
            sys.exit(code)

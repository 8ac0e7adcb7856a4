"""cadre export_roster --unit CODE_OR_NAME --out FILE.xlsx [--columns a,b,c] --user NAME"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from cadre.interchange.cli_support import actor_for
from cadre.interchange.export import export_roster
from cadre.interchange.export_columns import COLUMNS
from cadre.interchange.units import find_unit
from cadre.interchange.values import CellError


class Command(BaseCommand):
    help = "导出干部名册（.xlsx），范围为单位及其下级单位，受用户管理范围限制"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="单位（代码或全称）")
        parser.add_argument("--out", required=True, help="输出文件（.xlsx）")
        parser.add_argument(
            "--columns",
            help="列（英文键或中文列名，逗号分隔），可选：" + ",".join(COLUMNS),
        )
        parser.add_argument(
            "--user", required=True, help="以该用户身份导出（决定范围与能否导出身份证号）"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            actor = actor_for(opts["user"])
            count = export_roster(
                unit=find_unit(opts["unit"]),
                out=opts["out"],
                columns=opts["columns"],
                actor=actor,
            )
        except (Http404, PermissionDenied, CellError, ValueError) as exc:
            raise CommandError(str(exc) or "单位不在管理范围内") from exc
        self.stdout.write(f"已导出{count}人：{opts['out']}")

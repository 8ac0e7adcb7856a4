"""cadre export_lrmx (--id-number N | --unit CODE_OR_NAME) --out FILE [--user NAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from cadre.interchange.access import cadre_by_id_number
from cadre.interchange.cli_support import actor_for
from cadre.interchange.lrmx.export import export_one, export_unit
from cadre.interchange.units import find_unit
from cadre.interchange.values import CellError


class Command(BaseCommand):
    help = "导出任免审批表LRMX：一名干部为 .lrmx，一个单位为 .zip（内含“姓名.lrmx”）"

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--id-number", help="干部的身份证号")
        which.add_argument("--unit", help="单位（代码或全称），含下级单位")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument("--user", help="以该用户身份导出（受其管理范围限制）")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            actor = actor_for(opts["user"])
            out = Path(opts["out"])
            if opts["id_number"]:
                cadre = cadre_by_id_number(actor, opts["id_number"])
                out.write_bytes(export_one(cadre=cadre, actor=actor))
                self.stdout.write(f"已导出{cadre.name}的任免审批表：{out}")
            else:
                data, count = export_unit(unit=find_unit(opts["unit"]), actor=actor)
                out.write_bytes(data)
                self.stdout.write(f"已导出{count}人的任免审批表：{out}")
        except (Http404, PermissionDenied, CellError) as exc:
            raise CommandError(str(exc) or "找不到要导出的干部") from exc

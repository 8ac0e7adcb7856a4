"""cadre export_roster (--unit CODE_OR_NAME | --query ID) --out FILE.xlsx [--columns a,b,c]
[--order KEY] [--title TEXT] --user NAME"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from cadre.analytics.selectors import saved_query_get
from cadre.interchange.cli_support import actor_for
from cadre.interchange.export import (
    ORDERS,
    TITLE_MAX,
    RosterSource,
    SavedQuerySource,
    Source,
    export_roster,
)
from cadre.interchange.export_columns import COLUMNS
from cadre.interchange.units import find_unit
from cadre.interchange.values import CellError


class Command(BaseCommand):
    help = (
        "导出干部名册（.xlsx）：单位及其下级单位的全部干部，或一个常用查询的结果，"
        "受用户管理范围限制"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--unit", help="单位（代码或全称），含下级单位，不限管理状态")
        source.add_argument("--query", help="常用查询的编号（须为该用户创建或共享给该用户的）")
        parser.add_argument("--out", required=True, help="输出文件（.xlsx）")
        parser.add_argument(
            "--columns",
            help="列（英文键或中文列名，逗号分隔），可选：" + ",".join(COLUMNS),
        )
        parser.add_argument(
            "--order",
            help="排序：" + "，".join(f"{k}（{label}）" for k, (label, _c) in ORDERS.items()),
        )
        parser.add_argument(
            "--title", help=f"标题（不超过{TITLE_MAX}个字），默认“单位名干部名册（日期）”或查询名称"
        )
        parser.add_argument(
            "--user", required=True, help="以该用户身份导出（决定范围与能否导出身份证号）"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            actor = actor_for(opts["user"])
            source: Source
            if opts["query"] is not None:
                if actor.user is None:
                    raise CommandError("导出常用查询须指定 --user")
                source = SavedQuerySource(saved_query_get(actor.user, opts["query"]))
            else:
                source = RosterSource.whole_unit(find_unit(opts["unit"]))
            count = export_roster(
                source=source,
                out=opts["out"],
                columns=opts["columns"],
                order=opts["order"],
                title=opts["title"],
                actor=actor,
            )
        except Http404 as exc:
            raise CommandError(str(exc) or "不存在或不在管理范围内") from exc
        except (PermissionDenied, CellError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已导出{count}人：{opts['out']}")

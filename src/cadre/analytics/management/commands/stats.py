"""cadre stats structure|teams|report --unit CODE_OR_NAME --user NAME [--json]."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cadre.analytics.management.commands._common import acting_user, dump, unit_for
from cadre.analytics.report import statistics_table
from cadre.analytics.structure import structure_figures
from cadre.analytics.summary import dashboard_figures
from cadre.analytics.teams import teams


class Command(BaseCommand):
    help = "队伍结构分析、班子结构、干部情况统计表（JSON 与仪表盘的数字一致）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["structure", "teams", "report"])
        parser.add_argument("--unit", help="单位代码或全称（默认：用户管理范围的第一个单位）")
        parser.add_argument("--user", required=True, help="以此用户的管理范围统计")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument(
            "--live", action="store_true", help="队伍结构：不用统计汇总，现在逐项计算"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        unit = unit_for(user, options.get("unit"))
        data: Any
        if options["what"] == "structure":
            data = (
                structure_figures(user, unit) if options["live"] else dashboard_figures(user, unit)
            )
        elif options["what"] == "teams":
            data = [t.as_dict() for t in teams(user, unit)]
        else:
            data = statistics_table(user, unit).as_dict()
        if options["json"]:
            self.stdout.write(dump(data))
            return
        if options["what"] == "structure":
            s = data["summary"]
            self.stdout.write(
                f"{unit.name}：现职干部{s['total']}人，平均年龄{s['avg_age']}岁，"
                f"35岁及以下{s['le35']}人（{s['le35_share']}%），40岁及以下{s['le40']}人"
                f"（{s['le40_share']}%），女干部{s['women']}人，少数民族{s['minority']}人，"
                f"非中共党员{s['non_cpc']}人"
            )
            for section in data["sections"]:
                rows = section.get("rows") or []
                text = "，".join(f"{r['label']}{r['value']}" for r in rows)
                self.stdout.write(f"{section['title']}：{text}")
        else:
            self.stdout.write(dump(data))

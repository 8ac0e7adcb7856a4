"""cadre warnings --unit CODE_OR_NAME --user NAME [--kind K] [--json]: the warnings scan."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadre.analytics import warnings as scan
from cadre.analytics.management.commands._common import acting_user, dump, unit_for


class Command(BaseCommand):
    help = "预警扫描：到龄、任职年限、轮岗、职数、编制、试用期、影响期、职级晋升、档案审核"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="单位代码或全称（默认：用户管理范围的第一个单位）")
        parser.add_argument("--user", required=True, help="以此用户的管理范围扫描")
        parser.add_argument(
            "--kind", action="append", help=f"只扫描某类（可多次）：{'、'.join(scan.KINDS_BY_KEY)}"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        unit = unit_for(user, options.get("unit"))
        kinds = options.get("kind")
        unknown = [k for k in kinds or [] if k not in scan.KINDS_BY_KEY]
        if unknown:
            raise CommandError(f"未知的预警类别：{'、'.join(unknown)}")
        flags = scan.scan(scan.context(user, unit), kinds)
        if options["json"]:
            self.stdout.write(dump([f.as_dict() for f in flags]))
            return
        labels = {k.key: k.label for k in scan.KINDS}
        self.stdout.write(f"{unit.name}：共{len(flags)}条预警")
        for f in flags:
            who = f.name or f.unit_name
            self.stdout.write(f"[{labels[f.kind]}] {who}：{f.message}")

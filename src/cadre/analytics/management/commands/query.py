"""cadre query 'JSON' --user NAME [--json] [--page N]: run a combined query."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.paginator import Paginator

from cadre.analytics.management.commands._common import acting_user, dump
from cadre.analytics.query import QueryError, run
from cadre.core import codebook


class Command(BaseCommand):
    help = "按组合查询条件（JSON）查询干部，只在指定用户的管理范围内"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", help="查询条件（JSON），见 docs/analytics.md")
        parser.add_argument("--user", required=True, help="以此用户的管理范围查询")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--page", type=int, default=1, help="页码（默认第1页）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        try:
            qs = run(user, options["query"]).order_by("unit__path", "name_pinyin", "id")
        except QueryError as exc:
            raise CommandError(str(exc)) from None
        paginator = Paginator(qs.values_list("id", flat=True), settings.ROSTER_PAGE_SIZE)
        page = paginator.get_page(options["page"])
        ids = list(page.object_list)
        if options["json"]:
            self.stdout.write(dump({"count": paginator.count, "ids": ids}))
            return
        self.stdout.write(f"共{paginator.count}人（第{page.number}/{paginator.num_pages}页）")
        rows = qs.filter(pk__in=ids).select_related("unit")
        for c in rows:
            self.stdout.write(
                f"{c.pk}\t{c.name}\t{codebook.name('gender', c.gender)}\t{c.birth_date:%Y.%m}\t"
                f"{c.unit.name}\t{c.current_position}"
            )

"""``cadre rules NAME 'JSON'``: run one pure rule of ``cadre.rules`` and print JSON.

Prints one JSON object; bad input prints {"error": "…"} and exits with status 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cadre.rules.cli import COMMANDS, dumps, run_json


class Command(BaseCommand):
    help = "运行业务规则：rules NAME 'JSON'（" + "、".join(COMMANDS) + "）"
    requires_system_checks: list[str] = []  # pure functions: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="规则名称")
        parser.add_argument("payload", nargs="?", help="JSON 输入")

    def handle(self, *args: Any, **options: Any) -> None:
        result, code = run_json(options.get("name"), options.get("payload"))
        self.stdout.write(dumps(result))
        if code:
            self.stdout.flush()
            raise SystemExit(code)

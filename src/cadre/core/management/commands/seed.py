"""``cadre seed``: generate the demo county (or a province) with demo accounts.

    cadre seed [--cadres N] [--seed S] [--password P] [--force] [--no-accounts] [--as-of DATE]

The same seed gives the same data. A database that already holds units or cadres is left
alone unless --force, which empties all cadre and unit data first. In production (neither
CADRE_DEBUG nor CADRE_DEMO set) demo accounts are created only with --force; --no-accounts
generates the data alone (benchmarks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from cadre.org.models import Unit
from cadre.people.models import Cadre
from cadre.seed import accounts, build
from cadre.seed.wipe import wipe

LOGIN_URL = "http://127.0.0.1:8000/login/"


class Command(BaseCommand):
    help = "生成演示数据：一个县（默认 5000 名干部）或一个省（--cadres 大于 20000 时）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cadres", type=int, default=build.DEMO_CADRES, help="干部人数")
        parser.add_argument("--seed", type=int, default=build.DEFAULT_SEED, help="随机种子")
        parser.add_argument("--password", default=accounts.DEFAULT_PASSWORD, help="演示账号的密码")
        parser.add_argument(
            "--force", action="store_true", help="清空已有的干部和单位数据后重新生成"
        )
        parser.add_argument("--no-accounts", action="store_true", help="只生成数据，不创建演示账号")
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=build.DEFAULT_AS_OF,
            help="数据截止日期（YYYY-MM-DD）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        n = options["cadres"]
        force = options["force"]
        make_accounts = not options["no_accounts"]
        password = options["password"]
        if n < 1:
            raise CommandError("干部人数应为正整数")
        if make_accounts and not (settings.DEBUG or settings.DEMO) and not force:
            raise CommandError("生产环境不创建演示账号，如确需请加 --force")
        if make_accounts:
            try:
                password_validation.validate_password(password)
            except ValidationError as exc:
                raise CommandError("演示账号密码不符合密码策略：" + "".join(exc.messages)) from exc

        units, cadres = Unit.objects.count(), Cadre.objects.count()
        if units or cadres:
            if not force:
                raise CommandError(
                    f"数据库中已有数据（单位 {units} 个，干部 {cadres} 人），未生成演示数据。"
                    "如需清空后重新生成，请加 --force"
                )
            self.stdout.write(f"清空已有数据：单位 {units} 个，干部 {cadres} 人 …")
            with transaction.atomic():
                wipe()

        self.stdout.write(f"生成演示数据：{n} 名干部，随机种子 {options['seed']} …")
        result = build.seed(
            cadres=n,
            seed=options["seed"],
            password=password,
            demo_accounts=make_accounts,
            as_of=options["as_of"],
            progress=self.stdout.write,
        )
        rows = sum(result.rows.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：{result.root_name}，单位 {result.units} 个，干部 {result.cadres} 人，"
                f"共写入 {rows} 行，用时 {result.seconds:.1f} 秒"
            )
        )
        if make_accounts:
            print_accounts(self, result, password)


def print_accounts(command: BaseCommand, result: build.SeedResult, password: str) -> None:
    out = command.stdout
    out.write("")
    out.write(f"登录地址：{LOGIN_URL}    演示账号密码：{password}")
    out.write(f"{'账号':<10}{'角色':<14}管理范围")
    for a in result.accounts:
        out.write(f"{a.username:<10}{a.role.label:<14}{a.scope or '—'}")
    if result.self_accounts:
        out.write(f"干部本人账号 {result.self_accounts} 个：账号为 c 加干部编号，密码相同，例如：")
        for username, name, unit in result.sample_self:
            out.write(f"  {username:<8}{name}（{unit}）")
    elif result.cadres > build.SELF_ACCOUNT_MAX:
        out.write(f"干部人数超过 {build.SELF_ACCOUNT_MAX}，未创建干部本人账号。")

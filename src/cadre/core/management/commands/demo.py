"""``cadre demo``: migrate, seed the demo county when empty, print the accounts and serve.

    CADRE_DEMO=1 cadre demo [--addr 127.0.0.1:8000] [--no-serve] [--cadres N]

`make demo` sets CADRE_DEMO=1 (demo mode: cookies over plain http; DEBUG stays off). Static
files are served by whitenoise from the packages (WHITENOISE_USE_FINDERS), so collectstatic
runs only when that is switched off and nothing was collected yet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadre.accounts.models import Role, User
from cadre.people.models import Cadre
from cadre.seed import accounts, build

from .seed import print_accounts


class Command(BaseCommand):
    help = "演示：迁移数据库、生成演示数据（数据库为空时）、启动 http://127.0.0.1:8000/"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="监听地址:端口")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
        parser.add_argument("--cadres", type=int, default=build.DEMO_CADRES, help="干部人数")
        parser.add_argument("--password", default=accounts.DEFAULT_PASSWORD, help="演示账号的密码")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "演示模式需设置环境变量 CADRE_DEMO=1：请运行 make demo，或 CADRE_DEMO=1 cadre demo"
            )
        verbosity = options["verbosity"]
        self.stdout.write("迁移数据库 …")
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        password = options["password"]
        if Cadre.objects.exists():
            self.stdout.write(
                f"数据库中已有 {Cadre.objects.count()} 名干部，不再生成演示数据"
                "（需要重新生成请运行 cadre seed --force）。"
            )
            self._print_existing(password)
        else:
            call_command(
                "seed", cadres=options["cadres"], password=password, stdout=self.stdout._out
            )
        if not getattr(settings, "WHITENOISE_USE_FINDERS", False):
            root = Path(settings.STATIC_ROOT or "")
            if not root.is_dir() or not any(root.iterdir()):
                call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_serve"]:
            return
        worker = self._start_worker()
        self.stdout.write(f"启动服务：http://{options['addr']}/login/  （按 Ctrl+C 停止）")
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _start_worker(self) -> subprocess.Popen[bytes] | None:
        """The background-task worker (imports, warning scans) beside the web server."""
        if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
            return None
        self.stdout.write("启动后台任务进程（导入、预警扫描）…")
        return subprocess.Popen(
            [sys.executable, "-m", "cadre.cli", "db_worker", "--no-startup-delay"]
        )

    def _print_existing(self, password: str) -> None:
        demo = ["sysadmin", "secadmin", "auditor", "zzb", "rsk", "leader"]
        users = {u.username: u for u in User.objects.filter(username__in=demo)}
        if not users:
            return
        result = build.SeedResult(self_accounts=User.objects.filter(role=Role.SELF).count())
        for name in demo:
            user = users.get(name)
            if user is not None:
                scope = ", ".join(u.name for u in user.scope_units.all())
                result.accounts.append(
                    accounts.DemoAccount(name, Role(user.role), user.display_name, scope)
                )
        first = User.objects.filter(role=Role.SELF, cadre__isnull=False).select_related(
            "cadre__unit"
        )[:3]
        for u in first:
            assert u.cadre is not None
            result.sample_self.append((u.username, u.cadre.name, u.cadre.unit.name))
        self.stdout.write("（密码为生成演示数据时设置的密码，默认如下）")
        print_accounts(self, result, password)

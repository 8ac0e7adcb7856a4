"""Shared pieces of the interchange management commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from cadre.core.actors import Actor
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.limits import human, limit
from cadre.interchange.services import ImportReport


def actor_for(username: str | None) -> Actor:
    """The system actor, or the named user (whose scope then limits the command)."""
    if not username:
        return Actor(None)
    from cadre.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"用户“{username}”不存在或已停用")
    return Actor(user)


def read_input(path: str, setting: str = "CADRE_IMPORT_MAX_BYTES") -> bytes:
    p = Path(path)
    if not p.is_file():
        raise InterchangeRefused(f"文件“{path}”不存在")
    size = os.path.getsize(p)
    if size > limit(setting):
        raise InterchangeRefused(
            f"文件“{p.name}”大小为{human(size)}，超过上限{human(limit(setting))}"
        )
    return p.read_bytes()


def emit(report: ImportReport, *, as_json: bool, stdout: Any, dry_run: bool) -> int:
    """Print the report; return the exit code (0 committed or clean dry run, 1 stopped)."""
    if as_json:
        stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
        for w in report.warnings:
            sys.stderr.write(f"提示：{w.sheet} 第{w.row}行 {w.column}列：{w.message}\n")
    else:
        verb = "预计" if dry_run or not report.committed else "已"
        stdout.write(
            f"共{report.rows}行：{verb}新增{report.created}人，{verb}更新{report.updated}人，"
            f"无变化{report.unchanged}人"
        )
        for p in report.errors:
            where = f"{p.sheet} 第{p.row}行 {p.column}列" if p.row else p.sheet
            stdout.write(f"错误：{where}（{p.value}）：{p.message}")
        for w in report.warnings:
            stdout.write(f"提示：{w.sheet} 第{w.row}行 {w.column}列：{w.message}")
        if report.errors and not report.committed and not dry_run:
            stdout.write("存在错误，未写入任何数据（可使用 --valid-only 只导入无误的行）")
    if report.committed:
        return 0
    return 1 if report.errors else 0

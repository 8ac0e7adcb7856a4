"""Shared parts of the analytics commands: the acting user and the unit, in their scope."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.accounts.models import User
from cadre.analytics.access import find_unit, is_analyst, scope_units
from cadre.org.models import Unit


def acting_user(username: str | None) -> User:
    if not username:
        raise CommandError("请用 --user 指定以哪个用户的管理范围统计")
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"用户“{username}”不存在或已停用")
    if not is_analyst(user):
        raise CommandError(f"用户“{username}”的角色不能查看干部数据")
    return user


def unit_for(user: User, key: str | None) -> Unit:
    if key:
        unit = find_unit(user, key)
        if unit is None:
            raise CommandError(f"单位“{key}”不存在、名称不唯一或不在该用户的管理范围内")
        return unit
    roots = scope_units(user)
    if not roots:
        raise CommandError("该用户没有管理范围")
    return roots[0]


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)

"""Account administration under 三权分立, each change audited.

- 系统管理员 creates accounts, disables and re-enables them, resets passwords. A new account
  is a 领导 with no management scope: it sees nothing until the security administrator acts.
- 安全管理员 sets the role and the management scope, and links a 干部本人 account to its
  cadre record (by ID number and name, without browsing cadre data). Never their own account.
Neither reads cadre data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from axes.utils import reset as reset_lockout
from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
)
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadre.accounts.models import SCOPED_ROLES, Role, User
from cadre.accounts.scope import clear_scope_cache
from cadre.core import audit, crypto
from cadre.core.actors import Actor
from cadre.org.models import Unit
from cadre.people.models import Cadre

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,150}$")
ID_NUMBER_RE = re.compile(r"^\d{17}[\dX]$")
USER_FIELDS = ["username", "display_name", "role", "is_active", "cadre"]


def validate_password(password: str, user: User) -> None:
    """The configured password policy, with every message in Chinese. Django 5.2's own
    minimum-length message has no zh-hans translation, so that rule is checked here."""
    errors: list[str] = []
    for validator in get_default_password_validators():
        if isinstance(validator, MinimumLengthValidator):
            if len(password or "") < validator.min_length:
                errors.append(f"密码长度太短，至少需要{validator.min_length}个字符。")
            continue
        try:
            validator.validate(password, user)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def _require(actor: Actor, role: Role, what: str) -> None:
    """Services enforce the separation of duties too, not only the views."""
    if actor.user is not None and actor.user.role != role:
        raise ValidationError(f"只有{role.label}可以{what}。")


def user_snapshot(user: User) -> dict[str, Any]:
    data = audit.snapshot(user, USER_FIELDS)
    if user.pk is not None:
        data["scope_units"] = sorted(user.scope_units.values_list("code", flat=True))
    return data


@transaction.atomic
def user_create(*, username: str, display_name: str, password: str, actor: Actor) -> User:
    """A new account (role 领导, no scope, so it sees nothing until a scope is assigned)."""
    _require(actor, Role.SYSTEM_ADMIN, "新建账号")
    username = (username or "").strip()
    display_name = (display_name or "").strip()
    errors: dict[str, list[str]] = {}
    if not USERNAME_RE.match(username):
        errors["username"] = ["用户名为2至150位字母、数字或 _ . @ -。"]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"用户名“{username}”已存在。"]
    if not display_name:
        errors["display_name"] = ["请填写姓名。"]
    elif len(display_name) > 60:
        errors["display_name"] = ["姓名不能超过60个字。"]
    user = User(username=username, display_name=display_name, role=Role.LEADER)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise ValidationError({"username": [f"用户名“{username}”已存在。"]}) from exc
    audit.record(
        actor,
        "create",
        target=user,
        changes=audit.diff({}, user_snapshot(user)),
        note="新建账号，待安全管理员分配角色和管理范围",
    )
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, actor: Actor) -> User:
    """Disable (停用) or re-enable an account. A disabled account's sessions end at once."""
    _require(actor, Role.SYSTEM_ADMIN, "停用或启用账号")
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor.user is not None and actor.user.pk == user.pk and not active:
        raise ValidationError("不能停用自己的账号。")
    if user.is_active == active:
        return user
    before = user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        actor,
        "update",
        target=user,
        changes=audit.diff(before, user_snapshot(user)),
        note="启用账号" if active else "停用账号",
    )
    return user


@transaction.atomic
def user_reset_password(*, user: User, password: str, actor: Actor) -> User:
    """Set a new password (the policy applies); ends the user's sessions and login lockout."""
    _require(actor, Role.SYSTEM_ADMIN, "重置密码")
    user = User.objects.select_for_update().get(pk=user.pk)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    reset_lockout(username=user.username)
    audit.record(actor, "update", target=user, note="重置密码并解除登录锁定")
    return user


def _clean_scope(role: str, units: Iterable[Unit]) -> list[Unit]:
    unit_list = list(units)
    if role in SCOPED_ROLES:
        if not unit_list:
            raise ValidationError({"scope_units": ["该角色须指定至少一个管理范围单位。"]})
        closed = [u.name for u in unit_list if u.is_closed]
        if closed:
            raise ValidationError({"scope_units": [f"单位已撤销：{'、'.join(closed)}。"]})
        return unit_list
    # Administrator roles and 干部本人 have no unit scope.
    return []


@transaction.atomic
def user_set_role_scope(
    *, user: User, role: str, scope_units: Iterable[Unit], actor: Actor
) -> User:
    """Set the role and management scope (管理权限) of an account."""
    _require(actor, Role.SECURITY_ADMIN, "设置角色和管理范围")
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor.user is not None and actor.user.pk == user.pk:
        raise ValidationError("不能修改自己的角色和管理范围。")
    if role not in Role.values:
        raise ValidationError({"role": ["请选择有效的角色。"]})
    units = _clean_scope(role, scope_units)
    if role == Role.SELF and user.cadre_id is None:
        raise ValidationError({"role": ["设为“干部本人”前，请先关联该账号对应的干部。"]})
    before = user_snapshot(user)
    user.role = role
    user.save(update_fields=["role"])
    user.scope_units.set(units)
    clear_scope_cache(user)
    changes = audit.diff(before, user_snapshot(user))
    if changes:
        audit.record(actor, "update", target=user, changes=changes, note="设置角色和管理范围")
    return user


@transaction.atomic
def user_link_cadre(*, user: User, id_number: str, name: str, actor: Actor) -> User:
    """Link an account to its own cadre record, found by exact ID number (blind index) and
    name. Nothing about the cadre is revealed when there is no match."""
    _require(actor, Role.SECURITY_ADMIN, "关联干部")
    user = User.objects.select_for_update().get(pk=user.pk)
    normalized = (id_number or "").strip().upper()
    name = (name or "").strip()
    if not ID_NUMBER_RE.match(normalized):
        raise ValidationError({"id_number": ["请输入18位身份证号。"]})
    if not name:
        raise ValidationError({"name": ["请输入干部姓名。"]})
    cadre = Cadre.objects.filter(id_number_index=crypto.blind_index(normalized), name=name).first()
    if cadre is None:
        raise ValidationError("未找到身份证号与姓名相符的干部，请核对后重试。")
    holder = User.objects.filter(cadre=cadre).exclude(pk=user.pk).first()
    if holder is not None:
        raise ValidationError(f"该干部已关联账号“{holder.username}”，一名干部只能关联一个账号。")
    before = user_snapshot(user)
    user.cadre = cadre
    user.save(update_fields=["cadre"])
    changes = audit.diff(before, user_snapshot(user))
    if changes:
        audit.record(
            actor, "update", target=user, cadre_id=cadre.pk, changes=changes, note="关联干部"
        )
    return user


@transaction.atomic
def user_unlink_cadre(*, user: User, actor: Actor) -> User:
    _require(actor, Role.SECURITY_ADMIN, "解除干部关联")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.cadre_id is None:
        return user
    if user.role == Role.SELF:
        raise ValidationError("“干部本人”账号须关联干部，请先更改角色。")
    before = user_snapshot(user)
    cadre_id = user.cadre_id
    user.cadre = None
    user.save(update_fields=["cadre"])
    audit.record(
        actor,
        "update",
        target=user,
        cadre_id=cadre_id,
        changes=audit.diff(before, user_snapshot(user)),
        note="解除干部关联",
    )
    return user

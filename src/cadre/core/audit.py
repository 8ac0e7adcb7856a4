"""Writing audit entries. Every service calls `record` inside its transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from cadre.core.actors import Actor
from cadre.core.models import AuditEntry


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "<二进制>"
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose values differ."""
    changed: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = jsonable(before.get(key)), jsonable(after.get(key))
        if old != new:
            changed[key] = [old, new]
    return changed


def record(
    actor: Actor,
    action: str,
    *,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_repr: str = "",
    cadre_id: int | None = None,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_repr = target_repr or str(target)[:200]
    return AuditEntry.objects.create(
        actor=actor.user,
        actor_name=actor.name,
        ip=actor.ip,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr[:200],
        cadre_id=cadre_id,
        changes=changes or {},
        note=note[:500],
    )


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Field values of a model instance for before/after comparison (secrets excluded)."""
    data: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if getattr(f, "audit_secret", False) or f.name.endswith(("_cipher", "_index")):
            continue
        data[f.attname] = jsonable(getattr(instance, f.attname))
    return data

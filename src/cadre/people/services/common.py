"""Shared machinery of the cadre-record services: validation errors and confirmable warnings,
scope checks, rule parameters, the audited create/update/delete of a record part, ordering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from cadre.core import audit, codebook
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people import derived
from cadre.people.models import Cadre
from cadre.rules.params import Params

M = TypeVar("M", bound=models.Model)

ID_MARK = "***"


class NeedsConfirmation(ValidationError):
    """Data that is inconsistent but possible (档案审核 would flag it): the user must confirm.

    A subclass of ValidationError, so a caller that does not handle confirmation refuses the
    write like any other invalid input; nothing is saved either way."""

    def __init__(self, warnings: Sequence[str]) -> None:
        self.warnings = list(warnings)
        super().__init__(self.warnings, code="needs_confirmation")


class Problems:
    """Collects field errors and warnings, then raises once with all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}
        self.warnings: list[str] = []

    def error(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def has(self, field: str) -> bool:
        return field in self.errors

    def raise_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def finish(self, confirmed: bool) -> None:
        """Raise the errors; else the warnings unless the user confirmed them."""
        self.raise_errors()
        if self.warnings and not confirmed:
            raise NeedsConfirmation(self.warnings)


def today() -> dt.date:
    return dt.date.today()


def rule_params() -> Params:
    """The rule parameters in force: registry defaults plus the stored overrides (政策口径),
    cached per process (see cadre.core.policy)."""
    from cadre.core.policy import current_params

    return current_params()


def require_editor(actor: Actor) -> None:
    """Writes come from an editor (org_admin, unit_hr) or from the system itself (imports)."""
    user = actor.user
    if user is not None and not user.can_edit_cadres:
        raise ValidationError("您没有修改干部信息的权限")


def check_unit_in_scope(actor: Actor, unit: Any, problems: Problems, field: str = "unit") -> None:
    from cadre.accounts.scope import unit_in_scope

    if unit is None:
        return
    if actor.user is not None and not unit_in_scope(actor.user, unit):
        problems.error(field, "所选单位不在您的管理范围内")
    elif getattr(unit, "is_closed", False):
        problems.error(field, "所选单位已撤销")


def check_code(table: str, value: str | None, field: str, problems: Problems, label: str) -> None:
    if value and value not in codebook.codes(table):
        problems.error(field, f"{label}代码无效：{value}")


def check_required(
    values: Mapping[str, Any], labels: Mapping[str, str], problems: Problems
) -> None:
    for field, label in labels.items():
        value = values.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.error(field, f"请填写{label}")


def check_not_future(value: dt.date | None, field: str, label: str, problems: Problems) -> None:
    if value is not None and value > today():
        problems.error(field, f"{label}不能晚于今天")


def check_order(
    start: dt.date | None,
    end: dt.date | None,
    end_field: str,
    message: str,
    problems: Problems,
) -> None:
    if start is not None and end is not None and end < start:
        problems.error(end_field, message)


def check_after_birth(
    cadre: Cadre, value: dt.date | None, field: str, label: str, problems: Problems
) -> None:
    if value is not None and value < cadre.birth_date:
        problems.error(field, f"{label}不能早于出生日期（{cadre.birth_date:%Y-%m-%d}）")


def clean_values(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The known fields present in ``data``; strings stripped."""
    out: dict[str, Any] = {}
    for f in fields:
        if f in data:
            v = data[f]
            out[f] = v.strip() if isinstance(v, str) else v
    return out


def merged(instance: models.Model | None, values: Mapping[str, Any], fields: Iterable[str]) -> dict:
    """The values a record will have after the change (for validation of partial updates)."""
    base = {f: getattr(instance, f) for f in fields} if instance is not None else {}
    return {**base, **values}


def next_sort(qs: models.QuerySet[Any]) -> int:
    top = qs.aggregate(m=models.Max("sort"))["m"]
    return 0 if top is None else int(top) + 1


# --- audited writes of one part of a cadre record ------------------------------------------


def part_create(
    *,
    model: type[M],
    cadre: Cadre,
    values: Mapping[str, Any],
    actor: Actor,
    refresh: bool = False,
    extra_changes: Mapping[str, Any] | None = None,
) -> M:
    instance = model(cadre=cadre, **values)
    instance.save()
    changes = audit.diff({}, audit.snapshot(instance))
    changes.pop("id", None)
    changes.pop("cadre_id", None)
    changes.update(extra_changes or {})
    audit.record(
        actor, AuditEntry.Action.CREATE, target=instance, cadre_id=cadre.pk, changes=changes
    )
    if refresh:
        derived.refresh(cadre)
    return instance


def part_update(
    *,
    instance: M,
    cadre: Cadre,
    values: Mapping[str, Any],
    actor: Actor,
    refresh: bool = False,
    extra_changes: Mapping[str, Any] | None = None,
) -> M:
    before = audit.snapshot(instance)
    for k, v in values.items():
        setattr(instance, k, v)
    changes = {**audit.diff(before, audit.snapshot(instance)), **(extra_changes or {})}
    if not changes:
        return instance
    instance.save()
    audit.record(
        actor, AuditEntry.Action.UPDATE, target=instance, cadre_id=cadre.pk, changes=changes
    )
    if refresh:
        derived.refresh(cadre)
    return instance


def part_delete(
    *, instance: models.Model, cadre: Cadre, actor: Actor, refresh: bool = False
) -> None:
    before = audit.snapshot(instance)
    before.pop("cadre_id", None)
    changes = audit.diff(before, {})
    target_type, target_id, target_repr = (
        instance._meta.label_lower,
        str(instance.pk),
        str(instance)[:200],
    )
    instance.delete()
    audit.record(
        actor,
        AuditEntry.Action.DELETE,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        cadre_id=cadre.pk,
        changes=changes,
    )
    if refresh:
        derived.refresh(cadre)


def part_move(
    *,
    instance: models.Model,
    siblings: models.QuerySet[Any],
    direction: str,
    cadre: Cadre,
    actor: Actor,
    refresh: bool = False,
) -> None:
    """Move one item up or down among its siblings; renumber their ``sort`` 0..n-1."""
    if direction not in ("up", "down"):
        raise ValidationError("移动方向无效")
    items = list(siblings)
    ids = [i.pk for i in items]
    if instance.pk not in ids:
        raise ValidationError("该条目不存在")
    i = ids.index(instance.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(items):
        return
    items[i], items[j] = items[j], items[i]
    renumber(items)
    audit.record(
        actor,
        AuditEntry.Action.UPDATE,
        target=instance,
        cadre_id=cadre.pk,
        changes={"order": [ids, [x.pk for x in items]]},
        note="上移" if direction == "up" else "下移",
    )
    if refresh:
        derived.refresh(cadre)


def renumber(items: Sequence[Any]) -> None:
    changed = []
    for n, item in enumerate(items):
        if item.sort != n:
            item.sort = n
            changed.append(item)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["sort"])


def month_text(value: dt.date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def owned(instance: models.Model, cadre: Cadre) -> None:
    """Guard: the item must belong to the cadre it is edited through."""
    if getattr(instance, "cadre_id", None) != cadre.pk:
        raise ValidationError("该条目不属于此干部")


Validator = Callable[..., None]

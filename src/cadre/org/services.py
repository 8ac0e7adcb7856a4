"""Every change to the unit tree, establishment and leadership quotas, each audited.

A unit is created under a parent, renamed, moved, closed (撤销) or reopened; its establishment
(核定编制 per kind) and leadership quotas (正职/副职领导职数) are set in one step. Moving a unit
rewrites `Cadre.unit_path` of every cadre in the moved subtree in one bulk UPDATE.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from cadre.accounts.scope import unit_in_scope
from cadre.core import audit, codebook
from cadre.core.actors import Actor
from cadre.org.models import Establishment, Unit
from cadre.people.models import Cadre
from cadre.people.naming import pinyin_initials

IN_OFFICE = "1"
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$")
REGION_CODE_RE = re.compile(r"^\d{0,12}$")
UNIT_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "region",
    "region_code",
    "sort",
    "is_closed",
    "closed_on",
    "quota_principal",
    "quota_deputy",
]
EDITABLE = ("name", "short_name", "kind", "level", "region", "region_code", "sort")


def _check_scope(actor: Actor, unit: Unit, message: str) -> None:
    """Services called from a request act for a user: the unit must be in their scope."""
    user = actor.user
    if user is None:
        return  # console commands and data migrations act as the system
    if not user.manages_units or not unit_in_scope(user, unit):
        raise ValidationError(message)


def _clean_attrs(data: dict[str, Any]) -> dict[str, Any]:
    """Validate unit attributes; every problem is reported at once, in Chinese."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key in EDITABLE:
        if key not in data:
            continue
        value = data[key]
        values[key] = value.strip() if isinstance(value, str) else value
    if "name" in values:
        if not values["name"]:
            errors["name"] = "请填写单位全称。"
        elif len(values["name"]) > 120:
            errors["name"] = "单位全称不能超过120个字。"
    if len(values.get("short_name") or "") > 60:
        errors["short_name"] = "单位简称不能超过60个字。"
    if "kind" in values and values["kind"] not in codebook.codes("unit_kind"):
        errors["kind"] = "请选择有效的单位类别。"
    if values.get("level") and values["level"] not in codebook.codes("unit_level"):
        errors["level"] = "请选择有效的机构规格。"
    if len(values.get("region") or "") > 60:
        errors["region"] = "所在地区不能超过60个字。"
    if values.get("region_code") and not REGION_CODE_RE.match(values["region_code"]):
        errors["region_code"] = "行政区划代码应为不超过12位的数字。"
    if "sort" in values:
        try:
            values["sort"] = int(values["sort"] or 0)
            if values["sort"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors["sort"] = "排序应为非负整数。"
    if errors:
        raise ValidationError(errors)
    return values


def _clean_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError({"code": "请填写单位代码。"})
    if not CODE_RE.match(code):
        raise ValidationError({"code": "单位代码只能包含字母、数字、“-”和“_”，不超过32位。"})
    if Unit.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": f"单位代码“{code}”已被使用。"})
    return code


@transaction.atomic
def unit_create(*, parent: Unit, data: dict[str, Any], actor: Actor) -> Unit:
    """A new unit as the last child of `parent` (which must be open and in scope)."""
    parent = Unit.objects.select_for_update().get(pk=parent.pk)
    _check_scope(actor, parent, "上级单位不在您的管理范围内。")
    if parent.is_closed:
        raise ValidationError({"parent": "上级单位已撤销，不能在其下新增单位。"})
    errors: dict[str, list[str]] = {}
    code: str | None = None
    values: dict[str, Any] | None = None
    try:
        code = _clean_code(str(data.get("code", "")))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        values = _clean_attrs({"name": "", "kind": "", **data})
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors or code is None or values is None:
        raise ValidationError(errors)
    values["code"] = code
    values["name_initials"] = pinyin_initials(values["name"])[:60]
    try:
        with transaction.atomic():
            unit = Unit.objects.add_child(parent, values)
    except IntegrityError as exc:  # a concurrent create took the code
        raise ValidationError({"code": f"单位代码“{code}”已被使用。"}) from exc
    audit.record(
        actor,
        "create",
        target=unit,
        changes=audit.diff({}, {**audit.snapshot(unit, UNIT_FIELDS), "parent": parent.code}),
        note=f"在“{parent.name}”下新增单位",
    )
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, data: dict[str, Any], actor: Actor) -> Unit:
    """Rename (全称、简称) and edit the descriptive attributes of a unit."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_scope(actor, unit, "该单位不在您的管理范围内。")
    values = _clean_attrs(data)
    before = audit.snapshot(unit, [*UNIT_FIELDS, "name_initials"])
    for key, value in values.items():
        setattr(unit, key, value)
    unit.name_initials = pinyin_initials(unit.name)[:60]
    after = audit.snapshot(unit, [*UNIT_FIELDS, "name_initials"])
    changes = audit.diff(before, after)
    if not changes:
        return unit
    unit.save(update_fields=[*values.keys(), "name_initials"])
    audit.record(actor, "update", target=unit, changes=changes)
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, actor: Actor) -> Unit:
    """Move a unit (with its subtree) under another parent, as its last child.

    Cadres keep a copy of their unit's path; the moved subtree's old prefix is rewritten to
    the new one in a single UPDATE, so rosters and scopes stay correct.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    new_parent = Unit.objects.select_for_update().get(pk=new_parent.pk)
    _check_scope(actor, unit, "该单位不在您的管理范围内。")
    _check_scope(actor, new_parent, "目标上级单位不在您的管理范围内。")
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError({"new_parent": "不能把单位移动到它自身或它的下级单位之下。"})
    if new_parent.is_closed:
        raise ValidationError({"new_parent": "目标上级单位已撤销。"})
    old_parent_path = unit.path[: -Unit.steplen]
    if old_parent_path == new_parent.path:
        raise ValidationError({"new_parent": "该单位已在所选上级单位之下。"})
    old_parent = Unit.objects.filter(path=old_parent_path).first()
    old_path = unit.path
    Unit.objects.move(unit, new_parent, "last-child")
    unit.refresh_from_db()
    new_path = unit.path
    moved = Cadre.objects.filter(unit_path__startswith=old_path).update(
        unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
    )
    audit.record(
        actor,
        "update",
        target=unit,
        changes={
            "parent": [old_parent.code if old_parent else None, new_parent.code],
            "path": [old_path, new_path],
        },
        note=f"移动到“{new_parent.name}”之下，更新干部所在单位路径{moved}条",
    )
    return unit


@transaction.atomic
def unit_close(*, unit: Unit, closed_on: dt.date, actor: Actor) -> Unit:
    """撤销 a unit. Refused while it or a sub-unit has cadres in office, or open sub-units."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_scope(actor, unit, "该单位不在您的管理范围内。")
    if unit.is_closed:
        raise ValidationError("该单位已撤销。")
    in_office = Cadre.objects.filter(unit_path__startswith=unit.path, status=IN_OFFICE).count()
    if in_office:
        raise ValidationError(
            f"该单位（含下级单位）尚有{in_office}名现职干部，请先调整其所在单位后再撤销。"
        )
    open_children = (
        Unit.objects.filter(path__startswith=unit.path, is_closed=False).exclude(pk=unit.pk).count()
    )
    if open_children:
        raise ValidationError(f"该单位尚有{open_children}个未撤销的下级单位，请先撤销或移出。")
    if closed_on > dt.date.today():
        raise ValidationError({"closed_on": "撤销日期不能晚于今天。"})
    before = audit.snapshot(unit, ["is_closed", "closed_on"])
    unit.is_closed, unit.closed_on = True, closed_on
    unit.save(update_fields=["is_closed", "closed_on"])
    audit.record(
        actor,
        "update",
        target=unit,
        changes=audit.diff(before, audit.snapshot(unit, ["is_closed", "closed_on"])),
        note="撤销单位",
    )
    return unit


@transaction.atomic
def unit_reopen(*, unit: Unit, actor: Actor) -> Unit:
    """Undo a 撤销 (entered by mistake, or the unit is re-established)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_scope(actor, unit, "该单位不在您的管理范围内。")
    if not unit.is_closed:
        raise ValidationError("该单位未撤销。")
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    if parent is not None and parent.is_closed:
        raise ValidationError("上级单位已撤销，请先恢复上级单位。")
    before = audit.snapshot(unit, ["is_closed", "closed_on"])
    unit.is_closed, unit.closed_on = False, None
    unit.save(update_fields=["is_closed", "closed_on"])
    audit.record(
        actor,
        "update",
        target=unit,
        changes=audit.diff(before, audit.snapshot(unit, ["is_closed", "closed_on"])),
        note="恢复单位",
    )
    return unit


def establishment_snapshot(unit: Unit) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"establishment:{kind}": approved
        for kind, approved in unit.establishments.values_list("kind", "approved")
    }
    data["quota_principal"] = unit.quota_principal
    data["quota_deputy"] = unit.quota_deputy
    return data


@transaction.atomic
def establishment_set(
    *,
    unit: Unit,
    approved: dict[str, int | None],
    quota_principal: int,
    quota_deputy: int,
    actor: Actor,
) -> Unit:
    """Set the approved establishment per kind (None: none approved) and leadership quotas."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_scope(actor, unit, "该单位不在您的管理范围内。")
    kinds = set(codebook.codes("establishment_kind"))
    errors: dict[str, str] = {}
    for kind, number in approved.items():
        if kind not in kinds:
            errors[f"kind_{kind}"] = "编制类型无效。"
        elif number is not None and (not isinstance(number, int) or number < 0):
            errors[f"kind_{kind}"] = "核定编制数应为非负整数。"
    for key, number in (("quota_principal", quota_principal), ("quota_deputy", quota_deputy)):
        if not isinstance(number, int) or number < 0:
            errors[key] = "领导职数应为非负整数。"
    if errors:
        raise ValidationError(errors)
    before = establishment_snapshot(unit)
    for kind, number in approved.items():
        if number is None:
            Establishment.objects.filter(unit=unit, kind=kind).delete()
        else:
            Establishment.objects.update_or_create(
                unit=unit, kind=kind, defaults={"approved": number}
            )
    unit.quota_principal, unit.quota_deputy = quota_principal, quota_deputy
    unit.save(update_fields=["quota_principal", "quota_deputy"])
    changes = audit.diff(before, establishment_snapshot(unit))
    if changes:
        audit.record(actor, "update", target=unit, changes=changes, note="核定编制和领导职数")
    return unit

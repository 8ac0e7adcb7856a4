"""奖励: 嘉奖, 记三等功 … 荣誉称号."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core.actors import Actor
from cadre.people.models import Cadre, Reward
from cadre.people.services.common import (
    Problems,
    check_after_birth,
    check_code,
    check_not_future,
    check_required,
    clean_values,
    merged,
    owned,
    part_create,
    part_delete,
    part_update,
    require_editor,
)

FIELDS = ["kind", "title", "awarded_on", "issuer", "document_no"]
NEEDS_TITLE = frozenset({"05", "09"})  # 荣誉称号, 其他奖励: the name says what it is


def _validate(cadre: Cadre, values: dict[str, Any]) -> Problems:
    p = Problems()
    check_required(values, {"kind": "奖励种类", "awarded_on": "奖励时间"}, p)
    check_code("reward", values.get("kind"), "kind", p, "奖励种类")
    if values.get("kind") in NEEDS_TITLE and not values.get("title"):
        p.error("title", "荣誉称号或其他奖励须填写奖励名称")
    check_not_future(values.get("awarded_on"), "awarded_on", "奖励时间", p)
    check_after_birth(cadre, values.get("awarded_on"), "awarded_on", "奖励时间", p)
    return p


def reward_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> Reward:
    require_editor(actor)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(None, values, FIELDS)).finish(confirmed)
    with transaction.atomic():
        return part_create(model=Reward, cadre=cadre, values=values, actor=actor)


def reward_update(
    *,
    cadre: Cadre,
    reward: Reward,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> Reward:
    require_editor(actor)
    owned(reward, cadre)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(reward, values, FIELDS)).finish(confirmed)
    with transaction.atomic():
        return part_update(instance=reward, cadre=cadre, values=values, actor=actor)


def reward_delete(*, cadre: Cadre, reward: Reward, actor: Actor) -> None:
    require_editor(actor)
    owned(reward, cadre)
    with transaction.atomic():
        part_delete(instance=reward, cadre=cadre, actor=actor)

"""家庭主要成员及重要社会关系. A member's ID number, when known, is stored encrypted with a
blind index so avoidance checks (回避) can find relatives by exact number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core import codebook, crypto
from cadre.core.actors import Actor
from cadre.people.models import Cadre, FamilyMember
from cadre.people.services.common import (
    ID_MARK,
    Problems,
    check_code,
    check_not_future,
    check_required,
    clean_values,
    merged,
    next_sort,
    owned,
    part_create,
    part_delete,
    part_move,
    part_update,
    require_editor,
    today,
)
from cadre.rules.idnumber import validate_id_number

FIELDS = [
    "relation",
    "name",
    "birth_date",
    "political_status",
    "work_unit_position",
    "is_deceased",
    "is_emigrated",
]
SPOUSE = frozenset({"11", "12"})


def _validate(
    cadre: Cadre,
    values: dict[str, Any],
    id_number: str,
    instance: FamilyMember | None,
) -> tuple[Problems, str | None]:
    p = Problems()
    check_required(values, {"relation": "称谓", "name": "姓名"}, p)
    check_code("family_relation", values.get("relation"), "relation", p, "称谓")
    check_code(
        "political_status", values.get("political_status"), "political_status", p, "政治面貌"
    )
    check_not_future(values.get("birth_date"), "birth_date", "出生年月", p)
    if len(values.get("name") or "") > 40:
        p.error("name", "姓名不能超过40个字")
    normalized: str | None = None
    if id_number:
        result = validate_id_number(id_number, today=today())
        if not result.valid:
            for message in result.errors:
                p.error("id_number", message)
        else:
            normalized = result.normalized
            if cadre.id_number_index and crypto.blind_index(normalized or "") == (
                cadre.id_number_index
            ):
                p.error("id_number", "家庭成员的身份证号不能与干部本人相同")
            birth = values.get("birth_date")
            if (
                birth is not None
                and result.birth_date is not None
                and ((birth.year, birth.month) != (result.birth_date.year, result.birth_date.month))
            ):
                p.warn(
                    f"出生年月与身份证号不一致：所填为{birth:%Y.%m}，"
                    f"身份证号为{result.birth_date:%Y.%m}"
                )
    relation = values.get("relation")
    if relation in SPOUSE and not values.get("is_deceased"):
        spouses = cadre.family_members.filter(relation__in=SPOUSE, is_deceased=False)
        if instance is not None:
            spouses = spouses.exclude(pk=instance.pk)
        if spouses.exists():
            p.warn("已登记配偶，请核实是否重复登记")
    if (relation, cadre.gender) in (("11", "1"), ("12", "2")):
        p.warn(f"称谓“{codebook.name('family_relation', relation)}”与干部本人性别不符，请核实")
    return p, normalized


def _id_values(normalized: str | None) -> dict[str, str]:
    if not normalized:
        return {"id_number_cipher": "", "id_number_index": ""}
    return {
        "id_number_cipher": crypto.encrypt(normalized),
        "id_number_index": crypto.blind_index(normalized),
    }


def family_member_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> FamilyMember:
    require_editor(actor)
    values = clean_values(data, FIELDS)
    p, normalized = _validate(
        cadre, merged(None, values, FIELDS), (data.get("id_number") or "").strip(), None
    )
    p.finish(confirmed)
    if normalized and values.get("birth_date") is None:
        # Known from the ID number: filling an empty field is not a correction.
        result = validate_id_number(normalized)
        values["birth_date"] = result.birth_date
    with transaction.atomic():
        values["sort"] = next_sort(cadre.family_members.all())
        values.update(_id_values(normalized))
        extra = {"id_number": ["", ID_MARK]} if normalized else None
        return part_create(
            model=FamilyMember, cadre=cadre, values=values, actor=actor, extra_changes=extra
        )


def family_member_update(
    *,
    cadre: Cadre,
    member: FamilyMember,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> FamilyMember:
    """Update a member. An empty ``id_number`` keeps the stored one unless
    ``clear_id_number`` is true."""
    require_editor(actor)
    owned(member, cadre)
    values = clean_values(data, FIELDS)
    p, normalized = _validate(
        cadre, merged(member, values, FIELDS), (data.get("id_number") or "").strip(), member
    )
    p.finish(confirmed)
    extra: dict[str, list[str]] = {}
    old = ID_MARK if member.id_number_index else ""
    if normalized and crypto.blind_index(normalized) != member.id_number_index:
        values.update(_id_values(normalized))
        extra["id_number"] = [old, ID_MARK]
    elif not normalized and data.get("clear_id_number") and member.id_number_index:
        values.update(_id_values(None))
        extra["id_number"] = [old, ""]
    with transaction.atomic():
        return part_update(
            instance=member, cadre=cadre, values=values, actor=actor, extra_changes=extra
        )


def family_member_delete(*, cadre: Cadre, member: FamilyMember, actor: Actor) -> None:
    require_editor(actor)
    owned(member, cadre)
    with transaction.atomic():
        part_delete(instance=member, cadre=cadre, actor=actor)


def family_member_move(*, cadre: Cadre, member: FamilyMember, direction: str, actor: Actor) -> None:
    require_editor(actor)
    owned(member, cadre)
    with transaction.atomic():
        part_move(
            instance=member,
            siblings=cadre.family_members.all(),
            direction=direction,
            cadre=cadre,
            actor=actor,
        )

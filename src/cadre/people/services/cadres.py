"""Creating a cadre and editing the basic data (基本信息).

The ID number (身份证号) arrives in clear, is validated by the rules engine (GB 11643) and
checked against the birth date and gender; it is stored only encrypted with a blind index,
and the audit log records only that it changed (``"***"``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadre.core import audit, codebook, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.people import derived
from cadre.people.identity import id_number_fields
from cadre.people.models import Cadre
from cadre.people.naming import pinyin_full, pinyin_initials
from cadre.people.services.common import (
    ID_MARK,
    Problems,
    check_code,
    check_not_future,
    check_required,
    check_unit_in_scope,
    clean_values,
    require_editor,
    rule_params,
    today,
)
from cadre.rules import audit as dossier
from cadre.rules.ages import age_on
from cadre.rules.idnumber import validate_id_number

BASIC_FIELDS = [
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "native_place",
    "birthplace",
    "political_status",
    "party_joined_on",
    "party_confirmed_on",
    "other_party",
    "other_party_joined_on",
    "work_started_on",
    "health",
    "professional_title",
    "specialty",
    "staff_category",
    "status",
    "unit",
    "remarks",
]
REQUIRED = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "political_status": "政治面貌",
    "staff_category": "人员类别",
    "status": "管理状态",
    "unit": "所在单位",
}
CODES = {
    "gender": ("gender", "性别"),
    "ethnicity": ("ethnicity", "民族"),
    "political_status": ("political_status", "政治面貌"),
    "other_party": ("political_status", "民主党派"),
    "health": ("health", "健康状况"),
    "staff_category": ("staff_category", "人员类别"),
    "status": ("status", "管理状态"),
}
# A change of these recomputes the derived columns (到龄年月 depends on them).
DERIVED_INPUTS = {"birth_date", "gender", "staff_category"}
MIN_AGE = 16
OLDEST = dt.date(1900, 1, 1)
DEMOCRATIC_PARTIES = {"04", "05", "06", "07", "08", "09", "10", "11"}


def _validate(
    values: dict[str, Any],
    id_number: str | None,
    *,
    instance: Cadre | None,
    actor: Actor,
    problems: Problems,
) -> str | None:
    """Validate the merged values; return the normalized ID number (None: unchanged/none)."""
    check_required(values, REQUIRED, problems)
    for field, (table, label) in CODES.items():
        check_code(table, values.get(field), field, problems, label)
    if len(values.get("name") or "") > 40:
        problems.error("name", "姓名不能超过40个字")
    if instance is None or values.get("unit") != instance.unit:
        check_unit_in_scope(actor, values.get("unit"), problems)

    birth: dt.date | None = values.get("birth_date")
    if birth is not None:
        if birth > today():
            problems.error("birth_date", "出生日期不能晚于今天")
        elif birth < OLDEST:
            problems.error("birth_date", "出生日期不能早于1900年")
        elif age_on(birth, today()) < MIN_AGE:
            problems.error("birth_date", f"年龄不足{MIN_AGE}周岁，请核对出生日期")
    for field, label in (
        ("work_started_on", "参加工作时间"),
        ("party_joined_on", "入党时间"),
        ("party_confirmed_on", "转正时间"),
        ("other_party_joined_on", "加入民主党派时间"),
    ):
        value = values.get(field)
        check_not_future(value, field, label, problems)
        if value is not None and birth is not None and value <= birth:
            problems.error(field, f"{label}应晚于出生日期")

    params = rule_params()
    work = values.get("work_started_on")
    joined = values.get("party_joined_on")
    confirmed = values.get("party_confirmed_on")
    if birth is not None and not problems.has("birth_date"):
        for finding in dossier.check_work_age(birth, work, params):
            if not problems.has("work_started_on"):
                problems.warn(finding.message)
        for finding in dossier.check_party_age(birth, joined, params):
            if not problems.has("party_joined_on"):
                problems.warn(f"{finding.message}，请核实")
    if confirmed is not None and joined is None:
        problems.error("party_joined_on", "填写了转正时间，请同时填写入党时间")
    elif confirmed is not None and joined is not None and confirmed < joined:
        problems.error("party_confirmed_on", "转正时间不能早于入党时间")
    status = values.get("political_status")
    if status in ("01", "02") and joined is None:
        problems.warn("政治面貌为中共党员（预备党员），但未填写入党时间")
    if joined is not None and status not in ("01", "02"):
        problems.warn("填写了入党时间，但政治面貌不是中共党员，请核实")
    if values.get("other_party") and values["other_party"] not in DEMOCRATIC_PARTIES:
        problems.error(
            "other_party", "民主党派应为民革、民盟、民建、民进、农工党、致公党、九三学社或台盟"
        )

    return _validate_id(id_number, values, instance=instance, problems=problems)


def _validate_id(
    id_number: str | None, values: dict[str, Any], *, instance: Cadre | None, problems: Problems
) -> str | None:
    if not id_number:
        if instance is None or not instance.id_number_cipher:
            problems.warn("未填写身份证号")
        return None
    result = validate_id_number(id_number, today=today())
    if not result.valid or result.normalized is None:
        for message in result.errors:
            problems.error("id_number", message)
        return None
    normalized = result.normalized
    gender_name = codebook.name("gender", values.get("gender"))
    if result.gender and gender_name and result.gender != gender_name:
        # The 17th digit decides gender: a mismatch is a typing error in one of the two.
        problems.error(
            "id_number",
            f"性别与身份证号不一致：所填为{gender_name}，身份证号第17位为{result.gender}",
        )
    birth = values.get("birth_date")
    if birth is not None and result.birth_date is not None and birth != result.birth_date:
        # Possible: the dossier's 认定出生日期 may differ from the ID card. Flag, never fix.
        problems.warn(
            f"出生日期与身份证号不一致：所填为{birth:%Y-%m-%d}，"
            f"身份证号为{result.birth_date:%Y-%m-%d}"
        )
    index = crypto.blind_index(normalized)
    clash = Cadre.objects.filter(id_number_index=index)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        problems.error("id_number", "该身份证号已存在")
    return normalized


def _derived_name_fields(values: dict[str, Any]) -> None:
    if "name" in values:
        values["name_pinyin"] = pinyin_full(values["name"])[:160]
        values["name_initials"] = pinyin_initials(values["name"])[:40]
    if values.get("unit") is not None:
        values["unit_path"] = values["unit"].path


def _save(cadre: Cadre) -> None:
    try:
        with transaction.atomic():
            cadre.save()
    except IntegrityError as exc:
        # Two editors saving the same ID number at once: the unique blind index decides.
        raise ValidationError({"id_number": ["该身份证号已存在"]}) from exc


def cadre_create(*, data: Mapping[str, Any], confirmed: bool = False, actor: Actor) -> Cadre:
    """Create a cadre from basic data (``data`` holds model field names and ``id_number``)."""
    require_editor(actor)
    values = clean_values(data, BASIC_FIELDS)
    values.setdefault("status", "1")
    values.setdefault("ethnicity", "01")
    values.setdefault("political_status", "13")
    values.setdefault("health", "1")
    problems = Problems()
    normalized = _validate(
        values,
        (data.get("id_number") or "").strip(),
        instance=None,
        actor=actor,
        problems=problems,
    )
    problems.finish(confirmed)
    _derived_name_fields(values)
    with transaction.atomic():
        cadre = Cadre(**values, **id_number_fields(normalized))
        _save(cadre)
        changes = audit.diff({}, audit.snapshot(cadre, [*BASIC_FIELDS, "id"]))
        changes.pop("id", None)
        if normalized:
            changes["id_number"] = ["", ID_MARK]
        audit.record(
            actor, AuditEntry.Action.CREATE, target=cadre, cadre_id=cadre.pk, changes=changes
        )
        derived.refresh(cadre)
    return cadre


def cadre_update(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> Cadre:
    """Change basic data. Keys absent from ``data`` keep their value; an empty ``id_number``
    keeps the stored one."""
    require_editor(actor)
    values = clean_values(data, BASIC_FIELDS)
    merged = {f: getattr(cadre, f) for f in BASIC_FIELDS} | values
    problems = Problems()
    normalized = _validate(
        merged,
        (data.get("id_number") or "").strip(),
        instance=cadre,
        actor=actor,
        problems=problems,
    )
    problems.finish(confirmed)
    _derived_name_fields(values)
    with transaction.atomic():
        locked = Cadre.objects.select_for_update().get(pk=cadre.pk)
        before = audit.snapshot(locked, BASIC_FIELDS)
        old_index = locked.id_number_index
        for k, v in values.items():
            setattr(cadre, k, v)
        changes = audit.diff(before, audit.snapshot(cadre, BASIC_FIELDS))
        if normalized and crypto.blind_index(normalized) != old_index:
            for k, v in id_number_fields(normalized).items():
                setattr(cadre, k, v)
            changes["id_number"] = [ID_MARK if old_index else "", ID_MARK]
        if not changes:
            return cadre
        _save(cadre)
        audit.record(
            actor, AuditEntry.Action.UPDATE, target=cadre, cadre_id=cadre.pk, changes=changes
        )
        if DERIVED_INPUTS & changes.keys():
            derived.refresh(cadre)
    return cadre

"""年度考核: one result per cadre and year (RULES.md §5).

Refused: a grade above the cap the year's sanctions set (the rules engine's assessment cap,
with its reason), and an 优秀 that would take the unit's 优秀 count for the year above
floor(20%) of those assessed — or, for a record marked 经批准, above floor(25%)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.org.models import Unit
from cadre.people.models import AnnualAssessment, Cadre
from cadre.people.services.common import (
    Problems,
    check_code,
    check_required,
    clean_values,
    merged,
    owned,
    part_create,
    part_delete,
    part_update,
    require_editor,
    rule_params,
    today,
)
from cadre.people.services.sanctions import rule_sanctions
from cadre.rules.assessment import check_excellent_count
from cadre.rules.sanctions import assessment_cap

FIELDS = ["year", "grade", "note", "excellent_approved"]
EXCELLENT = "1"
NOT_ASSESSED = "6"  # 不参加考核: outside the grades, outside the quota's base
# Grades from best to worst as the sanction caps read them (不定等次 sits above 不称职).
GRADE_ORDER = {"1": 0, "2": 1, "3": 2, "5": 3, "4": 4}
CAP_FLOOR = {"非优秀": 1, "不定等次": 3, "不称职": 4}
FIRST_YEAR = 1950


def grade_allowed(grade: str, cap: str | None) -> bool:
    if cap is None or grade not in GRADE_ORDER:
        return True
    return GRADE_ORDER[grade] >= CAP_FLOOR.get(cap, 0)


def _validate(cadre: Cadre, values: dict[str, Any], instance: AnnualAssessment | None) -> Problems:
    p = Problems()
    check_required(values, {"year": "年度", "grade": "考核结果"}, p)
    check_code("assessment_grade", values.get("grade"), "grade", p, "考核结果")
    year = values.get("year")
    if year is not None and not FIRST_YEAR <= year <= today().year:
        p.error("year", f"年度应在{FIRST_YEAR}年至{today().year}年之间")
    elif year is not None and year < cadre.birth_date.year + 16:
        p.error("year", "年度早于干部参加工作的可能年份，请核对")
    if values.get("excellent_approved") and values.get("grade") != EXCELLENT:
        p.error("excellent_approved", "只有考核结果为优秀时才能勾选“经批准按25%确定优秀”")
    if p.errors or year is None:
        return p
    same_year = AnnualAssessment.objects.filter(cadre=cadre, year=year)
    if instance is not None:
        same_year = same_year.exclude(pk=instance.pk)
    if same_year.exists():
        p.error("year", f"该干部{year}年度考核结果已存在")
        return p
    grade = values["grade"]
    params = rule_params()
    cap = assessment_cap(year, rule_sanctions(cadre.sanctions.all()), params)
    if not grade_allowed(grade, cap.cap):
        name = codebook.name("assessment_grade", grade)
        p.error("grade", f"{'；'.join(cap.reasons)}，不能确定为{name}")
        return p
    if grade == EXCELLENT:
        _check_quota(cadre, year, bool(values.get("excellent_approved")), instance, p)
    return p


def _check_quota(
    cadre: Cadre, year: int, approved: bool, instance: AnnualAssessment | None, p: Problems
) -> None:
    """The unit's 优秀 count for the year, with this record counted as 优秀."""
    rows = AnnualAssessment.objects.filter(cadre__unit_id=cadre.unit_id, year=year).exclude(
        grade=NOT_ASSESSED
    )
    if instance is not None:
        rows = rows.exclude(pk=instance.pk)
    assessed = rows.count() + 1
    excellent = rows.filter(grade=EXCELLENT).count() + 1
    for finding in check_excellent_count(
        assessed, excellent, approved=approved, params=rule_params()
    ):
        hint = "" if approved else "；如经批准按25%确定，请勾选“经批准按25%确定优秀”"
        p.error(
            "grade",
            f"本单位{year}年度{finding.message}（已录入的考核结果含本人）{hint}",
        )


def _lock_unit(cadre: Cadre) -> None:
    # Serializes 优秀 decisions of one unit, so two editors cannot both take the last place.
    Unit.objects.select_for_update().filter(pk=cadre.unit_id).first()


def assessment_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> AnnualAssessment:
    require_editor(actor)
    values = clean_values(data, FIELDS)
    values.setdefault("excellent_approved", False)
    with transaction.atomic():
        _lock_unit(cadre)
        _validate(cadre, merged(None, values, FIELDS), None).finish(confirmed)
        return part_create(model=AnnualAssessment, cadre=cadre, values=values, actor=actor)


def assessment_update(
    *,
    cadre: Cadre,
    assessment: AnnualAssessment,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> AnnualAssessment:
    require_editor(actor)
    owned(assessment, cadre)
    values = clean_values(data, FIELDS)
    with transaction.atomic():
        _lock_unit(cadre)
        _validate(cadre, merged(assessment, values, FIELDS), assessment).finish(confirmed)
        return part_update(instance=assessment, cadre=cadre, values=values, actor=actor)


def assessment_delete(*, cadre: Cadre, assessment: AnnualAssessment, actor: Actor) -> None:
    require_editor(actor)
    owned(assessment, cadre)
    with transaction.atomic():
        part_delete(instance=assessment, cadre=cadre, actor=actor)

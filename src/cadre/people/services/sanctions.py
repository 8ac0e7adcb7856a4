"""处分, 诫勉 and 组织处理. The measure must belong to the kind (code table attrs);
留党察看 needs its observation period (1 or 2 years). Recording one that caps a grade
already recorded (RULES.md §5) asks the user to confirm and review that assessment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.people.models import AnnualAssessment, Cadre, Sanction
from cadre.people.services.common import (
    Problems,
    check_after_birth,
    check_code,
    check_not_future,
    check_order,
    check_required,
    clean_values,
    merged,
    owned,
    part_create,
    part_delete,
    part_update,
    require_editor,
    rule_params,
)
from cadre.rules import sanctions as rules
from cadre.rules.errors import RulesError

FIELDS = [
    "kind",
    "measure",
    "effective_on",
    "observation_years",
    "reason",
    "issuer",
    "document_no",
    "revoked_on",
]
PROBATION_IN_PARTY = "204"  # 留党察看


def rule_sanction(s: Sanction) -> rules.Sanction | None:
    """The rules engine's view of a stored sanction; None for a measure the engine does not
    grade (政务开除 ends the employment) or a revoked one."""
    if s.revoked_on is not None:
        return None
    kind = codebook.name("sanction_kind", s.kind)
    measure = codebook.name("sanction_measure", s.measure)
    if s.kind == "3":
        measure = "诫勉"
    candidate = rules.Sanction(kind, measure, s.effective_on, s.observation_years)
    try:
        candidate.definition()
    except RulesError:
        return None
    return candidate


def rule_sanctions(items: Iterable[Sanction]) -> list[rules.Sanction]:
    return [r for s in items if (r := rule_sanction(s)) is not None]


def _validate(cadre: Cadre, values: dict[str, Any], instance: Sanction | None) -> Problems:
    p = Problems()
    check_required(
        values, {"kind": "处分类别", "measure": "处分种类", "effective_on": "生效日期"}, p
    )
    check_code("sanction_kind", values.get("kind"), "kind", p, "处分类别")
    check_code("sanction_measure", values.get("measure"), "measure", p, "处分种类")
    kind, measure = values.get("kind"), values.get("measure")
    if (
        kind
        and measure
        and not p.errors
        and codebook.attrs("sanction_measure", measure).get("kind") != kind
    ):
        p.error(
            "measure",
            f"处分种类“{codebook.name('sanction_measure', measure)}”"
            f"不属于{codebook.name('sanction_kind', kind)}类",
        )
    years = values.get("observation_years")
    if measure == PROBATION_IN_PARTY:
        top = rule_params().get_int("sanction.党纪.留党察看.max_observation_years")
        if years is None or not 1 <= years <= top:
            p.error("observation_years", f"留党察看须注明察看期限（1至{top}年）")
    elif years is not None:
        p.error("observation_years", "只有留党察看需要填写察看期限")
    effective = values.get("effective_on")
    check_not_future(effective, "effective_on", "生效日期", p)
    check_after_birth(cadre, effective, "effective_on", "生效日期", p)
    check_order(effective, values.get("revoked_on"), "revoked_on", "撤销日期不能早于生效日期", p)
    if p.errors:
        return p
    _warn_capped_assessments(cadre, values, instance, p)
    return p


def _warn_capped_assessments(
    cadre: Cadre, values: dict[str, Any], instance: Sanction | None, p: Problems
) -> None:
    from cadre.people.services.assessments import grade_allowed

    probe = Sanction(cadre=cadre, **{k: values.get(k) for k in FIELDS})
    mine = rule_sanction(probe)
    if mine is None:
        return
    others = cadre.sanctions.all() if instance is None else cadre.sanctions.exclude(pk=instance.pk)
    sanctions = [*rule_sanctions(others), mine]
    params = rule_params()
    for a in AnnualAssessment.objects.filter(cadre=cadre, year__gte=effective_year(values)):
        cap = rules.assessment_cap(a.year, sanctions, params)
        if not grade_allowed(a.grade, cap.cap):
            grade = codebook.name("assessment_grade", a.grade)
            p.warn(f"{'；'.join(cap.reasons)}，但已登记为{grade}，保存后请修改该年度考核结果")


def effective_year(values: Mapping[str, Any]) -> int:
    return int(values["effective_on"].year)


def sanction_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> Sanction:
    require_editor(actor)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(None, values, FIELDS), None).finish(confirmed)
    with transaction.atomic():
        return part_create(model=Sanction, cadre=cadre, values=values, actor=actor)


def sanction_update(
    *,
    cadre: Cadre,
    sanction: Sanction,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> Sanction:
    require_editor(actor)
    owned(sanction, cadre)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(sanction, values, FIELDS), sanction).finish(confirmed)
    with transaction.atomic():
        return part_update(instance=sanction, cadre=cadre, values=values, actor=actor)


def sanction_delete(*, cadre: Cadre, sanction: Sanction, actor: Actor) -> None:
    require_editor(actor)
    owned(sanction, cadre)
    with transaction.atomic():
        part_delete(instance=sanction, cadre=cadre, actor=actor)

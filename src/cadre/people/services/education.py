"""学历学位: both tracks (全日制教育, 在职教育). Changes recompute 最高学历."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.people.models import Cadre, Education
from cadre.people.services.common import (
    Problems,
    check_after_birth,
    check_code,
    check_order,
    check_required,
    clean_values,
    merged,
    month_text,
    next_sort,
    owned,
    part_create,
    part_delete,
    part_move,
    part_update,
    require_editor,
)
from cadre.rules import audit as dossier

FIELDS = [
    "track",
    "education",
    "degree",
    "degree_name",
    "school",
    "major",
    "started_on",
    "ended_on",
]
REQUIRED = {"track": "教育类别", "education": "学历"}


def _validate(cadre: Cadre, values: dict[str, Any], instance: Education | None) -> Problems:
    p = Problems()
    check_required(values, REQUIRED, p)
    if values.get("track") and values["track"] not in Education.Track.values:
        p.error("track", "教育类别应为全日制教育或在职教育")
    check_code("education", values.get("education"), "education", p, "学历")
    check_code("degree", values.get("degree"), "degree", p, "学位")
    degree_name = values.get("degree_name") or ""
    if degree_name and not values.get("degree"):
        p.error("degree", "填写了学位名称，请同时选择学位")
    degree = codebook.name("degree", values.get("degree"))
    if degree_name and degree and not degree_name.endswith(degree):
        p.warn(f"学位名称“{degree_name}”与学位“{degree}”不一致（应如“理学{degree}”）")
    started, ended = values.get("started_on"), values.get("ended_on")
    check_after_birth(cadre, started, "started_on", "入学时间", p)
    check_order(started, ended, "ended_on", "毕业时间不能早于入学时间", p)
    if p.errors:
        return p
    # Overlapping periods on the same track are flagged by the dossier audit; possible
    # (double degree), so the user confirms.
    others = cadre.educations.filter(track=values["track"])
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    others_spans = [
        dossier.Span(e.started_on, e.ended_on, codebook.name("education", e.education))
        for e in others
    ]
    mine = dossier.Span(started, ended, codebook.name("education", values["education"]))
    before = {f.message for f in dossier.check_education(others_spans)}
    for finding in dossier.check_education([*others_spans, mine]):
        if finding.message not in before:
            p.warn(f"{finding.message}，请核实")
    return p


def education_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> Education:
    require_editor(actor)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(None, values, FIELDS), None).finish(confirmed)
    with transaction.atomic():
        values["sort"] = next_sort(cadre.educations.all())
        return part_create(model=Education, cadre=cadre, values=values, actor=actor, refresh=True)


def education_update(
    *,
    cadre: Cadre,
    education: Education,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> Education:
    require_editor(actor)
    owned(education, cadre)
    values = clean_values(data, FIELDS)
    _validate(cadre, merged(education, values, FIELDS), education).finish(confirmed)
    with transaction.atomic():
        return part_update(
            instance=education, cadre=cadre, values=values, actor=actor, refresh=True
        )


def education_delete(*, cadre: Cadre, education: Education, actor: Actor) -> None:
    require_editor(actor)
    owned(education, cadre)
    with transaction.atomic():
        part_delete(instance=education, cadre=cadre, actor=actor, refresh=True)


def education_move(*, cadre: Cadre, education: Education, direction: str, actor: Actor) -> None:
    require_editor(actor)
    owned(education, cadre)
    with transaction.atomic():
        part_move(
            instance=education,
            siblings=cadre.educations.all(),
            direction=direction,
            cadre=cadre,
            actor=actor,
        )


def education_text(e: Education) -> str:
    return f"{month_text(e.started_on)}--{month_text(e.ended_on)} {e.school}{e.major}"

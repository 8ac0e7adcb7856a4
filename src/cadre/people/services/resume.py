"""简历: career lines ``yyyy.MM--yyyy.MM  text`` with （其间：…） sub-lines (``parent``).

Dates are kept to the month (stored as the first day). Gaps over the allowed months and
overlaps between top-level lines are flagged for the user to confirm (RULES.md §1, §13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core.actors import Actor
from cadre.people.models import Cadre, ResumeEntry
from cadre.people.services.common import (
    Problems,
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
    rule_params,
    today,
)
from cadre.rules import audit as dossier
from cadre.rules.dates import Month
from cadre.rules.resume import ResumeEntry as RuleEntry

FIELDS = ["parent", "started_on", "ended_on", "text"]


def _first(value: Any) -> Any:
    return value.replace(day=1) if value is not None else None


def _validate(cadre: Cadre, values: dict[str, Any], instance: ResumeEntry | None) -> Problems:
    p = Problems()
    check_required(values, {"text": "经历"}, p)
    if len(values.get("text") or "") > 300:
        p.error("text", "经历不能超过300个字")
    parent: ResumeEntry | None = values.get("parent")
    started, ended = values.get("started_on"), values.get("ended_on")
    if parent is None and started is None:
        p.error("started_on", "请填写起始年月")
    if started is not None and started > today():
        p.error("started_on", "起始年月不能晚于本月")
    if started is not None and Month.of(started) < Month.of(cadre.birth_date):
        p.error("started_on", "起始年月不能早于出生年月")
    check_order(started, ended, "ended_on", "截止年月不能早于起始年月", p)
    if parent is not None:
        if parent.cadre_id != cadre.pk:
            p.error("parent", "所属经历不属于此干部")
        elif parent.parent_id is not None:
            p.error("parent", "“其间”经历不能再包含“其间”经历")
        elif instance is not None and (parent.pk == instance.pk or instance.during.exists()):
            p.error("parent", "含有“其间”经历的条目不能改为“其间”经历")
        elif (
            started is not None
            and parent.started_on is not None
            and (
                started < parent.started_on
                or (parent.ended_on is not None and started > parent.ended_on)
            )
        ):
            p.warn("“其间”经历的时间不在所属经历的起止时间内，请核实")
    if p.errors or parent is not None:
        return p
    # Gaps and overlaps between the top-level lines, as the dossier audit reads them.
    others = [
        RuleEntry(_month(e.started_on), _month(e.ended_on), e.text)
        for e in cadre.resume_entries.filter(parent__isnull=True)
        if instance is None or e.pk != instance.pk
    ]
    mine = RuleEntry(_month(started), _month(ended), values["text"])
    for message in new_findings(others, mine):
        p.warn(f"{message}，请核实")
    return p


def _month(value: Any) -> Month | None:
    return Month.of(value) if value is not None else None


def new_findings(others: list[RuleEntry], mine: RuleEntry) -> list[str]:
    """The audit findings the new or changed line brings (those already there are not its
    doing)."""
    params = rule_params()

    def ordered(entries: list[RuleEntry]) -> list[RuleEntry]:
        return sorted(entries, key=lambda e: (e.start is None, e.start or Month(1, 1)))

    before = {f.message for f in dossier.check_resume(ordered(others), params)}
    after = dossier.check_resume(ordered([*others, mine]), params)
    return [f.message for f in after if f.message not in before]


def _normalize(values: dict[str, Any]) -> dict[str, Any]:
    for f in ("started_on", "ended_on"):
        if f in values:
            values[f] = _first(values[f])
    return values


def resume_entry_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> ResumeEntry:
    require_editor(actor)
    values = _normalize(clean_values(data, FIELDS))
    _validate(cadre, merged(None, values, FIELDS), None).finish(confirmed)
    with transaction.atomic():
        siblings = cadre.resume_entries.filter(parent=values.get("parent"))
        values["sort"] = next_sort(siblings)
        return part_create(model=ResumeEntry, cadre=cadre, values=values, actor=actor)


def resume_entry_update(
    *,
    cadre: Cadre,
    entry: ResumeEntry,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> ResumeEntry:
    require_editor(actor)
    owned(entry, cadre)
    values = _normalize(clean_values(data, FIELDS))
    _validate(cadre, merged(entry, values, FIELDS), entry).finish(confirmed)
    with transaction.atomic():
        if "parent" in values and values["parent"] != entry.parent:
            values["sort"] = next_sort(cadre.resume_entries.filter(parent=values["parent"]))
        return part_update(instance=entry, cadre=cadre, values=values, actor=actor)


def resume_entry_delete(*, cadre: Cadre, entry: ResumeEntry, actor: Actor) -> None:
    """Delete a line; its （其间） sub-lines go with it."""
    require_editor(actor)
    owned(entry, cadre)
    with transaction.atomic():
        part_delete(instance=entry, cadre=cadre, actor=actor)


def resume_entry_move(*, cadre: Cadre, entry: ResumeEntry, direction: str, actor: Actor) -> None:
    require_editor(actor)
    owned(entry, cadre)
    with transaction.atomic():
        part_move(
            instance=entry,
            siblings=cadre.resume_entries.filter(parent_id=entry.parent_id),
            direction=direction,
            cadre=cadre,
            actor=actor,
        )


def resume_line(entry: ResumeEntry) -> str:
    """``1991.09--1995.07`` (an open end as seven spaces)."""
    end = month_text(entry.ended_on) if entry.ended_on else " " * 7
    return f"{month_text(entry.started_on)}--{end}" if entry.started_on else ""

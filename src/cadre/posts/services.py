"""The career timeline: appointments (职务), ranks (职级) and grades (级别).

Appointments and ranks feed the cadre's derived columns (现任职务, 职务层次, 职级, 到龄年月),
recomputed after each change. A non-elected promotion to a leadership post gets a probation
(试用期) of one year by default (党政领导干部选拔任用工作条例 第六章), editable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.people.models import Cadre
from cadre.people.services.common import (
    Problems,
    check_after_birth,
    check_code,
    check_order,
    check_required,
    check_unit_in_scope,
    clean_values,
    merged,
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
from cadre.posts.models import Appointment, GradeRecord, RankRecord
from cadre.rules import audit as dossier
from cadre.rules.dates import add_months

ELECTED = "1"  # appointment_way 选任

APPOINTMENT_FIELDS = [
    "unit",
    "title",
    "position_level",
    "is_leading",
    "is_main",
    "started_on",
    "ended_on",
    "document_no",
    "end_document_no",
    "way",
    "probation_until",
]


def _is_promotion(cadre: Cadre, values: Mapping[str, Any], instance: Appointment | None) -> bool:
    """A leadership post above every level the cadre held before its start (ZB09: the
    smaller code is the higher level)."""
    if not values.get("is_leading") or not values.get("position_level"):
        return False
    earlier = cadre.appointments.filter(started_on__lt=values["started_on"])
    if instance is not None:
        earlier = earlier.exclude(pk=instance.pk)
    levels = [lv for lv in earlier.values_list("position_level", flat=True) if lv]
    return not levels or values["position_level"] < min(levels)


def default_probation(
    cadre: Cadre, values: Mapping[str, Any], instance: Appointment | None = None
) -> dt.date | None:
    """试用期满 for a non-elected promotion to a leadership post, else None."""
    if values.get("way") == ELECTED or values.get("started_on") is None:
        return None
    if not _is_promotion(cadre, values, instance):
        return None
    months = rule_params().get_int("leadership.probation.months")
    return add_months(values["started_on"], months)


def _validate_appointment(
    cadre: Cadre, values: dict[str, Any], instance: Appointment | None, actor: Actor
) -> Problems:
    p = Problems()
    check_required(
        values, {"title": "职务名称", "position_level": "职务层次", "started_on": "任职时间"}, p
    )
    if len(values.get("title") or "") > 200:
        p.error("title", "职务名称不能超过200个字")
    check_code("position_level", values.get("position_level"), "position_level", p, "职务层次")
    check_code("appointment_way", values.get("way"), "way", p, "任职方式")
    if instance is None or values.get("unit") != instance.unit:
        check_unit_in_scope(actor, values.get("unit"), p)
    started, ended = values.get("started_on"), values.get("ended_on")
    if started is not None and started > today():
        p.warn("任职时间晚于今天（尚未到任），请核实")
    check_after_birth(cadre, started, "started_on", "任职时间", p)
    check_order(started, ended, "ended_on", "免职时间不能早于任职时间", p)
    probation = values.get("probation_until")
    if probation is not None and started is not None and probation <= started:
        p.error("probation_until", "试用期满时间应晚于任职时间")
    if values.get("end_document_no") and ended is None:
        p.error("ended_on", "填写了免职文号，请同时填写免职时间")
    if p.errors:
        return p
    for finding in dossier.check_appointments(
        cadre.work_started_on, [dossier.Span(started, ended, values["title"])]
    ):
        p.warn(f"{finding.message}，请核实")
    return p


def _probation(cadre: Cadre, values: dict[str, Any], data: Mapping[str, Any], inst: Any) -> None:
    if data.get("no_probation"):
        values["probation_until"] = None
    elif values.get("probation_until") is None:
        values["probation_until"] = default_probation(cadre, values, inst)


def appointment_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> Appointment:
    """Record a post. An empty 试用期满 gets the default unless ``no_probation`` is true."""
    require_editor(actor)
    values = clean_values(data, APPOINTMENT_FIELDS)
    values.setdefault("is_leading", False)
    values.setdefault("is_main", True)
    full = merged(None, values, APPOINTMENT_FIELDS)
    _validate_appointment(cadre, full, None, actor).finish(confirmed)
    _probation(cadre, values, data, None)
    with transaction.atomic():
        values["sort"] = next_sort(cadre.appointments.all())
        return part_create(model=Appointment, cadre=cadre, values=values, actor=actor, refresh=True)


def appointment_update(
    *,
    cadre: Cadre,
    appointment: Appointment,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> Appointment:
    require_editor(actor)
    owned(appointment, cadre)
    values = clean_values(data, APPOINTMENT_FIELDS)
    full = merged(appointment, values, APPOINTMENT_FIELDS)
    _validate_appointment(cadre, full, appointment, actor).finish(confirmed)
    if "probation_until" in values or data.get("no_probation"):
        _probation(cadre, full, data, appointment)
        values["probation_until"] = full["probation_until"]
    with transaction.atomic():
        return part_update(
            instance=appointment, cadre=cadre, values=values, actor=actor, refresh=True
        )


def appointment_delete(*, cadre: Cadre, appointment: Appointment, actor: Actor) -> None:
    require_editor(actor)
    owned(appointment, cadre)
    with transaction.atomic():
        part_delete(instance=appointment, cadre=cadre, actor=actor, refresh=True)


def appointment_move(
    *, cadre: Cadre, appointment: Appointment, direction: str, actor: Actor
) -> None:
    """The order of posts decides how 现任职务 is written (main posts first, then this)."""
    require_editor(actor)
    owned(appointment, cadre)
    with transaction.atomic():
        part_move(
            instance=appointment,
            siblings=cadre.appointments.order_by("sort", "-started_on", "id"),
            direction=direction,
            cadre=cadre,
            actor=actor,
            refresh=True,
        )


# --- ranks (职级) and grades (级别): one open record at a time -----------------------------

RANK_FIELDS = ["rank", "started_on", "ended_on", "document_no"]
GRADE_FIELDS = ["grade", "step", "started_on", "ended_on", "document_no"]
MAX_STEP = 14


def _open_conflict(
    qs: Any, values: Mapping[str, Any], instance: Any, label: str, describe: Any, p: Problems
) -> Any:
    """Another open record while this one is open: the user confirms closing it the day
    before this one starts. Returns that record (to close), or None."""
    if values.get("ended_on") is not None or values.get("started_on") is None:
        return None
    others = qs.filter(ended_on__isnull=True)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    other = others.order_by("-started_on").first()
    if other is None:
        return None
    if other.started_on >= values["started_on"]:
        p.error("started_on", f"现任{label}“{describe(other)}”的起始时间不早于此条，请先修改该条")
        return None
    close_on = values["started_on"] - dt.timedelta(days=1)
    p.warn(f"将同时终止现任{label}“{describe(other)}”，终止时间为{close_on:%Y-%m-%d}")
    return other


def _close(record: Any, cadre: Cadre, started_on: dt.date, actor: Actor) -> None:
    part_update(
        instance=record,
        cadre=cadre,
        values={"ended_on": started_on - dt.timedelta(days=1)},
        actor=actor,
    )


def _rank_name(r: RankRecord) -> str:
    return codebook.name("rank", r.rank)


def _validate_rank(cadre: Cadre, values: dict[str, Any], instance: Any) -> tuple[Problems, Any]:
    p = Problems()
    check_required(values, {"rank": "职级", "started_on": "任职级时间"}, p)
    check_code("rank", values.get("rank"), "rank", p, "职级")
    check_after_birth(cadre, values.get("started_on"), "started_on", "任职级时间", p)
    check_order(
        values.get("started_on"),
        values.get("ended_on"),
        "ended_on",
        "终止时间不能早于任职级时间",
        p,
    )
    if values.get("started_on") and values["started_on"] > today():
        p.error("started_on", "任职级时间不能晚于今天")
    if p.errors:
        return p, None
    return p, _open_conflict(cadre.ranks.all(), values, instance, "职级", _rank_name, p)


def _timeline_create(
    *,
    model: type[Any],
    fields: Any,
    validate: Any,
    cadre: Cadre,
    data: Mapping[str, Any],
    confirmed: bool,
    actor: Actor,
    refresh: bool,
) -> Any:
    """Add a rank or grade record; an open one it supersedes is closed the day before."""
    require_editor(actor)
    values = clean_values(data, fields)
    p, to_close = validate(cadre, merged(None, values, fields), None)
    p.finish(confirmed)
    with transaction.atomic():
        if to_close is not None:
            _close(to_close, cadre, values["started_on"], actor)
        return part_create(model=model, cadre=cadre, values=values, actor=actor, refresh=refresh)


def _timeline_update(
    *,
    fields: Any,
    validate: Any,
    cadre: Cadre,
    record: Any,
    data: Mapping[str, Any],
    confirmed: bool,
    actor: Actor,
    refresh: bool,
) -> Any:
    require_editor(actor)
    owned(record, cadre)
    values = clean_values(data, fields)
    full = merged(record, values, fields)
    p, to_close = validate(cadre, full, record)
    p.finish(confirmed)
    with transaction.atomic():
        if to_close is not None:
            _close(to_close, cadre, full["started_on"], actor)
        return part_update(
            instance=record, cadre=cadre, values=values, actor=actor, refresh=refresh
        )


def _timeline_delete(*, cadre: Cadre, record: Any, actor: Actor, refresh: bool) -> None:
    require_editor(actor)
    owned(record, cadre)
    with transaction.atomic():
        part_delete(instance=record, cadre=cadre, actor=actor, refresh=refresh)


def rank_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> RankRecord:
    return _timeline_create(
        model=RankRecord,
        fields=RANK_FIELDS,
        validate=_validate_rank,
        cadre=cadre,
        data=data,
        confirmed=confirmed,
        actor=actor,
        refresh=True,
    )


def rank_update(
    *,
    cadre: Cadre,
    record: RankRecord,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> RankRecord:
    return _timeline_update(
        fields=RANK_FIELDS,
        validate=_validate_rank,
        cadre=cadre,
        record=record,
        data=data,
        confirmed=confirmed,
        actor=actor,
        refresh=True,
    )


def rank_delete(*, cadre: Cadre, record: RankRecord, actor: Actor) -> None:
    _timeline_delete(cadre=cadre, record=record, actor=actor, refresh=True)


def _grade_name(g: GradeRecord) -> str:
    return f"{g.grade}级"


def _validate_grade(cadre: Cadre, values: dict[str, Any], instance: Any) -> tuple[Problems, Any]:
    p = Problems()
    check_required(values, {"grade": "级别", "started_on": "起始时间"}, p)
    grade, step = values.get("grade"), values.get("step")
    if grade is not None and not 1 <= grade <= 27:
        p.error("grade", "级别应为1至27")
    if step is not None and not 1 <= step <= MAX_STEP:
        p.error("step", f"档次应为1至{MAX_STEP}")
    check_after_birth(cadre, values.get("started_on"), "started_on", "起始时间", p)
    check_order(
        values.get("started_on"), values.get("ended_on"), "ended_on", "终止时间不能早于起始时间", p
    )
    if values.get("started_on") and values["started_on"] > today():
        p.error("started_on", "起始时间不能晚于今天")
    if p.errors:
        return p, None
    return p, _open_conflict(cadre.grades.all(), values, instance, "级别", _grade_name, p)


def grade_create(
    *, cadre: Cadre, data: Mapping[str, Any], confirmed: bool = False, actor: Actor
) -> GradeRecord:
    return _timeline_create(
        model=GradeRecord,
        fields=GRADE_FIELDS,
        validate=_validate_grade,
        cadre=cadre,
        data=data,
        confirmed=confirmed,
        actor=actor,
        refresh=False,
    )


def grade_update(
    *,
    cadre: Cadre,
    record: GradeRecord,
    data: Mapping[str, Any],
    confirmed: bool = False,
    actor: Actor,
) -> GradeRecord:
    return _timeline_update(
        fields=GRADE_FIELDS,
        validate=_validate_grade,
        cadre=cadre,
        record=record,
        data=data,
        confirmed=confirmed,
        actor=actor,
        refresh=False,
    )


def grade_delete(*, cadre: Cadre, record: GradeRecord, actor: Actor) -> None:
    _timeline_delete(cadre=cadre, record=record, actor=actor, refresh=False)

"""Writing a roster import plan: all in one transaction, in bulk.

Audit decision: one `AuditEntry` per created or updated cadre (action create/update, with
``cadre_id`` and before → after, the ID number shown as "***"), written together with
`bulk_create`, plus one "import" entry for the batch. New cadres get their appointment,
rank and education records from the roster's columns, and their derived columns computed
in memory from those records (the same functions `people.derived` uses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.codes import degree_code
from cadre.interchange.importer import DEFAULTS, WRITABLE, Plan, PlanItem
from cadre.people import derived
from cadre.people.identity import id_number_fields
from cadre.people.models import Cadre, Education
from cadre.people.naming import pinyin_full, pinyin_initials
from cadre.people.retirement import retire_month_of
from cadre.posts.models import Appointment, RankRecord

ID_MARK = "***"
LEADING_LEVELS = frozenset({"01", "02", "11", "12", "21", "22", "31", "32", "41", "42"})
RETIREMENT_INPUTS = frozenset({"birth_date", "gender", "staff_category"})
_BATCH = 1000


class ImportConflict(Exception):
    """The database changed between plan and commit (an ID number was taken meanwhile)."""


@dataclass
class Written:
    created: int
    updated: int
    unchanged: int


def _params() -> Any:
    from cadre.people.services.common import rule_params

    return rule_params()


def commit_plan(plan: Plan, *, actor: Actor, note: str = "") -> Written:
    """Write the plan's create and update items (the caller decided error rows may be
    skipped). Nothing is written if anything fails."""
    creates = [i for i in plan.items if i.kind == "create"]
    updates = [i for i in plan.items if i.kind == "update"]
    params = _params()
    now = timezone.now()
    note = note or f"名册导入：{plan.file_name}"
    try:
        with transaction.atomic():
            # In slices, so that at most one slice of model instances is alive at a time.
            for i in range(0, len(creates), _BATCH):
                entries = _create(creates[i : i + _BATCH], actor, note, params)
                AuditEntry.objects.bulk_create(entries, batch_size=_BATCH)
            for i in range(0, len(updates), _BATCH):
                entries = _update(updates[i : i + _BATCH], actor, note, params, now)
                AuditEntry.objects.bulk_create(entries, batch_size=_BATCH)
    except IntegrityError as exc:
        raise ImportConflict(
            "导入期间有其他人录入了相同身份证号的干部，请重新预览后再导入"
        ) from exc
    return Written(len(creates), len(updates), plan.count("unchanged"))


def _entry(
    actor: Actor, action: str, cadre: Cadre, changes: dict[str, Any], note: str
) -> AuditEntry:
    return AuditEntry(
        actor=actor.user,
        actor_name=actor.name,
        ip=actor.ip,
        action=action,
        target_type="people.cadre",
        target_id=str(cadre.pk),
        target_repr=cadre.name[:200],
        cadre_id=cadre.pk,
        changes=changes,
        note=note[:500],
    )


def _education_parts(parts: dict[str, Any]) -> list[Education]:
    found: list[Education] = []
    for track, prefix in (
        (Education.Track.FULL_TIME, "full_time_"),
        (Education.Track.IN_SERVICE, "in_service_"),
    ):
        code = parts.get(prefix + "education")
        if code:
            found.append(
                _education(track, code, parts.get(prefix + "degree"), parts.get(prefix + "school"))
            )
    code = parts.get("education")
    if code and not found:
        from cadre.core import codebook

        party_school = codebook.attrs("education", code).get("party_school")
        track = Education.Track.IN_SERVICE if party_school else Education.Track.FULL_TIME
        found.append(_education(track, code, parts.get("degree"), None))
    for n, e in enumerate(found):
        e.sort = n
    return found


def _education(track: str, code: str, degree: str | None, school: str | None) -> Education:
    dcode = degree_code(degree) if degree else None
    name = degree if degree and degree not in ("博士", "硕士", "学士") else ""
    return Education(
        track=track, education=code, degree=dcode or "", degree_name=name or "", school=school or ""
    )


def _create(items: list[PlanItem], actor: Actor, note: str, params: Any) -> list[AuditEntry]:
    cadres: list[Cadre] = []
    children: list[tuple[list[Appointment], list[RankRecord], list[Education]]] = []
    for item in items:
        r = item.row
        assert r.unit is not None and r.id_number is not None
        values = {**DEFAULTS, **{f: r.values[f] for f in WRITABLE if f in r.values}}
        cadre = Cadre(
            **values,
            name_pinyin=pinyin_full(values["name"])[:160],
            name_initials=pinyin_initials(values["name"])[:40],
            unit=r.unit,
            unit_path=r.unit.path,
            **id_number_fields(r.id_number),
        )
        appts, ranks, edus = _parts(cadre, r.parts, r.unit)
        cadre.retire_month = retire_month_of(cadre, params=params)
        cadres.append(cadre)
        children.append((appts, ranks, edus))
    Cadre.objects.bulk_create(cadres, batch_size=_BATCH)
    appts_all: list[Appointment] = []
    ranks_all: list[RankRecord] = []
    edus_all: list[Education] = []
    entries: list[AuditEntry] = []
    for cadre, (appts, ranks, edus) in zip(cadres, children, strict=True):
        for obj in (*appts, *ranks, *edus):
            obj.cadre_id = cadre.pk  # type: ignore[attr-defined]
        appts_all += appts
        ranks_all += ranks
        edus_all += edus
        snap = audit.snapshot(cadre, [*WRITABLE, "unit"])
        changes = audit.diff({}, snap)
        changes["id_number"] = ["", ID_MARK]
        entries.append(_entry(actor, AuditEntry.Action.CREATE, cadre, changes, note))
    Appointment.objects.bulk_create(appts_all, batch_size=_BATCH)
    RankRecord.objects.bulk_create(ranks_all, batch_size=_BATCH)
    Education.objects.bulk_create(edus_all, batch_size=_BATCH)
    return entries


def _parts(
    cadre: Cadre, parts: dict[str, Any], unit: Any
) -> tuple[list[Appointment], list[RankRecord], list[Education]]:
    appts: list[Appointment] = []
    ranks: list[RankRecord] = []
    title = parts.get("current_position")
    level = parts.get("position_level", "")
    if title and parts.get("position_since"):
        appts.append(
            Appointment(
                unit=unit,
                title=title[:200],
                position_level=level,
                is_leading=level in LEADING_LEVELS,
                started_on=parts["position_since"],
            )
        )
        for k, v in derived.derive_positions(appts).items():
            setattr(cadre, k, v)
    elif title:
        cadre.current_position = title  # no start date: keep the text only
        cadre.position_level = level
        cadre.is_leader = level in LEADING_LEVELS
    if parts.get("rank") and parts.get("rank_since"):
        ranks.append(RankRecord(rank=parts["rank"], started_on=parts["rank_since"]))
        for k, v in derived.derive_rank(ranks).items():
            setattr(cadre, k, v)
    elif parts.get("rank"):
        cadre.rank = parts["rank"]
    edus = _education_parts(parts)
    if edus:
        for k, v in derived.derive_education(edus).items():
            setattr(cadre, k, v)
    return appts, ranks, edus


def _update(
    items: list[PlanItem], actor: Actor, note: str, params: Any, now: Any
) -> list[AuditEntry]:
    cadres: list[Cadre] = []
    fields: set[str] = set()
    entries: list[AuditEntry] = []
    for item in items:
        cadre, r = item.cadre, item.row
        assert cadre is not None
        for f in item.changes:
            if f == "unit_id":
                assert r.unit is not None
                cadre.unit = r.unit
                cadre.unit_path = r.unit.path
                fields.update({"unit", "unit_path"})
            else:
                setattr(cadre, f, r.values[f])
                fields.add(f)
        if "name" in item.changes:
            cadre.name_pinyin = pinyin_full(cadre.name)[:160]
            cadre.name_initials = pinyin_initials(cadre.name)[:40]
            fields.update({"name_pinyin", "name_initials"})
        if RETIREMENT_INPUTS & item.changes.keys():
            cadre.retire_month = retire_month_of(cadre, params=params)
            fields.add("retire_month")
        cadre.updated_at = now
        cadres.append(cadre)
        changes = {k: [audit.jsonable(a), audit.jsonable(b)] for k, (a, b) in item.changes.items()}
        entries.append(_entry(actor, AuditEntry.Action.UPDATE, cadre, changes, note))
    if cadres:
        Cadre.objects.bulk_update(cadres, sorted(fields | {"updated_at"}), batch_size=_BATCH)
    return entries

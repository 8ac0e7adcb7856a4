"""Importing LRMX files: match each person on the ID number's blind index, then create the
cadre, update what differs, or leave it. Every part is merged, never deleted: educations
and family members are matched (track + 学历; 称谓 + 姓名) and updated or added; the 简历,
kept as one text in LRMX, replaces the resume when it differs; a photo replaces the photo.
One audit entry per created or updated cadre, before → after; all in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch

from cadre.core import audit, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.errors import InterchangeRefused, Problem
from cadre.interchange.lrmx.convert import Converted, convert
from cadre.interchange.lrmx.parse import parse_lrmx
from cadre.interchange.values import CellError
from cadre.people import derived
from cadre.people.identity import id_number_fields
from cadre.people.models import Cadre, CadrePhoto, FamilyMember, ResumeEntry
from cadre.people.naming import pinyin_full, pinyin_initials
from cadre.people.presenters.formats import CPC_CODES
from cadre.people.selectors import cadres_for_system
from cadre.rules.resume import format_resume

if TYPE_CHECKING:
    from cadre.accounts.models import User
    from cadre.org.models import Unit

DEFAULTS = {"status": "1", "ethnicity": "01", "political_status": "13", "health": "1"}
FAMILY_FIELDS = (
    "relation",
    "name",
    "birth_date",
    "political_status",
    "work_unit_position",
    "is_deceased",
)


@dataclass
class Item:
    kind: str  # create | update | unchanged
    record: Converted
    cadre: Cadre | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)
    unit: Unit | None = None


@dataclass
class LrmxPlan:
    files: int
    items: list[Item]
    problems: list[Problem]

    def count(self, kind: str) -> int:
        return sum(1 for i in self.items if i.kind == kind)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def plan_lrmx(
    files: list[tuple[str, bytes]],
    *,
    user: User | None,
    unit_for_new: Unit | None,
    staff_category: str | None,
    today: dt.date | None = None,
) -> LrmxPlan:
    records: list[Converted] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for name, data in files:
        try:
            record = convert(name, parse_lrmx(data, name), today)
        except InterchangeRefused as exc:
            problems.append(Problem(name, 0, "", "", str(exc)))
            continue
        if record.id_number and record.id_number in seen:
            record.problem("ShenFenZheng", "与本批其他文件的身份证号重复")
        seen.add(record.id_number or "")
        records.append(record)
    existing = _existing([r.id_number for r in records if r.ok and r.id_number])
    visible = _visible(user, [c.pk for c in existing.values()])
    items: list[Item] = []
    for r in records:
        if r.ok:
            assert r.id_number is not None
            cadre = existing.get(crypto.blind_index(r.id_number))
            if cadre is None:
                unit = _unit_for(r, unit_for_new, user)
                if "staff_category" not in r.values and not staff_category:
                    r.problem("ShenFenZheng", "新增干部须指定人员类别（--staff-category）")
                if r.ok:
                    r.values.setdefault("staff_category", staff_category)
                    items.append(Item("create", r, unit=unit))
            elif visible is not None and cadre.pk not in visible:
                r.problem("ShenFenZheng", "该干部已在系统中，但不在您的管理范围内")
            else:
                changes = _changes(cadre, r)
                items.append(Item("update" if changes else "unchanged", r, cadre, changes))
        problems.extend(r.problems)
    return LrmxPlan(len(files), items, problems)


def _existing(ids: list[str]) -> dict[str, Cadre]:
    indexes = [crypto.blind_index(i) for i in ids]
    qs = (
        cadres_for_system()
        .filter(id_number_index__in=indexes)
        .prefetch_related(
            "educations", "family_members", Prefetch("resume_entries"), "appointments"
        )
    )
    return {c.id_number_index or "": c for c in qs}


def _visible(user: User | None, ids: list[int]) -> set[int] | None:
    if user is None:
        return None
    from cadre.people.selectors import cadres_for

    return set(cadres_for(user).filter(pk__in=ids).values_list("pk", flat=True))


def _unit_for(r: Converted, unit: Unit | None, user: User | None) -> Unit | None:
    from cadre.accounts.scope import unit_in_scope
    from cadre.interchange.units import find_unit

    if unit is None:
        try:
            unit = find_unit(r.person.get("ChengBaoDanWei"))
        except CellError:
            r.problem("ChengBaoDanWei", "无法确定新增干部的所在单位：请指定导入单位（--unit）")
            return None
    if user is not None and not unit_in_scope(user, unit):
        r.problem("ChengBaoDanWei", f"单位“{unit.name}”不在您的管理范围内")
    return unit


def _resume_text(rows: Any) -> str:
    from cadre.people.presenters.resume import resume_entries

    return format_resume(resume_entries(rows))


def _family_key(m: dict[str, Any]) -> tuple[str, str]:
    return m["relation"], m["name"]


def _family_row(m: FamilyMember) -> dict[str, Any]:
    return {f: getattr(m, f) for f in FAMILY_FIELDS}


def _same_member(old: dict[str, Any], new: dict[str, Any]) -> bool:
    def month(d: dt.date | None) -> tuple[int, int] | None:
        return (d.year, d.month) if d else None

    return all(
        (month(old[f]) == month(new[f])) if f == "birth_date" else old[f] == new[f]
        for f in FAMILY_FIELDS
        if f == "is_deceased" or new[f] not in ("", None)
    )


def _changes(cadre: Cadre, r: Converted) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    values = dict(r.values)
    if values.get("political_status") == "01" and cadre.political_status in CPC_CODES:
        values.pop("political_status")  # a 预备党员 stays one; LRMX cannot tell them apart
    for f, v in values.items():
        if getattr(cadre, f) != v:
            changes[f] = [audit.jsonable(getattr(cadre, f)), audit.jsonable(v)]
    if r.current_position and r.current_position != cadre.current_position:
        if cadre.appointments.all():
            r.problem("XianRenZhiWu", "与任职记录不同；LRMX导入不修改任职记录", "warning")
        else:
            changes["current_position"] = [cadre.current_position, r.current_position]
    edus = {(e.track, e.education): e for e in cadre.educations.all()}
    for e in r.educations:
        old = edus.get((e.track, e.education))
        new = {"degree": e.degree, "degree_name": e.degree_name, "school": e.school}
        current = (
            {"degree": old.degree, "degree_name": old.degree_name, "school": old.school + old.major}
            if old
            else {}
        )
        if old is None or any(v and current[k] != v for k, v in new.items()):
            changes.setdefault("education", [[], []])[1].append(f"{e.track}:{e.education}")
    if r.resume:
        old_text = _resume_text(cadre.resume_entries.all())
        new_text = format_resume(r.resume)
        if old_text != new_text:
            changes["resume"] = [old_text, new_text]
    members = {_family_key(_family_row(m)): _family_row(m) for m in cadre.family_members.all()}
    for m in r.family:
        old_m = members.get(_family_key(m))
        if old_m is None or not _same_member(old_m, m):
            changes.setdefault("family", [[], []])[1].append(m["name"])
    if r.photo is not None:
        image = CadrePhoto.objects.filter(cadre=cadre).values_list("image", flat=True).first()
        if image is None or bytes(image) != r.photo:
            changes["photo"] = ["<照片>" if image else "", "<新照片>"]
    return changes


def commit_lrmx(plan: LrmxPlan, *, actor: Actor, note: str) -> None:
    with transaction.atomic():
        for item in plan.items:
            if item.kind == "create":
                _create(item, actor, note)
            elif item.kind == "update":
                _update(item, actor, note)


def _create(item: Item, actor: Actor, note: str) -> None:
    r, unit = item.record, item.unit
    assert unit is not None and r.id_number is not None
    values = {**DEFAULTS, **r.values}
    cadre = Cadre.objects.create(
        **values,
        name_pinyin=pinyin_full(values["name"])[:160],
        name_initials=pinyin_initials(values["name"])[:40],
        unit=unit,
        unit_path=unit.path,
        **id_number_fields(r.id_number),
    )
    _write_parts(cadre, r, item.changes, new=True)
    changes = audit.diff({}, audit.snapshot(cadre, [*values, "unit", "current_position"]))
    changes["id_number"] = ["", "***"]
    audit.record(
        actor, AuditEntry.Action.CREATE, target=cadre, cadre_id=cadre.pk, changes=changes, note=note
    )


def _update(item: Item, actor: Actor, note: str) -> None:
    cadre, r = item.cadre, item.record
    assert cadre is not None
    simple = [f for f in item.changes if f in r.values]
    for f in simple:
        setattr(cadre, f, r.values[f])
    if "name" in simple:
        cadre.name_pinyin = pinyin_full(cadre.name)[:160]
        cadre.name_initials = pinyin_initials(cadre.name)[:40]
    cadre.save()
    _write_parts(cadre, r, item.changes, new=False)
    audit.record(
        actor,
        AuditEntry.Action.UPDATE,
        target=cadre,
        cadre_id=cadre.pk,
        changes=item.changes,
        note=note,
    )


def _write_parts(cadre: Cadre, r: Converted, changes: dict[str, Any], *, new: bool) -> None:
    if new or "education" in changes:
        edus = {(e.track, e.education): e for e in cadre.educations.all()}
        for e in r.educations:
            old = edus.get((e.track, e.education))
            if old is None:
                e.cadre = cadre
                e.save()
            else:
                old.degree, old.degree_name = (
                    e.degree or old.degree,
                    e.degree_name or old.degree_name,
                )
                if e.school and e.school != old.school + old.major:
                    old.school, old.major = e.school, ""  # LRMX keeps them as one text
                old.save()
    if r.resume and (new or "resume" in changes):
        cadre.resume_entries.all().delete()
        for n, entry in enumerate(r.resume):
            parent = ResumeEntry.objects.create(
                cadre=cadre,
                started_on=_first(entry.start),
                ended_on=_first(entry.end),
                text=entry.text[:300],
                sort=n,
            )
            for m, sub in enumerate(entry.during):
                ResumeEntry.objects.create(
                    cadre=cadre,
                    parent=parent,
                    started_on=_first(sub.start),
                    ended_on=_first(sub.end),
                    text=sub.text[:300],
                    sort=m,
                )
    if new or "family" in changes:
        members = {_family_key(_family_row(m)): m for m in cadre.family_members.all()}
        for row in r.family:
            old_m = members.get(_family_key(row))
            if old_m is None:
                FamilyMember.objects.create(cadre=cadre, **row)
            else:
                for f in FAMILY_FIELDS:
                    if row[f] not in ("", None) or f == "is_deceased":
                        setattr(old_m, f, row[f])
                old_m.save()
    if r.photo is not None and (new or "photo" in changes):
        CadrePhoto.objects.update_or_create(cadre=cadre, defaults={"image": r.photo})
    derived.refresh(cadre)
    # No appointment records to derive it from: keep the adform's text.
    if (
        r.current_position
        and cadre.current_position != r.current_position
        and not cadre.appointments.exists()
    ):
        cadre.current_position = r.current_position
        cadre.save(update_fields=["current_position"])


def _first(month: Any) -> dt.date | None:
    return month.first_day() if month is not None else None

"""Writing a roster import plan: all in one transaction, in bulk.

Audit decision: one `AuditEntry` per created or updated cadre (action create/update, with
``cadre_id`` and before → after, the ID number shown as "***"), written together with the
rows they describe, plus one "import" entry for the batch. New cadres get their appointment,
rank and education records from the roster's columns, and their derived columns computed
in memory from those records (the same functions `people.derived` uses).

New cadres are written in slices: on PostgreSQL with COPY (ids taken from the sequence
first, so that the child rows and audit entries can refer to them), elsewhere with
`bulk_create`. Both write the same rows; COPY runs on the same connection, inside
the caller's transaction, so a failure anywhere leaves nothing behind.

With COPY, Python and the database server work side by side: a slice's cadres are built
while their COPY streams (the server indexes each row as the next is made), and while the
server stores the slice's audit entries part of the next slice is built (`_Ahead`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from cadre.core import audit, bulk, codebook, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.codes import degree_code
from cadre.interchange.importer import (
    DEFAULTS,
    PHASE_WRITE,
    WRITABLE,
    Plan,
    PlanItem,
    Progress,
)
from cadre.people import derived
from cadre.people.models import Cadre, Education
from cadre.people.naming import pinyin_keys
from cadre.people.retirement import retire_month_of
from cadre.posts.models import Appointment, RankRecord

ID_MARK = "***"
LEADING_LEVELS = frozenset({"01", "02", "11", "12", "21", "22", "31", "32", "41", "42"})
RETIREMENT_INPUTS = frozenset({"birth_date", "gender", "staff_category"})
_BATCH = 1000
# COPY streams: large slices (a slice's parts and audit JSON are held until its cadres are
# written), few waits for the server to finish a statement.
_COPY_BATCH = 20_000
# While the server stores a slice's audit entries (about a quarter of the work a new cadre
# costs it), one cadre of the next slice is built per this many entries sent.
_AHEAD_EVERY = 4
_CREATED_FIELDS = frozenset({*WRITABLE, "unit"})


class ImportConflict(Exception):
    """The database changed between plan and commit (an ID number was taken meanwhile)."""


@dataclass
class Written:
    created: int
    updated: int
    unchanged: int


@dataclass(slots=True)
class _New:
    """One new cadre and the rows that come with it, ready to be written."""

    cadre: Cadre
    appointments: list[Appointment]
    ranks: list[RankRecord]
    educations: list[Education]


class _RetireMonths:
    """`retire_month_of` for the new cadres of one commit. Its answer depends on these
    five columns and the rule parameters only — of the birth date, on its year and month
    alone (the rule works in months) — and many cadres share them."""

    def __init__(self, params: Any) -> None:
        self.params = params
        self.known: dict[tuple[Any, ...], dt.date | None] = {}

    def __call__(self, cadre: Cadre) -> dt.date | None:
        born = cadre.birth_date
        key = (
            None if born is None else born.year * 12 + born.month,
            cadre.gender,
            cadre.staff_category,
            cadre.position_level,
            cadre.is_leader,
        )
        try:
            return self.known[key]
        except KeyError:
            month = self.known[key] = retire_month_of(cadre, params=self.params)
            return month


def _params() -> Any:
    from cadre.people.services.common import rule_params

    return rule_params()


@bulk.without_gc
def commit_plan(
    plan: Plan,
    *,
    actor: Actor,
    note: str = "",
    progress: Progress | None = None,
    copy: bool | None = None,
) -> Written:
    """Write the plan's create and update items (the caller decided error rows may be
    skipped). Nothing is written if anything fails.

    `copy` chooses how new cadres are written: COPY (PostgreSQL only) or `bulk_create`;
    by default COPY wherever the database is PostgreSQL. `progress`, if given, is called
    as progress("写入", done, total) after each slice of written rows and once at the end."""
    creates = [i for i in plan.items if i.kind == "create"]
    updates = [i for i in plan.items if i.kind == "update"]
    use_copy = bulk.is_postgresql() if copy is None else copy
    params = _params()
    now = timezone.now()
    note = note or f"名册导入：{plan.file_name}"
    total = len(creates) + len(updates)
    done = 0
    retire_months = _RetireMonths(params)
    try:
        with transaction.atomic():
            # In slices, so that at most about one slice of new rows is held at a time.
            step = _COPY_BATCH if use_copy else _BATCH
            ahead = _Ahead(creates, retire_months, use_copy)
            for i in range(0, len(creates), step):
                chunk = range(i, min(i + step, len(creates)))
                if use_copy:
                    _write_copy(ahead, chunk, _Stamp(actor, note, now))
                else:
                    _write_orm([ahead.take(n) for n in chunk], actor, note)
                done += len(chunk)
                if progress is not None:
                    progress(PHASE_WRITE, done, total)
            for i in range(0, len(updates), _BATCH):
                entries = _update(updates[i : i + _BATCH], actor, note, params, now, use_copy)
                done += len(entries)
                if progress is not None:
                    progress(PHASE_WRITE, done, total)
            if progress is not None and total == 0:
                progress(PHASE_WRITE, 0, 0)
    except IntegrityError as exc:
        raise ImportConflict(
            "导入期间有其他人录入了相同身份证号的干部，请重新预览后再导入"
        ) from exc
    return Written(len(creates), len(updates), plan.count("unchanged"))


def _entry_values(
    actor: Actor, action: str, pk: int, name: str, changes: Any, note: str
) -> dict[str, Any]:
    """The columns of the audit entry about one cadre (but its time)."""
    return {
        "actor_id": actor.user.pk if actor.user is not None else None,
        "actor_name": actor.name,
        "ip": actor.ip,
        "action": action,
        "target_type": "people.cadre",
        "target_id": str(pk),
        "target_repr": name[:200],
        "cadre_id": pk,
        "changes": changes,
        "note": note[:500],
    }


def _entry(
    actor: Actor, action: str, cadre: Cadre, changes: dict[str, Any], note: str
) -> AuditEntry:
    return bulk.new(AuditEntry, **_entry_values(actor, action, cadre.pk, cadre.name, changes, note))


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
        party_school = codebook.attrs("education", code).get("party_school")
        track = Education.Track.IN_SERVICE if party_school else Education.Track.FULL_TIME
        found.append(_education(track, code, parts.get("degree"), None))
    for n, e in enumerate(found):
        e.sort = n
    return found


def _education(track: str, code: str, degree: str | None, school: str | None) -> Education:
    dcode = degree_code(degree) if degree else None
    name = degree if degree and degree not in ("博士", "硕士", "学士") else ""
    return bulk.new(
        Education,
        track=str(track),
        education=code,
        degree=dcode or "",
        degree_name=name or "",
        school=school or "",
    )


def _new(item: PlanItem, retire_months: _RetireMonths) -> _New:
    """The new cadre of a create item with its parts and derived columns (unsaved)."""
    r = item.row
    assert r.unit is not None and r.id_number is not None
    values = {**DEFAULTS, **{f: r.values[f] for f in WRITABLE if f in r.values}}
    full, initials = pinyin_keys(values["name"])
    cadre = bulk.new(
        Cadre,
        **values,
        name_pinyin=full[:160],
        name_initials=initials[:40],
        unit_id=r.unit.pk,
        unit_path=r.unit.path,
        # The plan already holds the blind index; the cipher is made here, once.
        id_number_cipher=crypto.encrypt(r.id_number),
        id_number_index=item.index,
        id_last4=r.id_number[-4:],
    )
    Cadre.unit.field.set_cached_value(cadre, r.unit)
    appts, ranks, edus = _parts(cadre, r.parts, r.unit)
    cadre.retire_month = retire_months(cadre)
    return _New(cadre, appts, ranks, edus)


# Cadre attnames a creation's audit entry lists (secrets excluded), in the order
# `audit.diff` gives them.
_CREATED_ATTNAMES = sorted(
    f.attname
    for f in Cadre._meta.concrete_fields
    if f.name in _CREATED_FIELDS and not f.name.endswith(("_cipher", "_index"))
)


# (attname, its JSON key with the opening of its [before, after] pair)
_CREATED_KEYS = tuple((name, f'"{name}":[null,') for name in _CREATED_ATTNAMES)
_ID_NUMBER_CHANGE = f'"id_number":["",{encode_basestring(ID_MARK)}]'


def _created_json(cadre: Cadre) -> str:
    """The changes of a creation's audit entry as compact JSON text: what
    `audit.diff({}, audit.snapshot(cadre, [*WRITABLE, "unit"]))` gives — every value that is
    not None as [null, value], the ID number masked — built directly, without the per-field
    model introspection, since an import writes one per new cadre."""
    state = cadre.__dict__
    parts: list[str] = []
    for name, key in _CREATED_KEYS:
        value = state[name]
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            text = encode_basestring(value)
        elif kind is dt.date:
            text = f'"{value.isoformat()}"'
        elif kind is int:
            text = str(value)
        else:  # a bool, a str choice
            text = json.dumps(audit.jsonable(value), ensure_ascii=False)
        parts.append(f"{key}{text}]")
    parts.append(_ID_NUMBER_CHANGE)
    return "{" + ",".join(parts) + "}"


class _Parts:
    """The appointment, rank and education rows of new cadres, each pointed at its cadre."""

    def __init__(self) -> None:
        self.appointments: list[Appointment] = []
        self.ranks: list[RankRecord] = []
        self.educations: list[Education] = []

    def add(self, new: _New) -> None:
        pk = new.cadre.pk
        for obj in (*new.appointments, *new.ranks, *new.educations):
            obj.cadre_id = pk  # type: ignore[attr-defined]
        self.appointments += new.appointments
        self.ranks += new.ranks
        self.educations += new.educations

    def by_model(self) -> tuple[tuple[type[models.Model], list[Any]], ...]:
        return (
            (Appointment, self.appointments),
            (RankRecord, self.ranks),
            (Education, self.educations),
        )


def _entries(news: list[_New], actor: Actor, note: str) -> list[AuditEntry]:
    return [
        _entry(actor, AuditEntry.Action.CREATE, n.cadre, json.loads(_created_json(n.cadre)), note)
        for n in news
    ]


def _write_orm(news: list[_New], actor: Actor, note: str) -> None:
    Cadre.objects.bulk_create([n.cadre for n in news], batch_size=_BATCH)
    parts = _Parts()
    for n in news:
        parts.add(n)
    for model, objs in parts.by_model():
        model._default_manager.bulk_create(objs, batch_size=_BATCH)
    AuditEntry.objects.bulk_create(_entries(news, actor, note), batch_size=_BATCH)


@dataclass(frozen=True, slots=True)
class _Stamp:
    """Who writes, why and when: the same on every audit entry of one commit."""

    actor: Actor
    note: str
    now: dt.datetime


class _Ahead:
    """The new cadres of a commit, built in order: when their turn comes, or ahead of it
    while the server is busy with the previous slice's appointments and audit entries."""

    def __init__(self, items: list[PlanItem], retire_months: _RetireMonths, copy: bool) -> None:
        self.items = items
        self.retire_months = retire_months
        # On PostgreSQL every id at once, from the sequence: rows refer to their cadre
        # before it is written, and no query may run while COPY streams.
        self.ids = bulk.reserve_ids(Cadre, len(items)) if copy else None
        self.built: dict[int, _New] = {}
        self.next = 0

    def _build(self) -> None:
        n = self.next
        new = _new(self.items[n], self.retire_months)
        if self.ids is not None:
            new.cadre.pk = self.ids[n]
        self.built[n] = new
        self.next += 1

    def take(self, n: int) -> _New:
        while self.next <= n:
            self._build()
        return self.built.pop(n)

    def interleaved(self, rows: Iterable[Any], until: int) -> Iterator[Any]:
        """`rows` as they are, one cadre up to `until` built after every `_AHEAD_EVERY`."""
        until = min(until, len(self.items))
        for k, row in enumerate(rows, 1):
            yield row
            if k % _AHEAD_EVERY == 0 and self.next < until:
                self._build()


def _write_copy(ahead: _Ahead, chunk: range, stamp: _Stamp) -> None:
    """A slice of new cadres with one COPY per table. The cadres stream while they are
    built (plain Python, no query), so the server stores and indexes each row while the
    next ones are made; their parts and audit entries, gathered meanwhile, follow — and
    while the server stores those, part of the next slice is built."""
    codebook.codes("education")  # loaded now: nothing may query while COPY streams
    parts = _Parts()
    created: list[tuple[int, str, str]] = []

    def cadres() -> Iterator[Cadre]:
        for n in chunk:
            new = ahead.take(n)
            parts.add(new)
            created.append((new.cadre.pk, new.cadre.name, _created_json(new.cadre)))
            yield new.cadre

    bulk.copy_objects(Cadre, cadres(), with_pk=True, now=stamp.now)
    for model, objs in parts.by_model():
        bulk.copy_objects(model, objs, with_pk=False, now=stamp.now)
    columns = ("created_at", *_entry_values(stamp.actor, "", 0, "", None, "").keys())
    create = AuditEntry.Action.CREATE
    entries = (
        (
            stamp.now,
            *_entry_values(
                stamp.actor, create, pk, name, bulk.JsonText(changes), stamp.note
            ).values(),
        )
        for pk, name, changes in created
    )
    until = chunk.stop + len(chunk)
    bulk.copy_rows(AuditEntry, columns, ahead.interleaved(entries, until))


def _parts(
    cadre: Cadre, parts: dict[str, Any], unit: Any
) -> tuple[list[Appointment], list[RankRecord], list[Education]]:
    appts: list[Appointment] = []
    ranks: list[RankRecord] = []
    title = parts.get("current_position")
    level = parts.get("position_level", "")
    if title and parts.get("position_since"):
        appts.append(
            bulk.new(
                Appointment,
                unit_id=unit.pk,
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
        ranks.append(bulk.new(RankRecord, rank=parts["rank"], started_on=parts["rank_since"]))
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
    items: list[PlanItem], actor: Actor, note: str, params: Any, now: Any, use_copy: bool
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
            full, initials = pinyin_keys(cadre.name)
            cadre.name_pinyin = full[:160]
            cadre.name_initials = initials[:40]
            fields.update({"name_pinyin", "name_initials"})
        if RETIREMENT_INPUTS & item.changes.keys():
            cadre.retire_month = retire_month_of(cadre, params=params)
            fields.add("retire_month")
        cadre.updated_at = now
        cadres.append(cadre)
        changes = {k: [audit.jsonable(a), audit.jsonable(b)] for k, (a, b) in item.changes.items()}
        entries.append(_entry(actor, AuditEntry.Action.UPDATE, cadre, changes, note))
    if not cadres:
        return entries
    if use_copy:
        attnames = sorted("unit_id" if f == "unit" else f for f in fields | {"updated_at"})
        bulk.update_objects(Cadre, cadres, attnames, batch_size=_BATCH)
        bulk.copy_objects(AuditEntry, entries, with_pk=False, now=now)
    else:
        Cadre.objects.bulk_update(cadres, sorted(fields | {"updated_at"}), batch_size=_BATCH)
        AuditEntry.objects.bulk_create(entries, batch_size=_BATCH)
    return entries

"""LRMX on the web: upload → preview with a field-by-field comparison per file → commit the
files the user accepted; and the export of a roster selection as a .zip of "姓名.lrmx".

The upload is kept SM4-encrypted in an `ImportBatch` between preview and commit (`sealed`, as
the roster's); the commit plans the files again against the current data and
writes only the accepted ones, through `commit_lrmx`, in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from cadre.core import audit, codebook, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.access import may_unmask, readable_cadres
from cadre.interchange.errors import InterchangeRefused, Problem
from cadre.interchange.limits import limit
from cadre.interchange.lrmx.export import entry_name, lrmx_bytes, lrmx_params, with_lrmx_parts
from cadre.interchange.lrmx.load import Item, LrmxPlan, commit_lrmx, plan_lrmx
from cadre.interchange.lrmx.parse import parse_lrmx, read_lrmx_files
from cadre.interchange.models import ImportBatch
from cadre.interchange.sealed import seal, unseal
from cadre.interchange.services import audit_discard, check_import_allowed, masked_problem
from cadre.org.models import Unit
from cadre.people.models import Cadre, Education
from cadre.people.presenters.history import EMPTY, change_rows
from cadre.people.roster_query import RosterQuery
from cadre.rules.resume import format_resume

_ID_LIKE = re.compile(r"\d{14,17}[\dXx]")
# plan_lrmx speaks of the command's options; on the web they are fields of the upload form.
_WEB_WORDING = {
    "（--staff-category）": "（请在上传时选择“新增干部的人员类别”）",
    "（--unit）": "（请在上传时选择“新增干部所在单位”）",
}
EXTRA_LABELS = {
    "education": "学历学位",
    "resume": "简历",
    "family": "家庭主要成员",
    "photo": "照片",
}


# --- import ---------------------------------------------------------------------------------


def _unique(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Entry names are the key of a file in the preview: two "张伟.lrmx" from different
    folders of a zip become "张伟.lrmx" and "张伟.lrmx（2）"."""
    used: dict[str, int] = {}
    out: list[tuple[str, bytes]] = []
    for name, data in files:
        n = used.get(name, 0) + 1
        used[name] = n
        out.append((name if n == 1 else f"{name}（{n}）", data))
    return out


def _files(data: bytes, file_name: str) -> list[tuple[str, bytes]]:
    files = read_lrmx_files(data, file_name)
    if PurePath(file_name).suffix.lower() != ".zip":
        # A single file that is not LRMX is refused as a whole, not listed as a bad entry.
        parse_lrmx(data, file_name)
    return _unique(files)


def _plan(files: list[tuple[str, bytes]], *, batch: ImportBatch, actor: Actor) -> LrmxPlan:
    return plan_lrmx(
        files,
        user=actor.user,
        unit_for_new=batch.unit,
        staff_category=batch.options.get("staff_category") or None,
    )


def _web(problem: Problem) -> Problem:
    message = problem.message
    for cli, web in _WEB_WORDING.items():
        message = message.replace(cli, web)
    return Problem(
        problem.sheet, problem.row, problem.column, problem.value, message, problem.severity
    )


def _mask(value: str) -> str:
    return _ID_LIKE.sub(lambda m: crypto.mask_id_number(m.group(0)), value)


def _date(value: dt.date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def _education_lines(rows: list[Any]) -> str:
    lines = []
    for e in sorted(rows, key=lambda e: (e.track != Education.Track.FULL_TIME, e.sort)):
        degree = e.degree_name or codebook.name("degree", e.degree)
        parts = [
            Education.Track(e.track).label,
            codebook.name("education", e.education),
            degree,
            e.school + e.major,
        ]
        lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines)


def _family_lines(rows: list[dict[str, Any]]) -> str:
    lines = []
    for m in rows:
        parts = [
            codebook.name("family_relation", m["relation"]),
            m["name"],
            _date(m["birth_date"]),
            codebook.name("political_status", m["political_status"]),
            m["work_unit_position"],
            "已去世" if m["is_deceased"] else "",
        ]
        lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines)


def _family_rows(cadre: Cadre) -> list[dict[str, Any]]:
    return [
        {
            "relation": m.relation,
            "name": m.name,
            "birth_date": m.birth_date,
            "political_status": m.political_status,
            "work_unit_position": m.work_unit_position,
            "is_deceased": m.is_deceased,
        }
        for m in cadre.family_members.all()
    ]


def _row(label: str, old: str, new: str) -> dict[str, str]:
    return {"label": label, "old": _mask(old) or EMPTY, "new": _mask(new) or EMPTY}


def comparison(item: Item) -> list[dict[str, str]]:
    """字段 | 系统中 | 文件中 for every field the file changes (for a new cadre: every field
    the file gives), codes shown as names, ID numbers masked, parts shown as text."""
    r, cadre = item.record, item.cadre
    if cadre is None:
        simple = {f: [None, audit.jsonable(v)] for f, v in r.values.items()}
        if r.current_position:
            simple["current_position"] = [None, r.current_position]
        parts = {"education": bool(r.educations), "resume": bool(r.resume)}
        parts |= {"family": bool(r.family), "photo": r.photo is not None}
    else:
        simple = {
            f: pair
            for f, pair in item.changes.items()
            if f not in ("education", "resume", "family", "photo")
        }
        parts = {f: f in item.changes for f in ("education", "resume", "family", "photo")}
    rows = [_row(c.label, c.before, c.after) for c in change_rows("people.cadre", simple)]
    if parts["education"]:
        old = _education_lines(list(cadre.educations.all())) if cadre else ""
        rows.append(_row(EXTRA_LABELS["education"], old, _education_lines(r.educations)))
    if parts["resume"]:
        old = item.changes["resume"][0] if cadre else ""
        rows.append(_row(EXTRA_LABELS["resume"], old, format_resume(r.resume)))
    if parts["family"]:
        old = _family_lines(_family_rows(cadre)) if cadre else ""
        rows.append(_row(EXTRA_LABELS["family"], old, _family_lines(r.family)))
    if parts["photo"]:
        old = "有照片" if cadre and item.changes["photo"][0] else ""
        rows.append(_row(EXTRA_LABELS["photo"], old, "新照片"))
    return rows


def preview_entries(files: list[tuple[str, bytes]], plan: LrmxPlan) -> list[dict[str, Any]]:
    """One entry per file, in the order of the upload: what it would do, and why not."""
    items = {i.record.entry: i for i in plan.items}
    errors: dict[str, int] = {}
    for p in plan.problems:
        if p.is_error:
            errors[p.sheet] = errors.get(p.sheet, 0) + 1
    entries: list[dict[str, Any]] = []
    for index, (entry, _data) in enumerate(files):
        item = items.get(entry)
        row: dict[str, Any] = {
            "index": index,
            "entry": _mask(entry),  # a file may be named after an ID number
            "errors": errors.get(entry, 0),
        }
        if item is None or row["errors"]:
            row |= {"kind": "error", "name": "", "changes": []}
        else:
            row |= {
                "kind": item.kind,
                "name": str(item.record.values.get("name", "")),
                "cadre_id": item.cadre.pk if item.cadre else None,
                "cadre_name": item.cadre.name if item.cadre else "",
                "unit": item.unit.name if item.unit else "",
                "changes": comparison(item),
            }
        entries.append(row)
    return entries


def _summary(files: list[tuple[str, bytes]], plan: LrmxPlan) -> dict[str, Any]:
    entries = preview_entries(files, plan)
    return {
        "files": len(files),
        "create": sum(1 for e in entries if e["kind"] == "create"),
        "update": sum(1 for e in entries if e["kind"] == "update"),
        "unchanged": sum(1 for e in entries if e["kind"] == "unchanged"),
        "error_files": sum(1 for e in entries if e["kind"] == "error"),
        "entries": entries,
    }


def _problems(plan: LrmxPlan) -> list[dict[str, object]]:
    out = []
    for p in plan.problems:
        d = masked_problem(_web(p))
        out.append(d | {k: _mask(str(d[k])) for k in ("sheet", "value", "message")})
    return out


def lrmx_preview(
    *,
    data: bytes,
    file_name: str,
    unit: Unit | None,
    staff_category: str | None,
    actor: Actor,
) -> ImportBatch:
    """Check an uploaded .lrmx or .zip and keep it, encrypted, with its preview.

    Raises InterchangeRefused for a refused file and PermissionDenied for a user who may not
    import (into ``unit``); in both cases nothing is stored."""
    check_import_allowed(actor, unit)
    files = _files(data, file_name)
    batch = ImportBatch(
        kind=ImportBatch.Kind.LRMX,
        file_name=file_name[:255],
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        unit=unit,
        options={"staff_category": staff_category or ""},
        created_by=actor.user,
    )
    plan = _plan(files, batch=batch, actor=actor)
    batch.summary = _summary(files, plan)
    batch.problems = _problems(plan)
    batch.payload = seal(data)
    batch.save()
    return batch


def accepted_plan(plan: LrmxPlan, entries: set[str]) -> LrmxPlan:
    """The part of a plan the user accepted: the items and problems of those files only."""
    items = [i for i in plan.items if i.record.entry in entries]
    problems = [p for p in plan.problems if p.sheet in entries]
    return LrmxPlan(len(items), items, problems)


def _decided(summary: dict[str, Any], accepted: set[int]) -> dict[str, Any]:
    """Once decided, the batch keeps what happened to each file, not the compared values."""
    entries = [
        {k: v for k, v in e.items() if k != "changes"} | {"accepted": e["index"] in accepted}
        for e in summary.get("entries", [])
    ]
    return summary | {"entries": entries}


@dataclass
class LrmxResult:
    accepted: int
    created: int
    updated: int
    unchanged: int


def lrmx_commit(*, batch: ImportBatch, accepted: set[int], actor: Actor) -> LrmxResult:
    """Write the accepted files of a previewed batch, planned again against the current data.

    A batch already decided, or an accepted file that now has errors, is refused
    (InterchangeRefused) and nothing is written; in the latter case the stored preview is
    brought up to date so the user sees why."""
    if not batch.is_open or batch.kind != ImportBatch.Kind.LRMX:
        raise InterchangeRefused("该导入批次已处理，不能重复导入")
    check_import_allowed(actor, batch.unit)
    if not accepted:
        raise InterchangeRefused("请至少勾选一个要导入的文件")
    files = _files(unseal(batch.payload), batch.file_name)
    plan = _plan(files, batch=batch, actor=actor)
    summary = _summary(files, plan)
    chosen = [e for e in summary["entries"] if e["index"] in accepted]
    if not chosen:
        raise InterchangeRefused("请至少勾选一个要导入的文件")
    failing = [e["entry"] for e in chosen if e["kind"] == "error"]
    if failing:
        batch.summary, batch.problems = summary, _problems(plan)
        batch.save(update_fields=["summary", "problems"])
        raise InterchangeRefused(
            f"所选文件“{'”“'.join(failing[:5])}”{'等' if len(failing) > 5 else ''}"
            "在重新检查时有错误，未导入任何数据；请查看最新的检查结果后重新选择。"
        )
    part = accepted_plan(plan, {files[e["index"]][0] for e in chosen})
    result = LrmxResult(
        accepted=len(chosen),
        created=part.count("create"),
        updated=part.count("update"),
        unchanged=part.count("unchanged"),
    )
    note = f"LRMX导入：{batch.file_name}"
    try:
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if not locked.is_open:
                raise InterchangeRefused("该导入批次已处理，不能重复导入")
            if result.created or result.updated:
                commit_lrmx(part, actor=actor, note=note)
                audit.record(
                    actor,
                    AuditEntry.Action.IMPORT,
                    target_type="interchange.lrmx",
                    target_id=str(batch.pk),
                    target_repr=batch.file_name[:200],
                    changes={
                        "files": plan.files,
                        "accepted": result.accepted,
                        "created": result.created,
                        "updated": result.updated,
                    },
                    note=note,
                )
            batch.status = ImportBatch.Status.COMMITTED
            batch.payload = ""
            batch.decided_at = timezone.now()
            batch.summary = _decided(summary, {e["index"] for e in chosen})
            batch.problems = _problems(plan)
            batch.result = {
                "files": plan.files,
                "accepted": result.accepted,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
            batch.save(
                update_fields=["status", "payload", "decided_at", "summary", "problems", "result"]
            )
    except IntegrityError as exc:
        # Someone entered the same ID number since the check: everything is rolled back.
        raise InterchangeRefused(
            "导入时发现身份证号已被他人录入，未导入任何数据；请重新上传后再核对"
        ) from exc
    return result


def lrmx_discard(*, batch: ImportBatch, actor: Actor) -> bool:
    """Give up a previewed batch: the file and the compared values are dropped; audited.
    A batch already decided (committed meanwhile) is left as it is."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not locked.is_open:
            return False
        before = locked.status
        locked.status = ImportBatch.Status.DISCARDED
        locked.payload = ""
        locked.decided_at = timezone.now()
        locked.summary = _decided(locked.summary, set())
        locked.save(update_fields=["status", "payload", "decided_at", "summary"])
        audit_discard(actor, locked, before)
    return True


# --- export of a selection --------------------------------------------------------------------


def selection(*, actor: Actor, query: RosterQuery, today: dt.date) -> QuerySet[Cadre]:
    """The roster's selection: the actor's scope, the unit's subtree, filters and search."""
    return query.apply(readable_cadres(actor), today)


def lrmx_export_selection(
    *,
    actor: Actor,
    qs: QuerySet[Cadre],
    out: IO[bytes],
    at: dt.date,
    unit: Unit | None,
    described: list[str],
) -> int:
    """Write a .zip of "姓名.lrmx" for the cadres of ``qs`` (already scoped) to ``out``, ages
    computed at ``at``; one export audit entry. Refuses more than CADRE_LRMX_EXPORT_MAX."""
    count = qs.count()
    cap = limit("CADRE_LRMX_EXPORT_MAX")
    if count > cap:
        raise InterchangeRefused(
            f"所选范围共{count}人，超过网页导出上限{cap}人。请选择下级单位或增加筛选条件缩小范围，"
            "或由管理员使用命令行 cadre export_lrmx --unit 单位 导出。"
        )
    if count == 0:
        raise InterchangeRefused("所选范围内没有干部，未导出任何文件")
    params = lrmx_params()
    used: dict[str, int] = {}
    written = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for cadre in with_lrmx_parts(qs).iterator(chunk_size=200):
            zf.writestr(entry_name(cadre.name, used), lrmx_bytes(cadre, actor, at, params))
            written += 1
    scope = unit.name if unit is not None else "管理范围内"
    unmasked = may_unmask(actor)
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=unit,
        target_type="" if unit is not None else "interchange.lrmx",
        changes={
            "format": "lrmx",
            "count": written,
            "at": at.isoformat(),
            "filters": described,
            "id_numbers": unmasked,
        },
        note=f"导出{scope}任免审批表LRMX共{written}人{'（含身份证号）' if unmasked else ''}",
    )
    return written

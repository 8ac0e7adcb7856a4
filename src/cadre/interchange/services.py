"""Import services: roster and LRMX, from the command line (direct, synchronous) or the web
(an `ImportBatch` checked and committed by background tasks, see `cadre.interchange.tasks`).
Every commit is one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from cadre.accounts.models import Role, User
from cadre.accounts.scope import unit_in_scope
from cadre.core import audit, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.commit import commit_plan
from cadre.interchange.errors import InterchangeRefused, Problem
from cadre.interchange.importer import PHASE_WRITE, Plan, Progress, plan_roster
from cadre.interchange.limits import limit
from cadre.interchange.models import ImportBatch
from cadre.interchange.readers.columns import CHOOSABLE, HeaderChoices
from cadre.interchange.readers.roster import read_roster
from cadre.interchange.sealed import seal, unseal
from cadre.org.models import Unit

logger = logging.getLogger(__name__)
_ID_LIKE = re.compile(r"^\d{14,17}[\dXx]$")


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    committed: bool = False
    planned: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The command-line contract: exactly these five keys."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [p.as_dict() for p in self.errors],
        }

    @classmethod
    def refused(cls, message: str, sheet: str = "") -> ImportReport:
        return cls(errors=[Problem(sheet, 0, "", "", message)])


def check_import_allowed(actor: Actor, unit: Unit | None) -> None:
    """System imports may write anywhere; a user needs an editor role and the unit in scope."""
    user = actor.user
    if user is None:
        return
    if not user.can_edit_cadres:
        raise PermissionDenied(
            "您没有导入干部信息的权限（仅组织部干部管理员和单位人事专员可以导入）"
        )
    if unit is not None and not unit_in_scope(user, unit):
        raise PermissionDenied("所选单位不在您的管理范围内")


def _chosen_headers(plan: Plan) -> dict[str, object]:
    """For the import's audit entry: the headers the user said what they are, if any."""
    chosen = {f"{h.sheet}!{h.column} {h.label}": h.field for h in plan.headers if h.field}
    return {"headers": chosen} if chosen else {}


def _report(plan: Plan) -> ImportReport:
    return ImportReport(
        rows=plan.rows,
        errors=plan.errors,
        warnings=plan.warnings,
        planned=plan.summary(),
    )


def _commit(
    plan: Plan,
    report: ImportReport,
    *,
    actor: Actor,
    unit: Unit,
    note: str,
    progress: Progress | None = None,
) -> None:
    report.committed = True
    report.unchanged = plan.count("unchanged")
    if not plan.count("create") and not plan.count("update"):
        return  # the same file again: nothing to write, not even an audit entry
    with transaction.atomic():
        written = commit_plan(plan, actor=actor, note=note, progress=progress)
        audit.record(
            actor,
            AuditEntry.Action.IMPORT,
            target=unit,
            changes={
                "file": plan.file_name,
                **_chosen_headers(plan),
                "rows": plan.rows,
                "created": written.created,
                "updated": written.updated,
                "unchanged": written.unchanged,
                "skipped_error_rows": plan.error_rows,
            },
            note=note,
        )
    report.created, report.updated, report.unchanged = (
        written.created,
        written.updated,
        written.unchanged,
    )
    report.committed = True


def roster_import(
    *,
    data: bytes,
    file_name: str,
    unit: Unit,
    dry_run: bool = False,
    valid_only: bool = False,
    default_staff_category: str | None = None,
    headers: HeaderChoices | None = None,
    actor: Actor,
    progress: Progress | None = None,
) -> ImportReport:
    """Read, validate, plan and (unless a dry run, or errors without ``valid_only``) commit.
    ``headers``: what unknown headers are (`read_roster`).

    Raises InterchangeRefused for a refused file and PermissionDenied for a user who may not
    import into ``unit``; in both cases nothing is written."""
    check_import_allowed(actor, unit)
    roster = read_roster(data, file_name, headers)
    plan = plan_roster(
        roster,
        unit=unit,
        user=actor.user,
        default_staff_category=default_staff_category,
        progress=progress,
    )
    report = _report(plan)
    if dry_run:
        report.created = plan.count("create")
        report.updated = plan.count("update")
        report.unchanged = plan.count("unchanged")
        return report
    if plan.errors and not valid_only:
        return report
    _commit(plan, report, actor=actor, unit=unit, note=f"名册导入：{file_name}", progress=progress)
    return report


# --- the web flow: a batch checked and committed by background tasks ----------------------
#
# The request keeps the upload (encrypted) and queues a task; the task (cadre.interchange.tasks)
# rebuilds the acting user and calls `batch_check` or `batch_commit` below. State changes of
# a batch are conditional UPDATEs (``filter(status=…).update(…)``), so two requests, or a
# request and a task, can never both move the same batch.

READING = "读取文件"
WAITING = "排队等待后台处理"
HAS_ERRORS = "文件仍有错误，未导入任何数据；可修改后重新上传，或选择“只导入无误的行”。"
DECIDED = "该导入批次已处理，不能重复导入"


def masked_problem(problem: Problem) -> dict[str, object]:
    """A problem as a batch stores it: with its severity, and an ID number in the value
    masked."""
    d = problem.as_dict()
    d["severity"] = problem.severity
    value = str(d["value"])
    if _ID_LIKE.match(value):
        d["value"] = crypto.mask_id_number(value)
    return d


# What the progress poll reads of a batch (and of its unit, for the scope check).
_STATE = (
    "kind",
    "status",
    "created_by_id",
    "unit__path",
    "message",
    "progress_phase",
    "progress_done",
    "progress_total",
    "progress_at",
    "created_at",
)


def batch_for(user: User, pk: int, *, state_only: bool = False) -> ImportBatch:
    """A batch as its uploader, or an org admin whose scope holds its unit, may see it;
    anyone else gets 404. The stored file is never loaded here; with ``state_only`` (the
    progress poll, every second) neither are the preview's problems."""
    qs = ImportBatch.objects.select_related("unit").filter(pk=pk, kind=ImportBatch.Kind.ROSTER)
    batch = (qs.only(*_STATE) if state_only else qs.defer("payload")).first()
    if batch is None:
        raise Http404("找不到该导入批次")
    if batch.created_by_id is not None and batch.created_by_id == user.pk:
        return batch
    if user.role == Role.ORG_ADMIN and batch.unit is not None and unit_in_scope(user, batch.unit):
        return batch
    raise Http404("找不到该导入批次")


# A worker that dies mid-task (killed, the machine restarted) leaves its batch 检查中 or
# 导入中 for good. Nothing was written — the check only reads and the commit is one
# transaction — so a batch without progress for CADRE_IMPORT_STALE_MINUTES is shown as
# interrupted and its uploader may discard it.
INTERRUPTED = "中断"
_STALLING = (ImportBatch.Status.CHECKING, ImportBatch.Status.COMMITTING)


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=limit("CADRE_IMPORT_STALE_MINUTES"))


def _interrupted() -> Q:
    """The batches `batch_interrupted` is true of, as a filter (for conditional UPDATEs)."""
    before = _stale_before()
    return Q(status__in=_STALLING) & (
        Q(progress_at__lt=before) | Q(progress_at__isnull=True, created_at__lt=before)
    )


def batch_interrupted(batch: ImportBatch) -> bool:
    """Checking or committing, without progress (or, before any, since the upload) for
    CADRE_IMPORT_STALE_MINUTES: its task has most likely died."""
    last = batch.progress_at or batch.created_at
    return batch.status in _STALLING and last is not None and last < _stale_before()


def _interrupted_message() -> str:
    minutes = limit("CADRE_IMPORT_STALE_MINUTES")
    return f"后台处理已超过{minutes}分钟没有进展，可能已中断；未写入任何数据，可以放弃后重新上传。"


def batch_state(batch: ImportBatch) -> dict[str, object]:
    """What the progress bar polls for. An interrupted batch is not running: the page
    reloads and offers to discard it."""
    interrupted = batch_interrupted(batch)
    return {
        "status": batch.status,
        "label": INTERRUPTED if interrupted else batch.get_status_display(),
        "running": batch.is_running and not interrupted,
        "phase": batch.progress_phase,
        "done": batch.progress_done,
        "total": batch.progress_total,
        "message": _interrupted_message() if interrupted else batch.message,
    }


def _enqueue(batch: ImportBatch, task: Any, *args: object) -> ImportBatch:
    """Queue a task for the batch and remember its id. A task that cannot even be queued
    fails the batch (nothing has been written) rather than the request."""
    try:
        result = task.enqueue(batch.pk, *args)
    except Exception:
        logger.exception("导入批次 %s：后台任务无法排队", batch.pk)
        batch_fail(batch_id=batch.pk, message="无法启动后台处理，未写入任何数据，请稍后重试")
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])
    batch.refresh_from_db()
    return batch


def roster_upload(
    *,
    data: bytes,
    file_name: str,
    unit: Unit,
    default_staff_category: str | None = None,
    actor: Actor,
) -> ImportBatch:
    """Keep an uploaded roster, encrypted (it holds ID numbers), and queue its check.
    Nothing about cadres is read or written here."""
    from cadre.interchange.tasks import check_roster_batch

    check_import_allowed(actor, unit)
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.ROSTER,
        status=ImportBatch.Status.QUEUED,
        file_name=file_name[:255],
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        payload=seal(data),
        unit=unit,
        options={"default_staff_category": default_staff_category or ""},
        created_by=actor.user,
        progress_phase=WAITING,
        progress_at=timezone.now(),
    )
    return _enqueue(batch, check_roster_batch, actor.user.pk if actor.user else None, actor.ip)


def _plan_batch(batch: ImportBatch, actor: Actor, progress: Progress) -> Plan:
    assert batch.unit is not None
    check_import_allowed(actor, batch.unit)
    progress(READING, 0, 0)
    roster = read_roster(unseal(batch.payload), batch.file_name, batch.options.get("headers"))
    return plan_roster(
        roster,
        unit=batch.unit,
        user=actor.user,
        default_staff_category=batch.options.get("default_staff_category") or None,
        progress=progress,
    )


def batch_check(*, batch_id: int, actor: Actor, progress: Progress) -> bool:
    """The upload task: read, validate and plan the stored file; keep the counts and every
    problem for the preview. Reads only. False when the batch was no longer waiting
    (discarded meanwhile, or the task ran twice)."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.CHECKING, progress_at=timezone.now()
    )
    if not claimed:
        return False
    batch = ImportBatch.objects.select_related("unit").get(pk=batch_id)
    plan = _plan_batch(batch, actor, progress)
    # The status condition keeps a discard made while the check ran.
    return bool(
        ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.CHECKING).update(
            status=ImportBatch.Status.PREVIEWED,
            summary=_preview_summary(plan),
            problems=[masked_problem(p) for p in plan.problems],
            progress_done=plan.rows,
            progress_total=plan.rows,
            progress_at=timezone.now(),
        )
    )


def _preview_summary(plan: Plan) -> dict[str, object]:
    """The counts of the preview, and the headers the user may say what they are."""
    return {**plan.summary(), "headers": [h.as_dict() for h in plan.headers]}


def roster_headers(*, batch: ImportBatch, chosen: dict[str, str], actor: Actor) -> ImportBatch:
    """The uploader says what unknown headers are (a field, or "" for not imported): the
    file is checked again with these choices, which the commit then uses too. Only for a
    previewed batch, only headers the file has, only fields an import reads. Audited."""
    if batch.kind != ImportBatch.Kind.ROSTER or not batch.is_open:
        raise InterchangeRefused(DECIDED)
    assert batch.unit is not None
    check_import_allowed(actor, batch.unit)
    known = {h["key"] for h in batch.summary.get("headers", [])}
    stray = sorted(set(chosen) - known)
    if stray:
        raise InterchangeRefused("文件中没有这些表头，请刷新页面后重新指定")
    wrong = sorted({f for f in chosen.values() if f and f not in CHOOSABLE})
    if wrong:
        raise InterchangeRefused("所选的项目不能导入，请重新选择")
    before = dict(batch.options.get("headers", {}))
    after = {**before, **chosen}
    if after == before:
        return batch
    from cadre.interchange.tasks import check_roster_batch

    with transaction.atomic():
        claimed = ImportBatch.objects.filter(
            pk=batch.pk, status=ImportBatch.Status.PREVIEWED
        ).update(
            status=ImportBatch.Status.QUEUED,
            options={**batch.options, "headers": after},
            summary={},
            problems=[],
            message="",
            progress_phase=WAITING,
            progress_done=0,
            progress_total=0,
            progress_at=timezone.now(),
        )
        if not claimed:  # decided meanwhile
            raise InterchangeRefused(DECIDED)
        audit.record(
            actor,
            AuditEntry.Action.UPDATE,
            target=batch,
            changes={"headers": [before, after]},
            note=f"指定表头：{batch.file_name}",
        )
    return _enqueue(batch, check_roster_batch, actor.user.pk if actor.user else None, actor.ip)


def roster_commit(*, batch: ImportBatch, valid_only: bool, actor: Actor) -> ImportBatch:
    """The uploader's decision: queue the commit of a previewed batch. Refused (nothing
    queued) for a batch already decided or being committed, and for a file with errors
    unless ``valid_only``."""
    if batch.kind != ImportBatch.Kind.ROSTER:
        raise InterchangeRefused(DECIDED)
    if batch.status == ImportBatch.Status.COMMITTING:
        raise InterchangeRefused("该导入批次正在导入，请稍候")
    if not batch.is_open:
        raise InterchangeRefused(DECIDED)
    assert batch.unit is not None
    check_import_allowed(actor, batch.unit)
    if batch.summary.get("errors") and not valid_only:
        raise InterchangeRefused(HAS_ERRORS)
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEWED).update(
        status=ImportBatch.Status.COMMITTING,
        message="",
        progress_phase=WAITING,
        progress_done=0,
        progress_total=0,
        progress_at=timezone.now(),
    )
    if not claimed:  # another request got there first
        raise InterchangeRefused(DECIDED)
    from cadre.interchange.tasks import commit_roster_batch

    return _enqueue(
        batch, commit_roster_batch, actor.user.pk if actor.user else None, actor.ip, valid_only
    )


def batch_commit(
    *, batch_id: int, valid_only: bool, actor: Actor, progress: Progress
) -> ImportReport | None:
    """The commit task: plan the file again against the current data, then write it in one
    transaction together with the batch's new status. With errors and not ``valid_only``
    nothing is written and the batch returns to 待确认 with the new problems. None when the
    batch was not waiting for this commit."""
    batch = ImportBatch.objects.select_related("unit").get(pk=batch_id)
    if batch.status != ImportBatch.Status.COMMITTING or batch.kind != ImportBatch.Kind.ROSTER:
        return None
    assert batch.unit is not None
    plan = _plan_batch(batch, actor, progress)
    report = _report(plan)
    if plan.errors and not valid_only:
        ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.COMMITTING).update(
            status=ImportBatch.Status.PREVIEWED,
            summary=_preview_summary(plan),
            problems=[masked_problem(p) for p in plan.problems],
            message=HAS_ERRORS,
            progress_at=timezone.now(),
        )
        return report
    # Progress inside the commit transaction would be seen by nobody: its own UPDATEs stay
    # invisible until the commit, and a second connection cannot help — on SQLite this
    # transaction holds the database's only write lock, on PostgreSQL it holds the batch
    # row FOR UPDATE, so a progress write from another connection would wait for the very
    # transaction it reports on. So the page learns the phase and the count before the
    # transaction starts and the result when it ends; the slices written in between go to
    # the worker's log.
    progress(PHASE_WRITE, 0, plan.count("create") + plan.count("update"))
    note = f"名册导入：{batch.file_name}"
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().only("status").get(pk=batch_id)
        if locked.status != ImportBatch.Status.COMMITTING:
            return None
        _commit(plan, report, actor=actor, unit=batch.unit, note=note, progress=_logged(batch_id))
        result = report.as_json() | {"valid_only": valid_only}
        result["errors"] = [masked_problem(p) for p in report.errors]
        written = report.created + report.updated
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.COMMITTED,
            payload="",
            decided_at=timezone.now(),
            result=result,
            progress_done=written,
            progress_total=written,
            progress_at=timezone.now(),
        )
    return report


def _logged(batch_id: int) -> Progress:
    def progress(phase: str, done: int, total: int) -> None:
        logger.info("导入批次 %s：%s %s/%s", batch_id, phase, done, total)

    return progress


def batch_fail(*, batch_id: int, message: str) -> None:
    """A task could not finish: keep why, drop the file. Only a batch still in the hands of
    a task is failed (a finished or discarded one keeps its state)."""
    ImportBatch.objects.filter(pk=batch_id, status__in=ImportBatch.RUNNING).update(
        status=ImportBatch.Status.FAILED,
        message=message[:500],
        payload="",
        decided_at=timezone.now(),
        progress_at=timezone.now(),
    )


def audit_discard(actor: Actor, batch: ImportBatch, before: str) -> None:
    """The audit entry of a discarded batch (roster or LRMX): nothing was imported."""
    audit.record(
        actor,
        AuditEntry.Action.UPDATE,
        target=batch,
        target_repr=f"{batch.get_kind_display()}导入：{batch.file_name}",
        changes={"status": [before, ImportBatch.Status.DISCARDED.value]},
        note=f"放弃导入：{batch.file_name}（未写入任何数据）",
    )


def batch_discard(*, batch: ImportBatch, actor: Actor) -> bool:
    """Drop a batch not yet committed (its check may still be running); audited. A commit
    under way cannot be discarded, unless it is interrupted (`batch_interrupted`): the
    condition is part of the locking SELECT, so a commit that is alive after all either
    finishes first (its transaction holds the batch row) or finds the batch discarded and
    writes nothing."""
    discardable = Q(
        status__in=[
            ImportBatch.Status.QUEUED,
            ImportBatch.Status.CHECKING,
            ImportBatch.Status.PREVIEWED,
        ]
    )
    with transaction.atomic():
        before = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch.pk)
            .filter(discardable | _interrupted())
            .values_list("status", flat=True)
            .first()
        )
        if before is None:
            return False
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.DISCARDED, payload="", decided_at=timezone.now()
        )
        audit_discard(actor, batch, before)
    return True


# --- LRMX ---------------------------------------------------------------------------------


def lrmx_import(
    *,
    data: bytes,
    file_name: str,
    unit: Unit | None = None,
    staff_category: str | None = None,
    dry_run: bool = False,
    valid_only: bool = False,
    actor: Actor,
) -> ImportReport:
    """Import one .lrmx or a .zip batch. ``unit`` places new cadres (else 呈报单位 is tried)."""
    from cadre.interchange.lrmx.load import commit_lrmx, plan_lrmx
    from cadre.interchange.lrmx.parse import read_lrmx_files

    check_import_allowed(actor, unit)
    files = read_lrmx_files(data, file_name)
    plan = plan_lrmx(files, user=actor.user, unit_for_new=unit, staff_category=staff_category)
    report = ImportReport(
        rows=plan.files,
        errors=plan.errors,
        warnings=[p for p in plan.problems if not p.is_error],
    )
    counts = (plan.count("create"), plan.count("update"), plan.count("unchanged"))
    if dry_run:
        report.created, report.updated, report.unchanged = counts
        return report
    if plan.errors and not valid_only:
        return report
    report.committed = True
    report.unchanged = counts[2]
    if not counts[0] and not counts[1]:
        return report
    note = f"LRMX导入：{file_name}"
    with transaction.atomic():
        commit_lrmx(plan, actor=actor, note=note)
        audit.record(
            actor,
            AuditEntry.Action.IMPORT,
            target_type="interchange.lrmx",
            target_repr=file_name[:200],
            changes={"files": plan.files, "created": counts[0], "updated": counts[1]},
            note=note,
        )
    report.created, report.updated = counts[0], counts[1]
    return report

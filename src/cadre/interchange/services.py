"""Import services: roster and LRMX, from the command line (direct) or the web (preview
stored in an `ImportBatch`, then commit). Imports run synchronously for now — there is no
task runner yet — and every commit is one transaction."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cadre.accounts.scope import unit_in_scope
from cadre.core import audit, crypto
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.commit import commit_plan
from cadre.interchange.errors import InterchangeRefused, Problem
from cadre.interchange.importer import Plan, plan_roster
from cadre.interchange.models import ImportBatch
from cadre.interchange.readers.roster import read_roster
from cadre.org.models import Unit

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


def _report(plan: Plan) -> ImportReport:
    return ImportReport(
        rows=plan.rows,
        errors=plan.errors,
        warnings=plan.warnings,
        planned=plan.summary(),
    )


def _commit(plan: Plan, report: ImportReport, *, actor: Actor, unit: Unit, note: str) -> None:
    report.committed = True
    report.unchanged = plan.count("unchanged")
    if not plan.count("create") and not plan.count("update"):
        return  # the same file again: nothing to write, not even an audit entry
    with transaction.atomic():
        written = commit_plan(plan, actor=actor, note=note)
        audit.record(
            actor,
            AuditEntry.Action.IMPORT,
            target=unit,
            changes={
                "file": plan.file_name,
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
    actor: Actor,
) -> ImportReport:
    """Read, validate, plan and (unless a dry run, or errors without ``valid_only``) commit.

    Raises InterchangeRefused for a refused file and PermissionDenied for a user who may not
    import into ``unit``; in both cases nothing is written."""
    check_import_allowed(actor, unit)
    roster = read_roster(data, file_name)
    plan = plan_roster(
        roster, unit=unit, user=actor.user, default_staff_category=default_staff_category
    )
    report = _report(plan)
    if dry_run:
        report.created = plan.count("create")
        report.updated = plan.count("update")
        report.unchanged = plan.count("unchanged")
        return report
    if plan.errors and not valid_only:
        return report
    _commit(plan, report, actor=actor, unit=unit, note=f"名册导入：{file_name}")
    return report


# --- the web flow: preview stored in an ImportBatch, then commit ----------------------------


def _masked(problem: Problem) -> dict[str, object]:
    d = problem.as_dict()
    d["severity"] = problem.severity
    value = str(d["value"])
    if _ID_LIKE.match(value):
        d["value"] = crypto.mask_id_number(value)
    return d


def _seal(data: bytes) -> str:
    return crypto.encrypt(base64.b64encode(data).decode("ascii"))


def _unseal(token: str) -> bytes:
    return base64.b64decode(crypto.decrypt(token))


def roster_preview(
    *,
    data: bytes,
    file_name: str,
    unit: Unit,
    default_staff_category: str | None = None,
    actor: Actor,
) -> ImportBatch:
    """Validate an uploaded roster and keep it, encrypted, with its preview."""
    check_import_allowed(actor, unit)
    roster = read_roster(data, file_name)
    plan = plan_roster(
        roster, unit=unit, user=actor.user, default_staff_category=default_staff_category
    )
    return ImportBatch.objects.create(
        kind=ImportBatch.Kind.ROSTER,
        file_name=file_name[:255],
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        payload=_seal(data),
        unit=unit,
        options={"default_staff_category": default_staff_category or ""},
        summary=plan.summary(),
        problems=[_masked(p) for p in plan.problems],
        created_by=actor.user,
    )


def roster_commit(*, batch: ImportBatch, valid_only: bool, actor: Actor) -> ImportReport:
    """Commit a previewed batch: the file is planned again against the current data."""
    if not batch.is_open or batch.kind != ImportBatch.Kind.ROSTER:
        raise InterchangeRefused("该导入批次已处理，不能重复导入")
    assert batch.unit is not None
    check_import_allowed(actor, batch.unit)
    roster = read_roster(_unseal(batch.payload), batch.file_name)
    plan = plan_roster(
        roster,
        unit=batch.unit,
        user=actor.user,
        default_staff_category=batch.options.get("default_staff_category") or None,
    )
    report = _report(plan)
    if plan.errors and not valid_only:
        return report
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not locked.is_open:
            raise InterchangeRefused("该导入批次已处理，不能重复导入")
        _commit(plan, report, actor=actor, unit=batch.unit, note=f"名册导入：{batch.file_name}")
        batch.status = ImportBatch.Status.COMMITTED
        batch.payload = ""
        batch.decided_at = timezone.now()
        batch.result = report.as_json() | {"valid_only": valid_only}
        batch.result["errors"] = [_masked(p) for p in report.errors]
        batch.save(update_fields=["status", "payload", "decided_at", "result"])
    return report


def batch_discard(*, batch: ImportBatch, actor: Actor) -> None:
    if not batch.is_open:
        return
    batch.status = ImportBatch.Status.DISCARDED
    batch.payload = ""
    batch.decided_at = timezone.now()
    batch.save(update_fields=["status", "payload", "decided_at"])


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

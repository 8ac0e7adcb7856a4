"""The warnings scan as a background task (django-tasks).

``scan_warnings.enqueue(run_id=…)`` runs ``scan_and_store`` in a worker (``cadre db_worker``):
every kind of warning over the 现职 cadres of the run's subtree, written in bulk as
``Finding`` rows (COPY on PostgreSQL) with each row's unit path, so that the warnings centre
and the home page read the stored findings through each user's scope. A finished run
replaces the older runs of the same or a smaller subtree.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cadre.analytics import warnings as scan
from cadre.analytics.grouping import without_jit
from cadre.analytics.models import Finding, ScanRun
from cadre.core.bulk import copy_rows, is_postgresql
from cadre.org.models import Unit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cadre.analytics.warnings import Flag

log = logging.getLogger(__name__)
BATCH = 5000
COLUMNS = ("run_id", "kind", "cadre_id", "unit_code", "name", "unit_path", "message")


def _rows(run_id: int, flags: Iterable[Flag]) -> Iterable[tuple[Any, ...]]:
    for f in flags:
        yield (
            run_id,
            f.kind,
            f.cadre_id,
            f.unit_code,
            (f.name or f.unit_name)[:120],
            f.unit_path,
            f.message,
        )


def _store(run: ScanRun, flags: list[Flag]) -> None:
    if is_postgresql():
        copy_rows(Finding, COLUMNS, _rows(run.pk, flags))
        return
    batch = [Finding(**dict(zip(COLUMNS, row, strict=True))) for row in _rows(run.pk, flags)]
    Finding.objects.bulk_create(batch, batch_size=BATCH)


def scan_and_store(
    *, run_id: int | None = None, unit_code: str | None = None, requested_by: int | None = None
) -> ScanRun:
    """Scan a subtree and store its findings (the task's work; also callable directly).

    Either an existing queued run, or a unit code (default: the root of the tree) for a
    new one."""
    if run_id is not None:
        run = ScanRun.objects.select_related("unit").get(pk=run_id)
    else:
        unit = Unit.objects.get(code=unit_code) if unit_code else Unit.get_root_nodes().first()
        if unit is None:
            raise ValueError("没有可扫描的单位")
        run = ScanRun.objects.create(
            unit=unit,
            unit_path=unit.path,
            requested_by_id=requested_by,
            as_of=timezone.localdate(),
        )
    run.status = ScanRun.Status.RUNNING
    run.started_at = timezone.now()
    run.as_of = timezone.localdate()
    run.save(update_fields=["status", "started_at", "as_of"])
    try:
        # One read-only transaction without JIT: server-side cursors stream instead of
        # being materialised (WITH HOLD), and no statement pays seconds of compilation.
        with without_jit():
            flags = scan.scan(scan.system_context(run.unit, run.as_of))
        counts = Counter(f.kind for f in flags)
        with transaction.atomic():
            _store(run, flags)
            run.counts = {k.key: counts.get(k.key, 0) for k in scan.KINDS}
            run.total = len(flags)
            run.status = ScanRun.Status.DONE
            run.finished_at = timezone.now()
            run.save(update_fields=["counts", "total", "status", "finished_at"])
        _drop_replaced(run)
    except Exception as exc:
        log.exception("预警扫描失败：%s", run.unit_path)
        ScanRun.objects.filter(pk=run.pk).update(
            status=ScanRun.Status.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
        )
        raise
    return run


def _drop_replaced(run: ScanRun) -> None:
    """Older finished runs of this subtree or inside it: their findings are superseded."""
    old = (
        ScanRun.objects.filter(unit_path__startswith=run.unit_path, created_at__lte=run.created_at)
        .exclude(pk=run.pk)
        .exclude(status__in=[ScanRun.Status.QUEUED, ScanRun.Status.RUNNING])
    )
    ids = list(old.values_list("pk", flat=True))
    if ids:
        # Findings have no dependants: one DELETE each, without loading rows.
        Finding.objects.filter(run_id__in=ids)._raw_delete(Finding.objects.db)
        ScanRun.objects.filter(pk__in=ids).delete()


@task()
def scan_warnings(run_id: int) -> int:
    """Background: run the queued scan; returns the number of findings."""
    return scan_and_store(run_id=run_id).total


@task()
def refresh_summary(run_id: int | None = None) -> str:
    """Background: rebuild the structure summary; returns the day it is as of."""
    from cadre.analytics.summary import refresh

    return refresh(run_id=run_id).as_of.isoformat()

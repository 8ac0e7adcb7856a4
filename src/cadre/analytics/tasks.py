"""The warnings scan as a background task (django-tasks).

``scan_warnings.enqueue(run_id=…)`` runs ``scan_and_store`` in a worker (``cadre db_worker``):
every kind of warning over the 现职 cadres of the run's subtree, written in bulk as
``Finding`` rows (COPY on PostgreSQL, or a kind's own ``store``) with each row's unit path,
so that the warnings centre and the home page read the stored findings through each user's
scope. A finished run replaces the older runs of the same or a smaller subtree.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from cadre.analytics import warnings as scan
from cadre.analytics.grouping import scan_session
from cadre.analytics.models import Finding, ScanRun
from cadre.analytics.warnings.store import write_flags
from cadre.core.bulk import is_postgresql
from cadre.org.models import Unit

log = logging.getLogger(__name__)


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
        counts = _run_jobs(scan.system_context(run.unit, run.as_of), run.pk)
        run.counts = {k.key: counts.get(k.key, 0) for k in scan.KINDS}
        run.total = sum(run.counts.values())
        run.status = ScanRun.Status.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "total", "status", "finished_at"])
        _drop_replaced(run)
    except Exception as exc:
        log.exception("预警扫描失败：%s", run.unit_path)
        # Findings of a run that is not done are never read; a failed run keeps none.
        Finding.objects.filter(run_id=run.pk)._raw_delete(Finding.objects.db)
        ScanRun.objects.filter(pk=run.pk).update(
            status=ScanRun.Status.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
        )
        raise
    return run


def _run_job(keys: tuple[str, ...], ctx: scan.ScanContext, run_id: int) -> dict[str, int]:
    """Store the findings of some kinds, in one transaction of their own: without JIT
    (seconds of compilation for nothing), with room to sort and hash in memory, and with
    server-side cursors that stream instead of being materialised (WITH HOLD)."""
    counts = {}
    with transaction.atomic(), scan_session():
        for key in keys:
            kind = scan.KINDS_BY_KEY[key]
            stored = kind.store(ctx, run_id)
            if stored is None:
                stored = write_flags(run_id, kind.items(ctx))
            counts[key] = stored
    return counts


def _run_jobs(ctx: scan.ScanContext, run_id: int) -> dict[str, int]:
    """Every job of the scan: side by side on PostgreSQL, each thread on its own connection
    (the database does the heavy part of each job, so they share the cores); one after
    the other inside an outer transaction (tests) or on SQLite (one writer at a time)."""
    jobs = scan.SCAN_JOBS
    workers = min(settings.CADRE_SCAN_WORKERS, len(jobs))
    if not is_postgresql() or connection.in_atomic_block or workers < 2:
        counts: dict[str, int] = {}
        for keys in jobs:
            counts |= _run_job(keys, ctx, run_id)
        return counts

    def threaded(keys: tuple[str, ...]) -> dict[str, int]:
        try:
            return _run_job(keys, ctx, run_id)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scan") as pool:
        results = list(pool.map(threaded, jobs))
    return {key: n for part in results for key, n in part.items()}


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

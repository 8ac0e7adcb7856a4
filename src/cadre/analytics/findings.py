"""Reading the stored warnings (预警) of the latest scan, through the user's scope.

The warnings centre, its counts and the home page read ``Finding`` rows of the latest
finished ``ScanRun`` covering the unit asked for, restricted to the unit's subtree and to
the user's scope (the same path prefixes as every cadre list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from cadre.accounts.scope import restrict_by_path, unit_in_scope
from cadre.analytics.models import Finding, ScanRun

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit


def latest_run(unit: Unit) -> ScanRun | None:
    """The latest finished scan of the unit's subtree or of a subtree containing it."""
    step = unit.steplen
    prefixes = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
    return (
        ScanRun.objects.filter(status=ScanRun.Status.DONE, unit_path__in=prefixes)
        .select_related("unit")
        .order_by("-finished_at", "-id")
        .first()
    )


def pending_run(unit: Unit) -> ScanRun | None:
    """A scan of the subtree that is queued or running, if any."""
    return (
        ScanRun.objects.filter(
            status__in=[ScanRun.Status.QUEUED, ScanRun.Status.RUNNING], unit_path=unit.path
        )
        .order_by("-created_at")
        .first()
    )


def findings_for(user: User | AnonymousUser, run: ScanRun, unit: Unit) -> QuerySet[Finding]:
    """The run's findings in the unit's subtree that the user may see."""
    rows = Finding.objects.filter(run=run)
    if unit.path != run.unit_path:
        rows = rows.filter(unit_path__startswith=unit.path)
    return restrict_by_path(rows, user, "unit_path")


def counts_for(user: User | AnonymousUser, run: ScanRun, unit: Unit) -> dict[str, int]:
    """Findings per kind in the unit's subtree and the user's scope. When the user sees the
    whole scanned subtree, the counts stored with the run answer without reading rows."""
    whole = unit.path == run.unit_path and unit_in_scope(user, unit)
    if whole:
        return {str(k): int(v) for k, v in run.counts.items()}
    rows = findings_for(user, run, unit).values_list("kind").annotate(n=Count("id")).order_by()
    return {kind: n for kind, n in rows}

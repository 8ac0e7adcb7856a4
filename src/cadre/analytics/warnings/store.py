"""Writing a scan's warnings as stored findings (``Finding`` rows), in bulk: COPY on
PostgreSQL, ``bulk_create`` elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cadre.analytics.models import Finding
from cadre.core.bulk import copy_rows, is_postgresql

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cadre.analytics.warnings.base import Flag

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


def write_flags(run_id: int, flags: list[Flag]) -> int:
    """Store the flags as findings of the run; returns how many."""
    if is_postgresql():
        return copy_rows(Finding, COLUMNS, _rows(run_id, flags))
    batch = [Finding(**dict(zip(COLUMNS, row, strict=True))) for row in _rows(run_id, flags)]
    Finding.objects.bulk_create(batch, batch_size=BATCH)
    return len(batch)

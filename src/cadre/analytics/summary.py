"""The structure summary: the dashboard's grouped counts for every unit subtree, refreshed
by a background task, so a province's dashboard reads a few hundred rows.

The same groupings as the live dashboard (``structure.SETS``, the in-service levels and the
trend) are counted once per unit over all 现职 cadres — one ``GROUPING SETS`` pass with the
unit path added to each grouping — and added up to every ancestor by path prefix, in SQL.
The dashboard uses the summary when the whole subtree is in the user's scope (then the
user's corps is exactly the subtree's); otherwise, or before the first refresh, it computes
live. A summary older than ``CADRE_ANALYTICS_SUMMARY_MINUTES`` (or of an earlier day: ages
move) is still shown, with 数据截至, while a refresh is queued.
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from cadre.accounts.scope import unit_in_scope
from cadre.analytics.drill import IN_OFFICE
from cadre.analytics.grouping import grouping, without_jit
from cadre.analytics.models import StructureCell, SummaryRefresh
from cadre.analytics.structure import (
    SETS,
    Groups,
    best_in_service,
    compose,
    structure_dims,
)
from cadre.analytics.trend import TREND_SET, trend_dims, trend_from
from cadre.org.models import Unit
from cadre.people.models import Education
from cadre.people.selectors import cadres_for_system

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User

IN_SERVICE_SET = ("lvl",)
# Grouping number → its dimensions (stored as v1, v2, v3).
GROUPINGS: tuple[tuple[str, ...], ...] = (*SETS, IN_SERVICE_SET, TREND_SET)
INTS = {"age", "education_level", "full_time_education_level", "lvl", "born", "began", "left"}
BOOLS = {"town", "is_leader"}


def _max_age() -> timedelta:
    return timedelta(minutes=getattr(settings, "CADRE_ANALYTICS_SUMMARY_MINUTES", 60))


def _value(dim: str, text: str | None) -> Any:
    if text is None:
        return None
    if dim in INTS:
        return int(float(text))
    if dim in BOOLS:
        return text.lower() in ("1", "t", "true")
    return text


def _insert_grouping(g: Any, offset: int, sets: tuple[tuple[str, ...], ...]) -> tuple[str, list]:
    """INSERT the rows of a grouping statement (unit_path first in every set) as cells."""
    index = {mask: offset + sets.index(s[1:]) for mask, s in g.sets.items()}
    which = " ".join(f"WHEN {m} THEN {i}" for m, i in index.items())
    values = []
    for k in range(3):
        whens = []
        for mask, s in g.sets.items():
            dims = s[1:]
            if k < len(dims):
                whens.append(f"WHEN {mask} THEN CAST(q.g_{dims[k]} AS TEXT)")
        values.append(f"CASE q.grp {' '.join(whens)} ELSE NULL END" if whens else "NULL")
    sql = (
        "INSERT INTO tmp_cells (set_no, path, v1, v2, v3, n) "  # noqa: S608
        f"SELECT CASE q.grp {which} END, q.g_unit_path, {', '.join(values)}, q.n "
        f"FROM ({g.sql}) AS q"
    )
    return sql, g.params


def refresh(today: dt.date | None = None, run_id: int | None = None) -> SummaryRefresh:
    """Rebuild the whole summary (the task's work; ``run_id``: the refresh queued by
    ``request_refresh``). Readers keep the previous one until the transaction commits."""
    today = today or timezone.localdate()
    run = SummaryRefresh.objects.filter(pk=run_id).first() if run_id else None
    if run is None:
        run = SummaryRefresh.objects.create(as_of=today)
    elif run.as_of != today:
        run.as_of = today
        run.save(update_fields=["as_of"])
    root = Unit.objects.filter(depth=1).order_by("path").first()
    everyone = cadres_for_system()
    corps = everyone.filter(status=IN_OFFICE)
    statements: list[tuple[str, list[Any]]] = []
    step = deepest = 0
    if root is not None:
        step = Unit.steplen
        dims = {"unit_path": "unit_path", **structure_dims(root, today)}
        # The 乡镇 flag must cover every root of the tree, not only the first.
        from django.db.models import BooleanField, ExpressionWrapper, Q

        from cadre.analytics.structure import _town_unit_ids

        towns = Q(pk__in=[])
        for r in Unit.objects.filter(depth=1):
            towns |= Q(unit_id__in=_town_unit_ids(r))
        dims["town"] = ExpressionWrapper(towns, output_field=BooleanField())
        sets = tuple(("unit_path", *s) for s in SETS)
        statements.append(_insert_grouping(grouping(corps, dims, sets), 0, SETS))
        best = best_in_service(Education.objects.filter(cadre__status=IN_OFFICE)).values(
            "cadre__unit_path", "lvl"
        )
        sql, params = best.query.sql_with_params()
        statements.append(
            (
                "INSERT INTO tmp_cells (set_no, path, v1, v2, v3, n) "  # noqa: S608
                f"SELECT {GROUPINGS.index(IN_SERVICE_SET)}, t.cadre__unit_path, "
                "CAST(t.lvl AS TEXT), NULL, NULL, COUNT(*) "
                f"FROM ({sql}) AS t GROUP BY t.cadre__unit_path, t.lvl",
                list(params),
            )
        )
        tdims = {"unit_path": "unit_path", **trend_dims(today)}
        tg = grouping(everyone, tdims, [("unit_path", *TREND_SET)])
        statements.append(_insert_grouping(tg, GROUPINGS.index(TREND_SET), (TREND_SET,)))
        deepest = Unit.objects.aggregate(d=Max("depth"))["d"] or 1
    try:
        _rebuild(run, statements, step, deepest)
    except Exception:
        # A failed refresh must not hold back the next one (see request_refresh).
        SummaryRefresh.objects.filter(pk=run.pk).delete()
        raise
    return run


def _rebuild(
    run: SummaryRefresh, statements: list[tuple[str, list[Any]]], step: int, deepest: int
) -> None:
    with without_jit(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS tmp_cells")
        cursor.execute(
            "CREATE TEMPORARY TABLE tmp_cells (set_no integer, path varchar(255), "
            "v1 varchar(40), v2 varchar(40), v3 varchar(40), n bigint)"
        )
        for statement, values in statements:
            cursor.execute(statement, values)
        cursor.execute(f"DELETE FROM {StructureCell._meta.db_table}")  # noqa: S608
        if deepest:
            for d in range(1, deepest + 1):
                width = d * step
                cursor.execute(
                    f"INSERT INTO {StructureCell._meta.db_table} "  # noqa: S608
                    "(unit_path, set_no, v1, v2, v3, n) "
                    f"SELECT substr(path, 1, {width}), set_no, v1, v2, v3, SUM(n) "
                    f"FROM tmp_cells WHERE length(path) >= {width} "
                    f"GROUP BY substr(path, 1, {width}), set_no, v1, v2, v3"
                )
        cursor.execute("DROP TABLE tmp_cells")
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        SummaryRefresh.objects.exclude(pk=run.pk).filter(finished_at__isnull=False).delete()


def latest() -> SummaryRefresh | None:
    return SummaryRefresh.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()


def request_refresh() -> None:
    """Queue a refresh unless one queued or started within the last hour is unfinished: the
    queued refresh is recorded first, so concurrent pages queue one task, not one each."""
    from cadre.analytics.tasks import refresh_summary

    pending = SummaryRefresh.objects.filter(
        finished_at__isnull=True, started_at__gte=timezone.now() - timedelta(hours=1)
    ).exists()
    if pending:
        return
    run = SummaryRefresh.objects.create(as_of=timezone.localdate())
    refresh_summary.enqueue(run_id=run.pk)


def is_fresh(run: SummaryRefresh) -> bool:
    """Of today (ages move at midnight) and younger than the configured age."""
    return (
        run.finished_at is not None
        and run.as_of == timezone.localdate()
        and run.finished_at >= timezone.now() - _max_age()
    )


def read(unit: Unit, run: SummaryRefresh) -> dict[str, Any]:
    """The dashboard figures of the unit's subtree from the summary."""
    cells = StructureCell.objects.filter(unit_path=unit.path).values_list(
        "set_no", "v1", "v2", "v3", "n"
    )
    counts: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {s: {} for s in GROUPINGS}
    for number, v1, v2, v3, n in cells:
        dims = GROUPINGS[number]
        key = tuple(_value(d, v) for d, v in zip(dims, (v1, v2, v3), strict=False))
        counts[dims][key] = counts[dims].get(key, 0) + n
    g = Groups({s: counts[s] for s in SETS})
    total = sum(g.by(("town", "gender", "age")).values())
    in_service: dict[int | None, int] = {k[0]: n for k, n in counts[IN_SERVICE_SET].items()}
    in_service[None] = total - sum(n for k, n in in_service.items() if k is not None)
    figures = compose(unit, run.as_of, g, in_service, trend_from(counts[TREND_SET], run.as_of))
    figures["data_as_of"] = timezone.localtime(run.finished_at).isoformat(timespec="minutes")
    return figures


def dashboard_figures(user: User | AnonymousUser, unit: Unit) -> dict[str, Any]:
    """The dashboard: from the summary when the subtree is wholly in the user's scope and a
    summary exists (queueing a refresh when it is old), else computed live."""
    from cadre.analytics.structure import structure_figures

    run = latest()
    now = timezone.now()
    if run is None or not is_fresh(run):
        request_refresh()
    if run is None or not unit_in_scope(user, unit):
        figures = structure_figures(user, unit)
        figures["data_as_of"] = timezone.localtime(now).isoformat(timespec="minutes")
        return figures
    return read(unit, run)

"""Building a seeded database: units, cadres with their records, demo accounts.

Up to `COUNTY_MAX` cadres make the demo county; more make a province of counties of about
`CADRES_PER_COUNTY` cadres each. Generation goes unit by unit and is written in chunks, so
memory stays bounded whatever the size.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connections, transaction
from django.utils import timezone

from cadre.core import audit, codebook
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.org.models import Establishment, Unit
from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    Education,
    FamilyMember,
    ResumeEntry,
    Reward,
    Sanction,
)
from cadre.people.services.common import rule_params
from cadre.posts.models import Appointment, GradeRecord, RankRecord
from cadre.seed import accounts
from cadre.seed.context import County, Ids, Rows
from cadre.seed.people import allocate, generate_unit
from cadre.seed.units import UnitSpec, demo_tree
from cadre.seed.writer import Writer, next_ids

DEMO_CADRES = 5000
DEFAULT_SEED = 2024
DEFAULT_AS_OF = dt.date(2026, 6, 30)
COUNTY_MAX = 20_000
CADRES_PER_COUNTY = 10_000
SELF_ACCOUNT_MAX = 20_000
CHUNK = 20_000
# Upper bounds of rows per cadre, for the id blocks of counties generated in parallel.
MAX_ROWS_PER_CADRE: dict[type, int] = {
    Cadre: 1,
    Education: 3,
    ResumeEntry: 24,
    Appointment: 21,
    RankRecord: 12,
    GradeRecord: 14,
    AnnualAssessment: 5,
    FamilyMember: 5,
    Reward: 7,
    Sanction: 1,
}

# Parents before children: the order rows are written in.
ORDER: list[type] = [
    Cadre,
    Education,
    ResumeEntry,
    Appointment,
    RankRecord,
    GradeRecord,
    AnnualAssessment,
    FamilyMember,
    Reward,
    Sanction,
]


@dataclass
class SeedResult:
    units: int = 0
    cadres: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    accounts: list[accounts.DemoAccount] = field(default_factory=list)
    self_accounts: int = 0
    sample_self: list[tuple[str, str, str]] = field(default_factory=list)
    root_name: str = ""


def counties_for(cadres: int) -> int:
    return 1 if cadres <= COUNTY_MAX else math.ceil(cadres / CADRES_PER_COUNTY)


def _lay_out_tree(root: UnitSpec, first_pk: int) -> list[UnitSpec]:
    """Primary keys and materialized paths (treebeard's format) for the whole tree."""
    pk = first_pk
    order: list[UnitSpec] = []

    def visit(unit: UnitSpec, path: str, depth: int, sort: int) -> None:
        nonlocal pk
        unit.pk, unit.path, unit.depth, unit.sort = pk, path, depth, sort
        pk += 1
        order.append(unit)
        for i, child in enumerate(unit.children, start=1):
            visit(child, Unit._get_path(path, depth + 1, i), depth + 1, i)

    visit(root, Unit._get_path(None, 1, 1), 1, 1)
    return order


def _unit_rows(
    order: list[UnitSpec], first_establishment: int
) -> tuple[list[Unit], list[Establishment]]:
    units, establishments = [], []
    next_pk = first_establishment
    for u in order:
        units.append(
            Unit(
                id=u.pk,
                path=u.path,
                depth=u.depth,
                numchild=len(u.children),
                code=u.code,
                name=u.name,
                short_name=u.short_name,
                kind=u.kind,
                level=u.level,
                region=u.region,
                region_code=u.region_code,
                sort=u.sort,
                quota_principal=u.quota_principal,
                quota_deputy=u.quota_deputy,
                name_initials=u.name_initials,
            )
        )
        for kind, approved in sorted(u.establishments.items()):
            establishments.append(
                Establishment(id=next_pk, unit_id=u.pk, kind=kind, approved=approved)
            )
            next_pk += 1
    return units, establishments


@dataclass
class _Run:
    """What a county job needs; module-level so forked workers inherit it."""

    counties: list[UnitSpec]
    per_county: list[int]
    starts: list[dict[type, int]]
    limits: list[dict[type, int]]
    seed: int
    as_of: dt.date
    using: str
    now: dt.datetime


_RUN: _Run | None = None


def _county_job(index: int) -> dict[str, int]:
    """Generate and write one county (its own transaction when run in a worker)."""
    run = _RUN
    assert run is not None
    county_root = run.counties[index]
    writer = Writer(run.using)
    ids = Ids(run.starts[index], run.limits[index])
    units = county_root.walk()
    county = County(
        county_root.county,
        county_root.region_code,
        units,
        run.as_of,
        ids,
        set(),
        run.now,
        rule_params(),
        slot=index,
    )
    buffer: Rows = {}
    buffered = 0

    def emit(rows: Rows) -> None:
        nonlocal buffer, buffered
        for model, items in rows.items():
            buffer.setdefault(model, []).extend(items)
        buffered += len(rows.get(Cadre, []))
        if buffered >= CHUNK:
            writer.write_all(buffer, ORDER)
            buffer, buffered = {}, 0

    counts = allocate(run.per_county[index], [u.headcount for u in units])
    with transaction.atomic(using=run.using):
        for unit, n in zip(units, counts, strict=True):
            if n:
                generate_unit(county, unit, n, run.seed, emit)
        writer.write_all(buffer, ORDER)
    return writer.counts


def _worker_init() -> None:
    # Connections inherited through fork must not be shared: each worker opens its own.
    for conn in connections.all(initialized_only=True):
        conn.inc_thread_sharing()
        conn.close()
        conn.dec_thread_sharing()


def seed(
    *,
    cadres: int = DEMO_CADRES,
    seed: int = DEFAULT_SEED,
    password: str = accounts.DEFAULT_PASSWORD,
    demo_accounts: bool = True,
    as_of: dt.date = DEFAULT_AS_OF,
    using: str = "default",
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Generate and write the data set; the database must hold no units or cadres.

    The demo county is written in one transaction. A province is written county by county,
    each in its own transaction, by ``workers`` processes on PostgreSQL (default: one per
    core); its primary keys come in blocks per county so that the result does not depend on
    the number of workers."""
    global _RUN
    started = time.monotonic()
    say = progress or (lambda _msg: None)
    codebook.clear_cache()
    n_counties = counties_for(cadres)
    root = demo_tree(n_counties)
    result = SeedResult(root_name=root.name)
    unit_writer = Writer(using)
    with transaction.atomic(using=using):
        first = next_ids([Unit, Establishment], using)
        order = _lay_out_tree(root, first[Unit])
        unit_rows, establishments = _unit_rows(order, first[Establishment])
        unit_writer.write(Unit, unit_rows)
        unit_writer.write(Establishment, establishments)
        result.units = len(unit_rows)

    counties = [root] if n_counties == 1 else root.children
    per_county = allocate(cadres, [1] * len(counties))
    base = next_ids(ORDER, using)
    starts: list[dict[type, int]] = []
    limits: list[dict[type, int]] = []
    done = 0
    for n in per_county:
        if n_counties == 1:  # dense keys for the demo county
            starts.append(dict(base))
            limits.append({})
        else:
            starts.append({m: base[m] + done * MAX_ROWS_PER_CADRE[m] for m in ORDER})
            limits.append({m: base[m] + (done + n) * MAX_ROWS_PER_CADRE[m] for m in ORDER})
        done += n
    _RUN = _Run(counties, per_county, starts, limits, seed, as_of, using, timezone.now())
    # Workers commit on their own connections: only possible outside a caller's transaction
    # (a test's, or a caller that wants all-or-nothing).
    parallel = (
        connections[using].vendor == "postgresql"
        and n_counties > 1
        and not connections[using].in_atomic_block
    )
    n_workers = max(1, min(workers or os.cpu_count() or 1, n_counties)) if parallel else 1
    totals: dict[str, int] = dict(unit_writer.counts)
    try:
        if n_workers > 1:
            connections.close_all()
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(n_workers, initializer=_worker_init) as pool:
                for i, counts in enumerate(pool.imap(_county_job, range(n_counties)), start=1):
                    _add(totals, counts)
                    if i % 10 == 0:
                        say(_progress(i, n_counties, started))
        elif n_counties == 1:
            with transaction.atomic(using=using):
                _add(totals, _county_job(0))
        else:
            for i in range(n_counties):
                _add(totals, _county_job(i))
                if (i + 1) % 10 == 0:
                    say(_progress(i + 1, n_counties, started))
    finally:
        _RUN = None
    finisher = Writer(using)
    finisher.models = [Unit, Establishment, *ORDER]
    finisher.finish()
    result.rows = totals
    result.cadres = totals.get(Cadre._meta.label, 0)

    with transaction.atomic(using=using):
        if demo_accounts:
            root_unit = Unit.objects.using(using).get(pk=root.pk)
            township_spec = next((u for u in order if u.kind == "08"), None)
            township = Unit.objects.using(using).get(pk=township_spec.pk) if township_spec else None
            hashed = make_password(password)
            result.accounts = accounts.create_demo_accounts(hashed, root_unit, township, using)
            if cadres <= SELF_ACCOUNT_MAX:
                pairs = list(Cadre.objects.using(using).order_by("pk").values_list("pk", "name"))
                result.self_accounts = accounts.create_self_accounts(pairs, hashed, using)
                for pk, name, unit in (
                    Cadre.objects.using(using)
                    .order_by("pk")
                    .values_list("pk", "name", "unit__name")[:3]
                ):
                    result.sample_self.append((f"{accounts.SELF_PREFIX}{pk}", name, unit))
        audit.record(
            Actor(user=None),
            AuditEntry.Action.IMPORT,
            target_type="seed",
            note=f"生成演示数据：单位{result.units}个，干部{result.cadres}人（随机种子{seed}）",
        )
    result.seconds = time.monotonic() - started
    return result


def _progress(done: int, total: int, started: float) -> str:
    return f"已写入 {done}/{total} 个县，用时 {time.monotonic() - started:.0f} 秒"


def _add(totals: dict[str, int], counts: dict[str, int]) -> None:
    for label, n in counts.items():
        totals[label] = totals.get(label, 0) + n

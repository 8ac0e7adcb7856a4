"""Timing helpers: a Django view through the test client beside the raw SQL it ran."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Timing:
    name: str
    samples_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_calls(name: str, call: Callable[[], Any], repeat: int, warmup: int = 3) -> Timing:
    for _ in range(warmup):
        call()
    timing = Timing(name)
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timing.samples_ms.append((time.perf_counter() - start) * 1000)
    return timing


def captured_sql(call: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The statements one call runs, with their parameters, for replaying raw."""
    with CaptureQueriesContext(connection) as ctx:
        call()
    # Session/auth bookkeeping is not part of the question being asked: keep SELECTs on
    # the record tables only.
    wanted = []
    for q in ctx.captured_queries:
        sql = q["sql"]
        if sql.lstrip().upper().startswith("SELECT") and (
            "people_" in sql or "org_unit" in sql or "posts_" in sql
        ):
            wanted.append(sql)
    return [(s, None) for s in wanted]


def time_raw(name: str, statements: list[tuple[str, Any]], repeat: int, warmup: int = 3) -> Timing:
    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return time_calls(name, run, repeat, warmup)


def cpu_reference_ms() -> float:
    """The time of a fixed pure-Python loop (ten million additions), best of three: the
    machine's speed at the moment, printed beside the results so that runs taken while
    the host was busier (a shared virtual machine varies by half) can be told apart."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)

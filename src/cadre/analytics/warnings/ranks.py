"""符合职级晋升条件未晋升: cadres eligible for the next rank for over RANK_WAIT_MONTHS.

SQL narrows the corps to the candidates and gathers each one's grades since taking the rank;
the rules engine (`rules.ranks.rank_eligibility`) decides. Without sanctions the result
depends only on the rank, the month it was taken on and the grades since, so candidates
sharing those share one evaluation (about 19,000 for 750,000 candidates in a province).

The background scan on PostgreSQL (`store`) keeps the candidates in the database: it
evaluates the distinct cases, then writes the findings with one INSERT … SELECT joining the
candidates to the cases' messages, so no candidate row travels to Python and back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import Aggregate, CharField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear

from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.analytics.warnings.rules_based import sanctions_of
from cadre.analytics.warnings.store import write_flags
from cadre.core import codebook
from cadre.people.models import AnnualAssessment, Sanction
from cadre.rules.dates import Month, add_months
from cadre.rules.errors import RulesError
from cadre.rules.ranks import (
    RankEligibility,
    promotion_target,
    rank_eligibility,
    required_months,
)

RANK_WAIT_MONTHS = 6  # 符合晋升条件逾此月数仍未晋升的，预警（本系统预警设置）
GRADED = ("1", "2", "3", "4", "5")


def _rank_names() -> dict[str, str]:
    return {c: codebook.name("rank", c) for c in codebook.codes("rank")}


class GradeText(Aggregate):
    """The grades of a cadre as "year:grade,…" (ordered by year on PostgreSQL; the reader
    does not depend on the order)."""

    output_field = CharField()

    def __init__(self) -> None:
        super().__init__(F("year"), F("grade"))

    def _parts(self, compiler: Any) -> tuple[str, str]:
        year, _ = compiler.compile(self.source_expressions[0])
        grade, _ = compiler.compile(self.source_expressions[1])
        return year, grade

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        year, grade = self._parts(compiler)
        return f"GROUP_CONCAT(CAST({year} AS TEXT) || ':' || {grade}, ',')", []

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        year, grade = self._parts(compiler)
        return f"STRING_AGG(CAST({year} AS TEXT) || ':' || {grade}, ',' ORDER BY {year})", []


class _Rule:
    """The warning's message for one candidate, or None when it is not (yet) due."""

    def __init__(self, ctx: ScanContext) -> None:
        self.ctx = ctx
        self.names = _rank_names()
        self.grade_names = {g: codebook.name("assessment_grade", g) for g in GRADED}
        self.now = Month.of(ctx.today)
        self.limit = self.now.add(-RANK_WAIT_MONTHS)

    def message(self, rank: str, since: dt.date, text: str | None, own: list[Any]) -> str | None:
        grades: dict[int, str] = {}
        for part in (text or "").split(","):
            if part:
                year, grade = part.split(":")
                grades[int(year)] = self.grade_names[grade]
        r = self._eligibility(self.names[rank], since, grades, own)
        if r is None or not r.eligible or r.eligible_from is None:
            return None
        if r.eligible_from > self.limit:
            return None
        waited = r.eligible_from.months_until(self.now)
        return (
            f"现职级{self.names[rank]}，自{r.eligible_from.cn()}起符合晋升"
            f"{r.target_rank}的任职年限等条件，已{waited}个月未晋升"
        )

    def _eligibility(
        self, rank: str, since: dt.date, grades: dict[int, str], sanctions: list[Any]
    ) -> RankEligibility | None:
        try:
            return rank_eligibility(rank, since, grades, sanctions, self.ctx.today, self.ctx.params)
        except RulesError:
            return None

    def memoized(self) -> Callable[[str, dt.date, str | None], str | None]:
        """`message` for a cadre without sanctions, evaluated once per distinct case."""
        memo: dict[tuple[Any, ...], str | None] = {}

        def cached(rank: str, since: dt.date, text: str | None) -> str | None:
            key = (rank, since.year, since.month, text)
            if key not in memo:
                memo[key] = self.message(rank, since, text, [])
            return memo[key]

        return cached


class RankEligible(Kind):
    key, label = "rank_eligible", "符合职级晋升条件未晋升"
    help = f"按职级晋升任职年限规则，已符合晋升条件逾{RANK_WAIT_MONTHS}个月"

    def _candidates(self, ctx: ScanContext) -> QuerySet[Any]:
        """Cadres who could possibly be eligible RANK_WAIT_MONTHS ago: time in rank at least
        the requirement shortened by the most 优秀 years that period could hold."""
        reduction = ctx.params.get_int("rank.excellent_reduction_months")
        q = Q(pk__in=[])
        for code, name in _rank_names().items():
            target = promotion_target(name)
            if target is None:
                continue
            base = required_months(target, ctx.params)
            # counted ≥ base − reduction × (years touched ≤ counted/12 + 2)
            least = max(0, math.floor((base - 2 * reduction) / (1 + reduction / 12)))
            cut = add_months(ctx.today, -(least + RANK_WAIT_MONTHS))
            q |= Q(rank=code, rank_since__lte=cut)
        return ctx.corps.filter(q)

    def _graded(self, candidates: QuerySet[Any]) -> QuerySet[Any]:
        """The candidates with the grades of the years since the rank was taken on (earlier
        years do not count) as one text "year:grade,…", aggregated in the database."""
        graded = (
            AnnualAssessment.objects.filter(
                cadre=OuterRef("pk"),
                grade__in=GRADED,
                year__gte=ExtractYear(OuterRef("rank_since")),
            )
            .values("cadre")
            .annotate(text=GradeText())
            .values("text")
        )
        return candidates.annotate(grade_text=Subquery(graded, output_field=CharField()))

    def _flags(self, candidates: QuerySet[Any], rule: _Rule) -> list[Flag]:
        """The warnings of these candidates, read in name order (the sanctioned evaluated
        one by one, the others once per distinct case)."""
        rows = (
            self._graded(candidates)
            .order_by("name_pinyin", "pk")
            .values_list("pk", "name", "rank", "rank_since", "unit_path", "grade_text")
        )
        sanctioned = set(candidates.filter(pk__in=_under_sanction()).values_list("pk", flat=True))
        sanctions = sanctions_of(list(sanctioned)) if sanctioned else {}
        unsanctioned = rule.memoized()
        out = []
        with _whole_result_plans():
            for pk, name, rank, since, path, text in rows.iterator(chunk_size=20_000):
                if pk in sanctioned:
                    msg = rule.message(rank, since, text, sanctions.get(pk, []))
                else:
                    msg = unsanctioned(rank, since, text)
                if msg is not None:
                    out.append(Flag(self.key, msg, pk, name, unit_path=path))
        return out

    def items(self, ctx: ScanContext) -> list[Flag]:
        return self._flags(self._candidates(ctx), _Rule(ctx))

    def store(self, ctx: ScanContext, run_id: int) -> int | None:
        if connection.vendor != "postgresql":
            return None
        candidates = self._candidates(ctx)
        rule = _Rule(ctx)
        # The sanctioned few as `items` evaluates them; the others by their distinct cases.
        stored = write_flags(run_id, self._flags(candidates.filter(pk__in=_under_sanction()), rule))
        unsanctioned = self._graded(candidates.exclude(pk__in=_under_sanction()))
        return stored + _store_cases(unsanctioned, rule, self.key, run_id)


def _under_sanction() -> QuerySet[Any]:
    """Ids of cadres with a sanction not revoked (its influence period is the rule's)."""
    return Sanction.objects.filter(revoked_on__isnull=True).values("cadre_id")


_CANDIDATES = "scan_rank_candidates"
_CASES = "scan_rank_cases"


def _store_cases(graded: QuerySet[Any], rule: _Rule, kind: str, run_id: int) -> int:
    """PostgreSQL: the findings of the unsanctioned candidates, written by the database."""
    select, params = (
        graded.order_by()
        .values_list("pk", "name", "unit_path", "name_pinyin", "rank", "rank_since", "grade_text")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # Temporary tables of this transaction (the scan runs in one): the candidates with
        # their grades, computed once, and the distinct cases that warn, with the message.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_CANDIDATES} ON COMMIT DROP AS "  # noqa: S608 - fixed names
            "SELECT c.id, c.name, c.unit_path, c.name_pinyin, c.rank, "
            "date_trunc('month', c.rank_since)::date AS since_month, "
            "COALESCE(c.grade_text, '') AS grade_text "
            f"FROM ({select}) AS c(id, name, unit_path, name_pinyin, rank, rank_since, "
            "grade_text)",
            params,
        )
        cursor.execute(f"ANALYZE {_CANDIDATES}")
        cursor.execute(
            f"SELECT rank, since_month, grade_text FROM {_CANDIDATES} "  # noqa: S608
            "GROUP BY rank, since_month, grade_text"
        )
        cases = [
            (rank, month, text, msg)
            for rank, month, text in cursor.fetchall()
            if (msg := rule.message(rank, month, text, [])) is not None
        ]
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_CASES} (rank varchar(2), since_month date, "
            "grade_text text, message text) ON COMMIT DROP"
        )
        with cursor.copy(f"COPY {_CASES} FROM STDIN") as copy:
            for case in cases:
                copy.write_row(case)
        cursor.execute(f"ANALYZE {_CASES}")
        # In the order the warnings centre lists them (unit, then name): the findings'
        # index (run, kind, unit path) then grows at its end.
        cursor.execute(
            "INSERT INTO analytics_finding "  # noqa: S608 - fixed names, values as parameters
            "(run_id, kind, cadre_id, unit_code, name, unit_path, message) "
            "SELECT %s, %s, c.id, '', c.name, c.unit_path, k.message "
            f"FROM {_CANDIDATES} c JOIN {_CASES} k ON k.rank = c.rank "
            "AND k.since_month = c.since_month AND k.grade_text = c.grade_text "
            "ORDER BY c.unit_path, c.name_pinyin, c.id",
            [run_id, kind],
        )
        written = cursor.rowcount
        cursor.execute(f"DROP TABLE {_CANDIDATES}, {_CASES}")
    return written


@contextmanager
def _whole_result_plans() -> Iterator[None]:
    """PostgreSQL: plan the cursors inside for reading every row, not the first tenth.

    A server-side cursor is planned for a fast start (``cursor_tuple_fraction`` 0.1): the
    candidates would be read in name order through the index, one heap page per row and
    one grade lookup each — three times slower than the plan for the whole result, which
    the scan reads to the end anyway."""
    if connection.vendor != "postgresql":
        yield
        return
    local = connection.in_atomic_block  # else the session's setting, restored after
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        (before,) = cursor.fetchone()
        cursor.execute("SELECT set_config('cursor_tuple_fraction', '1', %s)", [local])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('cursor_tuple_fraction', %s, %s)", [before, local])

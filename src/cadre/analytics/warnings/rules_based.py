"""Warnings that need the rules engine per cadre: influence periods, rank eligibility and the
dossier audit. SQL narrows the corps to the few candidates first; only those are evaluated."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    CharField,
    DurationField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear, Substr

from cadre.analytics.influence import influence_running_q, rule_sanction
from cadre.analytics.timeframe import ymd
from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.core import codebook
from cadre.core.crypto import DecryptionError, decrypt
from cadre.people.models import AnnualAssessment, ResumeEntry, Sanction
from cadre.posts.models import Appointment
from cadre.rules.audit import DossierFacts, Span, audit_dossier
from cadre.rules.dates import Month, add_months
from cadre.rules.errors import RulesError
from cadre.rules.ranks import (
    RankEligibility,
    promotion_target,
    rank_eligibility,
    required_months,
)
from cadre.rules.resume import ResumeEntry as RuleResume
from cadre.rules.sanctions import influence

RANK_WAIT_MONTHS = 6  # 符合晋升条件逾此月数仍未晋升的，预警（本系统预警设置）


def _sanctions(ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    rows = Sanction.objects.filter(cadre_id__in=ids, revoked_on__isnull=True).values_list(
        "cadre_id", "kind", "measure", "effective_on", "observation_years"
    )
    for cid, kind, measure, eff, obs in rows:
        out[cid].append(rule_sanction(kind, measure, eff, obs))
    return out


class InfluenceRunning(Kind):
    key, label = "influence", "处分影响期内"
    help = "处分、诫勉或组织处理影响期未满，不得提拔晋升"

    def _qs(self, ctx: ScanContext) -> QuerySet[Any]:
        return ctx.corps.filter(influence_running_q(ctx.today, ctx.params))

    def count(self, ctx: ScanContext) -> int:
        return self._qs(ctx).count()

    def items(self, ctx: ScanContext) -> list[Flag]:
        rows = list(self._qs(ctx).order_by("name_pinyin").values_list("pk", "name", "unit_path"))
        sanctions = _sanctions([pk for pk, _, _ in rows])
        out = []
        for pk, name, path in rows:
            try:
                result = influence(sanctions[pk], ctx.today, ctx.params)
                until = f"至{result.ends_on:%Y年%m月%d日}" if result.ends_on else ""
                detail = "；".join(p.reason for p in result.periods if p.ends_on >= ctx.today)
            except RulesError as exc:
                until, detail = "", str(exc)
            out.append(
                Flag(
                    self.key,
                    f"影响期未满{until}，期间不得提拔或晋升职级。{detail}",
                    pk,
                    name,
                    unit_path=path,
                )
            )
        return out


def _rank_names() -> dict[str, str]:
    return {c: codebook.name("rank", c) for c in codebook.codes("rank")}


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

    def items(self, ctx: ScanContext) -> list[Flag]:
        candidates = self._candidates(ctx)
        # Each candidate with the grades of the years since the rank was taken on (earlier
        # years do not count) as one text "year:grade,…", aggregated in the database.
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
        rows = (
            candidates.annotate(grade_text=Subquery(graded, output_field=CharField()))
            .order_by("name_pinyin", "pk")
            .values_list("pk", "name", "rank", "rank_since", "unit_path", "grade_text")
        )
        sanctioned = set(
            Sanction.objects.filter(
                cadre_id__in=candidates.values("pk"), revoked_on__isnull=True
            ).values_list("cadre_id", flat=True)
        )
        sanctions = _sanctions(list(sanctioned)) if sanctioned else {}
        names = _rank_names()
        grade_names = {g: codebook.name("assessment_grade", g) for g in GRADED}
        limit = Month.of(ctx.today).add(-RANK_WAIT_MONTHS)
        now = Month.of(ctx.today)

        def message(rank: str, since: Any, text: str | None, own: list[Any]) -> str | None:
            grades: dict[int, str] = {}
            for part in (text or "").split(","):
                if part:
                    year, grade = part.split(":")
                    grades[int(year)] = grade_names[grade]
            r = _eligibility(names[rank], since, grades, own, ctx)
            if r is None or not r.eligible or r.eligible_from is None:
                return None
            if r.eligible_from > limit:
                return None
            waited = r.eligible_from.months_until(now)
            return (
                f"现职级{names[rank]}，自{r.eligible_from.cn()}起符合晋升"
                f"{r.target_rank}的任职年限等条件，已{waited}个月未晋升"
            )

        # Without sanctions the result depends only on the rank, the month it was taken on
        # and the grades since: cadres sharing those share one evaluation (about 19,000
        # evaluations for 750,000 candidates in the benchmark province).
        memo: dict[tuple[Any, ...], str | None] = {}
        out = []
        with _whole_result_plans():
            for pk, name, rank, since, path, text in rows.iterator(chunk_size=20_000):
                if pk in sanctioned:
                    msg = message(rank, since, text, sanctions.get(pk, []))
                else:
                    key = (rank, since.year, since.month, text)
                    if key not in memo:
                        memo[key] = message(rank, since, text, [])
                    msg = memo[key]
                if msg is not None:
                    out.append(Flag(self.key, msg, pk, name, unit_path=path))
        return out


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


GRADED = ("1", "2", "3", "4", "5")


def _eligibility(
    rank: str, since: Any, grades: dict[int, str], sanctions: list[Any], ctx: ScanContext
) -> RankEligibility | None:
    try:
        return rank_eligibility(rank, since, grades, sanctions, ctx.today, ctx.params)
    except RulesError:
        return None


def _month_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"(EXTRACT(YEAR FROM {column}) * 12 + EXTRACT(MONTH FROM {column}))"
    return (
        f"(CAST(strftime('%%Y', {column}) AS INTEGER) * 12 "
        f"+ CAST(strftime('%%m', {column}) AS INTEGER))"
    )


def _month_key(column: str) -> str:
    """The month of a date, comparable for equality (no numeric arithmetic on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return f"date_trunc('month', {column})"
    return f"strftime('%%Y-%%m', {column})"


def _months_after(later: str, earlier: str) -> tuple[str, str]:
    """SQL "the month of ``later`` minus the month of ``earlier`` minus one exceeds %s"."""
    if connection.vendor == "postgresql":
        # ⇔ later ≥ first day of (earlier's month + gap + 2 months): date arithmetic only.
        return (
            f"{later} >= date_trunc('month', {earlier}) + make_interval(months => %s + 2)",
            "",
        )
    return f"{_month_sql(later)} - {_month_sql(earlier)} - 1 > %s", ""


def _scoped_rows(table: str, corps: QuerySet[Any]) -> tuple[str, list[Any]]:
    """FROM clause of a child table restricted to the corps (a join, no id list)."""
    sql, params = corps.values("pk").query.sql_with_params()
    return f"{table} r WHERE r.cadre_id IN ({sql})", list(params)


def resume_candidates(corps: QuerySet[Any], max_gap: int) -> RawSQL:
    """Cadres whose résumé the §1 check would flag, as ``check_resume`` reads it: the
    top-level dated entries in their order (sort, id), each against the one before it —
    inverted, overlapping, after an entry without an end, or more than ``max_gap`` months
    after it. One pass over the entries with a window, not a comparison of every pair."""
    rows, params = _scoped_rows("people_resumeentry", corps)
    gap, _ = _months_after("w.started_on", "w.prev_end")
    # A gap of more than G months means more than (G + 2) × 28 − 31 days: that integer test
    # spares the month arithmetic on almost every row.
    if connection.vendor == "postgresql":
        days = "w.started_on - w.prev_end > %s"
    else:
        days = "julianday(w.started_on) - julianday(w.prev_end) > %s"
    sql = (
        "SELECT w.cadre_id FROM (SELECT r.cadre_id, r.started_on, r.ended_on, "  # noqa: S608
        "LAG(r.id) OVER (PARTITION BY r.cadre_id ORDER BY r.sort, r.id) AS prev_id, "
        "LAG(r.ended_on) OVER (PARTITION BY r.cadre_id ORDER BY r.sort, r.id) AS prev_end "
        f"FROM {rows} AND r.parent_id IS NULL AND r.started_on IS NOT NULL) w "
        "WHERE w.ended_on < w.started_on "
        "OR (w.prev_id IS NOT NULL AND w.prev_end IS NULL) "
        "OR w.started_on < w.prev_end "
        f"OR ({days} AND {gap})"
    )
    return RawSQL(sql, [*params, (max_gap + 2) * 28 - 31, max_gap])  # noqa: S611 - fixed text, values as parameters


def education_candidates(corps: QuerySet[Any]) -> RawSQL:
    """Cadres with an education period inverted or overlapping an earlier one (a superset
    of ``check_education``: ordered by start, each start against the latest end before it,
    and any two starts in the same month)."""
    rows, params = _scoped_rows("people_education", corps)
    start = _month_key("r.started_on")
    sql = (
        "SELECT w.cadre_id FROM (SELECT r.cadre_id, r.started_on, r.ended_on, "  # noqa: S608
        f"{start} AS start_month, "
        f"LAG({start}) OVER (PARTITION BY r.cadre_id ORDER BY r.started_on, r.id) "
        "AS prev_month, "
        "MAX(r.ended_on) OVER (PARTITION BY r.cadre_id ORDER BY r.started_on, r.id "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach "
        f"FROM {rows} AND r.started_on IS NOT NULL) w "
        "WHERE w.ended_on < w.started_on OR w.started_on < w.reach "
        "OR w.start_month = w.prev_month"
    )
    return RawSQL(sql, params)  # noqa: S611 - fixed text, values as parameters


def _days(n: int) -> Value:
    return Value(timedelta(days=n), output_field=DurationField())


def dossier_candidates(corps: QuerySet[Any], params: Any = None) -> QuerySet[Any]:
    """Cadres with a possible §1 finding, by SQL; the rules engine confirms each.

    Every test is an uncorrelated ``IN (…)`` (PostgreSQL hashes it once) or a test on the
    cadre's own columns, so the scan stays one pass over each table."""
    from cadre.rules.params import resolve

    p = resolve(params)
    appt_early = Appointment.objects.filter(
        cadre_id__in=corps.values("pk"), started_on__lt=F("cadre__work_started_on")
    ).values("cadre_id")
    work_years, party_years = (
        p.get_int("audit.min_work_age_years"),
        p.get_int("audit.min_party_age_years"),
    )
    # Under N completed years implies fewer than N × 366 days: that cheap date test comes
    # first, so the exact yyyymmdd arithmetic runs only for the few rows it lets through.
    young_work = (
        Q(work_started_on__isnull=False)
        & Q(work_started_on__lt=F("birth_date") + _days(work_years * 366 + 1))
        & Q(work_age__lt=work_years * 10000)
    )
    young_party = (
        Q(party_joined_on__isnull=False)
        & Q(party_joined_on__lt=F("birth_date") + _days(party_years * 366 + 1))
        & Q(party_age__lt=party_years * 10000)
    )
    # The 17th digit of the ID number (third of the last four, stored in clear) is odd for
    # men (1) and even for women (2); a mismatch makes the record a candidate, and the
    # audit then checks the whole number against the record.
    odd, even = ["1", "3", "5", "7", "9"], ["0", "2", "4", "6", "8"]
    id_gender = (Q(id_digit__in=odd) & Q(gender="2")) | (Q(id_digit__in=even) & Q(gender="1"))
    return corps.alias(
        work_age=ymd("work_started_on") - ymd("birth_date"),
        party_age=ymd("party_joined_on") - ymd("birth_date"),
        id_digit=Substr("id_last4", 3, 1),
    ).filter(
        Q(pk__in=appt_early)
        | Q(pk__in=education_candidates(corps))
        | Q(pk__in=resume_candidates(corps, p.get_int("audit.resume.max_gap_months")))
        | young_work
        | young_party
        | id_gender
    )


def _resume(entries: list[ResumeEntry]) -> list[RuleResume]:
    out = []
    for e in entries:
        if e.parent_id is not None:
            continue
        start = Month.of(e.started_on) if e.started_on else None
        end = Month.of(e.ended_on) if e.ended_on else None
        out.append(RuleResume(start, end, e.text))
    return out


def _id_number(cipher: str) -> str | None:
    """The clear ID number of a candidate, for the §1 check; None when it cannot be read
    (the audit then skips the ID checks rather than failing the scan)."""
    if not cipher:
        return None
    try:
        return decrypt(cipher)
    except DecryptionError:
        return None


class DossierAudit(Kind):
    key, label = "dossier", "档案审核疑点"
    help = "出生与参加工作、入党时间，学历、简历、任职时间的逻辑疑点（不自动修改）"

    def items(self, ctx: ScanContext) -> list[Flag]:
        cadres = list(
            dossier_candidates(ctx.corps, ctx.params)
            .order_by("name_pinyin")
            .prefetch_related("educations", "resume_entries", "appointments")
        )
        out = []
        for c in cadres:
            facts = DossierFacts(
                as_of=ctx.today,
                id_number=_id_number(c.id_number_cipher),
                birth=c.birth_date,
                gender=c.gender,
                work_started_on=c.work_started_on,
                party_joined_on=c.party_joined_on,
                education=[
                    Span(
                        e.started_on,
                        e.ended_on,
                        e.school or codebook.name("education", e.education),
                    )
                    for e in c.educations.all()
                ],
                resume=_resume(sorted(c.resume_entries.all(), key=lambda e: (e.sort, e.pk))),
                appointments=[
                    Span(a.started_on, a.ended_on, a.title) for a in c.appointments.all()
                ],
            )
            try:
                findings = audit_dossier(facts, ctx.params)
            except RulesError as exc:
                out.append(Flag(self.key, f"档案审核：{exc}", c.pk, c.name, unit_path=c.unit_path))
                continue
            out.extend(
                Flag(self.key, f"档案审核：{f.message}", c.pk, c.name, unit_path=c.unit_path)
                for f in findings
            )
        return out

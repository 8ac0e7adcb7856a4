"""Warnings that need the rules engine per cadre: influence periods, rank eligibility and the
dossier audit. SQL narrows the corps to the few candidates first; only those are evaluated."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    DurationField,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from cadre.analytics.influence import influence_running_q, rule_sanction
from cadre.analytics.timeframe import ymd
from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.core import codebook
from cadre.core.crypto import DecryptionError, decrypt
from cadre.people.models import ResumeEntry, Sanction
from cadre.posts.models import Appointment
from cadre.rules.audit import DossierFacts, Span, audit_dossier
from cadre.rules.dates import Month
from cadre.rules.errors import RulesError
from cadre.rules.resume import ResumeEntry as RuleResume
from cadre.rules.sanctions import influence


def sanctions_of(ids: list[int]) -> dict[int, list[Any]]:
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
        sanctions = sanctions_of([pk for pk, _, _ in rows])
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

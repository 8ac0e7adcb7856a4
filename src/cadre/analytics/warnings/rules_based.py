"""Warnings that need the rules engine per cadre: influence periods, rank eligibility and the
dossier audit. SQL narrows the corps to the few candidates first; only those are evaluated."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from cadre.analytics.influence import influence_running_q, rule_sanction
from cadre.analytics.timeframe import ymd
from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.core import codebook
from cadre.people.models import AnnualAssessment, Education, ResumeEntry, Sanction
from cadre.posts.models import Appointment
from cadre.rules.audit import DossierFacts, Span, audit_dossier
from cadre.rules.dates import Month, add_months
from cadre.rules.errors import RulesError
from cadre.rules.ranks import promotion_target, rank_eligibility, required_months
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
        rows = list(self._qs(ctx).order_by("name_pinyin").values_list("pk", "name"))
        sanctions = _sanctions([pk for pk, _ in rows])
        out = []
        for pk, name in rows:
            try:
                result = influence(sanctions[pk], ctx.today, ctx.params)
                until = f"至{result.ends_on:%Y年%m月%d日}" if result.ends_on else ""
                detail = "；".join(p.reason for p in result.periods if p.ends_on >= ctx.today)
            except RulesError as exc:
                until, detail = "", str(exc)
            out.append(
                Flag(self.key, f"影响期未满{until}，期间不得提拔或晋升职级。{detail}", pk, name)
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
        rows = list(
            self._candidates(ctx)
            .order_by("name_pinyin")
            .values_list("pk", "name", "rank", "rank_since")
        )
        if not rows:
            return []
        ids = [r[0] for r in rows]
        grades: dict[int, dict[int, str]] = defaultdict(dict)
        for cid, year, grade in AnnualAssessment.objects.filter(cadre_id__in=ids).values_list(
            "cadre_id", "year", "grade"
        ):
            if grade in ("1", "2", "3", "4", "5"):
                grades[cid][year] = codebook.name("assessment_grade", grade)
        sanctions = _sanctions(ids)
        names = _rank_names()
        limit = Month.of(ctx.today).add(-RANK_WAIT_MONTHS)
        out = []
        for pk, name, rank, since in rows:
            try:
                r = rank_eligibility(
                    names[rank], since, grades[pk], sanctions[pk], ctx.today, ctx.params
                )
            except RulesError:
                continue
            if r.eligible and r.eligible_from is not None and r.eligible_from <= limit:
                waited = r.eligible_from.months_until(Month.of(ctx.today))
                out.append(
                    Flag(
                        self.key,
                        f"现职级{names[rank]}，自{r.eligible_from.cn()}起符合晋升"
                        f"{r.target_rank}的任职年限等条件，已{waited}个月未晋升",
                        pk,
                        name,
                    )
                )
        return out


def _month_index(column: str) -> Any:
    return ExtractYear(column) * 12 + ExtractMonth(column)


def dossier_candidates(corps: QuerySet[Any]) -> QuerySet[Any]:
    """Cadres with a possible §1 finding, by SQL; the rules engine confirms each."""
    appt_early = Appointment.objects.filter(
        cadre=OuterRef("pk"), started_on__lt=OuterRef("work_started_on")
    )
    edu = Education.objects.filter(cadre=OuterRef("pk"))
    edu_inverted = edu.filter(ended_on__lt=F("started_on"))
    edu_overlap = edu.filter(
        Exists(
            Education.objects.filter(
                cadre=OuterRef("cadre"),
                started_on__gte=OuterRef("started_on"),
                started_on__lt=OuterRef("ended_on"),
            ).exclude(pk=OuterRef("pk"))
        )
    )
    top = ResumeEntry.objects.filter(parent__isnull=True)
    overlap = top.filter(cadre=OuterRef("pk")).filter(
        Exists(
            top.filter(
                cadre=OuterRef("cadre"),
                started_on__gt=OuterRef("started_on"),
                started_on__lt=OuterRef("ended_on"),
            )
        )
    )
    # A gap: an entry with a later one, but none starting within two months of its end.
    gap = (
        top.filter(cadre=OuterRef("pk"), ended_on__isnull=False)
        .annotate(end_index=_month_index("ended_on"))
        .filter(Exists(top.filter(cadre=OuterRef("cadre"), started_on__gt=OuterRef("ended_on"))))
        .exclude(
            Exists(
                top.filter(
                    cadre=OuterRef("cadre"),
                    started_on__lte=OuterRef("ended_on"),
                    started_on__gt=OuterRef("started_on"),
                )
                .exclude(pk=OuterRef("pk"))
                .annotate(start_index=_month_index("started_on"))
                .filter(start_index__lte=OuterRef("end_index") + 2)
            )
            | Exists(
                top.filter(cadre=OuterRef("cadre"), started_on__gt=OuterRef("ended_on"))
                .annotate(start_index=_month_index("started_on"))
                .filter(start_index__lte=OuterRef("end_index") + 2)
            )
        )
    )
    young_work = Q(work_started_on__isnull=False) & Q(Q(work_age__lt=160000))
    young_party = Q(party_joined_on__isnull=False) & Q(party_age__lt=180000)
    return corps.alias(
        work_age=ymd("work_started_on") - ymd("birth_date"),
        party_age=ymd("party_joined_on") - ymd("birth_date"),
    ).filter(
        Q(Exists(appt_early))
        | Q(Exists(edu_inverted))
        | Q(Exists(edu_overlap))
        | Q(Exists(overlap))
        | Q(Exists(gap))
        | young_work
        | young_party
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


class DossierAudit(Kind):
    key, label = "dossier", "档案审核疑点"
    help = "出生与参加工作、入党时间，学历、简历、任职时间的逻辑疑点（不自动修改）"

    def items(self, ctx: ScanContext) -> list[Flag]:
        cadres = list(
            dossier_candidates(ctx.corps)
            .order_by("name_pinyin")
            .prefetch_related("educations", "resume_entries", "appointments")
        )
        out = []
        for c in cadres:
            facts = DossierFacts(
                as_of=ctx.today,
                birth=c.birth_date,
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
                out.append(Flag(self.key, f"档案审核：{exc}", c.pk, c.name))
                continue
            out.extend(Flag(self.key, f"档案审核：{f.message}", c.pk, c.name) for f in findings)
        return out

"""政策分析: what the regulations say about one cadre today, computed by `cadre.rules`.

Age and 到龄; running influence periods; the grade cap of the year; the next rank and from
which month; consequences of the annual grades; dossier-audit findings. Every statement
carries the engine's Chinese reasons. Records the engine cannot read are reported, not
hidden, and never break the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cadre.core import codebook
from cadre.people.presenters.assessments import grade_names
from cadre.people.presenters.formats import CPC_CODES, age_at
from cadre.people.presenters.resume import resume_entries
from cadre.people.retirement import is_county_level_leader, retirement_category, retirement_of
from cadre.rules import audit as dossier
from cadre.rules import ranks as rank_rules
from cadre.rules import sanctions as sanction_rules
from cadre.rules.assessment import Consequence, assessment_consequences
from cadre.rules.errors import Finding, RulesError
from cadre.rules.params import Params
from cadre.rules.retirement import Retirement, RetirementWarning, retirement_warning

if TYPE_CHECKING:
    from cadre.people.models import Cadre, Sanction


@dataclass(frozen=True)
class PolicyAnalysis:
    at: dt.date
    age: int | None
    retirement: Retirement | None
    retirement_warning: RetirementWarning | None
    periods: list[sanction_rules.InfluencePeriod]
    running: list[sanction_rules.InfluencePeriod]
    influence_ends_on: dt.date | None
    grade_cap: sanction_rules.AssessmentCap
    eligibilities: list[rank_rules.RankEligibility]
    consequences: list[Consequence]
    findings: list[Finding]
    problems: list[str] = field(default_factory=list)  # records the engine could not read

    @property
    def influence_running(self) -> bool:
        return bool(self.running)


def rule_sanction(s: Sanction) -> sanction_rules.Sanction:
    return sanction_rules.Sanction(
        kind=codebook.name("sanction_kind", s.kind),
        measure=codebook.name("sanction_measure", s.measure),
        effective=s.effective_on,
        observation_years=s.observation_years,
    )


def _sanctions(cadre: Cadre, problems: list[str]) -> list[sanction_rules.Sanction]:
    out: list[sanction_rules.Sanction] = []
    for s in cadre.sanctions.all():
        if s.revoked_on is not None:
            continue
        rs = rule_sanction(s)
        try:
            rs.definition()
            sanction_rules.sanction_months(rs)
        except RulesError as exc:
            problems.append(f"{s.effective_on.isoformat()}的处理记录未计算影响期：{exc}")
            continue
        out.append(rs)
    return out


def _eligibilities(
    cadre: Cadre,
    grades: dict[int, str],
    sanctions: list[sanction_rules.Sanction],
    at: dt.date,
    params: Params | None,
) -> list[rank_rules.RankEligibility]:
    bases: list[tuple[str, dt.date]] = []
    current = [r for r in cadre.ranks.all() if r.ended_on is None]
    rank_target: str | None = None
    if current:
        latest = max(current, key=lambda r: r.started_on)
        name = codebook.name("rank", latest.rank)
        if name in rank_rules.RANKS:
            bases.append((name, latest.started_on))
            rank_target = rank_rules.promotion_target(name)
    level = codebook.name("position_level", cadre.position_level)
    post_target = rank_rules.EQUIVALENT_POSTS.get(level)
    if post_target and (
        rank_target is None
        or rank_rules.rank_index(post_target) >= rank_rules.rank_index(rank_target)
    ):
        same = [
            a.started_on
            for a in cadre.appointments.all()
            if a.position_level == cadre.position_level and a.ended_on is None
        ]
        since = cadre.position_level_since or (min(same) if same else None)
        if since is not None:
            bases.append((level, since))
    return [
        rank_rules.rank_eligibility(name, since, grades, sanctions, at, params)
        for name, since in bases
    ]


def _findings(
    cadre: Cadre, at: dt.date, id_number: str | None, params: Params | None
) -> list[Finding]:
    educations = [
        dossier.Span(
            e.started_on,
            e.ended_on,
            codebook.name("education", e.education) + (f"（{e.school}）" if e.school else ""),
        )
        for e in cadre.educations.all()
    ]
    appointments = [
        dossier.Span(a.started_on, a.ended_on, a.title) for a in cadre.appointments.all()
    ]
    facts = dossier.DossierFacts(
        as_of=at,
        id_number=id_number,
        birth=cadre.birth_date,
        gender=codebook.name("gender", cadre.gender) or None,
        work_started_on=cadre.work_started_on,
        party_joined_on=cadre.party_joined_on if cadre.political_status in CPC_CODES else None,
        education=educations,
        resume=resume_entries(cadre.resume_entries.all()),
        appointments=appointments,
        retirement_category=retirement_category(cadre.gender, cadre.staff_category),
        county_level_leader=is_county_level_leader(cadre.position_level, cadre.is_leader),
        in_office=cadre.status == "1",
    )
    return dossier.audit_dossier(facts, params)


def analyse(
    cadre: Cadre, *, at: dt.date, id_number: str | None = None, params: Params
) -> PolicyAnalysis:
    """The policy analysis of a cadre at ``at``; the parts must be prefetched.

    ``id_number`` is the plain number for the dossier check (never shown here)."""
    problems: list[str] = []
    retire = retirement_of(cadre, params=params)
    category = retirement_category(cadre.gender, cadre.staff_category)
    warning = (
        retirement_warning(
            cadre.birth_date,
            category,
            at,
            county_level_leader=is_county_level_leader(cadre.position_level, cadre.is_leader),
            params=params,
        )
        if category and cadre.status == "1"
        else None
    )
    sanctions = _sanctions(cadre, problems)
    periods = sanction_rules.influence_periods(sanctions, params)
    running = [p for p in periods if p.starts_on <= at <= p.ends_on]
    grades = grade_names(cadre.assessments.all())
    try:
        consequences = assessment_consequences(grades, params)
    except RulesError as exc:
        problems.append(str(exc))
        consequences = []
    try:
        eligibilities = _eligibilities(cadre, grades, sanctions, at, params)
    except RulesError as exc:
        problems.append(f"职级晋升未能计算：{exc}")
        eligibilities = []
    try:
        findings = _findings(cadre, at, id_number, params)
    except RulesError as exc:
        problems.append(f"档案审核未能完成：{exc}")
        findings = []
    return PolicyAnalysis(
        at=at,
        age=age_at(cadre.birth_date, at),
        retirement=retire,
        retirement_warning=warning,
        periods=periods,
        running=running,
        influence_ends_on=max((p.ends_on for p in periods), default=None),
        grade_cap=sanction_rules.assessment_cap(at.year, sanctions, params),
        eligibilities=eligibilities,
        consequences=consequences,
        findings=findings,
        problems=problems,
    )

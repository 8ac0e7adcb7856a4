"""Cadre rules engine: pure functions over plain values implementing RULES.md.

No Django here. Every figure comes from the parameter registry (:mod:`cadre.rules.params`);
functions take ``params: Params | None`` so stored overrides can be applied.
See docs/rules.md.
"""

from cadre.rules.ages import age_on, birth_text, completed_years
from cadre.rules.assessment import (
    GRADES,
    Consequence,
    ExcellentQuota,
    assessment_consequences,
    check_excellent_count,
    excellent_quota,
)
from cadre.rules.audit import DossierFacts, Span, audit_dossier
from cadre.rules.dates import Month, add_months, period_end
from cadre.rules.errors import Finding, RulesError
from cadre.rules.exchange import (
    kinship_avoidance,
    kinship_class,
    regional_avoidance,
    tenure_checks,
)
from cadre.rules.idnumber import IdNumberResult, validate_id_number
from cadre.rules.leadership import (
    Candidate,
    basic_qualifications,
    decision_passes,
    exceptional_promotion_checks,
    vetting_bars,
)
from cadre.rules.params import Param, Params, registry
from cadre.rules.ranks import (
    RANKS,
    RankEligibility,
    check_rank_quotas,
    promotion_target,
    rank_eligibility,
    rank_quota_limits,
)
from cadre.rules.resume import ResumeEntry, format_resume, parse_resume
from cadre.rules.retirement import Retirement, retirement, retirement_month, retirement_warning
from cadre.rules.sanctions import (
    AssessmentCap,
    Influence,
    InfluencePeriod,
    Sanction,
    assessment_cap,
    influence,
    influence_periods,
)
from cadre.rules.training import training_check, training_requirement
from cadre.rules.workdays import add_workdays, count_workdays, is_workday

__all__ = [
    "GRADES",
    "RANKS",
    "AssessmentCap",
    "Candidate",
    "Consequence",
    "DossierFacts",
    "ExcellentQuota",
    "Finding",
    "IdNumberResult",
    "Influence",
    "InfluencePeriod",
    "Month",
    "Param",
    "Params",
    "RankEligibility",
    "ResumeEntry",
    "Retirement",
    "RulesError",
    "Sanction",
    "Span",
    "add_months",
    "add_workdays",
    "age_on",
    "assessment_cap",
    "assessment_consequences",
    "audit_dossier",
    "basic_qualifications",
    "birth_text",
    "check_excellent_count",
    "check_rank_quotas",
    "completed_years",
    "count_workdays",
    "decision_passes",
    "excellent_quota",
    "exceptional_promotion_checks",
    "format_resume",
    "influence",
    "influence_periods",
    "is_workday",
    "kinship_avoidance",
    "kinship_class",
    "parse_resume",
    "period_end",
    "promotion_target",
    "rank_eligibility",
    "rank_quota_limits",
    "regional_avoidance",
    "registry",
    "retirement",
    "retirement_month",
    "retirement_warning",
    "tenure_checks",
    "training_check",
    "training_requirement",
    "validate_id_number",
    "vetting_bars",
]

"""Annual assessment (§5): grades, the 优秀 quota and the consequences of grades."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cadre.rules.errors import Finding, RulesError
from cadre.rules.params import Params, resolve

EXCELLENT, COMPETENT, BASIC, INCOMPETENT, UNGRADED = (
    "优秀",
    "称职",
    "基本称职",
    "不称职",
    "不定等次",
)
GRADES = (EXCELLENT, COMPETENT, BASIC, INCOMPETENT, UNGRADED)


def normalize_grade(grade: str) -> str:
    g = grade.strip()
    if g not in GRADES:
        raise RulesError(f"未知的考核等次：“{grade}”，应为{'、'.join(GRADES)}之一")
    return g


@dataclass(frozen=True)
class ExcellentQuota:
    assessed: int
    max_excellent: int
    max_excellent_with_approval: int

    def as_dict(self) -> dict[str, int]:
        return {
            "assessed": self.assessed,
            "max_excellent": self.max_excellent,
            "max_excellent_with_approval": self.max_excellent_with_approval,
        }


def excellent_quota(assessed: int, params: Params | None = None) -> ExcellentQuota:
    """floor(n × 20%) and, with approval, floor(n × 25%) — exact rational arithmetic."""
    if assessed < 0:
        raise RulesError("参加考核人数不能为负数")
    p = resolve(params)
    normal = math.floor(assessed * p.get_ratio("assessment.excellent_quota.ratio"))
    approved = math.floor(assessed * p.get_ratio("assessment.excellent_quota.ratio_with_approval"))
    return ExcellentQuota(assessed, normal, approved)


def check_excellent_count(
    assessed: int, excellent: int, *, approved: bool = False, params: Params | None = None
) -> list[Finding]:
    """Flag a unit whose 优秀 count exceeds the quota."""
    q = excellent_quota(assessed, params)
    limit = q.max_excellent_with_approval if approved else q.max_excellent
    if excellent <= limit:
        return []
    basis = "经批准的比例" if approved else "比例"
    return [
        Finding(
            "excellent_over_quota",
            f"参加考核{assessed}人，优秀{excellent}人，超过{basis}上限{limit}人",
        )
    ]


@dataclass(frozen=True)
class Consequence:
    year: int
    code: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "code": self.code, "message": self.message}


def assessment_consequences(
    assessments: Mapping[int, str], params: Params | None = None
) -> list[Consequence]:
    """Consequences of a series of annual grades, in year order.

    优秀 N years running → 记三等功 (runs counted without overlap); 称职 or better cumulated
    2 / 5 years → one pay step / one grade (each time the count reaches a multiple);
    不称职 → lower one post or rank; 不称职 two years running → dismissal;
    基本称职 → 诫勉 and the year does not count toward promotion.
    """
    p = resolve(params)
    merit = p.get_int("assessment.merit.consecutive_excellent_years")
    step = p.get_int("assessment.pay_step.cumulative_competent_years")
    grade_years = p.get_int("assessment.grade_promotion.cumulative_competent_years")
    dismiss = p.get_int("assessment.dismissal.consecutive_incompetent_years")
    out: list[Consequence] = []
    run_excellent = run_incompetent = cumulative = 0
    previous: int | None = None
    for year in sorted(assessments):
        grade = normalize_grade(assessments[year])
        if previous is not None and year != previous + 1:
            run_excellent = run_incompetent = 0
        previous = year
        run_excellent = run_excellent + 1 if grade == EXCELLENT else 0
        run_incompetent = run_incompetent + 1 if grade == INCOMPETENT else 0
        if run_excellent == merit:
            out.append(
                Consequence(
                    year,
                    "merit_third_class",
                    f"{year - merit + 1}—{year}年度连续{merit}年优秀，给予记三等功",
                )
            )
            run_excellent = 0
        if grade in (EXCELLENT, COMPETENT):
            cumulative += 1
            if cumulative % step == 0:
                out.append(
                    Consequence(
                        year,
                        "pay_step",
                        f"截至{year}年度累计{cumulative}年称职以上，晋升一档级别工资",
                    )
                )
            if cumulative % grade_years == 0:
                out.append(
                    Consequence(
                        year,
                        "grade_promotion",
                        f"截至{year}年度累计{cumulative}年称职以上，晋升一个级别",
                    )
                )
        if grade == BASIC:
            out.append(
                Consequence(
                    year, "admonish", f"{year}年度基本称职，应予诫勉，该年度不计入晋升职务职级年限"
                )
            )
        if grade == INCOMPETENT:
            out.append(Consequence(year, "demote", f"{year}年度不称职，降低一个职务或者职级层次"))
            if run_incompetent >= dismiss:
                out.append(
                    Consequence(
                        year,
                        "dismissal",
                        f"{year - dismiss + 1}—{year}年度连续{dismiss}年不称职，予以辞退",
                    )
                )
    return out

"""年度考核结果 summary text: "2022年度考核优秀，2023、2024年度考核均为称职"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from cadre.core import codebook

RECENT_YEARS = 3  # the adform shows the last three years assessed
NOT_ASSESSED = "不参加考核"


class AssessmentLike(Protocol):
    year: int
    grade: str


def _group_text(years: list[int], grade: str) -> str:
    joined = "、".join(str(y) for y in years)
    if grade == NOT_ASSESSED:
        return f"{joined}年度{'均' if len(years) > 1 else ''}不参加考核"
    if len(years) > 1:
        return f"{joined}年度考核均为{grade}"
    return f"{joined}年度考核{grade}"


def assessment_summary(
    assessments: Iterable[AssessmentLike],
    *,
    up_to_year: int | None = None,
    years: int = RECENT_YEARS,
) -> str:
    """The most recent ``years`` results up to ``up_to_year``, runs of one grade grouped."""
    items = (
        sorted(
            (a for a in assessments if up_to_year is None or a.year <= up_to_year),
            key=lambda a: a.year,
        )[-years:]
        if years > 0
        else []
    )
    groups: list[tuple[list[int], str]] = []
    for a in items:
        grade = codebook.name("assessment_grade", a.grade)
        if groups and groups[-1][1] == grade:
            groups[-1][0].append(a.year)
        else:
            groups.append(([a.year], grade))
    return "，".join(_group_text(ys, g) for ys, g in groups)


def grade_names(assessments: Iterable[AssessmentLike]) -> dict[int, str]:
    """{year: grade name} as the rules engine takes it (不参加考核 counts as 不定等次)."""
    out: dict[int, str] = {}
    for a in assessments:
        name = codebook.name("assessment_grade", a.grade)
        out[a.year] = "不定等次" if name == NOT_ASSESSED else name
    return out

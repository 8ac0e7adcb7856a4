"""学历学位 on the adform: one cell per track (全日制教育 / 在职教育).

Conventions (FORMS.md §1): 学历 and 学位 on two lines ("大学⏎理学学士"); 党校 education is
in-service whatever track it was entered in, and is written with the school as prefix
("中央党校研究生"); no school is written for 高中 and below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from cadre.core import codebook

FULL_TIME, IN_SERVICE = "full_time", "in_service"
# 学历 for which the adform names no school.
NO_SCHOOL = frozenset({"61", "71", "81"})
DEGREE_LEVELS = ("博士", "硕士", "学士")


class EducationLike(Protocol):
    track: str
    education: str
    degree: str
    degree_name: str
    school: str
    major: str
    sort: int


@dataclass(frozen=True)
class EducationCell:
    """One 学历学位 row of the adform."""

    education: str = ""  # 学历 as the adform writes it: 大学, 研究生, 中央党校研究生 …
    degree: str = ""  # 学位: 理学学士, 法学硕士 …
    education_school: str = ""  # 毕业院校系及专业 of the 学历
    degree_school: str = ""  # 毕业院校系及专业 of the 学位

    @property
    def education_degree(self) -> str:
        """学历⏎学位, as printed in the cell."""
        return "\n".join(p for p in (self.education, self.degree) if p)

    @property
    def schools(self) -> str:
        """The school cell: one line, or two when 学历 and 学位 came from different schools."""
        lines = [self.education_school]
        if self.degree_school and self.degree_school != self.education_school:
            lines.append(self.degree_school)
        return "\n".join(p for p in lines if p)

    @property
    def is_empty(self) -> bool:
        return not (self.education or self.degree)


def effective_track(e: EducationLike) -> str:
    """党校 education is always in-service (在职教育)."""
    if codebook.attrs("education", e.education).get("party_school"):
        return IN_SERVICE
    return e.track


def education_label(code: str) -> str:
    """学历 as the adform writes it (大学, 研究生, 中央党校研究生 …)."""
    return str(codebook.attrs("education", code).get("adform") or codebook.name("education", code))


def degree_label(degree: str, degree_name: str) -> str:
    """学位 with its discipline: 理学学士; a bare discipline ("理学") gets the level added."""
    level = codebook.name("degree", degree) if degree else ""
    name = degree_name.strip()
    if not name:
        return level
    if name.endswith(DEGREE_LEVELS) or not level:
        return name
    return name + level


def school_text(e: EducationLike) -> str:
    if e.education in NO_SCHOOL:
        return ""
    return f"{e.school.strip()}{e.major.strip()}"


def _education_rank(e: EducationLike) -> tuple[int, int]:
    level = int(codebook.attrs("education", e.education).get("level", 9))
    return level, e.sort


def _degree_rank(e: EducationLike) -> tuple[int, int]:
    return (int(e.degree) if e.degree.isdigit() else 9), e.sort


def education_cell(educations: Iterable[EducationLike], track: str) -> EducationCell:
    """The adform cell of one track: its highest 学历 and its highest 学位."""
    items = [e for e in educations if effective_track(e) == track]
    if not items:
        return EducationCell()
    best = min(items, key=_education_rank)
    with_degree = [e for e in items if e.degree or e.degree_name.strip()]
    best_degree = min(with_degree, key=_degree_rank) if with_degree else None
    return EducationCell(
        education=education_label(best.education),
        degree=degree_label(best_degree.degree, best_degree.degree_name) if best_degree else "",
        education_school=school_text(best),
        degree_school=school_text(best_degree) if best_degree else "",
    )

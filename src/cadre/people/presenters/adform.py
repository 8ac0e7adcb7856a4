"""The 干部任免审批表 (FORMS.md §1) as display values, from a cadre and its parts.

The caller prefetches the parts (educations, resume_entries, family_members, rewards,
sanctions, assessments); nothing here queries per row. The same values feed the profile page
and the Word/PDF/LRMX exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cadre.core import codebook
from cadre.people.presenters.assessments import assessment_summary
from cadre.people.presenters.education import (
    FULL_TIME,
    IN_SERVICE,
    EducationCell,
    education_cell,
)
from cadre.people.presenters.family import FamilyRow, family_rows
from cadre.people.presenters.formats import age_at, birth_text, month_text, party_text
from cadre.people.presenters.resume import ResumeLine, resume_display
from cadre.people.presenters.rewards import rewards_text
from cadre.people.retirement import retirement_of
from cadre.rules.params import Params

if TYPE_CHECKING:
    from cadre.people.models import Cadre


FAMILY_MIN_ROWS = 6


@dataclass(frozen=True)
class Adform:
    at: dt.date  # 计算年龄时间
    name: str
    gender: str
    birth: str  # 1972.04（52岁）
    age: int | None
    ethnicity: str
    native_place: str
    birthplace: str
    party: str  # 入党时间: 2001.08；民建
    work_started: str
    health: str
    retire_month: str  # 到龄年月 yyyy.MM
    retire_age: str  # 60岁3个月
    pre_reform_age: str  # 改革前任职年龄界限
    professional_title: str
    specialty: str
    full_time: EducationCell
    in_service: EducationCell
    current_position: str
    resume: list[ResumeLine]
    rewards: str
    assessments: str
    family: list[FamilyRow]
    unit_name: str
    proposed_position: str = ""  # 拟任职务: filled by the appointment workflow
    removed_position: str = ""  # 拟免职务
    appointment_reason: str = ""  # 任免理由
    notes: list[str] = field(default_factory=list)

    @property
    def family_blank_rows(self) -> range:
        """Empty rows that keep the printed family table at its paper height."""
        return range(max(0, FAMILY_MIN_ROWS - len(self.family)))

    @property
    def family_row_span(self) -> int:
        """Rows under the 家庭主要成员 label: the header, the members and the blank rows."""
        return 1 + len(self.family) + len(self.family_blank_rows)

    @property
    def resume_text(self) -> str:
        return "\n".join(line.line for line in self.resume)


def build_adform(cadre: Cadre, *, at: dt.date, params: Params) -> Adform:
    """The adform of ``cadre`` with ages at ``at``; ``params`` are the rule parameters in force."""
    educations = list(cadre.educations.all())
    retire = retirement_of(cadre, params=params)
    if cadre.retire_month is not None:
        retire_month = month_text(cadre.retire_month)
    else:
        retire_month = retire.retire_month.dotted() if retire else ""
    return Adform(
        at=at,
        name=cadre.name,
        gender=codebook.name("gender", cadre.gender),
        birth=birth_text(cadre.birth_date, at),
        age=age_at(cadre.birth_date, at),
        ethnicity=codebook.name("ethnicity", cadre.ethnicity),
        native_place=cadre.native_place,
        birthplace=cadre.birthplace,
        party=party_text(cadre.political_status, cadre.party_joined_on, cadre.other_party),
        work_started=month_text(cadre.work_started_on),
        health=codebook.name("health", cadre.health),
        retire_month=retire_month,
        retire_age=retire.age_text if retire else "",
        pre_reform_age=retire.pre_reform_age_text if retire else "",
        professional_title=cadre.professional_title,
        specialty=cadre.specialty,
        full_time=education_cell(educations, FULL_TIME),
        in_service=education_cell(educations, IN_SERVICE),
        current_position=cadre.current_position,
        resume=resume_display(cadre.resume_entries.all()),
        rewards=rewards_text(cadre.rewards.all(), cadre.sanctions.all()),
        assessments=assessment_summary(cadre.assessments.all(), up_to_year=at.year),
        family=family_rows(cadre.family_members.all(), at),
        unit_name=cadre.unit.name,
    )

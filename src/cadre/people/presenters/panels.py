"""Rows of the profile's tab panels (基本信息, 学历学位, 任职, 职级级别, 年度考核, 奖惩)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre.core import codebook
from cadre.people.presenters.education import degree_label, effective_track
from cadre.people.presenters.formats import (
    CPC_CODES,
    age_at,
    date_text,
    month_text,
    party_text,
)
from cadre.people.presenters.rewards import reward_text, sanction_label
from cadre.rules import sanctions as sanction_rules
from cadre.rules.errors import RulesError
from cadre.rules.params import Params

if TYPE_CHECKING:
    from cadre.people.models import AnnualAssessment, Cadre, Education, Reward, Sanction
    from cadre.posts.models import Appointment, GradeRecord, RankRecord


@dataclass(frozen=True)
class Field:
    label: str
    value: str


def basic_fields(cadre: Cadre, at: dt.date) -> list[Field]:
    age = age_at(cadre.birth_date, at)
    party_confirmed = (
        date_text(cadre.party_confirmed_on) if cadre.political_status in CPC_CODES else ""
    )
    values = [
        ("姓名", cadre.name),
        ("性别", codebook.name("gender", cadre.gender)),
        ("出生日期", date_text(cadre.birth_date)),
        ("年龄", f"{age}岁" if age is not None else ""),
        ("民族", codebook.name("ethnicity", cadre.ethnicity)),
        ("籍贯", cadre.native_place),
        ("出生地", cadre.birthplace),
        ("政治面貌", codebook.name("political_status", cadre.political_status)),
        (
            "入党时间（党派）",
            party_text(cadre.political_status, cadre.party_joined_on, cadre.other_party),
        ),
        ("转正时间", party_confirmed),
        ("民主党派", codebook.name("political_status", cadre.other_party)),
        ("加入民主党派时间", date_text(cadre.other_party_joined_on)),
        ("参加工作时间", date_text(cadre.work_started_on)),
        ("健康状况", codebook.name("health", cadre.health)),
        ("专业技术职务", cadre.professional_title),
        ("熟悉专业有何专长", cadre.specialty),
        ("人员类别", codebook.name("staff_category", cadre.staff_category)),
        ("管理状态", codebook.name("status", cadre.status)),
        ("所在单位", cadre.unit.name),
        ("现任职务", cadre.current_position),
        ("职务层次", codebook.name("position_level", cadre.position_level)),
        ("任现职时间", date_text(cadre.position_since)),
        ("任现职务层次时间", date_text(cadre.position_level_since)),
        ("职级", codebook.name("rank", cadre.rank)),
        ("任现职级时间", date_text(cadre.rank_since)),
        ("最高学历", codebook.name("education", cadre.education)),
        ("全日制最高学历", codebook.name("education", cadre.full_time_education)),
        ("到龄年月", month_text(cadre.retire_month)),
        ("备注", cadre.remarks),
    ]
    return [Field(label, value) for label, value in values]


@dataclass(frozen=True)
class EducationRow:
    track: str
    education: str
    degree: str
    school: str
    major: str
    started: str
    ended: str


def education_rows(educations: Iterable[Education]) -> list[EducationRow]:
    return [
        EducationRow(
            track="在职教育" if effective_track(e) == "in_service" else "全日制教育",
            education=codebook.name("education", e.education),
            degree=degree_label(e.degree, e.degree_name) if (e.degree or e.degree_name) else "",
            school=e.school,
            major=e.major,
            started=month_text(e.started_on),
            ended=month_text(e.ended_on),
        )
        for e in educations
    ]


@dataclass(frozen=True)
class AppointmentRow:
    unit: str
    title: str
    level: str
    leading: str
    main: str
    started: str
    document_no: str
    way: str
    probation_until: str
    ended: str
    end_document_no: str
    is_current: bool


def appointment_rows(appointments: Iterable[Appointment]) -> list[AppointmentRow]:
    ordered = sorted(
        appointments, key=lambda a: (a.ended_on is not None, -a.started_on.toordinal(), a.sort)
    )
    return [
        AppointmentRow(
            unit=a.unit.name if a.unit is not None else "",
            title=a.title,
            level=codebook.name("position_level", a.position_level),
            leading="领导职务" if a.is_leading else "非领导职务",
            main="主要职务" if a.is_main else "兼任",
            started=date_text(a.started_on),
            document_no=a.document_no,
            way=codebook.name("appointment_way", a.way),
            probation_until=date_text(a.probation_until),
            ended=date_text(a.ended_on),
            end_document_no=a.end_document_no,
            is_current=a.ended_on is None,
        )
        for a in ordered
    ]


@dataclass(frozen=True)
class TimelineRow:
    value: str
    started: str
    ended: str
    document_no: str
    is_current: bool


def rank_rows(ranks: Iterable[RankRecord]) -> list[TimelineRow]:
    return [
        TimelineRow(
            codebook.name("rank", r.rank),
            date_text(r.started_on),
            date_text(r.ended_on),
            r.document_no,
            r.ended_on is None,
        )
        for r in sorted(ranks, key=lambda r: r.started_on, reverse=True)
    ]


def grade_rows(grades: Iterable[GradeRecord]) -> list[TimelineRow]:
    return [
        TimelineRow(
            f"{g.grade}级" + (f"{g.step}档" if g.step else ""),
            date_text(g.started_on),
            date_text(g.ended_on),
            g.document_no,
            g.ended_on is None,
        )
        for g in sorted(grades, key=lambda g: g.started_on, reverse=True)
    ]


@dataclass(frozen=True)
class AssessmentRow:
    year: int
    grade: str
    note: str
    excellent_approved: bool


def assessment_rows(assessments: Iterable[AnnualAssessment]) -> list[AssessmentRow]:
    return [
        AssessmentRow(
            a.year,
            codebook.name("assessment_grade", a.grade),
            a.note,
            a.excellent_approved,
        )
        for a in sorted(assessments, key=lambda a: a.year, reverse=True)
    ]


def reward_rows(rewards: Iterable[Reward]) -> list[tuple[Reward, str, str]]:
    """(reward, 奖励种类, the sentence as written on the adform)."""
    ordered = sorted(rewards, key=lambda r: r.awarded_on, reverse=True)
    return [(r, codebook.name("reward", r.kind), reward_text(r)) for r in ordered]


@dataclass(frozen=True)
class SanctionRow:
    kind: str
    label: str
    effective: str
    reason: str
    issuer: str
    document_no: str
    revoked: str
    influence_until: str  # "" when revoked or not computable


def sanction_rows(sanctions: Iterable[Sanction], params: Params) -> list[SanctionRow]:
    rows: list[SanctionRow] = []
    for s in sorted(sanctions, key=lambda s: s.effective_on, reverse=True):
        until = ""
        if s.revoked_on is None:
            rule = sanction_rules.Sanction(
                codebook.name("sanction_kind", s.kind),
                codebook.name("sanction_measure", s.measure),
                s.effective_on,
                s.observation_years,
            )
            try:
                periods = sanction_rules.influence_periods([rule], params)
            except RulesError:  # an unreadable record shows without a period
                periods = []
            until = periods[0].ends_on.isoformat() if periods else ""
        rows.append(
            SanctionRow(
                kind=codebook.name("sanction_kind", s.kind),
                label=sanction_label(s.kind, s.measure, s.observation_years),
                effective=date_text(s.effective_on),
                reason=s.reason,
                issuer=s.issuer,
                document_no=s.document_no,
                revoked=date_text(s.revoked_on),
                influence_until=until,
            )
        )
    return rows

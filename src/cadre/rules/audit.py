"""Dossier audit (档案审核, §1): flags over plain values, never silent fixes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cadre.rules.ages import age_on
from cadre.rules.dates import Month
from cadre.rules.errors import Finding
from cadre.rules.idnumber import validate_id_number
from cadre.rules.params import Params, resolve
from cadre.rules.resume import ResumeEntry, parse_resume
from cadre.rules.retirement import retirement


@dataclass(frozen=True)
class Span:
    """A dated record: an education period, or an appointment (``start`` = 任职时间)."""

    start: date | Month | None
    end: date | Month | None = None
    label: str = ""


def _text(d: date | Month) -> str:
    return d.isoformat() if isinstance(d, date) else str(d)


def check_id_against_record(
    id_number: str | None,
    birth: date | Month | None,
    gender: str | None,
    *,
    today: date | None = None,
    params: Params | None = None,
) -> list[Finding]:
    """Birth date and gender on record versus those encoded in the ID number."""
    if not id_number:
        return []
    r = validate_id_number(id_number, today=today, params=params)
    if not r.valid or r.birth_date is None:
        return [Finding("id_invalid", f"身份证号无效：{'；'.join(r.errors)}")]
    out: list[Finding] = []
    if birth is not None:
        same = (
            Month.of(r.birth_date) == birth if isinstance(birth, Month) else r.birth_date == birth
        )
        if not same:
            out.append(
                Finding(
                    "birth_mismatch",
                    f"出生日期与身份证号不一致：档案为{_text(birth)}，"
                    f"身份证号为{r.birth_date.isoformat()}",
                )
            )
    if gender is not None and gender != r.gender:
        out.append(
            Finding(
                "gender_mismatch",
                f"性别与身份证号不一致：档案为{gender}，身份证号第17位为{r.gender}",
            )
        )
    return out


def check_work_age(
    birth: date | Month | None, work_started_on: date | Month | None, params: Params | None = None
) -> list[Finding]:
    if birth is None or work_started_on is None:
        return []
    limit = resolve(params).get_int("audit.min_work_age_years")
    age = age_on(birth, work_started_on)
    if age >= limit:
        return []
    return [Finding("work_too_young", f"参加工作时未满{limit}周岁（{age}岁），请核实", "warning")]


def check_party_age(
    birth: date | Month | None, party_joined_on: date | Month | None, params: Params | None = None
) -> list[Finding]:
    if birth is None or party_joined_on is None:
        return []
    limit = resolve(params).get_int("audit.min_party_age_years")
    age = age_on(birth, party_joined_on)
    if age >= limit:
        return []
    return [Finding("party_too_young", f"入党时未满{limit}周岁（{age}岁）")]


def check_education(spans: Sequence[Span]) -> list[Finding]:
    """Inverted or overlapping education periods (compared by month)."""
    out: list[Finding] = []
    dated = [s for s in spans if s.start is not None]
    for s in dated:
        if s.start is not None and s.end is not None and Month.of(s.end) < Month.of(s.start):
            out.append(
                Finding(
                    "education_inverted",
                    f"学历起止时间颠倒：{s.label}（{_text(s.start)}至{_text(s.end)}）",
                )
            )
    ordered = sorted(dated, key=lambda s: Month.of(s.start) if s.start else Month(1, 1))
    latest: Span | None = None  # the span reaching furthest so far
    for b in ordered:
        if (
            latest is not None
            and latest.end is not None
            and b.start is not None
            and Month.of(b.start) < Month.of(latest.end)
        ):
            out.append(Finding("education_overlap", f"学历时间重叠：{latest.label}与{b.label}"))
        if b.end is not None and (
            latest is None or latest.end is None or Month.of(b.end) > Month.of(latest.end)
        ):
            latest = b
    return out


def check_resume(
    resume: Sequence[ResumeEntry] | str, params: Params | None = None
) -> list[Finding]:
    """Inverted lines, gaps over the allowed months and overlaps (其间 parts are exempt)."""
    entries = parse_resume(resume) if isinstance(resume, str) else list(resume)
    max_gap = resolve(params).get_int("audit.resume.max_gap_months")
    out: list[Finding] = []
    dated = [e for e in entries if e.start is not None]
    for e in dated:
        if e.start is not None and e.end is not None and e.end < e.start:
            out.append(
                Finding(
                    "resume_inverted",
                    f"简历起止时间颠倒：{e.start.dotted()}--{e.end.dotted()} {e.text}",
                )
            )
    for a, b in itertools.pairwise(dated):
        if a.start is None or b.start is None:
            continue
        if a.end is None:
            out.append(
                Finding("resume_overlap", f"简历“{a.text}”未写截止时间，与后续经历“{b.text}”重叠")
            )
            continue
        if b.start < a.end:
            out.append(
                Finding(
                    "resume_overlap",
                    f"简历时间重叠：“{a.text}”至{a.end.dotted()}，“{b.text}”自{b.start.dotted()}起",
                )
            )
        gap = a.end.months_until(b.start) - 1
        if gap > max_gap:
            out.append(
                Finding(
                    "resume_gap",
                    f"简历断档：{a.end.dotted()}至{b.start.dotted()}之间空缺{gap}个月",
                )
            )
    return out


def check_appointments(
    work_started_on: date | Month | None, appointments: Sequence[Span]
) -> list[Finding]:
    if work_started_on is None:
        return []
    start = Month.of(work_started_on)
    out: list[Finding] = []
    for a in appointments:
        if a.start is None:
            continue
        early = (
            a.start < work_started_on
            if isinstance(a.start, date) and isinstance(work_started_on, date)
            else Month.of(a.start) < start
        )
        if early:
            out.append(
                Finding(
                    "appointment_before_work",
                    f"任职时间早于参加工作时间：{a.label}（{_text(a.start)}），"
                    f"参加工作时间{_text(work_started_on)}",
                )
            )
    return out


def check_retirement(
    birth: date | Month | None,
    category: str | None,
    as_of: date,
    *,
    in_office: bool = True,
    county_level_leader: bool = False,
    retire_month_override: Month | None = None,
    params: Params | None = None,
) -> list[Finding]:
    """A cadre in office after the retirement month (or a recorded flexible-retirement month)."""
    if birth is None or category is None or not in_office:
        return []
    month = (
        retire_month_override
        or retirement(
            birth, category, county_level_leader=county_level_leader, params=params
        ).retire_month
    )
    if Month.of(as_of) <= month:
        return []
    return [Finding("past_retirement", f"已过到龄年月（{month.cn()}）仍在职")]


@dataclass(frozen=True)
class DossierFacts:
    """Plain facts from one cadre's record, as the audit needs them."""

    as_of: date
    id_number: str | None = None
    birth: date | Month | None = None
    gender: str | None = None
    work_started_on: date | Month | None = None
    party_joined_on: date | Month | None = None
    education: Sequence[Span] = ()
    resume: Sequence[ResumeEntry] | str = ()
    appointments: Sequence[Span] = ()
    retirement_category: str | None = None
    county_level_leader: bool = False
    retire_month_override: Month | None = None
    in_office: bool = True


def audit_dossier(facts: DossierFacts, params: Params | None = None) -> list[Finding]:
    """All §1 checks; an empty list means nothing to flag."""
    f = facts
    return [
        *check_id_against_record(f.id_number, f.birth, f.gender, today=f.as_of, params=params),
        *check_work_age(f.birth, f.work_started_on, params),
        *check_party_age(f.birth, f.party_joined_on, params),
        *check_education(f.education),
        *check_resume(f.resume, params),
        *check_appointments(f.work_started_on, f.appointments),
        *check_retirement(
            f.birth,
            f.retirement_category,
            f.as_of,
            in_office=f.in_office,
            county_level_leader=f.county_level_leader,
            retire_month_override=f.retire_month_override,
            params=params,
        ),
    ]

"""The cadre generator: a whole, internally consistent record for each seat of a unit.

A record is built the way a career happens: birth → full-time study → first job → posts, one
rung of the ladder after another, with tenure long enough for each step (RULES.md §7) →
ranks from the 2019 reform on, promoted when `rules.ranks` says the tenure is met (§6) →
a few sanctions that never overlap a promotion (§4) → five annual assessments with 优秀 at
15–20% of each unit and the caps sanctions impose (§5) → rewards that follow from them.
Derived columns come from `people.derived` on the unsaved instances, the same code the
services use; nothing here computes them a second time.

Everything draws from a `random.Random` seeded per unit, so one seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence

from cadre.people.derived import derive_education, derive_positions, derive_rank
from cadre.people.identity import id_number_fields
from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    Education,
    FamilyMember,
    ResumeEntry,
    Reward,
    Sanction,
)
from cadre.people.retirement import (
    retire_month_of,
)
from cadre.posts.models import Appointment, GradeRecord, RankRecord
from cadre.rules import sanctions as sanction_rules
from cadre.seed import names
from cadre.seed.career import (
    STUDY_LABEL,
    career,
    doc,
    draw_birth,
    draw_in_service,
    full_time,
    higher,
    politics,
    retires_after,
)
from cadre.seed.context import (
    ASSESSMENT_YEARS,
    LEADING_LEVELS,
    RANK_CATEGORIES,
    SANCTION_KIND_NAME,
    SANCTION_MEASURE_NAME,
    County,
    Person,
    Rows,
    Seat,
    add_years,
    id_number,
    pinyin_pair,
    random_day,
    weighted,
)
from cadre.seed.records import (
    family,
    finish_unit,
    ranks,
    sanction,
)
from cadre.seed.units import NATIVE_PROVINCE, UnitSpec
from cadre.seed.vocab import (
    SPECIALTIES,
    TITLES_PRO,
)
from cadre.seed.writer import new


def make_person(rng: random.Random, county: County, seat: Seat) -> Person:
    as_of = county.as_of
    leader = seat.level in LEADING_LEVELS
    category = seat.unit.staff_category
    if seat.unit.staff_category.startswith("3") and leader:
        category = "30"  # institution managers
    female_share = {"principal": 0.12, "deputy": 0.22}.get(seat.role, 0.42)
    gender = "2" if rng.random() < female_share else "1"
    for attempt in range(40):
        birth = draw_birth(rng, county, seat, gender)
        if attempt > 20:  # a seat that needs seniority: make the person older
            birth = birth.replace(year=birth.year - (attempt - 20))
        if not retires_after(county, birth, gender, category, seat.level):
            continue
        studies = full_time(rng, birth, leader)
        grad = studies[-1].end
        if studies[-1].code == "61":
            work_start = dt.date(grad.year + rng.randint(0, 2), rng.randint(7, 12), random_day(rng))
        else:
            work_start = dt.date(grad.year, rng.choice((7, 8)), random_day(rng))
        if work_start >= as_of - dt.timedelta(days=60):
            continue
        stints = career(rng, county, seat, work_start)
        if stints is not None:
            break
    else:  # pragma: no cover - the ladder always fits someone 55 years old
        raise RuntimeError(f"无法为岗位“{seat.title}”生成合理的干部履历")

    ids = county.ids
    cadre_id = ids.take(Cadre)
    surname = names.surname(rng)
    name = surname + names.given_name(rng, gender, birth.year)
    full, initials = pinyin_pair(name)
    native = f"{NATIVE_PROVINCE}{county.name}" if rng.random() < 0.8 else f"{NATIVE_PROVINCE}云州"
    number = id_number(county, rng, birth, gender)
    cadre = new(
        Cadre,
        id=cadre_id,
        name=name,
        name_pinyin=full,
        name_initials=initials[:40],
        gender=gender,
        birth_date=birth,
        ethnicity=weighted(rng, ["01", "03", "11", "02"], [95, 2, 2, 1]),
        native_place=native,
        birthplace=native if rng.random() < 0.9 else f"{NATIVE_PROVINCE}{county.name}",
        work_started_on=work_start,
        health=weighted(rng, ["1", "2", "3"], [93, 6, 1]),
        staff_category=category,
        status="1",
        unit_id=seat.unit.pk,
        unit_path=seat.unit.path,
        created_at=county.now,
        updated_at=county.now,
        **id_number_fields(number),
    )
    if category == "31":
        cadre.professional_title = rng.choice(TITLES_PRO)
    if leader and rng.random() < 0.5:
        cadre.specialty = rng.choice(SPECIALTIES)
    politics(rng, cadre, leader, as_of)

    rows: Rows = {
        m: []
        for m in (
            Education,
            ResumeEntry,
            Appointment,
            RankRecord,
            GradeRecord,
            AnnualAssessment,
            FamilyMember,
            Reward,
            Sanction,
        )
    }
    # Education and the study lines of the resume.
    in_service = draw_in_service(rng, studies, work_start, as_of, leader)
    educations = []
    for sort, s in enumerate([*studies, *([in_service] if in_service else [])]):
        educations.append(
            new(
                Education,
                id=ids.take(Education),
                cadre_id=cadre_id,
                track=s.track,
                education=s.code,
                degree=s.degree,
                degree_name=s.degree_name,
                school=s.school,
                major=s.major,
                started_on=s.start,
                ended_on=s.end,
                sort=sort,
            )
        )
    rows[Education] = educations
    resume: list[ResumeEntry] = rows[ResumeEntry]
    for s in studies:
        if s.code == "61":
            continue  # resume lines start at higher education or the first job
        text = f"{s.school}{s.major}专业{'硕士研究生' if s.code == '14' else ''}学习"
        resume.append(
            new(
                ResumeEntry,
                id=ids.take(ResumeEntry),
                cadre_id=cadre_id,
                started_on=s.start,
                ended_on=s.end,
                text=text,
                sort=len(resume) * 10,
            )
        )

    # Posts: one appointment and one resume line per stint.
    appointments: list[Appointment] = rows[Appointment]
    promotions: list[dt.date] = []
    previous_level = None
    for i, st in enumerate(stints):
        end = stints[i + 1].start if i + 1 < len(stints) else None
        elected = any(w in st.title for w in ("书记", "镇长", "乡长", "县长", "主任", "主席")) and (
            st.unit.kind in {"01", "03", "04", "08"} and st.level in LEADING_LEVELS
        )
        promoted = previous_level is not None and higher(st.level, previous_level)
        if promoted:
            promotions.append(st.start)
        way = "1" if elected else ("4" if i == 0 else ("2" if st.level in LEADING_LEVELS else "5"))
        probation = None
        if (i == 0 and st.level in {"50", ""}) or (promoted and not elected):
            probation = add_years(st.start, 1)
        appointments.append(
            new(
                Appointment,
                id=ids.take(Appointment),
                cadre_id=cadre_id,
                unit_id=st.unit.pk,
                title=st.title,
                position_level=st.level,
                is_leading=st.level in LEADING_LEVELS,
                is_main=True,
                started_on=st.start,
                ended_on=end,
                way=way,
                probation_until=probation,
                document_no=doc(rng, county, st.level, st.start),
                end_document_no=doc(rng, county, st.level, end) if end else "",
                sort=0,
            )
        )
        resume.append(
            new(
                ResumeEntry,
                id=ids.take(ResumeEntry),
                cadre_id=cadre_id,
                started_on=st.start.replace(day=1),
                ended_on=end.replace(day=1) if end else None,
                text=st.title[:300],
                sort=len(resume) * 10,
            )
        )
        previous_level = st.level
    if in_service:
        parent = next(
            (r for r in reversed(resume) if r.started_on and r.started_on <= in_service.start),
            resume[-1],
        )
        label = STUDY_LABEL.get(in_service.code, "在职")
        resume.append(
            new(
                ResumeEntry,
                id=ids.take(ResumeEntry),
                cadre_id=cadre_id,
                parent_id=parent.id,
                started_on=in_service.start,
                ended_on=in_service.end,
                text=f"{in_service.school}{in_service.major}专业{label}学习",
                sort=parent.sort + 1,
            )
        )

    # Sanctions (about 1.5%), then the years they and other reasons keep from 优秀.
    sanctions: list[Sanction] = rows[Sanction]
    rule_sanctions: list[sanction_rules.Sanction] = []
    if rng.random() < 0.015:
        picked = sanction(rng, county, cadre, cadre.political_status in {"01", "02"}, promotions)
        if picked:
            kind, measure, effective = picked
            rule_sanctions.append(
                sanction_rules.Sanction(
                    SANCTION_KIND_NAME[kind], SANCTION_MEASURE_NAME[measure], effective
                )
            )
            issuer = {
                "1": f"{county.name}县监察委员会",
                "2": f"中共{county.name}县纪律检查委员会",
            }.get(kind, f"中共{county.name}县委组织部")
            sanctions.append(
                new(
                    Sanction,
                    id=ids.take(Sanction),
                    cadre_id=cadre_id,
                    kind=kind,
                    measure=measure,
                    effective_on=effective,
                    issuer=issuer,
                    reason=rng.choice(
                        [
                            "违反工作纪律",
                            "违反中央八项规定精神",
                            "履职不力",
                            "违反廉洁纪律",
                            "违反群众纪律",
                        ]
                    ),
                    document_no=f"{county.abbr}纪发〔{effective.year}〕{rng.randint(1, 60)}号",
                )
            )
    bad_years: dict[int, tuple[str, str]] = {}
    not_excellent: set[int] = set()
    promotion_years = {p.year for p in promotions}
    for year in ASSESSMENT_YEARS:
        if work_start.year > year:
            continue
        if work_start.year == year:
            bad_years[year] = ("5", "新录用人员试用期内")
            continue
        cap = (
            sanction_rules.assessment_cap(year, rule_sanctions, county.params).cap
            if rule_sanctions
            else None
        )
        if cap == "非优秀":
            not_excellent.add(year)
        elif cap in {"不定等次", "不称职"}:
            bad_years[year] = ("5" if cap == "不定等次" else "4", "受处分影响")
        elif rng.random() < 0.01 and year + 1 not in promotion_years:
            bad_years[year] = ("3", "")
        elif rng.random() < 0.004:
            bad_years[year] = ("5", "病假超过半年")

    if category in RANK_CATEGORIES:
        ranks(rng, county, cadre, studies, stints, bad_years, rule_sanctions, rows)
    family(rng, county, cadre, rows)

    # Derived columns, by the same functions the services use.
    for key, value in derive_positions(appointments).items():
        setattr(cadre, key, value)
    for key, value in derive_rank(rows[RankRecord]).items():
        setattr(cadre, key, value)
    for key, value in derive_education(educations).items():
        setattr(cadre, key, value)
    cadre.retire_month = retire_month_of(cadre, params=county.params)
    return Person(cadre, rows, bad_years, not_excellent, leader)


def seats_for(rng: random.Random, unit: UnitSpec, n: int, over_quota: bool) -> list[Seat]:
    """The posts of a unit filled by n cadres: principals, deputies (most of the quota, or one
    over it for a few units), then other staff."""
    seats: list[Seat] = []
    principals = min(unit.quota_principal, n)
    for i in range(principals):
        title = unit.principal_titles[i % len(unit.principal_titles)]
        seats.append(Seat(unit, title, unit.principal_level, "principal"))
    deputies = unit.quota_deputy
    if deputies > 2 and rng.random() < 0.4:
        deputies -= 1  # a vacancy
    if over_quota and unit.quota_deputy:
        deputies = unit.quota_deputy + 1
    deputies = min(deputies, n - principals)
    for i in range(deputies):
        title = unit.deputy_titles[i % len(unit.deputy_titles)]
        seats.append(
            Seat(unit, title, unit.deputy_level, "deputy" if unit.deputy_level else "staff")
        )
    staff_title = unit.staff_title or f"{unit.short_name}工作人员"
    for _ in range(n - len(seats)):
        seats.append(Seat(unit, staff_title, unit.staff_level, "staff"))
    return seats


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split total over weights by largest remainder (deterministic)."""
    whole = sum(weights) or 1
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def generate_unit(
    county: County, unit: UnitSpec, n: int, seed: int, emit: Callable[[Rows], None]
) -> int:
    """Generate the n cadres of one unit and hand their rows to ``emit``; returns n."""
    rng = random.Random(f"{seed}:{unit.code}")  # noqa: S311 - reproducible data, no secret
    over_quota = rng.random() < 0.05
    people = [make_person(rng, county, seat) for seat in seats_for(rng, unit, n, over_quota)]
    finish_unit(rng, county, people)
    rows: Rows = {Cadre: [p.cadre for p in people]}
    for p in people:
        for model, items in p.rows.items():
            rows.setdefault(model, []).extend(items)
    emit(rows)
    return n

"""Ranks and grades, sanctions, family, annual assessments and rewards of cadres."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from cadre.core.codes import SANCTION_MEASURE
from cadre.people.identity import id_number_fields
from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    FamilyMember,
    Reward,
)
from cadre.posts.models import GradeRecord, RankRecord
from cadre.rules import sanctions as sanction_rules
from cadre.rules.assessment import excellent_quota
from cadre.rules.ranks import rank_eligibility
from cadre.seed import names
from cadre.seed.career import (
    Stint,
    Study,
)
from cadre.seed.context import (
    ASSESSMENT_YEARS,
    RANK_NAME,
    RANK_REFORM,
    SANCTION_KIND_NAME,
    SANCTION_MEASURE_NAME,
    County,
    Person,
    Rows,
    add_years,
    from_index,
    id_number,
    month_index,
    random_day,
    weighted,
)
from cadre.seed.vocab import (
    SPOUSE_JOBS,
    UNIVERSITIES,
)
from cadre.seed.writer import new


def sanction(
    rng: random.Random, county: County, cadre: Cadre, party_member: bool, promotions: list[dt.date]
) -> tuple[str, str, dt.date] | None:
    """A sanction whose influence period holds no promotion (RULES.md §4), or None."""
    measures = ["101", "102", "103", "301"] + (["201", "202"] if party_member else [])
    weights = [20, 10, 3, 30] + ([30, 7] if party_member else [])
    measure = weighted(rng, measures, weights)
    kind = SANCTION_MEASURE.attrs[measure]["kind"]
    assert isinstance(kind, str)
    earliest = max(dt.date(2019, 1, 1), cadre.work_started_on or dt.date(2019, 1, 1))
    latest = county.as_of - dt.timedelta(days=60)
    if earliest >= latest:
        return None
    for _ in range(8):
        effective = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        rule = sanction_rules.Sanction(
            SANCTION_KIND_NAME[kind], SANCTION_MEASURE_NAME[measure], effective
        )
        ends = sanction_rules.influence_periods([rule], county.params)[0].ends_on
        if not any(effective <= p <= ends for p in promotions):
            return kind, measure, effective
    return None


def ranks(
    rng: random.Random,
    county: County,
    cadre: Cadre,
    studies: list[Study],
    stints: list[Stint],
    bad_years: dict[int, tuple[str, str]],
    rule_sanctions: list[sanction_rules.Sanction],
    rows: Rows,
) -> None:
    """Ranks since the 2019 reform (套转 by seniority), promoted by `rules.ranks`; grades."""
    as_of = county.as_of
    work_start = cadre.work_started_on
    assert work_start is not None
    best = studies[-1].code
    entry_rank = {"14": "10", "21": "11"}.get(best, "12")
    after_probation = add_years(work_start, 1)
    if after_probation > as_of:
        return

    def level_at(day: dt.date) -> str:
        current = stints[0].level
        for st in stints:
            if st.start <= day:
                current = st.level
        return current

    if after_probation <= RANK_REFORM:
        start = RANK_REFORM
        years = (RANK_REFORM - work_start).days // 365
        by_years = [(3, entry_rank), (8, "10"), (13, "09"), (20, "08")]
        rank = next(
            (r for limit, r in by_years if years < limit), "07" if rng.random() < 0.5 else "08"
        )
        floor = {"42": "09", "41": "07", "32": "05", "31": "04"}.get(level_at(start))
        if floor and rank > floor:
            rank = floor
    else:
        start, rank = after_probation, entry_rank
    top_level = stints[-1].level
    ceiling = {"31": "03", "32": "04", "41": "06", "42": "07"}.get(top_level)
    if ceiling is None:
        ceiling = "06" if rng.random() < 0.06 else ("07" if rng.random() < 0.4 else "08")
    grades = {
        year: {"3": "基本称职", "4": "不称职", "5": "不定等次"}[g]
        for year, (g, _) in bad_years.items()
    }
    records: list[tuple[str, dt.date]] = [(rank, start)]
    while rank > ceiling:
        # Eligibility depends on the month the rank began, not the day: cache by month.
        key = (rank, start.year, start.month, tuple(sorted(grades.items())), *rule_sanctions)
        eligible_from = county.rank_cache.get(key, False)
        if eligible_from is False:
            eligible_from = rank_eligibility(
                RANK_NAME[rank], start, grades, rule_sanctions, as_of, county.params
            ).eligible_from
            county.rank_cache[key] = eligible_from
        if eligible_from is None:
            break
        month = eligible_from.index + rng.randint(0, 10)
        if month >= month_index(as_of) or rng.random() > (
            0.5 if rank > "09" else 0.3 if rank > "07" else 0.15
        ):
            break
        start = from_index(month, random_day(rng))
        rank = f"{int(rank) - 1:02d}"
        records.append((rank, start))
    ranks = rows[RankRecord]
    for i, (code, since) in enumerate(records):
        ended = records[i + 1][1] if i + 1 < len(records) else None
        ranks.append(
            new(
                RankRecord,
                id=county.ids.take(RankRecord),
                cadre_id=cadre.id,
                rank=code,
                started_on=since,
                ended_on=ended,
                document_no=f"{county.abbr}组职〔{since.year}〕{rng.randint(1, 90)}号",
            )
        )
    # 级别: entry grade by education, one grade up about every five years.
    grade = {"14": 24, "21": 26}.get(best, 27)
    top = {"31": 15, "32": 17, "41": 18, "42": 20}.get(top_level, 19)
    day = after_probation
    history: list[tuple[int, dt.date]] = [(grade, day)]
    while True:
        day = add_years(day, 5) + dt.timedelta(days=rng.randint(0, 200))
        if day > as_of or grade <= top:
            break
        grade -= 1
        history.append((grade, day))
    for i, (g, since) in enumerate(history):
        ended = history[i + 1][1] if i + 1 < len(history) else None
        rows[GradeRecord].append(
            new(
                GradeRecord,
                id=county.ids.take(GradeRecord),
                cadre_id=cadre.id,
                grade=g,
                step=rng.randint(1, 8),
                started_on=since,
                ended_on=ended,
            )
        )


def family(rng: random.Random, county: County, cadre: Cadre, rows: Rows) -> None:
    as_of = county.as_of
    birth = cadre.birth_date
    age = as_of.year - birth.year
    members: list[FamilyMember] = rows[FamilyMember]
    c = county.name

    def add(
        relation: str,
        name: str,
        born: dt.date,
        political: str,
        work: str,
        deceased: bool = False,
        emigrated: bool = False,
        with_id: bool = False,
        gender: str = "1",
    ) -> None:
        fields: dict[str, Any] = {}
        if with_id:
            secret = id_number_fields(id_number(county, rng, born, gender))
            fields = {
                "id_number_cipher": secret["id_number_cipher"],
                "id_number_index": secret["id_number_index"] or "",
            }
        members.append(
            new(
                FamilyMember,
                id=county.ids.take(FamilyMember),
                cadre_id=cadre.id,
                relation=relation,
                name=name,
                birth_date=born,
                political_status=political,
                work_unit_position="" if deceased else work,
                is_deceased=deceased,
                is_emigrated=emigrated,
                sort=len(members),
                **fields,
            )
        )

    male = cadre.gender == "1"
    spouse_surname = None
    if age >= 25 and rng.random() < 0.9:
        spouse_gender = "2" if male else "1"
        offset = rng.randint(-1, 5) if male else -rng.randint(0, 5)
        born = dt.date(birth.year + offset, rng.randint(1, 12), random_day(rng))
        spouse_surname = names.surname(rng)
        job = rng.choice(SPOUSE_JOBS).format(c=c)
        if as_of.year - born.year >= 60 and rng.random() < 0.7:
            job = "退休"
        add(
            "12" if male else "11",
            spouse_surname + names.given_name(rng, spouse_gender, born.year),
            born,
            "01" if rng.random() < 0.55 else "13",
            job,
            with_id=rng.random() < 0.05,
            gender=spouse_gender,
        )
        father_surname = cadre.name[0] if male else spouse_surname
        if len(cadre.name) > 2 and cadre.name[:2] in names.SURNAMES and male:
            father_surname = cadre.name[:2]
        children = weighted(rng, [0, 1, 2], [8, 62, 30] if birth.year >= 1975 else [5, 75, 20])
        sons = daughters = 0
        for _ in range(children):
            born = dt.date(birth.year + rng.randint(24, 34), rng.randint(1, 12), random_day(rng))
            if born >= as_of:
                continue
            child_gender = "1" if rng.random() < 0.52 else "2"
            if child_gender == "1":
                sons += 1
                relation = "20" if children == 1 else ("22" if sons == 1 else "23")
            else:
                daughters += 1
                relation = "30" if children == 1 else ("32" if daughters == 1 else "33")
            child_age = as_of.year - born.year
            if child_age < 6:
                work, political = "学龄前儿童", ""
            elif child_age < 18:
                work, political = (
                    f"{c}县第一中学学生" if child_age >= 12 else f"{c}县实验小学学生",
                    "",
                )
            elif child_age < 23:
                work, political = f"{rng.choice(UNIVERSITIES)}学生", "03"
            else:
                work = rng.choice(SPOUSE_JOBS).format(c=c)
                political = "01" if rng.random() < 0.3 else ("03" if child_age < 28 else "13")
            emigrated = child_age >= 23 and rng.random() < 0.004
            if emigrated:
                work = rng.choice(["已移居加拿大", "已移居澳大利亚", "已移居美国"])
            add(
                relation,
                father_surname + names.given_name(rng, child_gender, born.year),
                born,
                political,
                work,
                emigrated=emigrated,
                gender=child_gender,
            )
    for relation, gender in (("51", "1"), ("52", "2")):
        born = dt.date(birth.year - rng.randint(22, 32), rng.randint(1, 12), random_day(rng))
        parent_age = as_of.year - born.year
        p_dead = (
            0.9
            if parent_age >= 90
            else 0.5
            if parent_age >= 80
            else 0.2
            if parent_age >= 70
            else 0.05
        )
        deceased = rng.random() < p_dead
        family_name = cadre.name[0] if gender == "1" else names.surname(rng)
        work = (
            "退休"
            if rng.random() < 0.4
            else f"{c}县{rng.choice(['城关镇', '青山镇', '石桥镇'])}村民"
        )
        add(
            relation,
            names.person_name(rng, gender, born.year, family_name),
            born,
            "01" if rng.random() < 0.35 else "13",
            work,
            deceased=deceased,
            gender=gender,
        )


def finish_unit(rng: random.Random, county: County, people: list[Person]) -> None:
    """Annual assessments of a unit's cadres, 优秀 at 15–20% of those assessed, and rewards."""
    excellent: dict[int, set[int]] = {}
    for year in ASSESSMENT_YEARS:
        assessed = [
            p for p in people if p.cadre.work_started_on and p.cadre.work_started_on.year <= year
        ]
        n = len(assessed)
        if not n:
            continue
        high = excellent_quota(n, county.params).max_excellent
        low = math.ceil(n * 0.15)
        k = rng.randint(low, high) if low <= high else high
        eligible = [p for p in assessed if year not in p.bad_years and year not in p.not_excellent]
        eligible.sort(key=lambda p: rng.random() / (1.6 if p.leader else 1.0))
        chosen = {p.cadre.id for p in eligible[:k]}
        excellent[year] = chosen
        for p in assessed:
            grade, note = p.bad_years.get(year, ("1" if p.cadre.id in chosen else "2", ""))
            p.rows[AnnualAssessment].append(
                new(
                    AnnualAssessment,
                    id=county.ids.take(AnnualAssessment),
                    cadre_id=p.cadre.id,
                    year=year,
                    grade=grade,
                    note=note,
                )
            )
    issuer = f"{county.name}县人民政府"
    for p in people:
        years = sorted(y for y, ids in excellent.items() if p.cadre.id in ids)
        streak = 0
        last = None
        for y in years:
            streak = streak + 1 if last == y - 1 else 1
            last = y
            merit = streak == 3
            if merit:
                streak = 0
            awarded = dt.date(y + 1, 3, random_day(rng))
            if awarded > county.as_of:
                continue
            p.rows[Reward].append(
                new(
                    Reward,
                    id=county.ids.take(Reward),
                    cadre_id=p.cadre.id,
                    kind="02" if merit else "01",
                    title=f"{y - 2}—{y}年度连续三年考核优秀，记三等功"
                    if merit
                    else f"{y}年度考核优秀，嘉奖",
                    awarded_on=awarded,
                    issuer=issuer,
                    document_no=f"{county.abbr}政人〔{y + 1}〕{rng.randint(1, 40)}号",
                )
            )
        if rng.random() < 0.05 and p.cadre.work_started_on and p.cadre.work_started_on.year < 2018:
            member = p.cadre.political_status == "01"
            title = rng.choice(["优秀共产党员", "优秀党务工作者"] if member else ["先进工作者"])
            year = rng.randint(max(2016, p.cadre.work_started_on.year + 1), 2020)
            p.rows[Reward].append(
                new(
                    Reward,
                    id=county.ids.take(Reward),
                    cadre_id=p.cadre.id,
                    kind="05",
                    title=f"{county.name}县{title}",
                    awarded_on=dt.date(year, 7, 1),
                    issuer=f"中共{county.name}县委",
                    document_no=f"{county.abbr}发〔{year}〕{rng.randint(1, 30)}号",
                )
            )

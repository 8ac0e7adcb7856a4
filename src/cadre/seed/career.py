"""Birth, study and the post ladder of one cadre: each rung long enough for the next."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from cadre.people.models import (
    Cadre,
    Education,
)
from cadre.people.retirement import (
    is_county_level_leader,
    retirement_category,
)
from cadre.rules.retirement import retirement_month
from cadre.seed.context import (
    CIVIL_LADDER,
    EXTRA_MONTHS,
    INSTITUTION_LADDER,
    LEADING_LEVELS,
    MIN_MONTHS,
    County,
    Seat,
    add_years,
    from_index,
    month_index,
    random_day,
    weighted,
)
from cadre.seed.units import UnitSpec
from cadre.seed.vocab import (
    BANDS,
    COLLEGES,
    GRADUATE,
    LEADER_AGES,
    MAJORS,
    MASTER_MAJORS,
    ORGAN_WEIGHTS,
    RURAL_WEIGHTS,
    SECONDARY,
    UNIVERSITIES,
)

# --- the person --------------------------------------------------------------------------


def draw_birth(rng: random.Random, county: County, seat: Seat, gender: str) -> dt.date:
    if seat.level in LEADER_AGES:
        low, high = LEADER_AGES[seat.level]
        age = rng.randint(low, high)
    else:
        weights = RURAL_WEIGHTS if seat.unit.rural else ORGAN_WEIGHTS
        low, high = weighted(rng, BANDS, weights)
        age = rng.randint(low, high)
    birth = dt.date(county.as_of.year - age - 1, rng.randint(1, 12), random_day(rng))
    return birth


def retires_after(county: County, birth: dt.date, gender: str, category: str, level: str) -> bool:
    """Whether a cadre of this post retires after the as-of month (people.retirement's rule)."""
    kind = retirement_category(gender, category) or "男"
    leader = is_county_level_leader(level, level in LEADING_LEVELS)
    month = retirement_month(birth, kind, county_level_leader=leader, params=county.params)
    return month.first_day() > county.as_of.replace(day=1)


@dataclass
class Study:
    code: str
    degree: str
    degree_name: str
    school: str
    major: str
    start: dt.date
    end: dt.date
    track: str = Education.Track.FULL_TIME


def full_time(rng: random.Random, birth: dt.date, leader: bool) -> list[Study]:
    y = birth.year
    if y < 1970:
        options, weights = ["61", "41", "31", "21"], [10, 35, 30, 25]
    elif y < 1980:
        options, weights = ["41", "31", "21", "14"], [12, 33, 50, 5]
    elif y < 1990:
        options, weights = ["31", "21", "14"], [22, 66, 12]
    else:
        options, weights = ["31", "21", "14"], [15, 68, 17]
    if leader:
        weights = [
            0 if o == "61" else w * (2 if o in {"21", "14"} else 1)
            for o, w in zip(options, weights, strict=True)
        ]
    code = weighted(rng, options, weights)
    major, discipline = rng.choice(MAJORS)
    if code == "61":
        end = dt.date(y + 18, 7, 1)
        return [Study("61", "", "", "", "", dt.date(y + 15, 9, 1), end)]
    if code == "41":
        start = dt.date(y + 15 + rng.randint(0, 1), 9, 1)
        return [
            Study("41", "", "", rng.choice(SECONDARY), major, start, dt.date(start.year + 3, 7, 1))
        ]
    start = dt.date(y + 18 + rng.randint(0, 1), 9, 1)
    if code == "31":
        return [
            Study("31", "", "", rng.choice(COLLEGES), major, start, dt.date(start.year + 3, 7, 1))
        ]
    school = rng.choice(UNIVERSITIES)
    bachelor = Study(
        "21", "4", f"{discipline}学士", school, major, start, dt.date(start.year + 4, 7, 1)
    )
    if code == "21":
        return [bachelor]
    m_major, m_degree = rng.choice(MASTER_MAJORS)
    m_start = dt.date(bachelor.end.year, 9, 1)
    master = Study(
        "14",
        "3",
        m_degree,
        rng.choice(GRADUATE),
        m_major,
        m_start,
        dt.date(m_start.year + rng.choice((2, 3)), 7, 1),
    )
    return [bachelor, master]


def draw_in_service(
    rng: random.Random, studies: list[Study], work_start: dt.date, as_of: dt.date, leader: bool
) -> Study | None:
    best = studies[-1].code
    if best in {"61", "41", "31"}:
        if not leader and rng.random() > 0.75:  # leaders all studied on to 大学
            return None
        if best == "31" or leader or rng.random() < 0.6:
            code = weighted(rng, ["2B", "21"], [55, 45])
        else:
            code = weighted(rng, ["3A", "31"], [50, 50])
    elif best == "21":
        if rng.random() > (0.35 if leader else 0.08):
            return None
        code = weighted(rng, ["1B", "14"], [60, 40])
    else:
        return None
    start = dt.date(work_start.year + rng.randint(2, 12), 9, 1)
    end = dt.date(start.year + 3, 7, 1)
    if end >= as_of:
        return None
    major, discipline = rng.choice(MAJORS)
    if code in {"2B", "1B"}:
        school, major = "中共河北省委党校", rng.choice(["经济管理", "法律", "行政管理", "党政管理"])
    elif code == "3A":
        school, major = "中共云州市委党校", rng.choice(["经济管理", "行政管理"])
    elif code == "14":
        school, (major, degree) = rng.choice(GRADUATE), rng.choice(MASTER_MAJORS)
        return Study(code, "3", degree, school, major, start, end, Education.Track.IN_SERVICE)
    else:
        school = rng.choice(["河北广播电视大学", "河北师范大学", "河北经贸大学"])
    degree, degree_name = ("4", f"{discipline}学士") if code == "21" else ("", "")
    return Study(code, degree, degree_name, school, major, start, end, Education.Track.IN_SERVICE)


STUDY_LABEL = {
    "2B": "在职大学",
    "21": "在职大学",
    "1B": "在职研究生",
    "14": "在职研究生",
    "3A": "在职大专",
    "31": "在职大专",
}


@dataclass
class Stint:
    unit: UnitSpec
    title: str
    level: str
    start: dt.date


def career(
    rng: random.Random, county: County, seat: Seat, work_start: dt.date
) -> list[Stint] | None:
    """Stints from the first job to the seat, each rung long enough; None when too young."""
    institution = seat.unit.staff_category.startswith("3")
    ladder = INSTITUTION_LADDER if institution else CIVIL_LADDER
    target = ladder.index(seat.level) if seat.level in ladder else 0
    rungs = ladder[: target + 1]
    span = month_index(county.as_of) - month_index(work_start)
    mins = [MIN_MONTHS[r] for r in rungs[:-1]] + [6 if target else 1]
    if span < sum(mins) + 1:
        return None
    durations = [
        m + int(rng.expovariate(1 / EXTRA_MONTHS[r])) for m, r in zip(mins, rungs, strict=True)
    ]
    if target:
        durations[-1] = rng.randint(6, 100)
    if sum(durations) > span:
        spare, extra = span - sum(mins), sum(durations) - sum(mins)
        durations = [
            m + (d - m) * spare // max(extra, 1) for m, d in zip(mins, durations, strict=True)
        ]
    durations[0] += span - sum(durations)
    stints: list[Stint] = []
    offset = month_index(work_start)
    for i, (rung, months) in enumerate(zip(rungs, durations, strict=True)):
        last_rung = i == len(rungs) - 1
        pieces = max(1, min(4, round(months / rng.randint(50, 110))))
        cuts = sorted(rng.sample(range(1, months), pieces - 1)) if months > pieces else []
        starts = [offset, *(offset + c for c in cuts)]
        for j, start in enumerate(starts):
            if last_rung and j == len(starts) - 1:
                unit, title = seat.unit, seat.title
            else:
                unit, title = elsewhere(rng, county, seat, institution, rung)
            day = work_start.day if not stints else random_day(rng)
            stints.append(Stint(unit, title, rung, from_index(start, day)))
        offset += months
    return stints


def elsewhere(
    rng: random.Random, county: County, seat: Seat, institution: bool, rung: str
) -> tuple[UnitSpec, str]:
    pool = county.pools.get((institution, rung)) or county.pools.get((not institution, rung))
    if not pool:
        return seat.unit, seat.title
    for _ in range(4):  # most careers stay on the same side: townships or county organs
        unit, title = rng.choice(pool)
        if unit.rural == seat.unit.rural or rng.random() < 0.3:
            return unit, title
    return unit, title


def higher(level: str, than: str) -> bool:
    order = {"": 9, "50": 8, "42": 7, "41": 6, "32": 5, "31": 4}
    return order.get(level, 9) < order.get(than, 9)


def doc(rng: random.Random, county: County, level: str, when: dt.date | None) -> str:
    year = when.year if when else county.as_of.year
    if level in {"31", "32"}:
        return f"云组干〔{year}〕{rng.randint(1, 150)}号"
    if level in {"41", "42"}:
        return f"{county.abbr}组干〔{year}〕{rng.randint(1, 120)}号"
    return f"{county.abbr}人社〔{year}〕{rng.randint(1, 300)}号"


def politics(rng: random.Random, cadre: Cadre, leader: bool, as_of: dt.date) -> None:
    birth = cadre.birth_date
    age = as_of.year - birth.year
    roll = rng.random()
    member = roll < (0.96 if leader else 0.74)
    democratic = not member and roll < (0.99 if leader else 0.77)
    if member:
        earliest = max(add_years(birth, 19), dt.date(birth.year + 19, 1, 1))
        latest = min(add_years(birth, 40), as_of - dt.timedelta(days=30))
        if latest <= earliest:
            latest = earliest + dt.timedelta(days=30)
        joined = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        confirmed = add_years(joined, 1)
        cadre.party_joined_on = joined
        if confirmed <= as_of:
            cadre.political_status = "01"
            cadre.party_confirmed_on = confirmed
        else:
            cadre.political_status = "02"
    elif democratic:
        party = rng.choice(["04", "05", "06", "07", "08", "10"])
        cadre.political_status = party
        cadre.other_party = party
        cadre.other_party_joined_on = add_years(birth, rng.randint(25, max(26, age - 1)))
    else:
        cadre.political_status = "03" if age < 28 else "13"

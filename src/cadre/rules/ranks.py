"""Rank ladder (职级), promotion eligibility (§6, 并行规定 arts. 17–21) and rank quotas."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cadre.rules.assessment import BASIC, EXCELLENT, INCOMPETENT, UNGRADED, normalize_grade
from cadre.rules.dates import Month
from cadre.rules.errors import Finding, RulesError
from cadre.rules.params import Params, resolve
from cadre.rules.sanctions import Sanction, influence

RANKS = (
    "二级科员", "一级科员", "四级主任科员", "三级主任科员", "二级主任科员", "一级主任科员",
    "四级调研员", "三级调研员", "二级调研员", "一级调研员", "二级巡视员", "一级巡视员",
)  # fmt: skip
TOP_RANK = RANKS[-1]

# Leadership posts whose tenure counts as the rank below the target (并行规定 第十八条).
EQUIVALENT_POSTS: dict[str, str] = {
    "乡科级副职": "三级主任科员",
    "乡科级正职": "一级主任科员",
    "县处级副职": "三级调研员",
    "县处级正职": "一级调研员",
    "厅局级副职": "一级巡视员",
}

NOT_COUNTED = (BASIC, UNGRADED)
SEARCH_YEARS = 20  # how far past the as-of month eligibility is looked for


def rank_index(rank: str) -> int:
    try:
        return RANKS.index(rank.strip())
    except ValueError:
        raise RulesError(f"未知的职级：“{rank}”") from None


def promotion_target(current: str) -> str | None:
    """The next rank up for a rank or an equivalent leadership post; None at the top."""
    c = current.strip()
    if c in EQUIVALENT_POSTS:
        return EQUIVALENT_POSTS[c]
    i = rank_index(c)
    return RANKS[i + 1] if i + 1 < len(RANKS) else None


def required_months(target: str, params: Params | None = None) -> int:
    return resolve(params).get_int(f"rank.required_years.{target}") * 12


@dataclass(frozen=True)
class RankEligibility:
    current_rank: str
    target_rank: str | None
    eligible: bool
    eligible_from: Month | None
    counted_months: int
    required_months: int
    influence_ends_on: date | None
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "current_rank": self.current_rank,
            "target_rank": self.target_rank,
            "eligible": self.eligible,
            "eligible_from": str(self.eligible_from) if self.eligible_from else None,
            "counted_months": self.counted_months,
            "required_months": self.required_months,
            "influence_ends_on": (
                self.influence_ends_on.isoformat() if self.influence_ends_on else None
            ),
            "reasons": list(self.reasons),
        }


@dataclass
class _Tally:
    """Months counted in [start, end) and the 优秀 years overlapping it."""

    counted: int = 0
    excellent: set[int] = field(default_factory=set)

    def required(self, base: int, reduction: int) -> int:
        return max(0, base - reduction * len(self.excellent))


def _tally(start: Month, end: Month, grade_of: Mapping[int, str]) -> _Tally:
    # A year's grade applies to each of its months: count whole spans of a year at once.
    t = _Tally()
    first, stop = start.index, end.index
    year = start.year
    while first < stop and year * 12 < stop:
        months = min(stop, year * 12 + 12) - max(first, year * 12)
        g = grade_of.get(year)
        if g not in NOT_COUNTED:
            t.counted += months
        if g == EXCELLENT:
            t.excellent.add(year)
        year += 1
    return t


def _first_eligible(
    start: Month, limit: Month, grades: Mapping[int, str], base: int, reduction: int
) -> Month | None:
    """First E with counted([start, E)) ≥ required(E); None if a 不称职 year comes first.

    Month E is tested with the months before it; within one year every month adds the same
    (one counted month or none) and the requirement only changes once the year's first
    month is in, so each year is solved by arithmetic instead of month by month."""
    counted = excellent = 0
    e, last = start.index, limit.index
    while e <= last:
        year = e // 12
        span = min(year * 12 + 12, last + 1) - e  # months E of this year up to the limit
        if counted >= max(0, base - reduction * excellent):
            return Month.from_index(e)
        g = grades.get(year)
        if g == INCOMPETENT:
            return None
        step = 0 if g in NOT_COUNTED else 1
        if g == EXCELLENT:
            excellent += 1
        short = max(0, base - reduction * excellent) - counted
        # E = e + k (1 ≤ k < span) has counted + k × step months
        k = max(1, short) if step else (1 if short <= 0 else span)
        if k < span:
            return Month.from_index(e + k)
        counted += step * span
        e += span
    limit.add(1)  # as the month-by-month search, which stepped past the limit (≤ 9999-12)
    return None


def rank_eligibility(
    current_rank: str,
    held_since: date,
    assessments: Mapping[int, str],
    sanctions: Sequence[Sanction],
    as_of: date,
    params: Params | None = None,
) -> RankEligibility:
    """Whether and from which month a cadre may be promoted one rank (RULES.md §6).

    Months count from the month of ``held_since`` up to the as-of month (excluded); years
    graded 基本称职 or 不定等次 are not counted; each 优秀 year overlapping the counted
    months shortens the requirement; a 不称职 year in the period bars promotion; years not
    yet graded count as 称职; influence periods delay the month.
    """
    p = resolve(params)
    current = current_rank.strip()
    target = promotion_target(current)
    grades = {y: normalize_grade(g) for y, g in assessments.items()}
    start, asof = Month.of(held_since), Month.of(as_of)
    infl = influence(sanctions, as_of, p)
    if target is None:
        return RankEligibility(
            current, None, False, None, _tally(start, asof, grades).counted, 0,
            infl.ends_on, [f"{current}为最高职级，无可晋升的职级"],
        )  # fmt: skip
    base = required_months(target, p)
    reduction = p.get_int("rank.excellent_reduction_months")
    now = _tally(start, asof, grades)
    req_now = now.required(base, reduction)
    basis = f"现任{current}" if current in EQUIVALENT_POSTS else f"现职级{current}"
    reasons = [
        f"{basis}（自{start.cn()}起），拟晋升{target}，"
        f"须任职满{base // 12}年（{base}个月）{p.note(f'rank.required_years.{target}')}"
    ]
    shorten = "半年" if reduction == 6 else f"{reduction}个月"
    incompetent = False
    for year in range(start.year, asof.year + 1):
        if Month(year, 12) < start or Month(year, 1) >= asof:
            continue
        g = grades.get(year)
        if g is None:
            reasons.append(f"{year}年度尚未评定等次，按称职计算")
        elif g in NOT_COUNTED:
            reasons.append(f"{year}年度{g}，不计入任职年限")
        elif g == EXCELLENT:
            reasons.append(f"{year}年度优秀，任职年限缩短{shorten}")
        elif g == INCOMPETENT:
            incompetent = True
            reasons.append(f"{year}年度不称职，不得晋升职级（应降低职级）")
    reasons.append(f"截至{asof.cn()}（不含当月）累计计算任职年限{now.counted}个月，需{req_now}个月")

    eligible_from: Month | None = None
    if not incompetent:
        eligible_from = _first_eligible(start, asof + SEARCH_YEARS * 12, grades, base, reduction)
    reasons.extend(pd.reason for pd in infl.periods)
    if eligible_from is not None and infl.ends_on is not None:
        barrier = Month.of(infl.ends_on + timedelta(days=1))
        if barrier > eligible_from:
            reasons.append(f"影响期内不得晋升职级，{barrier.cn()}起方可晋升")
            eligible_from = barrier
    eligible = eligible_from is not None and eligible_from <= asof
    if eligible_from is None:
        reasons.append(f"不符合晋升{target}的条件")
    elif eligible:
        reasons.append(f"自{eligible_from.cn()}起符合晋升{target}的任职年限等条件")
    else:
        reasons.append(f"尚不符合晋升条件，最早可于{eligible_from.cn()}晋升{target}")
    return RankEligibility(
        current, target, eligible, eligible_from, now.counted, req_now, infl.ends_on, reasons
    )


# --- rank quotas (⚠️ configurable per region kind) ---------------------------------------

_ZR = ("一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员")
_DY = ("一级调研员", "二级调研员", "三级调研员", "四级调研员")


@dataclass(frozen=True)
class QuotaRule:
    group: str  # key part: rank.quota.<region>.<group>.ratio
    label: str
    ranks: tuple[str, ...]
    parent: str | None  # None: share of establishment; else share of the parent's quota


QUOTA_RULES: dict[str, tuple[QuotaRule, ...]] = {
    "county": (
        QuotaRule("二级调研员", "二级调研员", ("二级调研员",), None),
        QuotaRule("三四级调研员", "三级、四级调研员", ("三级调研员", "四级调研员"), None),
        QuotaRule("三级调研员", "三级调研员", ("三级调研员",), "三四级调研员"),
        QuotaRule("主任科员", "一至四级主任科员", _ZR, None),
        QuotaRule("一二级主任科员", "一级、二级主任科员", _ZR[:2], "主任科员"),
    ),
    "city": (
        QuotaRule("调研员", "一至四级调研员", _DY, None),
        QuotaRule("一二级调研员", "一级、二级调研员", _DY[:2], "调研员"),
        QuotaRule("一级调研员", "一级调研员", _DY[:1], "一二级调研员"),
        QuotaRule("主任科员", "一至四级主任科员", _ZR, None),
    ),
}
REGION_NAMES = {"county": "县乡机关", "city": "市级机关"}


def rank_quota_limits(
    region: str, establishment: int, params: Params | None = None
) -> dict[str, int]:
    """Maximum headcount per quota group: floor(base × ratio), base = establishment or the
    parent group's quota."""
    p = resolve(params)
    if region not in QUOTA_RULES:
        raise RulesError(f"未知的地区类别：“{region}”，应为 county（县乡）或 city（市级）")
    if establishment < 0:
        raise RulesError("编制数不能为负数")
    limits: dict[str, int] = {}
    for rule in QUOTA_RULES[region]:
        base = establishment if rule.parent is None else limits[rule.parent]
        limits[rule.group] = math.floor(
            base * p.get_ratio(f"rank.quota.{region}.{rule.group}.ratio")
        )
    return limits


def check_rank_quotas(
    region: str, establishment: int, counts: Mapping[str, int], params: Params | None = None
) -> list[Finding]:
    """Flag each quota group whose headcount exceeds its limit (可配置口径)."""
    limits = rank_quota_limits(region, establishment, params)
    findings: list[Finding] = []
    for rule in QUOTA_RULES[region]:
        actual = sum(counts.get(r, 0) for r in rule.ranks)
        if actual > limits[rule.group]:
            findings.append(
                Finding(
                    "rank_quota_exceeded",
                    f"{REGION_NAMES[region]}{rule.label}{actual}人，超过职数上限"
                    f"{limits[rule.group]}人（可配置口径）",
                )
            )
    return findings

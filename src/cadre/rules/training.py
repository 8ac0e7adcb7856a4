"""Training hours (§9, 干部教育培训工作条例 2023) as a pure requirement and a check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cadre.rules.errors import Finding, RulesError
from cadre.rules.leadership import level_index
from cadre.rules.params import Params, resolve
from cadre.rules.ranks import rank_index


@dataclass(frozen=True)
class TrainingRequirement:
    hours: int
    period_years: int
    alternative: str
    reasons: list[str] = field(default_factory=list)


def is_senior(position_level: str | None, rank: str | None, params: Params | None = None) -> bool:
    """县处级 leaders and above, or 四级调研员 and above."""
    p = resolve(params)
    if position_level and level_index(position_level) >= level_index(
        p.get_str("training.senior.min_position_level")
    ):
        return True
    return bool(rank) and rank_index(rank or "") >= rank_index(
        p.get_str("training.senior.min_rank")
    )


def training_requirement(
    *,
    position_level: str | None = None,
    rank: str | None = None,
    party_member: bool = False,
    branch_leader: bool = False,
    params: Params | None = None,
) -> list[TrainingRequirement]:
    """The hour requirements that apply to a cadre (cadre training, and party training)."""
    if not position_level and not rank:
        raise RulesError("须提供职务层次或职级")
    p = resolve(params)
    out: list[TrainingRequirement] = []
    if is_senior(position_level, rank, p):
        hours = p.get_int("training.senior.hours")
        years = p.get_int("training.senior.period_years")
        alt = f"或累计{p.get_int('training.senior.alt_months')}个月"
        out.append(
            TrainingRequirement(
                hours,
                years,
                alt,
                [f"县处级以上领导干部或四级调研员以上，每{years}年不少于{hours}学时{alt}"],
            )
        )
    else:
        hours = p.get_int("training.junior.hours_per_year")
        alt = f"或累计{p.get_int('training.junior.alt_days')}天"
        out.append(
            TrainingRequirement(
                hours, 1, alt, [f"乡科级领导干部及一级主任科员以下，每年不少于{hours}学时{alt}"]
            )
        )
    if branch_leader:
        key = "training.party_branch_leader.hours_per_year"
        h = p.get_int(key)
        out.append(
            TrainingRequirement(
                h, 1, "", [f"党支部书记和支部委员每年集中培训不少于{h}学时{p.note(key)}"]
            )
        )
    elif party_member:
        key = "training.party_member.hours_per_year"
        h = p.get_int(key)
        out.append(
            TrainingRequirement(h, 1, "", [f"党员每年集中学习培训不少于{h}学时{p.note(key)}"])
        )
    return out


def training_check(
    hours_by_year: Mapping[int, int],
    year: int,
    *,
    position_level: str | None = None,
    rank: str | None = None,
    params: Params | None = None,
) -> list[Finding]:
    """Flag unmet cadre-training hours for ``year`` (the five years ending in ``year`` for
    senior cadres)."""
    req = training_requirement(position_level=position_level, rank=rank, params=params)[0]
    first = year - req.period_years + 1
    done = sum(h for y, h in hours_by_year.items() if first <= y <= year)
    if done >= req.hours:
        return []
    span = f"{first}—{year}年" if req.period_years > 1 else f"{year}年"
    return [
        Finding(
            "training_hours", f"{span}累计培训{done}学时，未达到{req.hours}学时的要求", "warning"
        )
    ]

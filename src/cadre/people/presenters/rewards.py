"""奖惩情况 text: rewards and 处分 in date order, "无" when there are none.

诫勉 and 组织处理 are not 处分 and are not written here; they show in the influence periods of
the 政策分析 panel. A revoked (撤销) sanction no longer exists and is not written either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from cadre.core import codebook
from cadre.people.presenters.formats import month_cn

NONE_TEXT = "无"
SANCTION_KINDS_ON_FORM = frozenset({"1", "2"})  # 政务, 党纪
HONOUR, OTHER = "05", "09"


class RewardLike(Protocol):
    kind: str
    title: str
    awarded_on: dt.date
    issuer: str


class SanctionLike(Protocol):
    kind: str
    measure: str
    effective_on: dt.date
    observation_years: int | None
    issuer: str
    revoked_on: dt.date | None


def reward_text(r: RewardLike) -> str:
    when = month_cn(r.awarded_on)
    issuer = r.issuer.strip()
    title = r.title.strip()
    kind = codebook.name("reward", r.kind)
    if r.kind == HONOUR:
        honour = f"“{title}”称号" if title else kind
        return f"{when}被{issuer}授予{honour}"
    if r.kind == OTHER or not kind:
        return f"{when}获{issuer}{title or kind or '奖励'}"
    extra = f"（{title}）" if title and title != kind else ""
    if kind == "嘉奖":
        return f"{when}获{issuer}嘉奖{extra}"
    return f"{when}{'被' + issuer if issuer else ''}{kind}{extra}"


def sanction_label(kind: str, measure: str, observation_years: int | None) -> str:
    """政务记过处分, 党内警告处分, 留党察看一年处分 …"""
    name = codebook.name("sanction_measure", measure)
    if kind == "3":
        return name or "诫勉"
    if kind == "4":
        return f"组织处理（{name}）"
    if kind == "1":
        return f"政务{name}处分"
    if name == "留党察看" and observation_years in (1, 2):
        return f"留党察看{'一二'[observation_years - 1]}年处分"
    if name in ("警告", "严重警告"):
        return f"党内{name}处分"
    return f"{name}处分"


def sanction_text(s: SanctionLike) -> str:
    issuer = s.issuer.strip()
    label = sanction_label(s.kind, s.measure, s.observation_years)
    return f"{month_cn(s.effective_on)}受到{issuer}{label}"


def rewards_lines(rewards: Iterable[RewardLike], sanctions: Iterable[SanctionLike]) -> list[str]:
    dated: list[tuple[dt.date, int, str]] = [(r.awarded_on, 0, reward_text(r)) for r in rewards]
    dated += [
        (s.effective_on, 1, sanction_text(s))
        for s in sanctions
        if s.kind in SANCTION_KINDS_ON_FORM and s.revoked_on is None
    ]
    return [text for _when, _order, text in sorted(dated, key=lambda t: (t[0], t[1]))]


def rewards_text(rewards: Iterable[RewardLike], sanctions: Iterable[SanctionLike]) -> str:
    """奖惩情况 as one text, items separated by "；" and ending with "。"; "无" if none."""
    lines = rewards_lines(rewards, sanctions)
    return "；".join(lines) + "。" if lines else NONE_TEXT

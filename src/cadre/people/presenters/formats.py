"""Small display conventions of the adform: months, ages, 入党时间."""

from __future__ import annotations

import datetime as dt

from cadre.core import codebook
from cadre.rules import ages
from cadre.rules.dates import Month

# 政治面貌 codes of the Communist Party (members and probationary members).
CPC_CODES = frozenset({"01", "02"})


def month_text(value: dt.date | None) -> str:
    """``1972.04`` (the adform's yyyy.MM), or "" when unknown."""
    return f"{value.year:04d}.{value.month:02d}" if value else ""


def date_text(value: dt.date | None) -> str:
    """``1972.04.15``, or "" when unknown."""
    return f"{value.year:04d}.{value.month:02d}.{value.day:02d}" if value else ""


def month_cn(value: dt.date | None) -> str:
    """``2019年12月``, or "" when unknown."""
    return f"{value.year}年{value.month}月" if value else ""


def age_at(birth: dt.date | None, at: dt.date) -> int | None:
    """周岁 at ``at``, counting the birthday as reached in its month (RULES.md §1)."""
    if birth is None:
        return None
    # The adform keeps birth as yyyyMM: compare months only.
    return ages.age_on(Month.of(birth), Month.of(at))


def birth_text(birth: dt.date | None, at: dt.date) -> str:
    """``1972.04（52岁）`` with the age at the 计算年龄时间 ``at``."""
    if birth is None:
        return ""
    return ages.birth_text(Month.of(birth), Month.of(at))


def _party_short(code: str) -> str:
    short = codebook.attrs("political_status", code).get("short")
    return str(short) if short else codebook.name("political_status", code)


def party_text(
    political_status: str,
    party_joined_on: dt.date | None,
    other_party: str = "",
) -> str:
    """入党时间 as the adform writes it.

    A CPC member writes the month (``2001.08``); a democratic-party member writes the party's
    name (``民建``); both: ``2001.08；民建``. 群众 and 无党派人士 leave it blank.
    """
    parts: list[str] = []
    if political_status in CPC_CODES and party_joined_on:
        parts.append(month_text(party_joined_on))
    democratic = other_party or (
        political_status if political_status not in CPC_CODES | {"03", "12", "13"} else ""
    )
    if democratic and democratic not in CPC_CODES:
        parts.append(_party_short(democratic))
    return "；".join(p for p in parts if p)

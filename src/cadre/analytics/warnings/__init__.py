"""预警: a warnings scan over a unit subtree, in the user's scope.

Each kind is a class in posts.py or rules_based.py; ``KINDS`` fixes their order. Counting
kinds that SQL decides is one COUNT each; the others evaluate only SQL-narrowed candidates.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cadre.analytics.params import rule_params
from cadre.analytics.structure import corps
from cadre.analytics.warnings.base import Flag, Kind, ScanContext
from cadre.analytics.warnings.posts import (
    KeyPost,
    LeaderQuota,
    OverEstablishment,
    Probation,
    Retirement,
    SamePost,
)
from cadre.analytics.warnings.ranks import RankEligible
from cadre.analytics.warnings.rules_based import DossierAudit, InfluenceRunning

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit
    from cadre.rules.params import Params

KINDS: tuple[Kind, ...] = (
    Retirement(),
    SamePost(),
    KeyPost(),
    LeaderQuota(),
    OverEstablishment(),
    Probation(),
    InfluenceRunning(),
    RankEligible(),
    DossierAudit(),
)
KINDS_BY_KEY = {k.key: k for k in KINDS}

# The background scan's jobs, the heaviest first (tasks.scan_and_store runs them side by
# side on PostgreSQL). Kinds that share work through ``ScanContext.shared`` (the units'
# figures of the quota and establishment warnings) stay in one job.
SCAN_JOBS: tuple[tuple[str, ...], ...] = (
    ("rank_eligible",),
    ("dossier",),
    ("retirement", "same_post", "key_post"),
    ("leader_quota", "over_establishment", "probation", "influence"),
)


def context(
    user: User | AnonymousUser,
    unit: Unit,
    today: dt.date | None = None,
    params: Params | None = None,
) -> ScanContext:
    return ScanContext(
        user=user,
        unit=unit,
        today=today or dt.date.today(),
        params=params or rule_params(),
        corps=corps(user, unit),
    )


def system_context(
    unit: Unit, today: dt.date | None = None, params: Params | None = None
) -> ScanContext:
    """The background scan: every 现职 cadre of the subtree (reads of the stored findings
    apply each user's scope)."""
    from cadre.analytics.drill import IN_OFFICE
    from cadre.people.selectors import cadres_for_system

    return ScanContext(
        user=None,
        unit=unit,
        today=today or dt.date.today(),
        params=params or rule_params(),
        corps=cadres_for_system().filter(unit_path__startswith=unit.path, status=IN_OFFICE),
    )


def scan(ctx: ScanContext, kinds: list[str] | None = None) -> list[Flag]:
    out: list[Flag] = []
    for kind in KINDS:
        if kinds is None or kind.key in kinds:
            out.extend(kind.items(ctx))
    return out


def counts(ctx: ScanContext) -> list[tuple[Kind, int]]:
    return [(kind, kind.count(ctx)) for kind in KINDS]


__all__ = [
    "KINDS",
    "KINDS_BY_KEY",
    "SCAN_JOBS",
    "Flag",
    "Kind",
    "ScanContext",
    "context",
    "counts",
    "scan",
    "system_context",
]

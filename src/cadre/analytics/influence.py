"""Influence periods (影响期, RULES.md §4) as SQL.

Each sanction measure's period comes from the rules registry (``rules.sanctions``), with the
organization department's overrides. A period of N months from ``effective_on`` runs on
``today`` when ``cut_N ≤ effective_on ≤ today``, cut_N being the earliest start whose period
still covers today — so "影响期未满" is one EXISTS over the sanctions table.

The one case SQL cannot express is a 政务处分 received while an earlier one runs (the new
period is the remainder plus its own months, at most 48). Cadres with two 政务处分 inside
the stacking window are few; they are evaluated with ``rules.influence`` and added by id.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from cadre.core import codebook
from cadre.people.models import Sanction
from cadre.rules.dates import add_months
from cadre.rules.errors import RulesError
from cadre.rules.params import Params
from cadre.rules.sanctions import Sanction as RuleSanction
from cadre.rules.sanctions import influence, sanction_months

ZW_KIND = "1"  # sanction_kind 政务
OBSERVATION = "204"  # sanction_measure 留党察看


def rule_sanction(kind: str, measure: str, effective: dt.date, obs: int | None) -> RuleSanction:
    """A stored sanction as the rules engine sees it (names from the code tables)."""
    return RuleSanction(
        kind=codebook.name("sanction_kind", kind),
        measure=codebook.name("sanction_measure", measure),
        effective=effective,
        observation_years=obs,
    )


@dataclass(frozen=True)
class PeriodRule:
    measure: str
    months: int
    observation_years: int | None = None


def period_rules(params: Params) -> list[PeriodRule]:
    """Months per measure code (留党察看 per observation length); measures without an
    influence period in the registry (政务开除) are left out."""
    out: list[PeriodRule] = []
    top = params.get_int("sanction.党纪.留党察看.max_observation_years")
    for code in codebook.codes("sanction_measure"):
        kind = str(codebook.attrs("sanction_measure", code).get("kind", ""))
        day = dt.date(2000, 1, 1)
        try:
            if code == OBSERVATION:
                for years in range(1, top + 1):
                    s = rule_sanction(kind, code, day, years)
                    out.append(PeriodRule(code, sanction_months(s, params), years))
            else:
                out.append(
                    PeriodRule(code, sanction_months(rule_sanction(kind, code, day, None), params))
                )
        except RulesError:
            continue
    return out


def earliest_running_start(today: dt.date, months: int) -> dt.date:
    """The earliest effective date whose N-month period (民法典 date rule) covers today."""
    cut = add_months(today, -months)
    if cut.day < today.day:  # clamped to a shorter month: no day of that month reaches today
        cut += dt.timedelta(days=1)
    return cut


def _live(today: dt.date) -> Q:
    return Q(effective_on__lte=today) & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=today))


def running_sanctions_q(today: dt.date, params: Params) -> Q:
    """Sanction rows whose own period runs on ``today``."""
    q = Q(pk__in=[])
    for rule in period_rules(params):
        cond = Q(measure=rule.measure, effective_on__gte=earliest_running_start(today, rule.months))
        if rule.observation_years is not None:
            cond &= Q(observation_years=rule.observation_years)
        q |= cond
    return _live(today) & q


def stacked_running_ids(today: dt.date, params: Params) -> list[int]:
    """Cadres whose running period exists only through 政务 stacking (evaluated by rules)."""
    cap = params.get_int("sanction.政务.stacking_cap_months")
    window = Sanction.objects.filter(
        _live(today), kind=ZW_KIND, effective_on__gte=add_months(today, -cap)
    )
    ids = list(
        window.values("cadre_id")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .values_list("cadre_id", flat=True)
    )
    if not ids:
        return []
    by_cadre: dict[int, list[RuleSanction]] = defaultdict(list)
    rows = Sanction.objects.filter(_live(today), cadre_id__in=ids, kind=ZW_KIND)
    for cadre_id, kind, measure, eff, obs in rows.values_list(
        "cadre_id", "kind", "measure", "effective_on", "observation_years"
    ):
        by_cadre[cadre_id].append(rule_sanction(kind, measure, eff, obs))
    out = []
    for cadre_id, items in by_cadre.items():
        try:
            if influence(items, today, params).running:
                out.append(cadre_id)
        except RulesError:
            continue
    return out


def influence_running_q(today: dt.date, params: Params, cadre_ref: str = "pk") -> Q:
    """Condition on Cadre: an influence period runs on ``today``."""
    running = Sanction.objects.filter(running_sanctions_q(today, params), cadre=OuterRef(cadre_ref))
    q = Q(Exists(running))
    stacked = stacked_running_ids(today, params)
    if stacked:
        q |= Q(pk__in=stacked)
    return q

"""班子结构: each unit's leadership team against its quota and the structure targets.

Members are the current leading appointments (no end date, 领导职务) of 现职 cadres at the
unit. All figures come from one GROUP BY over appointments. Targets are 可配置口径
(settings.CADRE_TEAM_TARGETS) with the defaults below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Avg, Count, Max, Q, Subquery

from cadre.analytics.drill import IN_OFFICE, query_url
from cadre.analytics.query.builders import TOWNSHIP_KINDS, cpc_codes
from cadre.analytics.structure import age_band_q, share
from cadre.analytics.timeframe import age_expr
from cadre.org.models import Unit
from cadre.people.selectors import cadres_for
from cadre.posts.models import Appointment
from cadre.rules.ages import age_on

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User

INTERNAL_DIVISION = "12"
DEFAULT_TARGETS: dict[str, Any] = {
    "min_women": 1,  # 班子中至少有女干部人数
    "need_le40": True,  # 至少1名40岁及以下
    "township_need_le35": True,  # 乡镇（街道）班子至少1名35岁及以下
    "min_bachelor_share": 0,  # 全日制本科及以上占比下限（%），0 为不设
}


def targets() -> dict[str, Any]:
    return {**DEFAULT_TARGETS, **getattr(settings, "CADRE_TEAM_TARGETS", {})}


@dataclass
class Team:
    unit: Unit
    members: int
    quota: int
    principal: int
    deputy: int
    avg_age: float | None
    youngest_age: int | None
    le35: int
    le40: int
    women: int
    non_cpc: int
    bachelor_ft: int
    link: str
    problems: list[str] = field(default_factory=list)

    @property
    def bachelor_share(self) -> float:
        return share(self.bachelor_ft, self.members)

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit.code,
            "unit_name": self.unit.name,
            "members": self.members,
            "quota": self.quota,
            "principal": self.principal,
            "quota_principal": self.unit.quota_principal,
            "deputy": self.deputy,
            "quota_deputy": self.unit.quota_deputy,
            "avg_age": self.avg_age,
            "youngest_age": self.youngest_age,
            "has_le35": self.le35 > 0,
            "has_le40": self.le40 > 0,
            "women": self.women,
            "non_cpc": self.non_cpc,
            "bachelor_share": self.bachelor_share,
            "problems": list(self.problems),
            "link": self.link,
        }


def teams(user: User | AnonymousUser, unit: Unit, today: dt.date | None = None) -> list[Team]:
    today = today or dt.date.today()
    visible = cadres_for(user).filter(unit_path__startswith=unit.path, status=IN_OFFICE)
    units = list(
        Unit.objects.filter(path__startswith=unit.path, is_closed=False)
        .exclude(kind=INTERNAL_DIVISION)
        .order_by("path")
    )
    cpc = cpc_codes()
    rows = (
        Appointment.objects.filter(
            unit__path__startswith=unit.path,
            ended_on__isnull=True,
            is_leading=True,
            cadre_id__in=Subquery(visible.values("pk")),
        )
        .values("unit_id")
        .annotate(
            members=Count("cadre_id", distinct=True),
            principal=Count("cadre_id", filter=Q(position_level__endswith="1"), distinct=True),
            deputy=Count("cadre_id", filter=Q(position_level__endswith="2"), distinct=True),
            avg_age=Avg(age_expr("cadre__birth_date", today)),
            youngest=Max("cadre__birth_date"),
            le35=Count(
                "cadre_id", filter=age_band_q(0, 35, today, "cadre__birth_date"), distinct=True
            ),
            le40=Count(
                "cadre_id", filter=age_band_q(0, 40, today, "cadre__birth_date"), distinct=True
            ),
            women=Count("cadre_id", filter=Q(cadre__gender="2"), distinct=True),
            non_cpc=Count("cadre_id", filter=~Q(cadre__political_status__in=cpc), distinct=True),
            bachelor=Count(
                "cadre_id", filter=Q(cadre__full_time_education_level__lte=2), distinct=True
            ),
        )
        .order_by()
    )
    by_unit = {r["unit_id"]: r for r in rows}
    goal = targets()
    out: list[Team] = []
    for u in units:
        r = by_unit.get(u.pk)
        quota = u.quota_principal + u.quota_deputy
        if r is None and quota == 0:
            continue
        r = r or {}
        members = r.get("members", 0)
        link = query_url(
            unit.code,
            {
                "field": "appointment",
                "op": "exists",
                "value": {"unit": u.code, "current": True, "is_leading": True},
            },
            title=f"{u.name}班子成员",
        )
        team = Team(
            unit=u,
            members=members,
            quota=quota,
            principal=r.get("principal", 0),
            deputy=r.get("deputy", 0),
            avg_age=round(float(r["avg_age"]), 1) if r.get("avg_age") is not None else None,
            youngest_age=age_on(r["youngest"], today) if r.get("youngest") else None,
            le35=r.get("le35", 0),
            le40=r.get("le40", 0),
            women=r.get("women", 0),
            non_cpc=r.get("non_cpc", 0),
            bachelor_ft=r.get("bachelor", 0),
            link=link,
        )
        team.problems = _problems(team, u, goal)
        out.append(team)
    return out


def _problems(t: Team, u: Unit, goal: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if u.quota_principal and t.principal > u.quota_principal:
        out.append(f"正职超职数（{t.principal}/{u.quota_principal}）")
    if u.quota_deputy and t.deputy > u.quota_deputy:
        out.append(f"副职超职数（{t.deputy}/{u.quota_deputy}）")
    if t.quota and t.members < t.quota:
        out.append(f"空缺{t.quota - t.members}名")
    if t.members == 0:
        return out
    if t.women < int(goal["min_women"]):
        out.append("无女干部" if int(goal["min_women"]) == 1 else "女干部不足")
    if goal["need_le40"] and t.le40 == 0:
        out.append("无40岁及以下干部")
    if goal["township_need_le35"] and u.kind in TOWNSHIP_KINDS and t.le35 == 0:
        out.append("无35岁及以下干部")
    floor = float(goal["min_bachelor_share"] or 0)
    if floor and t.bachelor_share < floor:
        out.append(f"全日制本科及以上占比低于{floor:g}%")
    return out

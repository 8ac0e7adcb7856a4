"""Reading units through the user's scope, and the establishment and quota figures of units.

Who reads units here: 组织部干部管理员 (manages) and 领导 (reads). Everyone else gets nothing,
so the views answer 404. Figures are aggregate queries (GROUP BY), never a COUNT per unit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cadre.accounts.models import Role
from cadre.accounts.scope import restrict_units
from cadre.core import codebook
from cadre.org.models import Establishment, Unit
from cadre.people.models import Cadre
from cadre.people.selectors import cadres_for
from cadre.posts.models import Appointment

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User

READ_ROLES = frozenset({Role.ORG_ADMIN, Role.LEADER})
IN_OFFICE = "1"  # status code 现职
INTERNAL_DIVISION = "12"  # unit_kind 内设机构: its cadres count against the parent's 编制
# 人员类别 → 编制类型, the approximation used for "actual" headcount per establishment kind:
# civil servants hold 行政编制 (政法专项编制 in courts and procuratorates), 参公 staff 参公事业编制,
# institution staff 事业编制, workers 工勤编制.
CATEGORY_TO_KIND = {"11": "1", "12": "1", "13": "1", "20": "3", "30": "4", "31": "4", "40": "5"}
LEGAL_UNIT_KINDS = frozenset({"05", "06"})  # 法院, 检察院
PATH_MAX = 255


def can_read_units(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.role in READ_ROLES)


def can_manage_units(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.manages_units)


def units_for(user: User | AnonymousUser) -> QuerySet[Unit]:
    """The units the user may read (their scope subtrees), in tree order."""
    if not can_read_units(user):
        return Unit.objects.none()
    return restrict_units(Unit.objects.all(), user).order_by("path")


def unit_get(user: User | AnonymousUser, code: str) -> Unit:
    """One unit in the user's scope by its code, else 404."""
    unit = units_for(user).filter(code=code).first()
    if unit is None:
        raise Http404("单位不存在或不在管理范围内")
    return unit


def unit_manage_get(user: User | AnonymousUser, code: str) -> Unit:
    """A unit the user may change (组织部干部管理员, in scope), else 404."""
    if not can_manage_units(user):
        raise Http404("无此页面")
    return unit_get(user, code)


def parent_choices(user: User | AnonymousUser) -> QuerySet[Unit]:
    """Units that may receive a new or moved unit: in scope and not closed."""
    return units_for(user).filter(is_closed=False)


def parent_of(unit: Unit) -> Unit | None:
    if unit.depth <= 1:
        return None
    return Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()


def establishment_kind_for(staff_category: str, holder_kind: str) -> str:
    kind = CATEGORY_TO_KIND.get(staff_category, "")
    if kind == "1" and holder_kind in LEGAL_UNIT_KINDS:
        return "2"
    return kind


@dataclass
class EstablishmentLine:
    kind: str
    kind_name: str
    approved: int | None  # None: no approved establishment of this kind
    actual: int

    @property
    def over(self) -> bool:
        return self.actual > (self.approved or 0)


@dataclass
class UnitFigures:
    """编制 (approved vs. 现职 cadres) and 领导职数 (quota vs. current leading posts)."""

    unit_id: int
    lines: list[EstablishmentLine] = field(default_factory=list)
    has_establishment: bool = False
    approved_total: int = 0
    actual_total: int = 0
    counted_in_parent: bool = False  # 内设机构: cadres count against the parent unit
    quota_principal: int = 0
    quota_deputy: int = 0
    principal: int = 0
    deputy: int = 0

    @property
    def has_quota(self) -> bool:
        return self.quota_principal > 0 or self.quota_deputy > 0

    @property
    def over_establishment(self) -> bool:
        return self.has_establishment and any(line.over for line in self.lines)

    @property
    def over_principal(self) -> bool:
        return self.has_quota and self.principal > self.quota_principal

    @property
    def over_deputy(self) -> bool:
        return self.has_quota and self.deputy > self.quota_deputy

    @property
    def over_quota(self) -> bool:
        return self.over_principal or self.over_deputy


def _holder_map(units: list[Unit]) -> dict[int, tuple[int, str]]:
    """unit id → (id, kind) of the unit whose establishment its cadres count against: the
    nearest ancestor-or-self that is not an internal division (within the units given)."""
    by_path = {u.path: u for u in units}
    holders: dict[int, tuple[int, str]] = {}
    for u in units:
        holder = u
        path = u.path
        while holder.kind == INTERNAL_DIVISION and len(path) > Unit.steplen:
            path = path[: -Unit.steplen]
            parent = by_path.get(path)
            if parent is None:
                break
            holder = parent
        holders[u.pk] = (holder.pk, holder.kind)
    return holders


def unit_figures(units: Iterable[Unit]) -> dict[int, UnitFigures]:
    """Figures for the given units in a fixed number of aggregate queries.

    Actual headcount per establishment kind is approximated from each 现职 cadre's 人员类别
    (see CATEGORY_TO_KIND); cadres of internal divisions count against their parent unit.
    Leading posts: open appointments (no end date) marked 领导职务 of 现职 cadres, 职务层次
    ending in 1 = 正职, 2 = 副职, each cadre counted once per unit and tier.
    """
    shown = list(units)
    if not shown:
        return {}
    ids = [u.pk for u in shown]
    lo = min(u.path for u in shown)
    # Every descendant of the last unit sorts before its path padded with "Z" (paths use 0-9A-Z
    # only, so the bound holds under any collation).
    top = max(u.path for u in shown)
    hi = top + "Z" * (PATH_MAX - len(top))
    # Units in the path range covering the shown units and all their descendants.
    tree = list(Unit.objects.filter(path__gte=lo, path__lte=hi).only("id", "path", "kind", "depth"))
    holders = _holder_map(tree)
    figures = {
        u.pk: UnitFigures(
            unit_id=u.pk,
            quota_principal=u.quota_principal,
            quota_deputy=u.quota_deputy,
            counted_in_parent=holders.get(u.pk, (u.pk, u.kind))[0] != u.pk,
        )
        for u in shown
    }

    approved: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, kind, number in Establishment.objects.filter(unit_id__in=ids).values_list(
        "unit_id", "kind", "approved"
    ):
        approved[unit_id][kind] = number

    actual: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts = (
        Cadre.objects.filter(status=IN_OFFICE, unit_path__gte=lo, unit_path__lte=hi)
        .values_list("unit_id", "staff_category")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, category, n in counts:
        holder_id, holder_kind = holders.get(unit_id, (unit_id, ""))
        if holder_id in figures:
            actual[holder_id][establishment_kind_for(category, holder_kind)] += n

    leading = (
        Appointment.objects.filter(
            unit_id__in=ids, ended_on__isnull=True, is_leading=True, cadre__status=IN_OFFICE
        )
        .values("unit_id")
        .annotate(
            principal=Count("cadre_id", filter=Q(position_level__endswith="1"), distinct=True),
            deputy=Count("cadre_id", filter=Q(position_level__endswith="2"), distinct=True),
        )
        .order_by()
    )
    for row in leading:
        fig = figures[row["unit_id"]]
        fig.principal, fig.deputy = row["principal"], row["deputy"]

    kind_names = dict(codebook.choices("establishment_kind"))
    for unit_id, fig in figures.items():
        own = approved.get(unit_id, {})
        got = actual.get(unit_id, {})
        fig.has_establishment = bool(own)
        fig.approved_total = sum(own.values())
        fig.actual_total = sum(got.values())
        kinds = [k for k in kind_names if k in own or got.get(k)]
        kinds += sorted(k for k in got if k not in kind_names and got[k])  # unmapped category
        fig.lines = [
            EstablishmentLine(
                kind=k,
                kind_name=kind_names.get(k, "未对应编制类型"),
                approved=own.get(k),
                actual=got.get(k, 0),
            )
            for k in kinds
        ]
    return figures


def subtree_cadre_counts(units: list[Unit]) -> dict[int, int]:
    """现职 cadres of each unit and all its sub-units: one GROUP BY, summed up the tree here."""
    direct = dict(
        Cadre.objects.filter(status=IN_OFFICE)
        .values_list("unit_path")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("unit_path", "n")
    )
    by_path = {u.path: 0 for u in units}
    for path, n in direct.items():
        for end in range(Unit.steplen, len(path) + 1, Unit.steplen):
            prefix = path[:end]
            if prefix in by_path:
                by_path[prefix] += n
    return {u.pk: by_path[u.path] for u in units}


def leading_posts(user: User | AnonymousUser, unit: Unit) -> list[dict[str, Any]]:
    """Current leading posts in the unit held by cadres the user may see (职数 detail)."""
    rows = (
        Appointment.objects.filter(
            unit=unit,
            ended_on__isnull=True,
            is_leading=True,
            cadre__in=cadres_for(user).filter(status=IN_OFFICE),
        )
        .select_related("cadre")
        .order_by("position_level", "sort", "started_on")
    )
    return [
        {
            "appointment": a,
            "level_name": codebook.name("position_level", a.position_level),
            "tier": {"1": "正职", "2": "副职"}.get(a.position_level[-1:], ""),
        }
        for a in rows
    ]


def search_units(qs: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Filter by code, full or short name, or pinyin initials ("jz" finds 甲镇)."""
    text = text.strip()
    if not text:
        return qs
    return qs.filter(
        Q(code__icontains=text)
        | Q(name__icontains=text)
        | Q(short_name__icontains=text)
        | Q(name_initials__startswith=text.lower())
    )

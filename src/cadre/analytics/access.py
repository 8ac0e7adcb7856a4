"""Who may use analytics: the scoped roles (组织部干部管理员, 单位人事专员, 领导).

Administrators (三权分立) see no cadre data and a cadre's own account has no statistics:
for them every analytics page is a 404, like any record outside their scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from cadre.accounts.models import SCOPED_ROLES
from cadre.accounts.scope import restrict_units
from cadre.org.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User


def is_analyst(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) in SCOPED_ROLES)


def require_analyst(user: User | AnonymousUser) -> None:
    if not is_analyst(user):
        raise Http404("无此页面")


def scope_units(user: User | AnonymousUser) -> list[Unit]:
    """The roots of the user's scope (the default subject of a dashboard)."""
    from cadre.accounts.scope import scope_paths

    paths = scope_paths(user)
    return list(Unit.objects.filter(path__in=paths).order_by("path")) if paths else []


def find_unit(user: User | AnonymousUser, key: str | None) -> Unit | None:
    """A unit in the user's scope by code, else by exact full or short name; None if none."""
    key = (key or "").strip()[:120]
    if not key:
        return None
    units = restrict_units(Unit.objects.all(), user)
    unit = units.filter(code=key).first()
    if unit is None:
        matches = list(units.filter(name=key)[:2]) or list(units.filter(short_name=key)[:2])
        unit = matches[0] if len(matches) == 1 else None
    return unit


def unit_or_404(user: User | AnonymousUser, key: str | None) -> Unit:
    """The unit asked for (default: the first root of the scope), else 404."""
    require_analyst(user)
    if key:
        unit = find_unit(user, key)
        if unit is None:
            raise Http404("单位不存在或不在管理范围内")
        return unit
    roots = scope_units(user)
    if not roots:
        raise Http404("没有可统计的单位")
    return roots[0]

"""Management scope: the one place that decides which units and cadres a user may see.

Every list, profile, export, statistic and API reads cadre data through these functions;
a record outside the scope does not exist for the user (404, never 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from cadre.accounts.models import SCOPED_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.org.models import Unit
    from cadre.people.models import Cadre

_CACHE_ATTR = "_scope_paths_cache"


def scope_paths(user: User | AnonymousUser) -> list[str]:
    """Materialized paths of the roots of the user's scope, redundant descendants removed."""
    if not user.is_authenticated or user.role not in SCOPED_ROLES:
        return []
    cached: list[str] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    paths = sorted(user.scope_units.values_list("path", flat=True))
    roots: list[str] = []
    for p in paths:
        if not any(p.startswith(r) for r in roots):
            roots.append(p)
    setattr(user, _CACHE_ATTR, roots)
    return roots


def clear_scope_cache(user: User) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _prefix_q(field: str, paths: list[str]) -> Q:
    q = Q()
    for p in paths:
        q |= Q(**{f"{field}__startswith": p})
    return q


def restrict_cadres(qs: QuerySet[Cadre], user: User | AnonymousUser) -> QuerySet[Cadre]:
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.SELF:
        cadre_id = user.cadre_id
        return qs.filter(pk=cadre_id) if cadre_id else qs.none()
    paths = scope_paths(user)
    if not paths:
        return qs.none()
    return qs.filter(_prefix_q("unit_path", paths))


def restrict_units(qs: QuerySet[Unit], user: User | AnonymousUser) -> QuerySet[Unit]:
    return restrict_by_path(qs, user, "path")


def restrict_by_path(qs: QuerySet[Any], user: User | AnonymousUser, field: str) -> QuerySet[Any]:
    """Rows whose unit path ``field`` lies in the user's scope (none without a scope)."""
    paths = scope_paths(user)
    if not paths:
        return qs.none()
    return qs.filter(_prefix_q(field, paths))


def unit_in_scope(user: User | AnonymousUser, unit: Unit) -> bool:
    return any(unit.path.startswith(p) for p in scope_paths(user))

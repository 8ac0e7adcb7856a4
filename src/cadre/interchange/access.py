"""Which cadres an actor may read for an export: a user's scope (people.selectors), or every
cadre for the system itself (a command run without --user by the operator)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from cadre.accounts.scope import unit_in_scope
from cadre.core import crypto
from cadre.core.actors import Actor
from cadre.org.models import Unit
from cadre.people.models import Cadre
from cadre.people.selectors import cadres_for, cadres_for_system


def readable_cadres(actor: Actor) -> QuerySet[Cadre]:
    if actor.user is None:
        return cadres_for_system()
    if actor.user.is_admin_role:
        raise PermissionDenied("系统管理员、安全管理员和审计管理员不能导出干部信息")
    return cadres_for(actor.user)


def unit_cadres(actor: Actor, unit: Unit) -> QuerySet[Cadre]:
    """The cadres of a unit's subtree that the actor may read (404 for a unit out of scope)."""
    if actor.user is not None and not unit_in_scope(actor.user, unit):
        raise Http404("单位不在管理范围内")
    return readable_cadres(actor).filter(unit_path__startswith=unit.path)


def cadre_by_id_number(actor: Actor, id_number: str) -> Cadre:
    from cadre.interchange.values import CellError
    from cadre.interchange.values import id_number as normalize

    try:
        normalized = normalize(id_number)
    except CellError as exc:
        raise Http404(str(exc)) from exc
    if normalized is None:
        raise Http404("身份证号为空")
    cadre = (
        readable_cadres(actor)
        .select_related("unit")
        .filter(id_number_index=crypto.blind_index(normalized))
        .first()
    )
    if cadre is None:
        raise Http404("找不到该身份证号的干部（或不在管理范围内）")
    return cadre


def may_unmask(actor: Actor) -> bool:
    return actor.user is None or actor.user.can_unmask

"""The home page (首页): what the signed-in user is responsible for, by role.

Scoped roles see the size of their cadre corps and their units; a cadre sees a link to their
own record; the administrator roles (三权分立) see only their administration links and no
cadre data at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.accounts.models import Role
from cadre.accounts.scope import restrict_units, scope_paths
from cadre.org.models import Unit
from cadre.people.selectors import cadres_for

STATUS_IN_OFFICE = "1"
FEMALE = "2"


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    hint: str = ""


# What each administrator role administers (pages built elsewhere, linked by path).
ADMIN_LINKS: dict[str, list[Link]] = {
    Role.SYSTEM_ADMIN: [Link("/accounts/users/", "用户管理", "新增、停用账号，重置密码")],
    Role.SECURITY_ADMIN: [
        Link("/accounts/users/", "角色与管理范围", "为账号分配角色和可管理的单位")
    ],
    Role.AUDIT_ADMIN: [Link("/audit/", "审计日志", "查询登录、查看、修改、导出等操作记录")],
}


def _corps_summary(request: HttpRequest) -> dict[str, Any]:
    """Counts over the user's scope: one aggregate over cadres, one count of units."""
    user = request.user
    counts = cadres_for(user).aggregate(
        in_office=Count("pk", filter=Q(status=STATUS_IN_OFFICE)),
        female=Count("pk", filter=Q(status=STATUS_IN_OFFICE, gender=FEMALE)),
        leaders=Count("pk", filter=Q(status=STATUS_IN_OFFICE, is_leader=True)),
    )
    units = restrict_units(Unit.objects.filter(is_closed=False), user).count()
    roots = list(
        Unit.objects.filter(path__in=scope_paths(user))
        .only("code", "name", "path")
        .order_by("path")
    )
    return {"counts": counts, "unit_count": units, "roots": roots}


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.role  # type: ignore[union-attr]
    context: dict[str, Any] = {"admin_links": ADMIN_LINKS.get(role, [])}
    if role == Role.SELF:
        cadre_id = user.cadre_id  # type: ignore[union-attr]
        context["own_url"] = f"/cadres/{cadre_id}/" if cadre_id else ""
    elif not user.is_admin_role:  # type: ignore[union-attr]
        context.update(_corps_summary(request))
        context["manages_units"] = user.manages_units  # type: ignore[union-attr]
    return render(request, "core/home.html", context)

"""队伍结构分析 and 班子结构 pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from cadre.analytics.access import require_analyst, unit_or_404
from cadre.analytics.summary import dashboard_figures
from cadre.analytics.teams import targets, teams
from cadre.analytics.views.common import unit_context


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    return redirect("analytics:structure")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    figures = dashboard_figures(request.user, unit)
    context = unit_context(request, unit)
    context.update({"figures": figures})
    return render(request, "analytics/structure.html", context)


@login_required
@require_GET
def teams_page(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    rows = teams(request.user, unit)
    context = unit_context(request, unit)
    context.update(
        {"teams": rows, "targets": targets(), "missing": sum(1 for t in rows if t.problems)}
    )
    return render(request, "analytics/teams.html", context)

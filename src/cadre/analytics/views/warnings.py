"""预警中心, its counts-only partial for the home page (htmx), and 重新扫描.

Both read the findings stored by the latest background scan (``tasks.scan_warnings``)
through the user's scope; 重新扫描 (组织部干部管理员 only) queues a new scan, unless one of
the same subtree is already queued or running."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cadre.accounts.models import Role
from cadre.accounts.scope import unit_in_scope
from cadre.analytics import services
from cadre.analytics import warnings as scan
from cadre.analytics.access import unit_or_404
from cadre.analytics.findings import counts_for, findings_for, latest_run, pending_run
from cadre.analytics.views.common import page_query, unit_context
from cadre.core.actors import Actor
from cadre.people.paging import CappedPaginator

if TYPE_CHECKING:
    from cadre.org.models import Unit

PAGE_SIZE = 50


def _state(request: HttpRequest, unit: Unit) -> dict[str, Any]:
    run = latest_run(unit)
    counts = counts_for(request.user, run, unit) if run else {}
    # A run of a wider subtree (the county's) is named only to users whose scope covers it.
    covers = run.unit if run and unit_in_scope(request.user, run.unit) else unit
    return {
        "run": run,
        "run_unit": covers,
        "pending": pending_run(unit),
        "counts": [(k, counts.get(k.key, 0)) for k in scan.KINDS],
        "total": sum(counts.values()),
        "can_rescan": getattr(request.user, "role", None) == Role.ORG_ADMIN,
    }


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    context = unit_context(request, unit)
    state = _state(request, unit)
    chosen = request.GET.get("kind", "")
    counts = state["counts"]
    kind = scan.KINDS_BY_KEY.get(chosen) or next(
        (k for k, n in counts if n),
        scan.KINDS[0],
    )
    page = None
    if state["run"] is not None:
        # In the index order (run, kind, unit path): a page of a province reads 50 entries.
        rows = (
            findings_for(request.user, state["run"], unit)
            .filter(kind=kind.key)
            .order_by("unit_path", "id")
        )
        page = CappedPaginator(rows, PAGE_SIZE, cap=settings.ROSTER_COUNT_CAP).get_page(
            request.GET.get("page")
        )
    context.update(state)
    context.update(
        {
            "kind": kind,
            "page": page,
            "page_query": page_query(request),
            "keep_params": [("kind", kind.key)],
        }
    )
    return render(request, "analytics/warnings.html", context)


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    context = {"unit": unit, **_state(request, unit)}
    return render(request, "analytics/warnings_summary.html", context)


@login_required
@require_POST
def rescan(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.POST.get("unit"))
    if getattr(request.user, "role", None) != Role.ORG_ADMIN:
        raise Http404("无此页面")
    try:
        services.warnings_scan_requested(unit=unit, actor=Actor.from_request(request))
    except services.ScanPending as exc:
        messages.info(request, "；".join(exc.messages))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已开始重新扫描{unit.name}的预警，完成后刷新本页即可看到结果")
    return redirect(reverse("analytics:warnings") + f"?unit={unit.code}")

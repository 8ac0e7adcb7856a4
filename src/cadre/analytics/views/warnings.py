"""预警中心 and its counts-only partial for the home page (htmx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.analytics import warnings as scan
from cadre.analytics.access import unit_or_404
from cadre.analytics.views.common import page_query, unit_context

PAGE_SIZE = 50


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    ctx = scan.context(request.user, unit)
    counts = scan.counts(ctx)
    chosen = request.GET.get("kind", "")
    kind = scan.KINDS_BY_KEY.get(chosen) or next((k for k, n in counts if n), scan.KINDS[0])
    page = Paginator(kind.items(ctx), PAGE_SIZE).get_page(request.GET.get("page"))
    context = unit_context(request, unit)
    context.update(
        {
            "counts": counts,
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
    counts = scan.counts(scan.context(request.user, unit))
    return render(
        request,
        "analytics/warnings_summary.html",
        {"unit": unit, "counts": counts, "total": sum(n for _, n in counts)},
    )

"""组合查询 pages: the condition builder, results, and saved queries (常用查询)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import SCOPED_ROLES, User
from cadre.analytics import services
from cadre.analytics.access import require_analyst
from cadre.analytics.query import QueryError, parse, registry_json, run
from cadre.analytics.selectors import saved_queries_for, saved_query_get, saved_query_owned
from cadre.analytics.views.common import ROSTER_COLUMNS, page_query, roster_page
from cadre.core.actors import Actor

EXAMPLE = {
    "op": "and",
    "conditions": [
        {"field": "status", "op": "eq", "value": "1"},
        {"field": "age", "op": "lt", "value": 40},
    ],
}


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


@login_required
@require_GET
def builder(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    raw = request.GET.get("q", "")
    try:
        initial = parse(raw) if raw else EXAMPLE
    except QueryError:
        initial = EXAMPLE
    return render(
        request,
        "analytics/query_builder.html",
        {
            "registry": registry_json(),
            "initial": initial,
            "initial_text": json.dumps(initial, ensure_ascii=False, indent=2),
        },
    )


@login_required
@require_GET
def fields_json(request: HttpRequest) -> JsonResponse:
    require_analyst(request.user)
    return JsonResponse(registry_json(), json_dumps_params={"ensure_ascii": False})


def _roster(request: HttpRequest, query: Any, context: dict[str, Any]) -> HttpResponse:
    context.update(
        {"columns": ROSTER_COLUMNS, "error": None, "page": None, "page_query": page_query(request)}
    )
    try:
        qs = run(request.user, query)
        context["page"] = roster_page(request, qs)
    except QueryError as exc:
        context["error"] = str(exc)
    status = 400 if context["error"] else 200
    return render(request, "analytics/query_results.html", context, status=status)


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    raw = request.GET.get("q", "")
    title = request.GET.get("title", "")[:60]
    return _roster(request, raw, {"query_text": raw, "title": title or "查询结果", "saved": None})


@login_required
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    items = saved_queries_for(request.user).prefetch_related("shared_with")
    return render(request, "analytics/saved_list.html", {"items": items})


@login_required
@require_POST
def saved_create(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    try:
        saved = services.saved_query_create(
            name=request.POST.get("name", ""),
            description=request.POST.get("description", ""),
            query=request.POST.get("query", ""),
            shared=request.POST.get("shared") == "1",
            actor=Actor.from_request(request),
        )
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
        back = urlencode({"q": request.POST.get("query", "")[:4000]})
        return redirect(reverse("analytics:query") + "?" + back)
    messages.success(request, f"已保存查询“{saved.name}”")
    return redirect("analytics:saved_run", pk=saved.pk)


@login_required
@require_GET
def saved_run(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    saved = saved_query_get(request.user, pk)
    text = json.dumps(saved.query, ensure_ascii=False)
    return _roster(request, saved.query, {"query_text": text, "title": saved.name, "saved": saved})


@login_required
@require_http_methods(["GET", "POST"])
def saved_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    saved = saved_query_owned(request.user, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.saved_query_update(
                saved=saved,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                query=request.POST.get("query", ""),
                actor=Actor.from_request(request),
            )
            messages.success(request, "已修改查询")
            return redirect("analytics:saved_run", pk=saved.pk)
        except ValidationError as exc:
            errors = _errors(exc)
            saved.refresh_from_db()
    text = request.POST.get("query") or json.dumps(saved.query, ensure_ascii=False, indent=2)
    return render(
        request, "analytics/saved_edit.html", {"saved": saved, "errors": errors, "text": text}
    )


def _colleagues(user: Any) -> Any:
    return (
        User.objects.filter(role__in=SCOPED_ROLES, is_active=True)
        .exclude(pk=user.pk)
        .order_by("username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def saved_share(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    saved = saved_query_owned(request.user, pk)
    colleagues = _colleagues(request.user)
    if request.method == "POST":
        ids = [v for v in request.POST.getlist("shared_with") if v.isdigit()]
        try:
            services.saved_query_share(
                saved=saved,
                shared=request.POST.get("shared") == "1",
                shared_with=list(colleagues.filter(pk__in=ids)),
                actor=Actor.from_request(request),
            )
            messages.success(request, "已更新共享设置")
            return redirect("analytics:saved_list")
        except ValidationError as exc:
            for m in _errors(exc):
                messages.error(request, m)
    chosen = set(saved.shared_with.values_list("pk", flat=True))
    return render(
        request,
        "analytics/saved_share.html",
        {"saved": saved, "colleagues": colleagues, "chosen": chosen},
    )


@login_required
@require_POST
def saved_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    saved = saved_query_owned(request.user, pk)
    name = saved.name
    services.saved_query_delete(saved=saved, actor=Actor.from_request(request))
    messages.success(request, f"已删除查询“{name}”")
    return redirect("analytics:saved_list")

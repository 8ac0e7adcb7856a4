"""/policy/: the 政策口径 page — every rule figure with its value in force, default, unit and
source — and the inline forms with which the organization department adjusts a figure or
restores its default (htmx row swaps; plain POST + redirect without JavaScript).

Every signed-in role except the three administrator roles reads the page; only 组织部干部管理员
(org_admin) changes figures. Anyone else gets 404, as does an unknown key.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cadre.core import policy
from cadre.core.actors import Actor
from cadre.rules.params import Param

ROW_TEMPLATE = "core/policy/_row.html"


class PolicyFilterForm(forms.Form):
    q = forms.CharField(label="筛选", max_length=100, required=False)
    configurable = forms.BooleanField(label="仅显示可配置口径", required=False)
    overridden = forms.BooleanField(label="仅显示已调整", required=False)


def _require_reader(request: HttpRequest) -> None:
    if not policy.can_read(request.user):
        raise Http404("无此页面")


def _require_editor(request: HttpRequest) -> None:
    if not policy.can_edit(request.user):
        raise Http404("无此页面")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _entry(key: str) -> Param:
    try:
        return policy.entry_of(key)
    except ValidationError:
        raise Http404("无此参数") from None


def _filters(data: QueryDict) -> dict[str, Any]:
    form = PolicyFilterForm(data)
    if not form.is_valid():
        return {"q": "", "configurable": False, "overridden": False}
    return dict(form.cleaned_data)


def _filter_query(filters: dict[str, Any]) -> str:
    """The filter as a query string, rebuilt from known fields only (safe to redirect to)."""
    query = QueryDict(mutable=True)
    if filters["q"]:
        query["q"] = filters["q"]
    for name in ("configurable", "overridden"):
        if filters[name]:
            query[name] = "on"
    return query.urlencode()


def _back_filters(request: HttpRequest) -> dict[str, Any]:
    """The list's filter carried by a row form (field `back`, a query string)."""
    source = request.POST if request.method == "POST" else request.GET
    return _filters(QueryDict(source.get("back", "")[:500]))


def _list_url(filters: dict[str, Any], key: str | None = None) -> str:
    query = _filter_query(filters)
    url = reverse("policy:list") + (f"?{query}" if query else "")
    return url + (f"#{policy.anchor(key)}" if key else "")


def _row_context(
    request: HttpRequest, row: policy.PolicyRow, filters: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "row": row,
        "can_edit": policy.can_edit(request.user),
        "back": _filter_query(filters),
        **extra,
    }


@require_GET
@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    return _render_list(request, _filters(request.GET))


def _render_list(
    request: HttpRequest,
    filters: dict[str, Any],
    *,
    editing: str = "",
    error: str = "",
    raw_value: str = "",
    status: int = 200,
) -> HttpResponse:
    can_edit = policy.can_edit(request.user)
    rows = policy.policy_rows(editor=can_edit)
    shown = policy.filter_rows(
        rows, q=filters["q"], configurable=filters["configurable"], overridden=filters["overridden"]
    )
    if not editing and can_edit:
        wanted = request.GET.get("edit", "")
        editing = wanted if any(r.key == wanted and r.editable for r in rows) else ""
    return render(
        request,
        "core/policy/list.html",
        {
            "form": PolicyFilterForm(initial=filters),
            "filters": filters,
            "groups": policy.group_rows(shown),
            "total": len(rows),
            "shown": len(shown),
            "overridden_count": sum(1 for r in rows if r.overridden),
            "can_edit": can_edit,
            "back": _filter_query(filters),
            "editing": editing,
            "error": error,
            "raw_value": raw_value,
            "ttl_seconds": int(policy.CACHE_TTL_SECONDS),
        },
        status=status,
    )


@require_GET
@login_required
def policy_row(request: HttpRequest) -> HttpResponse:
    """One row, shown or (for editors) as a form: the htmx target of 调整 / 取消."""
    _require_reader(request)
    key = request.GET.get("key", "")
    _entry(key)
    filters = _back_filters(request)
    editing = request.GET.get("mode") == "edit"
    if editing:
        _require_editor(request)
    if not _is_htmx(request):
        if editing:
            query = _filter_query(filters)
            edit = QueryDict(mutable=True)
            edit["edit"] = key
            sep = "&" if query else ""
            return redirect(
                f"{reverse('policy:list')}?{query}{sep}{edit.urlencode()}#{policy.anchor(key)}"
            )
        return redirect(_list_url(filters, key))
    row = policy.policy_row(key, editor=policy.can_edit(request.user))
    if editing and not row.editable:
        raise Http404("此参数不可调整")
    return render(
        request, ROW_TEMPLATE, _row_context(request, row, filters, editing=editing and row.key)
    )


@require_POST
@login_required
def policy_set(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    key = request.POST.get("key", "")
    entry = _entry(key)
    raw = request.POST.get("value", "")[:200]
    filters = _back_filters(request)
    try:
        policy.rule_parameter_set(key=key, value=raw, actor=Actor.from_request(request))
    except ValidationError as exc:
        error = "；".join(exc.messages)
        if _is_htmx(request):
            row = policy.policy_row(key, editor=True)
            context = _row_context(request, row, filters, editing=key, error=error, raw_value=raw)
            return render(request, ROW_TEMPLATE, context)
        return _render_list(request, filters, editing=key, error=error, raw_value=raw, status=400)
    if _is_htmx(request):
        row = policy.policy_row(key, editor=True)
        return render(request, ROW_TEMPLATE, _row_context(request, row, filters, saved=True))
    messages.success(request, f"已调整“{entry.label}”")
    return redirect(_list_url(filters, key))


@require_POST
@login_required
def policy_reset(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    key = request.POST.get("key", "")
    entry = _entry(key)
    filters = _back_filters(request)
    try:
        policy.rule_parameter_reset(key=key, actor=Actor.from_request(request))
    except ValidationError as exc:
        error = "；".join(exc.messages)
        if _is_htmx(request):
            row = policy.policy_row(key, editor=True)
            return render(request, ROW_TEMPLATE, _row_context(request, row, filters, error=error))
        messages.error(request, error)
        return redirect(_list_url(filters, key))
    if _is_htmx(request):
        row = policy.policy_row(key, editor=True)
        return render(request, ROW_TEMPLATE, _row_context(request, row, filters, saved=True))
    messages.success(request, f"“{entry.label}”已恢复默认值")
    return redirect(_list_url(filters, key))

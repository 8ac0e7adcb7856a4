"""/units/ and /units/manage/…: the unit list with establishment and quota figures, and the
pages that create, edit, move, close units and set their establishment (组织部干部管理员).

领导 read the list and detail pages; every other role gets 404, as does a unit out of scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cadre.accounts.scope import unit_in_scope
from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.core.formviews import apply_errors, posted
from cadre.org import forms, selectors, services
from cadre.org.models import Unit

PAGE_SIZE = 100


def _require_reader(request: HttpRequest) -> None:
    if not selectors.can_read_units(request.user):
        raise Http404("无此页面")


def _require_manager(request: HttpRequest) -> None:
    if not selectors.can_manage_units(request.user):
        raise Http404("无此页面")


def _rows(units: list[Unit]) -> list[dict[str, Any]]:
    figures = selectors.unit_figures(units)
    return [
        {
            "unit": u,
            "fig": figures[u.pk],
            "indent": range(max(u.depth - 1, 0)),
            "kind_name": codebook.name("unit_kind", u.kind),
            "level_name": codebook.name("unit_level", u.level),
        }
        for u in units
    ]


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    filters = forms.UnitFilterForm(request.GET or None)
    qs = selectors.units_for(request.user)
    only_warnings = False
    if filters.is_valid():
        qs = selectors.search_units(qs, filters.cleaned_data["q"])
        if not filters.cleaned_data["closed"]:
            qs = qs.filter(is_closed=False)
        only_warnings = filters.cleaned_data["warnings"]
    else:
        qs = qs.filter(is_closed=False)
    page: Page[Any]
    if only_warnings:
        # Figures are computed over the whole filtered set (aggregate queries), then only the
        # units running over are listed.
        rows = [r for r in _rows(list(qs)) if r["fig"].over_establishment or r["fig"].over_quota]
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = list(page.object_list)
    else:
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = _rows(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "org/manage/list.html",
        {
            "filters": filters,
            "page": page,
            "rows": page_rows,
            "query": query.urlencode(),
            "can_manage": selectors.can_manage_units(request.user),
        },
    )


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require_reader(request)
    unit = selectors.unit_get(request.user, code)
    children = list(
        selectors.units_for(request.user).filter(path__startswith=unit.path, depth=unit.depth + 1)
    )
    rows = _rows([unit, *children])
    parent = selectors.parent_of(unit)
    return render(
        request,
        "org/manage/detail.html",
        {
            "unit": unit,
            "row": rows[0],
            "children": rows[1:],
            "parent": parent if parent and unit_in_scope(request.user, parent) else None,
            "leading": selectors.leading_posts(request.user, unit),
            "kind_name": codebook.name("unit_kind", unit.kind),
            "level_name": codebook.name("unit_level", unit.level),
            "can_manage": selectors.can_manage_units(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    parents = selectors.parent_choices(request.user)
    initial: dict[str, Any] = {}
    if request.method == "GET" and request.GET.get("parent"):
        initial["parent"] = parents.filter(code=request.GET["parent"]).first()
    form = forms.UnitCreateForm(posted(request), parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        parent = data.pop("parent")
        try:
            unit = services.unit_create(parent=parent, data=data, actor=Actor.from_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已新增单位“{unit.name}”。")
            return redirect("org:manage_detail", code=unit.code)
    return render(
        request,
        "org/manage/form.html",
        {"form": form, "title": "新增单位", "submit": "保存"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_manage_get(request.user, code)
    initial = {f: getattr(unit, f) for f in services.EDITABLE}
    form = forms.UnitAttrsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(
                unit=unit, data=form.data_for_service(), actor=Actor.from_request(request)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "单位信息已保存。")
            return redirect("org:manage_detail", code=unit.code)
    return render(
        request,
        "org/manage/form.html",
        {"form": form, "unit": unit, "title": f"修改单位：{unit.name}", "submit": "保存"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_manage_get(request.user, code)
    # Not the unit itself nor its subtree; not its current parent.
    parents = (
        selectors.parent_choices(request.user)
        .exclude(path__startswith=unit.path)
        .exclude(path=unit.path[: -Unit.steplen])
    )
    form = forms.UnitMoveForm(posted(request), parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_move(
                unit=unit,
                new_parent=form.cleaned_data["new_parent"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已将“{unit.name}”移动到新的上级单位之下。")
            return redirect("org:manage_detail", code=unit.code)
    return render(
        request,
        "org/manage/form.html",
        {"form": form, "unit": unit, "title": f"移动单位：{unit.name}", "submit": "移动"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_manage_get(request.user, code)
    form = forms.UnitCloseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(
                unit=unit,
                closed_on=form.cleaned_data["closed_on"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"单位“{unit.name}”已撤销。")
            return redirect("org:manage_detail", code=unit.code)
    return render(
        request,
        "org/manage/form.html",
        {
            "form": form,
            "unit": unit,
            "title": f"撤销单位：{unit.name}",
            "submit": "确认撤销",
            "danger": True,
        },
    )


@login_required
@require_POST
def unit_reopen(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_manage_get(request.user, code)
    try:
        services.unit_reopen(unit=unit, actor=Actor.from_request(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"单位“{unit.name}”已恢复。")
    return redirect("org:manage_detail", code=unit.code)


@login_required
@require_http_methods(["GET", "POST"])
def unit_establishment(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_manage_get(request.user, code)
    form = forms.EstablishmentForm(posted(request), unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.establishment_set(
                unit=unit,
                approved=form.approved(),
                quota_principal=form.cleaned_data["quota_principal"],
                quota_deputy=form.cleaned_data["quota_deputy"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "编制和领导职数已保存。")
            return redirect("org:manage_detail", code=unit.code)
    return render(
        request,
        "org/manage/form.html",
        {
            "form": form,
            "unit": unit,
            "title": f"核定编制和领导职数：{unit.name}",
            "submit": "保存",
            "hint": "编制类型留空表示未核定该类编制。",
        },
    )

"""Generic views over the parts of a record (registry.PARTS): list with an add form, edit
one item, delete, move up/down. Each POST calls exactly one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.actors import Actor
from cadre.people.models import Cadre
from cadre.people.views.edit.common import editable_cadre, page, part_url, saved
from cadre.people.views.edit.registry import PARTS, Part


def _part(key: str) -> Part:
    try:
        return PARTS[key]
    except KeyError:
        raise Http404 from None


def _item(part: Part, cadre: Cadre, item_id: int) -> Any:
    try:
        return part.get_item(cadre, item_id)
    except ObjectDoesNotExist:
        raise Http404 from None


def _render(
    request: HttpRequest, part: Part, cadre: Cadre, form: Any, item: Any = None
) -> HttpResponse:
    status = 200
    template = "people/edit/item.html" if item is not None else "people/edit/part.html"
    context = {
        "part": part,
        "form": form,
        "item": item,
        "rows": part.rows(cadre) if item is None else [],
        "headers": [label for label, _ in part.columns],
    }
    if request.headers.get("HX-Request") and request.method == "POST":
        template = "people/edit/_form_card.html"
    return page(request, template, cadre, part.key, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def part_list(request: HttpRequest, cadre_id: int, part: str) -> HttpResponse:
    spec = _part(part)
    cadre = editable_cadre(request, cadre_id)
    form = spec.form(request.POST or None, cadre=cadre, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            spec.create(
                cadre=cadre,
                data=form.service_data(),
                confirmed=form.confirmed,
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            form.apply_error(exc)
        else:
            return saved(request, cadre, spec.key, f"已添加{spec.label}")
    return _render(request, spec, cadre, form)


@login_required
@require_http_methods(["GET", "POST"])
def part_item(request: HttpRequest, cadre_id: int, part: str, item_id: int) -> HttpResponse:
    spec = _part(part)
    cadre = editable_cadre(request, cadre_id)
    item = _item(spec, cadre, item_id)
    form = spec.form(
        request.POST or None,
        cadre=cadre,
        user=request.user,
        initial=spec.initial(item),
        **spec.form_kwargs(item),
    )
    if request.method == "POST" and form.is_valid():
        try:
            spec.update(
                cadre=cadre,
                data=form.service_data(),
                confirmed=form.confirmed,
                actor=Actor.from_request(request),
                **{spec.item_kw: item},
            )
        except ValidationError as exc:
            item = _item(spec, cadre, item_id)
            form.apply_error(exc)
        else:
            return saved(request, cadre, spec.key, f"已修改{spec.label}")
    return _render(request, spec, cadre, form, item)


@login_required
@require_POST
def part_delete(request: HttpRequest, cadre_id: int, part: str, item_id: int) -> HttpResponse:
    spec = _part(part)
    cadre = editable_cadre(request, cadre_id)
    item = _item(spec, cadre, item_id)
    try:
        spec.delete(cadre=cadre, actor=Actor.from_request(request), **{spec.item_kw: item})
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已删除{spec.label}")
    return HttpResponseRedirect(part_url(cadre, spec.key))


@login_required
@require_POST
def part_move(request: HttpRequest, cadre_id: int, part: str, item_id: int) -> HttpResponse:
    spec = _part(part)
    cadre = editable_cadre(request, cadre_id)
    if spec.move is None:
        raise Http404
    item = _item(spec, cadre, item_id)
    try:
        spec.move(
            cadre=cadre,
            direction=request.POST.get("direction", ""),
            actor=Actor.from_request(request),
            **{spec.item_kw: item},
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return HttpResponseRedirect(part_url(cadre, spec.key))

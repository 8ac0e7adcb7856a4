"""Create a cadre; edit the basic data (基本信息)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from cadre.core.actors import Actor
from cadre.people import services
from cadre.people.forms import CadreForm
from cadre.people.identity import masked
from cadre.people.services.cadres import BASIC_FIELDS
from cadre.people.views.edit.common import (
    editable_cadre,
    page,
    part_url,
    require_editor,
    saved,
)


@login_required
@require_http_methods(["GET", "POST"])
def cadre_new(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    unit = request.GET.get("unit", "")
    form = CadreForm(
        request.POST or None,
        user=request.user,
        initial={"unit": int(unit)} if unit.isdigit() else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            cadre = services.cadre_create(
                data=form.service_data(),
                confirmed=form.confirmed,
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            form.apply_error(exc)
        else:
            messages.success(request, f"已新增干部“{cadre.name}”，请继续填写学历、简历等信息")
            if "_continue" in request.POST:
                return HttpResponseRedirect(part_url(cadre, "education"))
            return HttpResponseRedirect(f"/cadres/{cadre.pk}/")
    return page(request, "people/edit/basic.html", None, "basic", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def cadre_edit(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = editable_cadre(request, cadre_id)
    initial: dict[str, Any] = {f: getattr(cadre, f) for f in BASIC_FIELDS if f != "unit"}
    initial["unit"] = cadre.unit_id
    form = CadreForm(
        request.POST or None,
        user=request.user,
        initial=initial,
        masked_id=masked(cadre.id_number_cipher),
        current_unit=cadre.unit_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cadre_update(
                cadre=cadre,
                data=form.service_data(),
                confirmed=form.confirmed,
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            cadre.refresh_from_db()
            form.apply_error(exc)
        else:
            return saved(request, cadre, "basic")
    return page(request, "people/edit/basic.html", cadre, "basic", {"form": form})

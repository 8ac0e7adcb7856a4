"""The profile page (任免审批表) and its tabs (htmx partials, full pages without htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from cadre.accounts.models import Role
from cadre.core.actors import Actor
from cadre.people.identity import masked
from cadre.people.models import Cadre
from cadre.people.presenters import build_adform
from cadre.people.services.common import rule_params
from cadre.people.services_view import record_profile_view
from cadre.people.views.profile.loading import (
    ADFORM_PARTS,
    AgeDate,
    age_date,
    has_photo,
    load_cadre,
)
from cadre.people.views.profile.tabs import TAB_BY_SLUG, TABS, panel_context


def is_htmx(request: HttpRequest) -> bool:
    """An htmx swap (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def masked_id_number(cadre: Cadre) -> str:
    try:
        return masked(cadre.id_number_cipher)
    except ValueError:
        return "（无法解密）"


def page_context(request: HttpRequest, cadre: Cadre, at: AgeDate, active: str) -> dict[str, Any]:
    user = request.user
    photo = has_photo(cadre)
    return {
        "cadre": cadre,
        "at": at,
        "active": active,
        "tabs": TABS,
        "can_edit": getattr(user, "can_edit_cadres", False),
        "can_unmask": getattr(user, "can_unmask", False),
        "is_self": getattr(user, "role", "") == Role.SELF,
        "id_masked": masked_id_number(cadre),
        "has_photo": photo,
        "photo_version": int(cadre.photo.updated_at.timestamp()) if photo else 0,
    }


def _respond(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = load_cadre(request.user, pk, ADFORM_PARTS)
    at = age_date(request)
    adform = build_adform(cadre, at=at.value, params=rule_params())
    record_profile_view(cadre=cadre, part="任免审批表", actor=Actor.from_request(request))
    context = {**page_context(request, cadre, at, "adform"), "adform": adform}
    return _respond(render(request, "people/profile/page.html", context))


@login_required
@require_GET
def tab(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    spec = TAB_BY_SLUG.get(name)
    if spec is None:
        raise Http404("没有这个标签页")
    cadre = load_cadre(request.user, pk, spec.parts)
    at = age_date(request)
    panel = panel_context(spec, cadre, at.value, rule_params(), request)
    record_profile_view(cadre=cadre, part=spec.label, actor=Actor.from_request(request))
    context = {
        **page_context(request, cadre, at, spec.slug),
        **panel,
        "tab": spec,
        "panel_template": f"people/profile/tabs/{spec.slug}.html",
    }
    template = context["panel_template"] if is_htmx(request) else "people/profile/page.html"
    return _respond(render(request, template, context))

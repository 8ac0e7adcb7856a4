"""Authorization and responses shared by the edit views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from cadre.people.models import Cadre
from cadre.people.selectors import cadre_get
from cadre.people.views.edit.registry import PART_TABS


def editable_cadre(request: HttpRequest, cadre_id: object) -> Cadre:
    """The cadre, if the user may edit it; else 404 (never a 403 that confirms it exists)."""
    user: Any = request.user
    if not user.is_authenticated or not user.can_edit_cadres:
        raise Http404
    return cadre_get(user, cadre_id)


def require_editor(request: HttpRequest) -> None:
    user: Any = request.user
    if not user.is_authenticated or not user.can_edit_cadres:
        raise Http404


def profile_url(cadre: Cadre) -> str:
    return f"/cadres/{cadre.pk}/"


def part_url(cadre: Cadre, part: str) -> str:
    return f"/cadres/{cadre.pk}/edit/" if part == "basic" else f"/cadres/{cadre.pk}/edit/{part}/"


def saved(request: HttpRequest, cadre: Cadre, part: str, text: str = "已保存") -> HttpResponse:
    """After a save: back to the profile, or to the part's page for "保存并继续"."""
    messages.success(request, text)
    target = part_url(cadre, part) if "_continue" in request.POST else profile_url(cadre)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)


def page(
    request: HttpRequest,
    template: str,
    cadre: Cadre | None,
    active: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    tabs = [(key, label, part_url(cadre, key)) for key, label in PART_TABS] if cadre else []
    return render(
        request,
        template,
        {
            "cadre": cadre,
            "tabs": tabs,
            "active": active,
            "profile_url": profile_url(cadre) if cadre else "/cadres/",
            **context,
        },
        status=status,
    )

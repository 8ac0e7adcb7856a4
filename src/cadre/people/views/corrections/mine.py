"""A cadre (role self) submits correction requests about their own record and follows them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cadre.accounts.models import Role
from cadre.core.actors import Actor
from cadre.people import services
from cadre.people.forms import CorrectionForm
from cadre.people.models import Cadre, CorrectionRequest
from cadre.people.selectors import cadre_get
from cadre.people.services.corrections import section_name


def own_cadre(request: HttpRequest, cadre_id: int) -> Cadre:
    """Only the cadre's own account reaches these pages; anyone else gets 404."""
    user: Any = request.user
    if user.role != Role.SELF or user.cadre_id != cadre_id:
        raise Http404
    return cadre_get(user, cadre_id)


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = own_cadre(request, cadre_id)
    initial = {"section": request.GET.get("section", "")}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_submit(
                cadre=cadre,
                section=form.cleaned_data["section"],
                message=form.cleaned_data["message"],
                actor=Actor.from_request(request),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, "更正申请已提交，组织部门处理后可在此查看结果")
            return HttpResponseRedirect(f"/cadres/{cadre.pk}/corrections/")
    return render(request, "people/corrections/new.html", {"cadre": cadre, "form": form})


@login_required
def correction_list(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = own_cadre(request, cadre_id)
    requests = list(CorrectionRequest.objects.filter(cadre=cadre).order_by("-created_at", "-id"))
    for r in requests:
        r.section_label = section_name(r.section)  # type: ignore[attr-defined]
    return render(request, "people/corrections/mine.html", {"cadre": cadre, "requests": requests})

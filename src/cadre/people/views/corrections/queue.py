"""The organization department's queue of correction requests (pending first, in scope)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from cadre.core.actors import Actor
from cadre.people import services
from cadre.people.forms import DecisionForm
from cadre.people.models import CorrectionRequest
from cadre.people.selectors import cadres_for
from cadre.people.services.corrections import section_name

Status = CorrectionRequest.Status
PAGE_SIZE = 50


def _approver(request: HttpRequest) -> Any:
    user: Any = request.user
    if not user.approves_corrections:
        raise Http404
    return user


def _scoped(user: Any) -> Any:
    return CorrectionRequest.objects.filter(cadre__in=cadres_for(user)).select_related(
        "cadre", "cadre__unit", "requested_by", "decided_by"
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _approver(request)
    status = request.GET.get("status", "")
    qs = _scoped(user)
    if status in Status.values:
        qs = qs.filter(status=status)
    qs = qs.annotate(
        pending_first=Case(
            When(status=Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("pending_first", "-created_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for r in page.object_list:
        r.section_label = section_name(r.section)
    pending = _scoped(user).filter(status=Status.PENDING).count()
    return render(
        request,
        "people/corrections/queue.html",
        {"page": page, "status": status, "statuses": Status.choices, "pending": pending},
    )


@login_required
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _approver(request)
    item = get_object_or_404(_scoped(user), pk=pk)
    item.section_label = section_name(item.section)
    return render(
        request,
        "people/corrections/detail.html",
        {"item": item, "form": DecisionForm(), "edit_url": _edit_url(item)},
    )


def _edit_url(item: CorrectionRequest) -> str:
    if item.section in ("basic", "other"):
        return f"/cadres/{item.cadre_id}/edit/"
    return f"/cadres/{item.cadre_id}/edit/{item.section}/"


@login_required
@require_POST
def correction_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    user = _approver(request)
    item = get_object_or_404(_scoped(user), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            if decision == "approve":
                services.correction_approve(
                    request=item, note=form.cleaned_data["note"], actor=Actor.from_request(request)
                )
                messages.success(request, "已采纳，请据此修改干部信息")
                return HttpResponseRedirect(_edit_url(item))
            services.correction_reject(
                request=item, reason=form.cleaned_data["note"], actor=Actor.from_request(request)
            )
            messages.success(request, "已驳回")
            return HttpResponseRedirect("/cadres/corrections/")
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
    item.section_label = section_name(item.section)
    return render(
        request,
        "people/corrections/detail.html",
        {"item": item, "form": form, "edit_url": _edit_url(item)},
        status=200,
    )

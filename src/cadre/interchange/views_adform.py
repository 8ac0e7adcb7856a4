"""The 干部任免审批表 as PDF, downloaded from the profile. Scoped (404 outside the user's
scope) and audited like the Word download in views.py; a machine that cannot print it
(no Chinese font, no Pango) answers with the reason, never an error page."""

from __future__ import annotations

from typing import TypedDict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.core.actors import Actor
from cadre.interchange.adform_pdf import PdfUnavailable, export_adform_pdf
from cadre.interchange.views import _download
from cadre.people.selectors import cadre_get

PDF = "application/pdf"


class FillIns(TypedDict):
    proposed: str
    removed: str
    reason: str
    reporting_unit: str


def adform_fill_ins(request: HttpRequest) -> FillIns:
    """拟任职务 / 拟免职务 / 任免理由 / 呈报单位 typed on the spot, as query parameters."""
    return {
        "proposed": request.GET.get("proposed", "")[:400],
        "removed": request.GET.get("removed", "")[:400],
        "reason": request.GET.get("reason", "")[:600],
        "reporting_unit": request.GET.get("reporting_unit", "")[:120],
    }


@login_required
@require_GET
def adform_pdf(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = cadre_get(request.user, cadre_id)
    try:
        data = export_adform_pdf(
            cadre=cadre, actor=Actor.from_request(request), **adform_fill_ins(request)
        )
    except PdfUnavailable as exc:
        context = {"cadre": cadre, "message": str(exc)}
        return render(request, "interchange/adform_pdf_unavailable.html", context, status=503)
    return _download(data, f"{cadre.name}-干部任免审批表.pdf", PDF)

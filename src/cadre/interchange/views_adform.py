"""The 干部任免审批表 downloaded from the profile, as Word or PDF: scoped (404 outside the user's
scope), audited, with 拟任职务 / 拟免职务 / 任免理由 / 呈报单位 from the query. A machine that
cannot print the PDF (no Chinese font, no Pango) answers with the reason, never an error
page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.core.actors import Actor
from cadre.interchange.adform_docx import export_adform
from cadre.interchange.adform_pdf import PdfUnavailable, export_adform_pdf
from cadre.interchange.adform_sheet import FillIns
from cadre.interchange.views import download
from cadre.people.selectors import cadre_get

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def adform_fill_ins(request: HttpRequest) -> FillIns:
    """拟任职务 / 拟免职务 / 任免理由 / 呈报单位 typed on the spot, as query parameters."""
    return {
        "proposed": request.GET.get("proposed", "")[:400],
        "removed": request.GET.get("removed", "")[:400],
        "reason": request.GET.get("reason", "")[:600],
        "reporting_unit": request.GET.get("reporting_unit", "")[:120],
    }


@login_required
def adform_docx(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = cadre_get(request.user, cadre_id)
    data = export_adform(cadre=cadre, actor=Actor.from_request(request), **adform_fill_ins(request))
    return download(data, f"{cadre.name}-干部任免审批表.docx", DOCX)


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
    return download(data, f"{cadre.name}-干部任免审批表.pdf", PDF)

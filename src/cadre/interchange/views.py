"""Interchange pages: roster import (upload → background check with a progress bar →
preview → commit in the background → report), roster export, a cadre's LRMX download
(the adform's are in views_adform). Thin: parse, authorize, call a service, render."""

from __future__ import annotations

import io
import tempfile
from urllib.parse import quote

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.actors import Actor
from cadre.interchange import services
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.export import export_roster
from cadre.interchange.forms import RosterExportForm, RosterUploadForm
from cadre.interchange.limits import human, limit
from cadre.interchange.lrmx.export import export_one
from cadre.interchange.models import ImportBatch
from cadre.people.selectors import cadre_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 500


def download(data: bytes, name: str, content_type: str) -> HttpResponse:
    """A file to save, under its Chinese name."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _editor(request: HttpRequest) -> None:
    if not request.user.can_edit_cadres:  # type: ignore[union-attr]
        raise PermissionDenied("您没有导入干部信息的权限")


def _batch(request: HttpRequest, pk: int, *, state_only: bool = False) -> ImportBatch:
    """A batch to look at: its uploader's, or in an org admin's scope (else 404)."""
    return services.batch_for(request.user, pk, state_only=state_only)  # type: ignore[arg-type]


def _own_batch(request: HttpRequest, pk: int) -> ImportBatch:
    """A batch to decide on (commit, discard): only its uploader may."""
    batch = _batch(request, pk)
    if batch.created_by_id != request.user.pk:
        raise Http404("找不到该导入批次")
    return batch


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > limit("CADRE_IMPORT_MAX_BYTES"):
            error = f"文件大小超过上限{human(limit('CADRE_IMPORT_MAX_BYTES'))}"
        else:
            # The file is checked by a background task; the batch page shows its progress.
            batch = services.roster_upload(
                data=upload.read(),
                file_name=upload.name,
                unit=form.cleaned_data["unit"],
                default_staff_category=form.cleaned_data["staff_category"] or None,
                actor=Actor.from_request(request),
            )
            return redirect("interchange:batch", pk=batch.pk)
    recent = ImportBatch.objects.filter(
        created_by_id=request.user.pk, kind=ImportBatch.Kind.ROSTER
    ).select_related("unit")
    recent = recent.only("pk", "file_name", "unit__name", "status", "created_at")[:10]
    return render(
        request, "interchange/roster_import.html", {"form": form, "error": error, "recent": recent}
    )


def _batch_page(
    request: HttpRequest, batch: ImportBatch, *, error: str = "", status: int = 200
) -> HttpResponse:
    if batch.status == ImportBatch.Status.COMMITTED:
        problems = batch.result.get("errors", [])
    elif batch.is_open:
        problems = batch.problems
    else:
        problems = []
    return render(
        request,
        "interchange/batch.html",
        {
            "batch": batch,
            "state": services.batch_state(batch),
            "interrupted": services.batch_interrupted(batch),
            "may_decide": batch.created_by_id == request.user.pk,
            "problems": problems[:PREVIEW_ROWS],
            "more": max(0, len(problems) - PREVIEW_ROWS),
            "error": error,
        },
        status=status,
    )


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_page(request, _batch(request, pk))


@login_required
def batch_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The state a progress bar polls: status, phase, done, total."""
    response = JsonResponse(services.batch_state(_batch(request, pk, state_only=True)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def batch_problems(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem of a batch as a workbook, to fix the roster with."""
    batch = _batch(request, pk)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("问题清单")
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    cell = wb.add_format({"border": 1})
    for i, (label, width) in enumerate(
        (("工作表", 14), ("行", 6), ("列", 6), ("单元格内容", 24), ("问题", 60), ("类型", 8))
    ):
        ws.write_string(0, i, label, head)
        ws.set_column(i, i, width)
    for r, p in enumerate(batch.problems, start=1):
        values = (
            p["sheet"],
            p["row"] or "",
            p["column"],
            p["value"],
            p["message"],
            "错误" if p.get("severity") == "error" else "提示",
        )
        for c, v in enumerate(values):
            ws.write(r, c, v, cell)
    ws.freeze_panes(1, 0)
    wb.close()
    return download(buf.getvalue(), f"{batch.file_name}-问题清单.xlsx", XLSX)


@login_required
@require_POST
def batch_commit(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    batch = _own_batch(request, pk)
    try:
        services.roster_commit(
            batch=batch,
            valid_only=request.POST.get("mode") == "valid",
            actor=Actor.from_request(request),
        )
    except InterchangeRefused as exc:
        return _batch_page(request, batch, error=str(exc), status=409)
    return redirect("interchange:batch", pk=batch.pk)


@login_required
@require_POST
def batch_discard(request: HttpRequest, pk: int) -> HttpResponse:
    services.batch_discard(batch=_own_batch(request, pk), actor=Actor.from_request(request))
    return redirect("interchange:roster_import")


@login_required
def roster_export(request: HttpRequest) -> HttpResponse:
    if request.user.is_admin_role:  # type: ignore[union-attr]
        raise PermissionDenied("管理员角色不能导出干部信息")
    if "unit" not in request.GET:
        form = RosterExportForm(user=request.user)
        return render(request, "interchange/roster_export.html", {"form": form})
    from cadre.accounts.scope import restrict_units
    from cadre.org.models import Unit

    unit = get_object_or_404(
        restrict_units(Unit.objects.all(), request.user), pk=_int(request.GET["unit"])
    )
    columns = request.GET.getlist("columns")
    if len(columns) == 1 and "," in columns[0]:
        columns = columns[0].split(",")
    with tempfile.TemporaryFile() as tmp:
        try:
            export_roster(
                unit=unit, out=tmp, columns=columns or None, actor=Actor.from_request(request)
            )
        except ValueError as exc:
            form = RosterExportForm(request.GET, user=request.user)
            return render(
                request,
                "interchange/roster_export.html",
                {"form": form, "error": str(exc)},
                status=400,
            )
        tmp.seek(0)
        data = tmp.read()
    return download(data, f"{unit.name}干部名册.xlsx", XLSX)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


@login_required
def lrmx_export(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = cadre_get(request.user, cadre_id)
    data = export_one(cadre=cadre, actor=Actor.from_request(request))
    return download(data, f"{cadre.name}.lrmx", "application/xml")

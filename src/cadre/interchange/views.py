"""Interchange pages: roster import (upload → background check with a progress bar →
preview → commit in the background → report), roster export, a cadre's LRMX download
(the adform's are in views_adform). Thin: parse, authorize, call a service, render."""

from __future__ import annotations

import io
import tempfile
from typing import Any
from urllib.parse import quote, urlencode

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import Role
from cadre.analytics.selectors import saved_query_get
from cadre.core.actors import Actor
from cadre.interchange import services
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.export import (
    RosterSource,
    SavedQuerySource,
    Source,
    export_options,
    export_roster,
    safe_file_name,
)
from cadre.interchange.forms import RosterExportForm, RosterUploadForm
from cadre.interchange.limits import human, limit
from cadre.interchange.lrmx.export import export_one
from cadre.interchange.models import ImportBatch
from cadre.interchange.readers.columns import CHOOSABLE
from cadre.interchange.readers.columns import label as field_label
from cadre.people.roster_query import roster_query
from cadre.people.selectors import cadre_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 500
# What a user may say an unknown header is (besides 不导入).
HEADER_CHOICES = [(f, field_label(f)) for f in CHOOSABLE]


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
            "header_choices": HEADER_CHOICES,
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
def batch_headers(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploader says what unknown headers are; the file is checked again."""
    _editor(request)
    batch = _own_batch(request, pk)
    chosen: dict[str, str] = {}
    for i in range(len(batch.summary.get("headers", []))):
        key, value = request.POST.get(f"k{i}"), request.POST.get(f"f{i}")
        if key is not None and value is not None:
            chosen[key] = value
    try:
        services.roster_headers(batch=batch, chosen=chosen, actor=Actor.from_request(request))
    except InterchangeRefused as exc:
        return _batch_page(request, batch, error=str(exc), status=409)
    return redirect("interchange:batch", pk=batch.pk)


@login_required
@require_POST
def batch_discard(request: HttpRequest, pk: int) -> HttpResponse:
    services.batch_discard(batch=_own_batch(request, pk), actor=Actor.from_request(request))
    return redirect("interchange:roster_import")


def _export_source(request: HttpRequest, params: QueryDict) -> Source:
    """A saved query the user may run (?query=<id>), else the roster's selection; 404 for a
    query not visible to the user or a unit outside their scope."""
    if "query" in params:
        return SavedQuerySource(saved_query_get(request.user, params.get("query")))
    return RosterSource(roster_query(request.user, params))


def _export_page(
    request: HttpRequest,
    source: Source,
    params: QueryDict,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context, status = export_page_context(request, source, params, error=error, status=status)
    return render(request, "interchange/roster_export.html", context, status=status)


def export_page_context(
    request: HttpRequest,
    source: Source,
    params: QueryDict,
    *,
    error: str = "",
    status: int = 200,
) -> tuple[dict[str, Any], int]:
    """The export page's context (roster and LRMX forms) and its status: 400 for a saved
    query that no longer compiles for this user."""
    actor = Actor.from_request(request)
    today = timezone.localdate()
    count: int | None = None
    try:
        count = source.cadres(actor, today).count()
    except ValueError as exc:  # a saved query that no longer compiles for this user
        error, status = error or str(exc), 400
    roster = source if isinstance(source, RosterSource) else None
    unit = roster.query.unit if roster is not None else None
    columns = _columns(params)
    form = RosterExportForm(
        user=request.user,
        current_unit=unit,
        initial={
            "unit": unit.code if unit is not None else "",
            "order": params.get("order") or source.default_order(),
            "title": params.get("title") or source.default_title(actor, today),
            **({"columns": columns} if columns else {}),
        },
    )
    if roster is not None:
        carried = roster.query.params()
        back = reverse("people:roster") + (f"?{urlencode(carried)}" if carried else "")
        notices = roster.query.notices
    elif isinstance(source, SavedQuerySource):
        carried = [("query", str(source.saved.pk))]
        back = reverse("analytics:saved_run", args=[source.saved.pk])
        notices = []
    subject = source.subject() + ([f"共 {count} 人"] if count is not None else [])
    context = {
        "form": form,
        "error": error,
        "notices": notices,
        "subject": " · ".join(subject),
        "carried": carried,
        "range_carried": [p for p in carried if p[0] != "unit"],
        "by_roster": roster is not None,
        "back": back,
        "count": count,
    }
    return context, status


def _columns(params: QueryDict) -> list[str]:
    columns = params.getlist("columns")
    if len(columns) == 1 and "," in columns[0]:
        columns = columns[0].split(",")
    return columns


@login_required
@require_GET
def roster_export(request: HttpRequest) -> HttpResponse:
    """/interchange/roster/export/?<the roster's parameters> or ?query=<saved query id>: the
    page that shows what is exported and the choices; with ``download`` (or ``columns``, as
    older links have it) the .xlsx, written to a temporary file and then sent."""
    user = request.user
    if user.is_admin_role:  # type: ignore[union-attr]
        raise PermissionDenied("管理员角色不能导出干部信息")
    if user.role == Role.SELF:  # type: ignore[union-attr]
        raise Http404("页面不存在")
    params = request.GET
    source = _export_source(request, params)
    if "download" not in params and "columns" not in params:
        return _export_page(request, source, params)
    actor = Actor.from_request(request)
    today = timezone.localdate()
    try:
        opts = export_options(
            source=source,
            actor=actor,
            columns=_columns(params) or None,
            order=params.get("order"),
            title=params.get("title"),
            today=today,
        )
    except ValueError as exc:
        return _export_page(request, source, params, error=str(exc), status=400)
    # The workbook is written row by row to disk (constant memory); only the finished,
    # compressed file is sent.
    with tempfile.TemporaryFile() as tmp:
        try:
            export_roster(
                source=source,
                out=tmp,
                columns=[c.key for c in opts.columns],
                order=opts.order,
                title=opts.title,
                actor=actor,
                today=today,
            )
        except ValueError as exc:  # a saved query that no longer compiles for this user
            return _export_page(request, source, params, error=str(exc), status=400)
        tmp.seek(0)
        data = tmp.read()
    return download(data, safe_file_name(opts.title) + ".xlsx", XLSX)


@login_required
def lrmx_export(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = cadre_get(request.user, cadre_id)
    data = export_one(cadre=cadre, actor=Actor.from_request(request))
    return download(data, safe_file_name(cadre.name) + ".lrmx", "application/xml")

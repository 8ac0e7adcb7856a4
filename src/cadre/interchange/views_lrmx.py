"""LRMX pages: upload one .lrmx or a .zip → preview each file against the stored record →
commit the accepted files; export a roster selection as a .zip of "姓名.lrmx".
Thin: parse, authorize, call a service, render."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import Role
from cadre.core import codebook
from cadre.core.actors import Actor
from cadre.interchange import services_lrmx
from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.export import RosterSource
from cadre.interchange.forms import UnitChoice, open_units
from cadre.interchange.limits import human, limit
from cadre.interchange.models import ImportBatch
from cadre.interchange.services import check_import_allowed
from cadre.interchange.views import export_page_context
from cadre.org.models import Unit
from cadre.people.filters import clean_text
from cadre.people.roster_query import RosterQuery, roster_query

ZIP = "application/zip"
WRITES = ("create", "update")  # the files a user can accept; the others write nothing


class LrmxUploadForm(forms.Form):
    file = forms.FileField(
        label="LRMX文件", help_text="一个 .lrmx 文件，或包含多个 .lrmx 文件的 .zip 压缩包"
    )
    unit = UnitChoice(
        label="新增干部所在单位",
        queryset=Unit.objects.none(),
        required=False,
        help_text="系统中尚无的干部放入此单位；不选则按文件的呈报单位",
    )
    staff_category = forms.ChoiceField(
        label="新增干部的人员类别", required=False, help_text="LRMX文件不含人员类别"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = open_units(user)  # type: ignore[attr-defined]
        self.fields["staff_category"].choices = codebook.choices(  # type: ignore[attr-defined]
            "staff_category", blank=True
        )


def _editor(request: HttpRequest) -> None:
    check_import_allowed(Actor.from_request(request), None)


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    """A batch exists only for the user who uploaded it."""
    return get_object_or_404(
        ImportBatch, pk=pk, kind=ImportBatch.Kind.LRMX, created_by_id=request.user.pk
    )


def _too_large(name: str, size: int) -> str:
    setting = "CADRE_IMPORT_MAX_BYTES"
    if PurePath(name).suffix.lower() != ".zip":
        setting = "CADRE_LRMX_MAX_BYTES"
    cap = limit(setting)
    return f"文件“{name}”大小为{human(size)}，超过上限{human(cap)}" if size > cap else ""


@login_required
@require_http_methods(["GET", "POST"])
def lrmx_import(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = LrmxUploadForm(request.POST or None, request.FILES or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or "文件"
        error = _too_large(name, upload.size or 0)
        if not error:
            try:
                batch = services_lrmx.lrmx_preview(
                    data=upload.read(),
                    file_name=name,
                    unit=form.cleaned_data["unit"],
                    staff_category=form.cleaned_data["staff_category"] or None,
                    actor=Actor.from_request(request),
                )
                return redirect("interchange:lrmx_batch", pk=batch.pk)
            except InterchangeRefused as exc:
                error = str(exc)
    recent = ImportBatch.objects.filter(created_by_id=request.user.pk, kind=ImportBatch.Kind.LRMX)[
        :10
    ]
    return render(
        request,
        "interchange/lrmx_import.html",
        {"form": form, "error": error, "recent": recent},
    )


def _batch_page(
    request: HttpRequest, batch: ImportBatch, error: str = "", status: int = 200
) -> HttpResponse:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for p in batch.problems:
        by_file.setdefault(str(p.get("sheet", "")), []).append(p)
    entries = [
        e | {"problems": by_file.get(e["entry"], []), "acceptable": e["kind"] in WRITES}
        for e in batch.summary.get("entries", [])
    ]
    return render(
        request,
        "interchange/lrmx_batch.html",
        {
            "batch": batch,
            "entries": entries,
            "acceptable": any(e["acceptable"] for e in entries),
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def lrmx_batch(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_page(request, _batch(request, pk))


@login_required
@require_POST
def lrmx_commit(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    batch = _batch(request, pk)
    accepted = {int(v) for v in request.POST.getlist("accept") if v.isascii() and v.isdigit()}
    try:
        services_lrmx.lrmx_commit(batch=batch, accepted=accepted, actor=Actor.from_request(request))
    except InterchangeRefused as exc:
        batch.refresh_from_db()
        return _batch_page(request, batch, str(exc), status=409)
    return redirect("interchange:lrmx_batch", pk=batch.pk)


@login_required
@require_POST
def lrmx_discard(request: HttpRequest, pk: int) -> HttpResponse:
    services_lrmx.lrmx_discard(batch=_batch(request, pk), actor=Actor.from_request(request))
    return redirect("interchange:lrmx_import")


def _at(raw: str | None) -> dt.date | None:
    text = clean_text(raw, 16)
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _refused(request: HttpRequest, query: RosterQuery, message: str) -> HttpResponse:
    """The export page, as its GET shows it for the same selection, with why the LRMX
    export was refused."""
    context, _status = export_page_context(request, RosterSource(query), request.GET)
    context["lrmx_error"] = message
    return render(request, "interchange/roster_export.html", context, status=400)


@login_required
@require_GET
def lrmx_export_selection(request: HttpRequest) -> HttpResponse | FileResponse:
    """/interchange/lrmx/export/?unit=<code>&q=…&<roster filters>&at=YYYY-MM-DD → a .zip."""
    user = request.user
    if user.is_admin_role:  # type: ignore[union-attr]
        raise PermissionDenied("管理员角色不能导出干部信息")
    if user.role == Role.SELF:  # type: ignore[union-attr]
        raise Http404("页面不存在")
    query = roster_query(user, request.GET)
    unit = query.unit
    at = _at(request.GET.get("at"))
    if at is None:
        return _refused(request, query, "计算年龄时间无效，应为“年-月-日”，如 2026-01-01")
    qs = services_lrmx.selection(
        actor=Actor.from_request(request), query=query, today=timezone.localdate()
    )
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        services_lrmx.lrmx_export_selection(
            actor=Actor.from_request(request),
            qs=qs,
            out=out,
            at=at,
            unit=unit,
            described=query.descriptions(),
        )
    except InterchangeRefused as exc:
        out.close()
        return _refused(request, query, str(exc))
    out.seek(0)
    name = f"{unit.name if unit else '干部'}任免审批表LRMX.zip"
    return FileResponse(out, as_attachment=True, filename=name, content_type=ZIP)

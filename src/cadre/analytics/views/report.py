"""统计报表: the page and its xlsx export (audited)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cadre.analytics.access import unit_or_404
from cadre.analytics.report import GROUPS, statistics_table
from cadre.analytics.report_xlsx import report_workbook
from cadre.analytics.services import report_exported
from cadre.analytics.views.common import unit_context
from cadre.core.actors import Actor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    table = statistics_table(request.user, unit)
    context = unit_context(request, unit)
    context.update({"report": table, "groups": GROUPS})
    return render(request, "analytics/report.html", context)


@login_required
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    unit = unit_or_404(request.user, request.GET.get("unit"))
    table = statistics_table(request.user, unit)
    content = report_workbook(table)
    report_exported(
        unit=unit, total=table.total.values.get("total", 0), actor=Actor.from_request(request)
    )
    response = HttpResponse(content, content_type=XLSX)
    filename = f"干部情况统计表_{unit.name}_{table.as_of:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response

"""Roster export (干部名册) to .xlsx with XlsxWriter's constant_memory mode: rows stream from
a scoped queryset (`.iterator(chunk_size=2000)`) straight to disk, so memory stays flat
however many cadres the unit has. Title row, frozen header, widths, borders, print setup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import IO

import xlsxwriter

from cadre.core import audit
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange.access import may_unmask, unit_cadres
from cadre.interchange.export_columns import Column, Context, resolve
from cadre.org.models import Unit
from cadre.people.models import Cadre

CHUNK = 2000
ORDER = ("unit_path", "position_level", "position_since", "birth_date", "id")


def export_roster(
    *,
    unit: Unit,
    out: str | IO[bytes],
    columns: str | list[str] | None = None,
    actor: Actor,
    today: dt.date | None = None,
) -> int:
    """Write the roster of ``unit`` (and its subtree) to ``out``; return the row count."""
    today = today or dt.date.today()
    unmask = may_unmask(actor)
    cols = resolve(columns, unmask=unmask)
    qs = unit_cadres(actor, unit).select_related("unit").order_by(*ORDER)
    ctx = Context(today=today, unmask=unmask and any(c.secret for c in cols))
    count = _write(out, unit, cols, qs.iterator(chunk_size=CHUNK), ctx)
    audit.record(
        actor,
        AuditEntry.Action.EXPORT,
        target=unit,
        changes={
            "format": "xlsx",
            "columns": [c.key for c in cols],
            "count": count,
            "id_number": ctx.unmask,
        },
        note=f"导出{unit.name}干部名册共{count}人{'（含身份证号）' if ctx.unmask else ''}",
    )
    return count


def _write(
    out: str | IO[bytes], unit: Unit, cols: list[Column], rows: Iterator[Cadre], ctx: Context
) -> int:
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("干部名册")
    title = wb.add_format(
        {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter", "font_name": "宋体"}
    )
    head = wb.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#F2F2F2",
            "font_name": "宋体",
        }
    )
    cell = wb.add_format({"border": 1, "valign": "vcenter", "font_name": "宋体"})
    num = wb.add_format({"border": 1, "align": "center", "valign": "vcenter"})
    text = wb.add_format({"border": 1, "valign": "vcenter", "num_format": "@"})
    for i, c in enumerate(cols):
        ws.set_column(i, i, c.width)
    ws.set_row(0, 30)
    last = max(0, len(cols) - 1)
    heading = f"{unit.name}干部名册（{ctx.today:%Y年%m月%d日}）"
    if last:
        ws.merge_range(0, 0, 0, last, heading, title)
    else:
        ws.write_string(0, 0, heading, title)
    ws.set_row(1, 24)
    for i, c in enumerate(cols):
        ws.write_string(1, i, c.label, head)
    ws.freeze_panes(2, 2 if len(cols) > 2 else 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    n = 0
    for n, cadre in enumerate(rows, start=1):
        r = n + 1
        for i, c in enumerate(cols):
            value = n if c.key == "seq" else c.value(cadre, ctx)
            if c.number and isinstance(value, int):
                ws.write_number(r, i, value, num)
            elif c.secret:
                ws.write_string(r, i, str(value), text)
            else:
                ws.write_string(r, i, str(value), cell)
    if n:
        ws.autofilter(1, 0, n + 1, last)
    wb.close()
    return n

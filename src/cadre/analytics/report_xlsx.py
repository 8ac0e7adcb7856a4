"""The statistics table as a formatted workbook: title, merged two-row header, borders."""

from __future__ import annotations

import io

import xlsxwriter

from cadre.analytics.report import GROUPS, Report, ReportRow

FONT = "宋体"


def report_workbook(report: Report) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("干部情况统计表")
    title = book.add_format(
        {
            "bold": True,
            "font_size": 16,
            "align": "center",
            "valign": "vcenter",
            "font_name": "方正小标宋简体",
        }
    )
    note = book.add_format({"font_name": FONT, "font_size": 10})
    head = book.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#F2F2F2",
            "font_name": FONT,
        }
    )
    label = book.add_format({"border": 1, "font_name": FONT})
    block = book.add_format({"border": 1, "bold": True, "font_name": FONT, "bg_color": "#FAFAFA"})
    num = book.add_format({"border": 1, "align": "center", "font_name": FONT})
    bold_num = book.add_format({"border": 1, "align": "center", "bold": True, "font_name": FONT})

    columns = [c for _, cols in GROUPS for c in cols]
    last = len(columns)
    sheet.merge_range(0, 0, 0, last, "干部情况统计表", title)
    sheet.set_row(0, 30)
    sheet.merge_range(
        1,
        0,
        1,
        last,
        f"统计单位：{report.unit.name}（含下级单位）    "
        f"统计时点：{report.as_of:%Y年%m月%d日}    口径：现职干部    单位：人",
        note,
    )
    # Two-row header: group names merged across their columns; single columns span both rows.
    sheet.merge_range(2, 0, 3, 0, "项目", head)
    col = 1
    for group, cols in GROUPS:
        if group:
            sheet.merge_range(2, col, 2, col + len(cols) - 1, group, head)
            for i, (_key, text) in enumerate(cols):
                sheet.write(3, col + i, text, head)
        else:
            for i, (_key, text) in enumerate(cols):
                sheet.merge_range(2, col + i, 3, col + i, text, head)
        col += len(cols)
    sheet.set_row(3, 30)
    row = 4

    def write(r: ReportRow, fmt_label: object, fmt_num: object, indent: str = "") -> None:
        nonlocal row
        sheet.write(row, 0, indent + r.label, fmt_label)
        for i, value in enumerate(r.cells(), start=1):
            sheet.write_number(row, i, value, fmt_num)
        row += 1

    write(report.total, block, bold_num)
    for heading, rows in (("按职务层次", report.by_level), ("按职级", report.by_rank)):
        sheet.merge_range(row, 0, row, last, heading, block)
        row += 1
        for r in rows:
            write(r, label, num, "  ")
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, last, 9)
    sheet.freeze_panes(4, 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2, 3)
    book.close()
    return buffer.getvalue()

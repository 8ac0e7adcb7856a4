"""Messy roster workbooks built in memory with XlsxWriter: one builder per quirk seen in real
rosters, so no binary fixture is committed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tests.factories import id_number

HEADER = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "身份证号",
    "民族",
    "籍贯",
    "政治面貌",
    "入党时间",
    "参加工作时间",
    "人员类别",
    "现任职务",
]


# Every column the importer reads, in the order offices usually print them.
FULL_HEADER = [
    "姓名",
    "性别",
    "出生年月",
    "身份证号",
    "民族",
    "籍贯",
    "政治面貌",
    "入党时间",
    "参加工作时间",
    "人员类别",
    "现任职务",
    "职务层次",
    "任现职时间",
    "职级",
    "任现职级时间",
    "全日制学历",
    "全日制学位",
    "全日制毕业院校系及专业",
    "在职学历",
    "在职学位",
    "备注",
]


def person(
    n: int, name: str = "王五", gender: str = "1", birth: dt.date = dt.date(1985, 3, 12)
) -> list[Any]:
    """One row matching HEADER, with a valid ID number for the birth date and gender."""
    return [
        n,
        name,
        "男" if gender == "1" else "女",
        f"{birth:%Y.%m}",
        id_number(birth, gender),
        "汉族",
        "河北石家庄",
        "中共党员",
        "2008.06",
        "2007.07",
        "综合管理类公务员",
        "科员",
    ]


def workbook(build: Callable[[xlsxwriter.Workbook], None]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    build(wb)
    wb.close()
    return buf.getvalue()


def simple(
    rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER, sheet: str = "Sheet1"
) -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet(sheet)
        ws.write_row(0, 0, header)
        for i, row in enumerate(rows, start=1):
            _write(ws, i, row)

    return workbook(build)


def _write(ws: Worksheet, r: int, row: Sequence[Any]) -> None:
    for c, v in enumerate(row):
        if isinstance(v, str):
            ws.write_string(r, c, v)
        elif v is not None:
            ws.write(r, c, v)


def digits_only_id(birth: dt.date, gender: str = "1") -> str:
    """A valid ID number without a final X (so it can be typed into a number cell)."""
    for seq in range(1, 500):
        value = id_number(birth, gender, seq=seq)
        if value[-1] != "X":
            return value
    raise AssertionError("unreachable")

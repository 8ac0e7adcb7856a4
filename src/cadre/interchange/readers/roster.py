"""Reading a roster workbook (干部名册) as people make it by hand.

Accepted: .xlsx/.xls (python-calamine) and .csv (UTF-8 or GB18030). Title rows above the
header, merged two-row headers, columns named in many ways (`columns.COLUMNS`), blank rows,
headers repeated on every printed page, footnotes, hidden code-list sheets, one sheet per
unit. Everything else is refused with `InterchangeRefused` before a row is looked at."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from pathlib import PurePath
from typing import Any

import python_calamine as calamine

from cadre.core.bulk import without_gc
from cadre.interchange.errors import InterchangeRefused, Problem, column_letter
from cadre.interchange.limits import limit
from cadre.interchange.readers import guard
from cadre.interchange.readers.columns import COLUMNS, HeaderChoices, field_for, header_key
from cadre.interchange.values import folded, is_blank, person_name, text

ALLOWED = (".xlsx", ".xls", ".csv")
_HEADER_SCAN = 15
_FOOTNOTES = ("填表", "制表", "审核", "注", "说明", "备注", "负责人", "单位负责人", "联系电话")
_TOTALS = frozenset({"合计", "小计", "总计"})
_NAME_HEADERS = frozenset(folded(n) for n in COLUMNS["name"][1])


@dataclass(slots=True)
class RawRow:
    row: int  # as Excel shows it (1 = first row)
    values: tuple[Any, ...]  # aligned with SheetTable.fields


@dataclass(frozen=True, slots=True)
class Header:
    """A header the synonyms do not know, and what the user chose for it ("" while it is
    not imported): the preview lists these so that the user can say what they are."""

    sheet: str
    column: str  # as Excel shows it: "C"
    label: str
    key: str  # header_key(label): what a choice is keyed on
    field: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class SheetTable:
    name: str
    fields: tuple[str, ...]
    columns: tuple[int, ...]  # 0-based column index of each field
    header_rows: tuple[int, ...]
    headers: list[Header] = field(default_factory=list)  # unknown or chosen by the user
    rows: list[RawRow] = field(default_factory=list)

    def letter(self, field_name: str) -> str:
        return column_letter(self.columns[self.fields.index(field_name)])

    @property
    def letters(self) -> dict[str, str]:
        """field → column letter, computed once per sheet."""
        cached: dict[str, str] | None = self.__dict__.get("_letters")
        if cached is None:
            cached = {f: self.letter(f) for f in self.fields}
            self.__dict__["_letters"] = cached
        return cached


@dataclass
class RosterFile:
    name: str
    sheets: list[SheetTable]
    notes: list[Problem] = field(default_factory=list)  # warnings about the layout

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)

    @property
    def headers(self) -> list[Header]:
        return [h for s in self.sheets for h in s.headers]


@without_gc
def read_roster(data: bytes, file_name: str, headers: HeaderChoices | None = None) -> RosterFile:
    """Parse a roster file; raise InterchangeRefused (Chinese message) for a refused file.

    `headers`: what the user chose for headers the synonyms do not know (from the preview)."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in ALLOWED:
        raise InterchangeRefused(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请上传 .xlsx、.xls 或 .csv 文件"
        )
    guard.check_size(len(data), file_name)
    if suffix == ".csv":
        grids = [(PurePath(file_name).stem or "Sheet1", _csv_rows(data, file_name))]
    else:
        grids = _workbook_rows(data, file_name)
    roster = RosterFile(file_name, [])
    budget = limit("CADRE_IMPORT_MAX_ROWS")
    for sheet_name, rows in grids:
        table = _read_sheet(sheet_name, rows, roster.notes, headers or {})
        if table is None:
            continue
        budget -= len(table.rows)
        if budget < 0:
            raise InterchangeRefused(
                f"文件行数超过上限{limit('CADRE_IMPORT_MAX_ROWS')}行，请分批导入"
            )
        roster.sheets.append(table)
    if not roster.sheets:
        raise InterchangeRefused(f"文件“{file_name}”中没有数据")
    return roster


def _workbook_rows(data: bytes, file_name: str) -> list[tuple[str, Iterator[list[Any]]]]:
    if guard.is_encrypted_ole(data):
        raise InterchangeRefused(f"文件“{file_name}”已加密，请先取消密码保护后再导入")
    if data.startswith(guard.ZIP_MAGIC):
        guard.check_xlsx(data, file_name)
    elif not data.startswith(guard.OLE_MAGIC):
        raise InterchangeRefused(f"文件“{file_name}”不是Excel文件（内容与扩展名不符）")
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            m.name
            for m in book.sheets_metadata
            if m.visible == calamine.SheetVisibleEnum.Visible
            and m.typ == calamine.SheetTypeEnum.WorkSheet
        ]
        return [(name, _sheet_rows(book, name)) for name in sheets]
    except calamine.PasswordError as exc:
        raise InterchangeRefused(f"文件“{file_name}”已加密，请先取消密码保护后再导入") from exc
    except Exception as exc:  # calamine raises many types for damaged files
        raise InterchangeRefused(f"文件“{file_name}”已损坏或格式不正确，无法读取") from exc


def _sheet_rows(book: calamine.CalamineWorkbook, name: str) -> Iterator[list[Any]]:
    try:
        sheet = book.get_sheet_by_name(name)
        offset = sheet.start[1] if sheet.start else 0
        for row in sheet.iter_rows():
            yield [""] * offset + row if offset else row  # a fresh list per row
    except Exception as exc:
        raise InterchangeRefused(f"工作表“{name}”已损坏，无法读取") from exc


def _csv_rows(data: bytes, file_name: str) -> Iterator[list[Any]]:
    if b"\x00" in data[:4096]:
        raise InterchangeRefused(f"文件“{file_name}”不是文本格式的CSV文件")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InterchangeRefused(f"文件“{file_name}”编码无法识别：请保存为UTF-8或GBK编码")
    sample = content[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InterchangeRefused(f"文件“{file_name}”不是有效的CSV文件") from exc
    return iter(rows)


def _header_fields(cells: Sequence[Any], chosen: HeaderChoices) -> dict[int, str]:
    found: dict[int, str] = {}
    for i, cell in enumerate(cells):
        if isinstance(cell, str):
            f = field_for(cell, chosen)
            if f:
                found[i] = f
    return found


def _combine(top: list[Any], sub: list[Any], chosen: HeaderChoices) -> list[str]:
    """Labels of a two-row header: a horizontally merged top cell spans the cells below."""
    width = max(len(top), len(sub))
    labels: list[str] = []
    last_top = ""
    for i in range(width):
        t = text(top[i]) if i < len(top) else ""
        s = text(sub[i]) if i < len(sub) else ""
        if t:
            last_top = t
        elif s:
            t = last_top  # the merged cell's value sits in its first cell only
        labels.append(_best_label(t, s, chosen))
    return labels


def _best_label(top: str, sub: str, chosen: HeaderChoices) -> str:
    if not sub:
        return top
    for candidate in (top + sub, sub + top, sub, top):
        if field_for(candidate, chosen):
            return candidate
    return top + sub


UNKNOWN_HEADER = (
    "未识别的表头，本列未导入：如需导入，请在导入预览的“未识别的列”中指定它对应的项目，"
    "或将表头改为标准名称"
)


def _read_sheet(
    name: str, rows: Iterator[list[Any]], notes: list[Problem], chosen: HeaderChoices
) -> SheetTable | None:
    head: list[list[Any]] = []
    for row in rows:
        head.append(row)
        if len(head) >= _HEADER_SCAN:
            break
    if all(all(is_blank(c) for c in r) for r in head):
        return None  # an empty sheet
    best, best_fields = -1, dict[int, str]()
    for i, r in enumerate(head):
        found = _header_fields(r, chosen)
        if "name" in found.values() and len(set(found.values())) > len(set(best_fields.values())):
            best, best_fields = i, found
    if best < 0:
        raise InterchangeRefused(
            f"工作表“{name}”中未找到“姓名”列：请确认表头含有“姓名”（表头前可以有标题行）"
        )
    labels = [text(c) for c in head[best]]
    header_rows = [best + 1]
    name_col = next(i for i, f in best_fields.items() if f == "name")
    if best + 1 < len(head):
        sub = head[best + 1]
        sub_name = sub[name_col] if name_col < len(sub) else ""
        if is_blank(sub_name) and any(isinstance(c, str) and c.strip() for c in sub):
            labels = _combine(head[best], sub, chosen)
            header_rows.append(best + 2)
    fields: list[str] = []
    columns: list[int] = []
    headers: list[Header] = []
    for i, lab in enumerate(labels):
        f = field_for(lab, chosen)
        key = header_key(lab)
        if key in chosen or (f is None and key):
            headers.append(Header(name, column_letter(i), lab, key, chosen.get(key, "")))
            if f is None and key not in chosen:
                notes.append(
                    Problem(name, header_rows[0], column_letter(i), lab, UNKNOWN_HEADER, "warning")
                )
        if f is None:
            continue
        if f in fields:
            notes.append(
                Problem(
                    name,
                    header_rows[0],
                    column_letter(i),
                    lab,
                    f"与前面的“{COLUMNS[f][0]}”列重复，本列已忽略",
                    "warning",
                )
            )
            continue
        fields.append(f)
        columns.append(i)
    table = SheetTable(name, tuple(fields), tuple(columns), tuple(header_rows), headers)
    start = header_rows[-1]  # 0-based index of the first data row
    data_rows = head[start:]
    name_at = fields.index("name")
    # A row as wide as the header gives its cells in one C call; a shorter one is padded.
    pick = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    width = max(columns) + 1
    for index, row in enumerate(_chain(data_rows, rows), start=start + 1):
        if len(row) >= width:
            values = pick(row)
        else:
            values = tuple(row[c] if c < len(row) else "" for c in columns)
        name = values[name_at]
        if is_blank(name) and all(is_blank(v) for v in values):
            continue
        who = person_name(name)
        if folded(who) in _NAME_HEADERS or (who in _TOTALS):
            continue  # a header repeated on each printed page, or a totals line
        if not who:
            filled = [v for v in row if not is_blank(v)]
            if len(filled) == 1 and text(filled[0]).startswith(_FOOTNOTES):
                continue
        table.rows.append(RawRow(index, values))
    return table


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest

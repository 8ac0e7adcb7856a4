"""Roster rows → the values of cadres, with every problem located by sheet/row/column.

Nothing here writes. Blank cells carry no value (an update never clears a field from a blank
cell); the row's unit is resolved by the caller's `resolve_unit`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cadre.interchange.codes import choices_text, code_of, degree_code
from cadre.interchange.errors import Problem
from cadre.interchange.readers.columns import DERIVED_ONLY, label
from cadre.interchange.values import (
    CellError,
    id_number,
    is_blank,
    parse_date,
    person_name,
    shown,
    text,
)
from cadre.rules.idnumber import gender_of

if TYPE_CHECKING:
    from cadre.interchange.readers.roster import RawRow, SheetTable
    from cadre.org.models import Unit

UnitResolver = Callable[[object, str], "Unit"]

# Cadre fields read from a code table.
CODED = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "political_status": "political_status",
    "health": "health",
    "staff_category": "staff_category",
    "status": "status",
    "position_level": "position_level",
    "rank": "rank",
}
DATES = ("party_joined_on", "work_started_on", "position_since", "rank_since")
TEXTS = {
    "native_place": 60,
    "birthplace": 60,
    "professional_title": 60,
    "specialty": 200,
    "remarks": 2000,
    "current_position": 400,
    "full_time_school": 100,
    "in_service_school": 100,
}
# Values that describe the career or education: they build records for a new cadre only.
PART_FIELDS = frozenset(
    {
        "current_position",
        "position_level",
        "position_since",
        "rank",
        "rank_since",
        "education",
        "degree",
        "full_time_education",
        "full_time_degree",
        "full_time_school",
        "in_service_education",
        "in_service_degree",
        "in_service_school",
    }
)


@dataclass(slots=True)
class RowResult:
    sheet: str
    row: int
    name: str = ""
    id_number: str | None = None
    unit: Unit | None = None
    values: dict[str, Any] = field(default_factory=dict)  # Cadre field → value
    parts: dict[str, Any] = field(default_factory=dict)  # PART_FIELDS → value
    problems: list[Problem] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter

    @property
    def ok(self) -> bool:
        return not self.problems or not any(p.is_error for p in self.problems)


def validate_rows(
    table: SheetTable,
    rows: Sequence[RawRow],
    resolve_unit: UnitResolver,
    *,
    today: dt.date,
    memo: Memo,
) -> list[RowResult]:
    """Read `rows` of `table` column by column, then check each row across its columns.

    `memo`, shared by the rows of one import, remembers how each distinct value of a code,
    date or degree column was read (a roster repeats 汉族 and 中共党员 on every row): such a
    column costs a lookup per cell."""
    letters = table.letters  # shared by every row of the sheet
    results = [RowResult(table.name, raw.row, letters=letters) for raw in rows]
    for i, f in enumerate(table.fields):
        if f in _NOT_READ:
            continue
        cells = [raw.values[i] for raw in rows]
        if f in REPEATING:
            _read_repeating(f, cells, results, memo)
            continue
        for result, value in zip(results, cells, strict=True):
            if value is None or value == "":
                continue
            # is_blank inline for the common cell, printable text without a space: not blank.
            if (type(value) is not str or not value.isprintable() or " " in value) and is_blank(
                value
            ):
                continue
            try:
                _read_cell(f, value, result, today)
            except CellError as exc:
                result.problems.append(
                    Problem(table.name, result.row, letters[f], shown(value), str(exc))
                )
    at = {f: i for i, f in enumerate(table.fields)}
    for result, raw in zip(results, rows, strict=True):
        _check_row(table, raw.values, at, result, resolve_unit, today)
    return results


def _read_repeating(f: str, cells: list[Any], results: list[RowResult], memo: Memo) -> None:
    """One REPEATING column: each distinct value read once (its reading, or its refusal, or
    blank remembered), then looked up for every cell."""
    target_parts = f in PART_FIELDS
    for result, value in zip(results, cells, strict=True):
        if value is None or value == "":
            continue
        key = (f, type(value), value)  # the type too: 1, 1.0 and True are equal keys
        try:
            hit = memo[key]
        except KeyError:
            hit = memo[key] = _reading_of(f, value)
        except TypeError:  # an unhashable cell value
            hit = _reading_of(f, value)
        if hit is _BLANK:
            continue
        if isinstance(hit, CellError):
            result.problems.append(
                Problem(result.sheet, result.row, result.letters[f], shown(value), str(hit))
            )
        elif target_parts:
            result.parts[f] = hit
        else:
            result.values[f] = hit


def _check_row(
    table: SheetTable,
    values: tuple[Any, ...],
    at: dict[str, int],
    result: RowResult,
    resolve_unit: UnitResolver,
    today: dt.date,
) -> None:
    """The checks of a row across its cells, once every cell is read."""

    def cell(f: str) -> Any:
        return values[at[f]] if f in at else None

    def problem(f: str, message: str, severity: str = "error") -> None:
        result.problems.append(
            Problem(table.name, result.row, table.letter(f), shown(cell(f)), message, severity)
        )

    if not result.name:
        problem("name", "姓名为空")
    if "id_number" not in at:
        result.problems.append(
            Problem(table.name, result.row, "", "", "表中没有“身份证号”列：导入按身份证号识别干部")
        )
    elif result.id_number is None and is_blank(cell("id_number")):
        problem("id_number", "身份证号为空：导入按身份证号识别干部，不能为空")
    if result.id_number:
        _check_against_id(result, problem)
    _check_dates(result, problem, today)

    try:
        result.unit = resolve_unit(cell("unit"), table.name)
    except CellError as exc:
        if "unit" in at:
            problem("unit", str(exc))
        else:
            result.problems.append(Problem(table.name, result.row, "", "", str(exc)))


# Cells whose reading depends on the value alone, from small sets of values (codes, dates,
# degrees): an import reads each distinct value once and remembers the result (or refusal).
EDUCATIONS = frozenset({"education", "full_time_education", "in_service_education"})
DEGREES = frozenset({"degree", "full_time_degree", "in_service_degree"})
REPEATING = frozenset({*CODED, *DATES, "birth_date", *EDUCATIONS, *DEGREES})
Memo = dict[tuple[str, type, object], object]
_BLANK = object()  # a remembered blank cell: no value, no problem
_NOT_READ = DERIVED_ONLY | {"unit"}


def _reading_of(f: str, value: object) -> object:
    """What a REPEATING cell holds: its stored value, _BLANK, or the CellError refusing it."""
    if is_blank(value):
        return _BLANK
    try:
        return _reading(f, value)
    except CellError as exc:
        return exc


def _reading(f: str, value: object) -> object:
    """The stored value of a REPEATING cell, or CellError."""
    if f == "birth_date" or f in DATES:
        return parse_date(value)
    if f in CODED:
        code = code_of(CODED[f], value)
        if code is None:
            raise CellError(f"“{text(value)}”不是有效的{label(f)}，可选：{choices_text(CODED[f])}")
        return code
    if f in EDUCATIONS:
        code = code_of("education", value)
        if code is None:
            raise CellError(f"“{text(value)}”不是有效的学历，可选：{choices_text('education')}")
        return code
    if degree_code(value) is None:
        raise CellError(f"“{text(value)}”不是有效的学位（应含博士、硕士或学士）")
    return text(value)


def _read_cell(f: str, value: object, result: RowResult, today: dt.date) -> None:
    """A cell of a column that is not REPEATING (names, ID numbers, free text)."""
    if f == "name":
        result.name = person_name(value)
        if len(result.name) > 40:
            raise CellError("姓名过长（最多40个字）")
        result.values["name"] = result.name
    elif f == "id_number":
        result.id_number = id_number(value, today)
    elif f in TEXTS:
        s = text(value)
        if len(s) > TEXTS[f]:
            raise CellError(f"{label(f)}过长（最多{TEXTS[f]}个字）")
        target = result.parts if f in PART_FIELDS else result.values
        target[f] = s


def _check_against_id(result: RowResult, problem: Callable[..., None]) -> None:
    n = result.id_number
    assert n is not None
    # A validated, normalized 18-character number: its birth date and sequence are sound.
    born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    sex = gender_of(n)
    gender = "1" if sex == "男" else "2"
    given = result.values.get("birth_date")
    if given is not None and born is not None:
        same_month = (given.year, given.month) == (born.year, born.month)
        if same_month and given.day in (1, born.day):
            result.values["birth_date"] = born  # the ID number gives the day
        else:
            # The dossier's 认定出生日期 may differ from the ID card: flag, keep the roster's.
            problem(
                "birth_date",
                f"出生年月与身份证号不一致（身份证号为{born:%Y.%m.%d}），按名册导入，请核实",
                "warning",
            )
    elif born is not None:
        result.values["birth_date"] = born
    if "gender" in result.values and result.values["gender"] != gender:
        problem("gender", f"性别与身份证号不一致（身份证号为{sex}）")
    result.values["gender"] = gender


def _check_dates(result: RowResult, problem: Callable[..., None], today: dt.date) -> None:
    born = result.values.get("birth_date")
    for f in DATES:
        value = result.values.get(f) or result.parts.get(f)
        if value is None:
            continue
        if value > today:
            problem(f, f"{label(f)}晚于今天")
        elif born is not None and value < born:
            problem(f, f"{label(f)}早于出生日期")

"""One roster row → the values of a cadre, with every problem located by sheet/row/column.

Nothing here writes. Blank cells carry no value (an update never clears a field from a blank
cell); the row's unit is resolved by the caller's `resolve_unit`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
        return not any(p.is_error for p in self.problems)


def validate_row(
    table: SheetTable,
    raw: RawRow,
    resolve_unit: UnitResolver,
    *,
    today: dt.date,
    memo: Memo | None = None,
) -> RowResult:
    """`memo`, shared by the rows of one import, remembers how each distinct value of a
    code, date or degree column was read (a roster repeats 汉族 and 中共党员 on every row)."""
    result = RowResult(table.name, raw.row)
    result.letters = table.letters  # shared by every row of the sheet
    cells = dict(zip(table.fields, raw.values, strict=True))

    def problem(f: str, message: str, severity: str = "error") -> None:
        result.problems.append(
            Problem(table.name, raw.row, table.letter(f), shown(cells.get(f)), message, severity)
        )

    values, parts = result.values, result.parts
    for f, value in cells.items():
        if f in _NOT_READ or value is None or value == "":
            continue
        # is_blank inline for the common cell, printable text without a space: not blank.
        if (type(value) is not str or not value.isprintable() or " " in value) and is_blank(value):
            continue
        if memo is not None and f in REPEATING:
            # The common case inline: a value already read without complaint.
            try:
                hit = memo.get((f, type(value), value), _MISS)
            except TypeError:  # an unhashable cell value
                hit = _MISS
            if hit is not _MISS and not isinstance(hit, CellError):
                (parts if f in PART_FIELDS else values)[f] = hit
                continue
        try:
            _read_cell(f, value, result, today, memo)
        except CellError as exc:
            problem(f, str(exc))

    if not result.name:
        problem("name", "姓名为空")
    if "id_number" not in cells:
        result.problems.append(
            Problem(table.name, raw.row, "", "", "表中没有“身份证号”列：导入按身份证号识别干部")
        )
    elif result.id_number is None and is_blank(cells["id_number"]):
        problem("id_number", "身份证号为空：导入按身份证号识别干部，不能为空")
    if result.id_number:
        _check_against_id(result, cells, problem)
    _check_dates(result, problem, today)

    try:
        result.unit = resolve_unit(cells.get("unit"), table.name)
    except CellError as exc:
        if "unit" in cells:
            problem("unit", str(exc))
        else:
            result.problems.append(Problem(table.name, raw.row, "", "", str(exc)))
    return result


# Cells whose reading depends on the value alone, from small sets of values (codes, dates,
# degrees): an import reads each distinct value once and remembers the result (or refusal).
EDUCATIONS = frozenset({"education", "full_time_education", "in_service_education"})
DEGREES = frozenset({"degree", "full_time_degree", "in_service_degree"})
REPEATING = frozenset({*CODED, *DATES, "birth_date", *EDUCATIONS, *DEGREES})
Memo = dict[tuple[str, type, object], object]
_MISS = object()
_NOT_READ = DERIVED_ONLY | {"unit"}


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


def _remembered(f: str, value: object, memo: Memo | None) -> object:
    if memo is None:
        return _reading(f, value)
    key = (f, type(value), value)  # the type too: 1, 1.0 and True are equal keys
    try:
        hit = memo[key]
    except KeyError:
        try:
            hit = _reading(f, value)
        except CellError as exc:
            hit = exc
        memo[key] = hit
    except TypeError:  # an unhashable cell value
        return _reading(f, value)
    if isinstance(hit, CellError):
        raise CellError(str(hit))
    return hit


def _read_cell(
    f: str,
    value: object,
    result: RowResult,
    today: dt.date,
    memo: Memo | None = None,
) -> None:
    if f in REPEATING:
        target = result.parts if f in PART_FIELDS else result.values
        target[f] = _remembered(f, value, memo)
    elif f == "name":
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


def _check_against_id(
    result: RowResult, cells: dict[str, Any], problem: Callable[..., None]
) -> None:
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

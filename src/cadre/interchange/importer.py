"""Roster import: plan (create / update / unchanged per row, matched on the ID number's blind
index) and commit (one transaction, bulk writes, one audit entry per created or updated
cadre written with `AuditEntry.objects.bulk_create`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection

from cadre.core import bulk, crypto, lookups
from cadre.interchange.errors import Problem
from cadre.interchange.readers.columns import label
from cadre.interchange.units import UnitResolver
from cadre.interchange.validate import Memo, RowResult, validate_rows
from cadre.people.models import Cadre
from cadre.people.selectors import cadres_for_system
from cadre.rules.ages import age_on

if TYPE_CHECKING:
    from cadre.accounts.models import User
    from cadre.interchange.readers.roster import Header, RosterFile
    from cadre.org.models import Unit

# Cadre fields an import may set (derived columns only when no record can be built).
WRITABLE = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "native_place",
    "birthplace",
    "political_status",
    "party_joined_on",
    "work_started_on",
    "health",
    "professional_title",
    "specialty",
    "staff_category",
    "status",
    "remarks",
)
DEFAULTS = {"status": "1", "ethnicity": "01", "political_status": "13", "health": "1"}
MIN_AGE = 16
PROGRESS_EVERY = 1000  # rows between two progress reports

# progress(phase, done, total): phase is a Chinese label such as "检查" or "写入".
Progress = Callable[[str, int, int], None]
PHASE_CHECK = "检查"
PHASE_WRITE = "写入"


@dataclass(slots=True)
class PlanItem:
    kind: str  # "create" | "update" | "unchanged"
    row: RowResult
    index: str  # blind index of the ID number
    cadre: Cadre | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Plan:
    file_name: str
    rows: int
    items: list[PlanItem]
    problems: list[Problem]
    error_rows: int
    headers: list[Header] = field(default_factory=list)  # unknown, or chosen by the user

    def count(self, kind: str) -> int:
        return sum(1 for i in self.items if i.kind == kind)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def summary(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "error_rows": self.error_rows,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


@bulk.without_gc
def plan_roster(
    roster: RosterFile,
    *,
    unit: Unit,
    user: User | None,
    default_staff_category: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Validate every row and decide what each would do. Reads only; writes nothing.

    `progress`, if given, is called as progress("检查", done, total) every
    `PROGRESS_EVERY` rows and once at the end."""
    today = today or dt.date.today()
    resolver = UnitResolver(unit)
    problems: list[Problem] = list(roster.notes)
    results: list[RowResult] = []
    seen: dict[str, RowResult] = {}
    total = sum(len(t.rows) for t in roster.sheets)
    done = 0
    memo: Memo = {}
    for table in roster.sheets:
        for start in range(0, len(table.rows), PROGRESS_EVERY):
            chunk = table.rows[start : start + PROGRESS_EVERY]
            for result in validate_rows(table, chunk, resolver, today=today, memo=memo):
                if result.id_number and result.ok:
                    first = seen.get(result.id_number)
                    if first is not None:
                        result.problems.append(
                            Problem(
                                table.name,
                                result.row,
                                table.letter("id_number"),
                                "",
                                f"身份证号与工作表“{first.sheet}”第{first.row}行重复",
                            )
                        )
                    else:
                        seen[result.id_number] = result
                results.append(result)
            done += len(chunk)
            if progress is not None and done < total:
                progress(PHASE_CHECK, done, total)
    valid = [r for r in results if r.ok]
    indexes = {r.id_number: crypto.blind_index(r.id_number) for r in valid if r.id_number}
    existing = _existing(indexes.values())
    visible = _visible_ids(user, [c.pk for c in existing.values()])
    items: list[PlanItem] = []
    for r in valid:
        assert r.id_number is not None
        index = indexes[r.id_number]
        cadre = existing.get(index)
        if cadre is None:
            _check_new(r, default_staff_category, today)
            if r.ok:
                items.append(PlanItem("create", r, index))
        elif visible is not None and cadre.pk not in visible:
            _problem(
                r, "id_number", "该身份证号的干部已在系统中，但不在您的管理范围内，请联系组织部"
            )
        else:
            changes = _changes(cadre, r)
            items.append(PlanItem("update" if changes else "unchanged", r, index, cadre, changes))
    for r in results:
        problems.extend(r.problems)
    problems.sort(key=lambda p: (p.sheet, p.row, p.column))
    error_rows = sum(1 for r in results if not r.ok)
    if progress is not None:
        progress(PHASE_CHECK, total, total)
    return Plan(roster.name, len(results), items, problems, error_rows, roster.headers)


def _problem(r: RowResult, f: str, message: str, severity: str = "error") -> None:
    letter = r.letters.get(f, "")
    r.problems.append(Problem(r.sheet, r.row, letter, "", f"{label(f)}：{message}", severity))


def _check_new(r: RowResult, default_category: str | None, today: dt.date) -> None:
    if "staff_category" not in r.values:
        if default_category:
            r.values["staff_category"] = default_category
        else:
            _problem(r, "staff_category", "新增干部必须填写人员类别")
    born = r.values.get("birth_date")
    if born is not None and age_on(born, today) < MIN_AGE:
        _problem(r, "birth_date", f"年龄不足{MIN_AGE}周岁，请核对")
    if r.unit is not None and r.unit.is_closed:
        _problem(r, "unit", "单位已撤销")


def _existing(indexes: Iterable[str]) -> dict[str, Cadre]:
    found: dict[str, Cadre] = {}
    for keys in lookups.slices(connection, list(indexes)):
        for cadre in (
            cadres_for_system()
            .filter(id_number_index__any_of=keys)
            .only(
                "id",
                "id_number_index",
                "unit_id",
                "unit_path",
                *WRITABLE,
                "current_position",
                "rank",
                "position_level",
                "is_leader",
                "retire_month",
            )
        ):
            assert cadre.id_number_index is not None
            found[cadre.id_number_index] = cadre
    return found


def _visible_ids(user: User | None, ids: list[int]) -> set[int] | None:
    """The matched cadres the user may change; None means everyone (a system import)."""
    if user is None:
        return None
    from cadre.people.selectors import cadres_for

    visible: set[int] = set()
    for chunk in lookups.slices(connection, ids):
        visible.update(cadres_for(user).filter(pk__any_of=chunk).values_list("pk", flat=True))
    return visible


def _changes(cadre: Cadre, r: RowResult) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for f in WRITABLE:
        if f in r.values and getattr(cadre, f) != r.values[f]:
            changes[f] = [getattr(cadre, f), r.values[f]]
    if r.unit is not None and cadre.unit_id != r.unit.pk:
        changes["unit_id"] = [cadre.unit_id, r.unit.pk]
    title = r.parts.get("current_position")
    if title and title != cadre.current_position:
        _problem(
            r,
            "current_position",
            "与系统记录不同；名册导入不修改任职记录，请通过任免维护",
            "warning",
        )
    return changes

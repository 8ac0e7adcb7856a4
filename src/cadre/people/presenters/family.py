"""家庭主要成员及重要社会关系: the adform's rows, in the order the form expects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from cadre.core import codebook
from cadre.people.presenters.formats import age_at, month_text

DECEASED = "已去世"


class FamilyLike(Protocol):
    @property
    def pk(self) -> int | None: ...

    @property
    def relation(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def birth_date(self) -> dt.date | None: ...

    @property
    def political_status(self) -> str: ...

    @property
    def work_unit_position(self) -> str: ...

    @property
    def is_deceased(self) -> bool: ...

    @property
    def is_emigrated(self) -> bool: ...

    @property
    def sort(self) -> int: ...


@dataclass(frozen=True)
class FamilyRow:
    relation: str  # 称谓
    name: str
    birth: str  # 出生年月 yyyy.MM
    age: int | None  # None when deceased or unknown
    political_status: str
    work: str  # 工作单位及职务; "已去世" for the deceased
    is_deceased: bool
    is_emigrated: bool

    @property
    def age_text(self) -> str:
        return "" if self.age is None else str(self.age)


def relation_group(code: str) -> int:
    """Spouse first, then children (and their spouses), parents (and in-laws), the rest."""
    head = code[:1]
    return {"1": 0, "2": 1, "3": 1, "5": 2}.get(head, 3)


def family_rows(members: Iterable[FamilyLike], at: dt.date) -> list[FamilyRow]:
    ordered = sorted(members, key=lambda m: (relation_group(m.relation), m.sort, m.pk or 0))
    rows: list[FamilyRow] = []
    for m in ordered:
        work = m.work_unit_position.strip()
        if m.is_deceased:
            work = f"{work}（{DECEASED}）" if work and DECEASED not in work else work or DECEASED
        rows.append(
            FamilyRow(
                relation=codebook.name("family_relation", m.relation),
                name=m.name,
                birth=month_text(m.birth_date),
                age=None if m.is_deceased else age_at(m.birth_date, at),
                political_status=codebook.name("political_status", m.political_status),
                work=work,
                is_deceased=m.is_deceased,
                is_emigrated=m.is_emigrated,
            )
        )
    return rows

"""Every column a roster export can hold, stored fields and derived ones alike. Headers use the
names the roster reader recognizes, so an exported roster imports back unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cadre.core import codebook
from cadre.people.identity import reveal
from cadre.people.models import Cadre
from cadre.rules.ages import age_on


@dataclass(frozen=True)
class Context:
    today: dt.date
    unmask: bool


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float
    value: Callable[[Cadre, Context], object]
    secret: bool = False  # shown only to roles that may unmask ID numbers
    number: bool = False


def _month(field: str) -> Callable[[Cadre, Context], object]:
    def get(c: Cadre, _ctx: Context) -> object:
        v: dt.date | None = getattr(c, field)
        return f"{v:%Y.%m}" if v else ""

    return get


def _code(field: str, table: str) -> Callable[[Cadre, Context], object]:
    return lambda c, _ctx: codebook.name(table, getattr(c, field))


def _text(field: str) -> Callable[[Cadre, Context], object]:
    return lambda c, _ctx: getattr(c, field) or ""


def _age(c: Cadre, ctx: Context) -> object:
    return age_on(c.birth_date, ctx.today) if c.birth_date else ""


def _id(c: Cadre, ctx: Context) -> object:
    return reveal(c.id_number_cipher) if ctx.unmask else ""


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("seq", "序号", 6, lambda _c, _ctx: "", number=True),
        Column("name", "姓名", 10, _text("name")),
        Column("gender", "性别", 6, _code("gender", "gender")),
        Column("birth_date", "出生年月", 10, _month("birth_date")),
        Column("age", "年龄", 6, _age, number=True),
        Column("id_number", "身份证号", 21, _id, secret=True),
        Column("ethnicity", "民族", 8, _code("ethnicity", "ethnicity")),
        Column("native_place", "籍贯", 12, _text("native_place")),
        Column("birthplace", "出生地", 12, _text("birthplace")),
        Column("political_status", "政治面貌", 10, _code("political_status", "political_status")),
        Column("party_joined_on", "入党时间", 10, _month("party_joined_on")),
        Column("work_started_on", "参加工作时间", 12, _month("work_started_on")),
        Column("health", "健康状况", 8, _code("health", "health")),
        Column("professional_title", "专业技术职务", 14, _text("professional_title")),
        Column("specialty", "熟悉专业有何专长", 16, _text("specialty")),
        Column("staff_category", "人员类别", 16, _code("staff_category", "staff_category")),
        Column("status", "管理状态", 8, _code("status", "status")),
        Column("unit", "单位", 20, lambda c, _ctx: c.unit.name),
        Column("current_position", "现任职务", 30, _text("current_position")),
        Column("position_level", "职务层次", 12, _code("position_level", "position_level")),
        Column("position_since", "任现职时间", 11, _month("position_since")),
        Column("is_leader", "领导职务", 8, lambda c, _ctx: "是" if c.is_leader else "否"),
        Column("rank", "职级", 12, _code("rank", "rank")),
        Column("rank_since", "任现职级时间", 12, _month("rank_since")),
        Column("education", "最高学历", 12, _code("education", "education")),
        Column("full_time_education", "全日制学历", 12, _code("full_time_education", "education")),
        Column("retire_month", "到龄年月", 10, _month("retire_month")),
        Column("remarks", "备注", 20, _text("remarks")),
    )
}

DEFAULT = (
    "seq",
    "name",
    "gender",
    "birth_date",
    "age",
    "id_number",
    "ethnicity",
    "native_place",
    "political_status",
    "party_joined_on",
    "work_started_on",
    "education",
    "unit",
    "current_position",
    "position_level",
    "position_since",
    "rank",
    "retire_month",
)
_BY_LABEL = {c.label: c.key for c in COLUMNS.values()}


def resolve(keys: str | list[str] | None, *, unmask: bool) -> list[Column]:
    """Columns by key or Chinese label ("name,出生年月"); the ID number only when allowed.

    Raises ValueError (Chinese) for an unknown column or an ID column the role may not see."""
    if not keys:
        wanted = list(DEFAULT)
    elif isinstance(keys, str):
        wanted = [k.strip() for k in keys.replace("，", ",").split(",") if k.strip()]
    else:
        wanted = list(keys)
    columns: list[Column] = []
    for k in wanted:
        key = _BY_LABEL.get(k, k)
        if key not in COLUMNS:
            raise ValueError(f"未知的列“{k}”，可选：{'、'.join(c.label for c in COLUMNS.values())}")
        col = COLUMNS[key]
        if col.secret and not unmask:
            if keys:
                raise ValueError("您的角色不能导出身份证号")
            continue
        if col not in columns:
            columns.append(col)
    return columns

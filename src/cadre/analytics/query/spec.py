"""Vocabulary of the query language: value types, operators and their Chinese names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from cadre.org.models import Unit
    from cadre.rules.params import Params


class QueryError(ValueError):
    """A query that cannot be run; ``str(exc)`` is a Chinese message for the user."""


OP_LABELS: dict[str, str] = {
    "eq": "等于",
    "ne": "不等于",
    "lt": "小于",
    "lte": "小于等于",
    "gt": "大于",
    "gte": "大于等于",
    "between": "介于",
    "in": "属于",
    "not_in": "不属于",
    "contains": "包含",
    "not_contains": "不包含",
    "startswith": "开头是",
    "empty": "为空",
    "not_empty": "不为空",
    "exists": "有",
    "not_exists": "没有",
    "in_subtree": "属于（含下级单位）",
    "not_in_subtree": "不属于（含下级单位）",
}
# For education levels a smaller number is a higher level: say so in the builder.
LEVEL_OP_LABELS = {
    **OP_LABELS,
    "lte": "及以上",
    "lt": "高于",
    "gte": "及以下",
    "gt": "低于",
}
NO_VALUE_OPS = frozenset({"empty", "not_empty"})

TEXT_OPS = ("contains", "not_contains", "eq", "ne", "startswith", "empty", "not_empty")
CODE_OPS = ("in", "not_in", "eq", "ne", "empty", "not_empty")
NUM_OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "between")
DATE_OPS = ("eq", "lt", "lte", "gt", "gte", "between", "empty", "not_empty")
BOOL_OPS = ("eq",)
UNIT_OPS = ("in_subtree", "not_in_subtree", "eq")
EXISTS_OPS = ("exists", "not_exists")

TYPE_LABELS = {
    "text": "文本",
    "code": "代码",
    "int": "整数",
    "level": "学历层次",
    "date": "日期",
    "bool": "是否",
    "unit": "单位",
    "appointment": "任职经历",
}


@dataclass(frozen=True)
class Context:
    """What a compiled condition may depend on besides the query itself."""

    today: dt.date
    params: Params
    unit: Callable[[str], Unit]  # unit code → a unit in the user's scope, else QueryError


@dataclass(frozen=True)
class Option:
    """An extra key of a condition, e.g. ``"years": 3`` for counts over recent years."""

    key: str
    label: str
    type: str  # int | code
    table: str = ""
    default: Any = None
    minimum: int = 0
    maximum: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "type": self.type,
            "table": self.table,
            "default": self.default,
            "min": self.minimum,
            "max": self.maximum,
        }


Builder = Callable[[Context, str, Any, dict[str, Any]], Q]


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    group: str
    type: str
    ops: tuple[str, ...]
    build: Builder
    table: str = ""
    options: tuple[Option, ...] = ()
    help: str = ""
    choices: tuple[tuple[Any, str], ...] = field(default=())
    minimum: int = 0
    maximum: int = 150

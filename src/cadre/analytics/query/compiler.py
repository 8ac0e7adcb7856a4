"""Compile a combined query (组合查询, docs/analytics.md) to one Q over the scoped cadres.

A query is a group ``{"op": "and"|"or", "not": false, "conditions": [...]}`` whose items are
conditions ``{"field", "op", "value", …options}`` or nested groups. Everything is checked
before anything runs; a problem raises QueryError with a Chinese message saying where.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from cadre.accounts.scope import restrict_units
from cadre.analytics.query.fields import APPOINTMENT_PARTS, FIELDS_BY_KEY
from cadre.analytics.query.spec import (
    LEVEL_OP_LABELS,
    NO_VALUE_OPS,
    OP_LABELS,
    Context,
    FieldSpec,
    QueryError,
)
from cadre.core import codebook
from cadre.org.models import Unit
from cadre.people.selectors import cadres_for
from cadre.rules.dates import parse_date
from cadre.rules.errors import RulesError

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cadre.accounts.models import User
    from cadre.people.models import Cadre
    from cadre.rules.params import Params

MAX_TEXT = 20_000
MAX_DEPTH = 6
MAX_CONDITIONS = 80
MAX_LIST = 200
MAX_STRING = 100
GROUP_OPS = {"and": "并且", "or": "或者"}


def parse(text: str | bytes | dict[str, Any] | None) -> dict[str, Any]:
    """JSON text (or an already parsed dict) → the query dict, structurally checked."""
    if text is None or text == "":
        raise QueryError("请填写查询条件")
    if isinstance(text, dict):
        query = text
    else:
        if len(text) > MAX_TEXT:
            raise QueryError(f"查询条件过长（不超过{MAX_TEXT}个字符）")
        try:
            query = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise QueryError(f"查询条件不是有效的JSON：{_json_hint(exc)}") from None
    if not isinstance(query, dict):
        raise QueryError("查询条件应为一个条件组（JSON对象）")
    if "field" in query:  # a single condition is accepted as a group of one
        query = {"op": "and", "conditions": [query]}
    counter = [0]
    _check_group(query, "查询条件", 1, counter)
    return query


def _json_hint(exc: Exception) -> str:
    lineno = getattr(exc, "lineno", None)
    colno = getattr(exc, "colno", None)
    return f"第{lineno}行第{colno}列附近有语法错误" if lineno else "无法解析"


def _check_group(group: Any, where: str, depth: int, counter: list[int]) -> None:
    if not isinstance(group, dict):
        raise QueryError(f"{where}应为条件或条件组")
    if depth > MAX_DEPTH:
        raise QueryError(f"{where}：条件组嵌套过深（不超过{MAX_DEPTH}层）")
    unknown = set(group) - {"op", "conditions", "not"}
    if unknown:
        raise QueryError(f"{where}：条件组不认识的键“{'、'.join(sorted(unknown))}”")
    if group.get("op", "and") not in GROUP_OPS:
        raise QueryError(f"{where}：条件组的关系应为 and（并且）或 or（或者）")
    if not isinstance(group.get("not", False), bool):
        raise QueryError(f"{where}：not 应为 true 或 false")
    items = group.get("conditions")
    if not isinstance(items, list) or not items:
        raise QueryError(f"{where}：条件组至少应有一个条件")
    for i, item in enumerate(items, start=1):
        sub = f"{where}第{i}项"
        if isinstance(item, dict) and "conditions" in item:
            _check_group(item, sub, depth + 1, counter)
        elif isinstance(item, dict) and "field" in item:
            counter[0] += 1
            if counter[0] > MAX_CONDITIONS:
                raise QueryError(f"条件过多（不超过{MAX_CONDITIONS}个）")
            check_condition(item, sub)
        else:
            raise QueryError(f"{sub}应为条件（含 field）或条件组（含 conditions）")


def check_condition(cond: dict[str, Any], where: str) -> None:
    key = cond.get("field")
    spec = FIELDS_BY_KEY.get(key) if isinstance(key, str) else None
    if spec is None:
        raise QueryError(f"{where}：未知的查询字段“{key}”")
    where = f"{where}（{spec.label}）"
    allowed = {"field", "op", "value"} | {o.key for o in spec.options}
    unknown = set(cond) - allowed
    if unknown:
        raise QueryError(f"{where}：不认识的键“{'、'.join(sorted(unknown))}”")
    op = cond.get("op")
    if op not in spec.ops:
        labels = LEVEL_OP_LABELS if spec.type == "level" else OP_LABELS
        names = "、".join(labels[o] for o in spec.ops)
        raise QueryError(f"{where}：不支持运算“{op}”，可用：{names}")
    if op not in NO_VALUE_OPS:
        if "value" not in cond:
            raise QueryError(f"{where}：请填写比较的值")
        cond["value"] = _value(spec, op, cond["value"], where)
    for option in spec.options:
        raw = cond.get(option.key)
        if raw is None or raw == "":
            if option.type == "code" and option.key == "grade" and spec.key == "assessment_count":
                raise QueryError(f"{where}：请选择{option.label}")
            continue
        if option.type == "int":
            n = _int(raw, f"{where}的{option.label}")
            if not option.minimum <= n <= option.maximum:
                raise QueryError(
                    f"{where}：{option.label}应在{option.minimum}至{option.maximum}之间"
                )
            cond[option.key] = n
        else:
            _code(option.table, raw, f"{where}的{option.label}")


def _int(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise QueryError(f"{where}应为整数")
    if isinstance(raw, str):
        if not (raw.strip().isascii() and raw.strip().lstrip("-").isdigit()):
            raise QueryError(f"{where}应为整数，实为“{raw[:20]}”")
        return int(raw.strip())
    return raw


def _code(table: str, raw: Any, where: str) -> str:
    if not isinstance(raw, str) or raw not in codebook.codes(table):
        raise QueryError(f"{where}：代码“{str(raw)[:20]}”不在代码表中")
    return raw


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise QueryError(f"{where}：请填写文字")
    if len(raw) > MAX_STRING:
        raise QueryError(f"{where}：文字过长（不超过{MAX_STRING}个字）")
    return raw.strip()


def _date(raw: Any, where: str) -> dt.date:
    try:
        return parse_date(raw, where)
    except RulesError as exc:
        raise QueryError(str(exc)) from None


def _bool(raw: Any, where: str) -> bool:
    if not isinstance(raw, bool):
        raise QueryError(f"{where}：值应为 true（是）或 false（否）")
    return raw


def _number(spec: FieldSpec, raw: Any, where: str) -> int:
    n = _int(raw, where)
    lo = 1 if spec.type == "level" else spec.minimum
    hi = max(n for n, _ in spec.choices) if spec.type == "level" else spec.maximum
    if not lo <= n <= hi:
        raise QueryError(f"{where}：值应在{lo}至{hi}之间")
    return n


def _value(spec: FieldSpec, op: str, raw: Any, where: str) -> Any:
    if op == "between":
        if not isinstance(raw, list) or len(raw) != 2:
            raise QueryError(f"{where}：“介于”的值应为两个数组成的列表，如 [30, 40]")
        single = [_scalar(spec, v, where) for v in raw]
        if single[0] > single[1]:
            raise QueryError(f"{where}：“介于”的下限大于上限")
        return single
    if op in ("in", "not_in"):
        if not isinstance(raw, list) or not raw:
            raise QueryError(f"{where}：“属于”的值应为非空列表")
        if len(raw) > MAX_LIST:
            raise QueryError(f"{where}：列表过长（不超过{MAX_LIST}项）")
        return [_scalar(spec, v, where) for v in raw]
    if spec.type == "appointment":
        return _appointment(raw, where)
    return _scalar(spec, raw, where)


def _scalar(spec: FieldSpec, raw: Any, where: str) -> Any:
    t = spec.type
    if t == "text":
        return _text(raw, where)
    if t == "code":
        return _code(spec.table, raw, where)
    if t in ("int", "level"):
        return _number(spec, raw, where)
    if t == "date":
        return _date(raw, where)
    if t == "bool":
        return _bool(raw, where)
    if t == "unit":
        return _text(raw, where)
    raise QueryError(f"{where}：值无效")


def _appointment(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw:
        raise QueryError(f'{where}：值应为描述任职的对象，如 {{"title_contains": "党委书记"}}')
    parts = {k: (label, t, table) for k, label, t, table in APPOINTMENT_PARTS}
    unknown = set(raw) - set(parts)
    if unknown:
        raise QueryError(f"{where}：不认识的任职条件“{'、'.join(sorted(unknown))}”")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        label, t, table = parts[key]
        sub = f"{where}的{label}"
        if value is None or value == "" or value == []:
            continue
        if t == "text" or t == "unit":
            out[key] = _text(value, sub)
        elif t == "codes":
            items = value if isinstance(value, list) else [value]
            out[key] = [_code(table, v, sub) for v in items[:MAX_LIST]]
        elif t == "bool":
            out[key] = _bool(value, sub)
        elif t == "int":
            n = _int(value, sub)
            if not 0 <= n <= 60:
                raise QueryError(f"{sub}应在0至60之间")
            out[key] = n
        elif t == "date":
            out[key] = _date(value, sub)
    if not out:
        raise QueryError(f"{where}：请至少填写一项任职条件")
    return out


def unit_resolver(user: User | AnonymousUser) -> Callable[[str], Unit]:
    cache: dict[str, Unit] = {}

    def resolve(code: str) -> Unit:
        if code not in cache:
            unit = restrict_units(Unit.objects.all(), user).filter(code=code).first()
            if unit is None:
                raise QueryError(f"单位“{code}”不存在或不在您的管理范围内")
            cache[code] = unit
        return cache[code]

    return resolve


def to_q(query: dict[str, Any], ctx: Context) -> Q:
    """The checked query (from ``parse``) as one Q on Cadre."""
    items = [
        to_q(item, ctx) if "conditions" in item else _condition_q(item, ctx)
        for item in query["conditions"]
    ]
    q = items[0]
    for item in items[1:]:
        q = (q | item) if query.get("op", "and") == "or" else (q & item)
    return ~q if query.get("not") else q


def _condition_q(cond: dict[str, Any], ctx: Context) -> Q:
    spec = FIELDS_BY_KEY[cond["field"]]
    return spec.build(ctx, cond["op"], cond.get("value"), cond)


def run(
    user: User | AnonymousUser,
    query: str | dict[str, Any],
    *,
    today: dt.date | None = None,
    params: Params | None = None,
) -> QuerySet[Cadre]:
    """The cadres in the user's scope matching the query (a lazy queryset, nothing loaded)."""
    from cadre.analytics.params import rule_params

    checked = parse(query)
    ctx = Context(
        today=today or dt.date.today(),
        params=params or rule_params(),
        unit=unit_resolver(user),
    )
    return cadres_for(user).filter(to_q(checked, ctx))

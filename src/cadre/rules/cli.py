"""``cadre rules NAME JSON``: one JSON object out; bad input → {"error": …} and exit code 2.

The Django management command only parses argv and prints; everything else is here so it
can be tested without Django.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from cadre.rules.ages import age_on, birth_text
from cadre.rules.assessment import excellent_quota, normalize_grade
from cadre.rules.dates import Month, parse_date, parse_date_or_month, parse_month
from cadre.rules.errors import RulesError
from cadre.rules.exchange import kinship_class
from cadre.rules.idnumber import validate_id_number
from cadre.rules.params import Params, registry
from cadre.rules.ranks import rank_eligibility
from cadre.rules.resume import ResumeEntry, format_resume, parse_resume
from cadre.rules.retirement import retirement
from cadre.rules.sanctions import Sanction, assessment_cap, influence, sanction_months
from cadre.rules.workdays import add_workdays

Payload = Mapping[str, Any]
Result = tuple[dict[str, Any], int]

_TYPE_NAMES = {str: "字符串", int: "整数", bool: "布尔值", list: "数组", dict: "对象"}


def _get(p: Payload, key: str, typ: type, *, required: bool = True) -> Any:
    if key not in p or p[key] is None:
        if required:
            raise RulesError(f"缺少字段“{key}”")
        return None
    value = p[key]
    ok = isinstance(value, typ) and not (typ is int and isinstance(value, bool))
    if not ok:
        raise RulesError(f"字段“{key}”应为{_TYPE_NAMES[typ]}")
    return value


def _date(p: Payload, key: str) -> date:
    return parse_date(_get(p, key, str), f"字段“{key}”")


def _params(p: Payload) -> Params | None:
    overrides = _get(p, "params", dict, required=False)
    return Params(overrides) if overrides else None


def _sanctions(p: Payload, params: Params | None, key: str = "sanctions") -> list[Sanction]:
    raw = _get(p, key, list, required=False) or []
    out: list[Sanction] = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise RulesError(f"“{key}”第{i}项应为对象")
        kind = _get(item, "kind", str)
        measure = _get(item, "measure", str, required=kind.strip() not in ("诫勉",)) or ""
        effective = parse_date(_get(item, "effective", str), f"第{i}项处分的生效日期")
        years = _get(item, "observation_years", int, required=False)
        s = Sanction(kind, measure, effective, years)
        try:
            sanction_months(s, params)  # checks kind, measure and 留党察看's observation years
        except RulesError as exc:
            raise RulesError(f"“{key}”第{i}项：{exc}") from None
        out.append(s)
    return out


def _id_number(p: Payload) -> dict[str, Any]:
    today = _date(p, "today") if p.get("today") is not None else None
    return validate_id_number(_get(p, "id_number", str), today=today).as_dict()


def _age(p: Payload) -> dict[str, Any]:
    birth = parse_date_or_month(_get(p, "birth", str), "字段“birth”")
    at = _date(p, "at")
    if Month.of(at) < Month.of(birth) or (isinstance(birth, date) and at < birth):
        raise RulesError("计算年龄的日期早于出生日期")
    return {"age": age_on(birth, at), "birth_text": birth_text(birth, at)}


def _retirement(p: Payload) -> dict[str, Any]:
    birth = parse_date_or_month(_get(p, "birth", str), "字段“birth”")
    county = bool(_get(p, "county_level_leader", bool, required=False))
    r = retirement(Month.of(birth), _get(p, "category", str), county_level_leader=county,
                   params=_params(p))  # fmt: skip
    return r.as_dict()


def _influence(p: Payload) -> dict[str, Any]:
    params = _params(p)
    return influence(_sanctions(p, params), _date(p, "as_of"), params).as_dict()


def _assessment_cap(p: Payload) -> dict[str, Any]:
    year = _get(p, "year", int)
    if not 1 <= year <= 9999:
        raise RulesError("字段“year”不是有效年份")
    params = _params(p)
    return assessment_cap(year, _sanctions(p, params), params).as_dict()


def _excellent_quota(p: Payload) -> dict[str, Any]:
    return excellent_quota(_get(p, "assessed", int), _params(p)).as_dict()


def _assessments(p: Payload) -> dict[int, str]:
    raw = _get(p, "assessments", dict, required=False) or {}
    out: dict[int, str] = {}
    for key, grade in raw.items():
        if not re.fullmatch(r"\d{4}", str(key)):
            raise RulesError(f"考核年度应为四位年份：“{key}”")
        if not isinstance(grade, str):
            raise RulesError(f"{key}年度考核等次应为字符串")
        out[int(key)] = normalize_grade(grade)
    return out


def _rank_eligibility(p: Payload) -> dict[str, Any]:
    params = _params(p)
    r = rank_eligibility(
        _get(p, "current_rank", str),
        _date(p, "held_since"),
        _assessments(p),
        _sanctions(p, params),
        _date(p, "as_of"),
        params,
    )
    return r.as_dict()


def _workdays(p: Payload) -> dict[str, Any]:
    start, days = _date(p, "start"), _get(p, "days", int)
    return {"ends_on": add_workdays(start, days).isoformat()}


def _resume(p: Payload) -> dict[str, Any]:
    return {"entries": [e.as_dict() for e in parse_resume(_get(p, "text", str))]}


def _entry(raw: object, where: str, *, nested: bool) -> ResumeEntry:
    if not isinstance(raw, dict):
        raise RulesError(f"{where}应为对象")
    start_s, end_s = _get(raw, "start", str, required=False), _get(raw, "end", str, required=False)
    start = parse_month(start_s, f"{where}起始年月") if start_s else None
    end = parse_month(end_s, f"{where}截止年月") if end_s else None
    during: tuple[ResumeEntry, ...] = ()
    if nested:
        items = _get(raw, "during", list, required=False) or []
        during = tuple(
            _entry(d, f"{where}其间第{i}项", nested=False) for i, d in enumerate(items, start=1)
        )
    return ResumeEntry(start, end, _get(raw, "text", str).strip(), during)


def _resume_format(p: Payload) -> dict[str, Any]:
    entries = _get(p, "entries", list)
    parsed = [_entry(e, f"第{i}条简历", nested=True) for i, e in enumerate(entries, start=1)]
    return {"text": format_resume(parsed)}


def _kinship(p: Payload) -> dict[str, Any]:
    return {"class": kinship_class(_get(p, "relation", str))}


def _registry(p: Payload) -> dict[str, Any]:
    return {"params": [e.as_dict() for e in registry()]}


COMMANDS: dict[str, Callable[[Payload], dict[str, Any]]] = {
    "id-number": _id_number,
    "age": _age,
    "retirement": _retirement,
    "influence": _influence,
    "assessment-cap": _assessment_cap,
    "excellent-quota": _excellent_quota,
    "rank-eligibility": _rank_eligibility,
    "workdays": _workdays,
    "resume": _resume,
    "resume-format": _resume_format,
    "kinship": _kinship,
    "registry": _registry,
}


def run(name: str, payload: dict[str, Any]) -> Result:
    """Run rule ``name`` on ``payload``: (output, 0), or ({"error": 中文}, 2) on bad input."""
    handler = COMMANDS.get(name)
    if handler is None:
        return {"error": f"未知的规则名称：“{name}”，可用：{'、'.join(COMMANDS)}"}, 2
    if not isinstance(payload, dict):
        return {"error": "输入应为JSON对象"}, 2
    try:
        return handler(payload), 0
    except RulesError as exc:
        return {"error": str(exc)}, 2
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
        return {"error": f"输入无法处理：{type(exc).__name__}"}, 2


def run_json(name: str | None, raw: str | None) -> Result:
    """Parse the JSON argument, then :func:`run`."""
    if not name:
        return {"error": f"缺少规则名称，可用：{'、'.join(COMMANDS)}"}, 2
    try:
        payload = json.loads(raw if raw is not None else "{}")
    except (json.JSONDecodeError, RecursionError):
        return {"error": "输入不是有效的JSON"}, 2
    return run(name, payload)


def dumps(result: Mapping[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)

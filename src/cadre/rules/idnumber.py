"""Citizen ID numbers (GB 11643-1999): validation, 15→18 conversion, birth date and gender."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from cadre.rules.params import Params, resolve


@dataclass(frozen=True)
class IdNumberResult:
    valid: bool
    normalized: str | None
    birth_date: date | None
    gender: str | None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "normalized": self.normalized,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "gender": self.gender,
            "errors": list(self.errors),
        }


# The weights and characters read from each Params object, parsed once: a Params never
# changes after it is made, and an import checks 100,000 numbers with the same one. Weak
# keys: a Params replaced by new figures (政策口径) takes its entry with it.
_CHECK: weakref.WeakKeyDictionary[Params, tuple[tuple[int, ...], str]] = weakref.WeakKeyDictionary()


def _check_params(p: Params) -> tuple[tuple[int, ...], str]:
    try:
        return _CHECK[p]
    except KeyError:
        weights = tuple(int(w) for w in p.get_str("idnumber.check_weights").split(","))
        if len(weights) != 17:
            raise ValueError("校验码加权因子应为17个") from None
        found = _CHECK[p] = (weights, p.get_str("idnumber.check_chars"))
        return found


def _weights(p: Params) -> list[int]:
    return list(_check_params(p)[0])


def check_char(first17: str, params: Params | None = None) -> str:
    """The check character for 17 digits: weighted sum mod 11 indexes "10X98765432"."""
    p = resolve(params)
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("需要17位数字")
    weights, chars = _check_params(p)
    total = sum(map(mul, map(int, first17), weights))
    return chars[total % 11]


def gender_of(id18: str) -> str:
    """男 when the 17th digit (sequence code) is odd, else 女."""
    return "男" if int(id18[16]) % 2 == 1 else "女"


def _birth(digits8: str) -> date | None:
    try:
        return date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return None


def validate_id_number(
    raw: str, today: date | None = None, params: Params | None = None
) -> IdNumberResult:
    """Validate and normalize an ID number; never raises for a bad number (``valid`` False)."""
    p = resolve(params)
    today = today or date.today()
    text = raw.strip().replace(" ", "")
    upper = text.upper()

    def fail(*errors: str) -> IdNumberResult:
        return IdNumberResult(False, None, None, None, list(errors))

    if not text:
        return fail("身份证号为空")
    if not upper.isascii():
        return fail("身份证号含有非法字符")
    if len(upper) == 15:
        if not upper.isdigit():
            return fail("15位身份证号应全部为数字")
        body = upper[:6] + p.get_str("idnumber.legacy_century") + upper[6:]
        normalized = body + check_char(body, p)
    elif len(upper) == 18:
        if not upper[:17].isdigit() or not (upper[17].isdigit() or upper[17] == "X"):
            return fail("身份证号前17位应为数字，末位应为数字或X")
        normalized = upper
    else:
        return fail(f"身份证号长度应为18位（或15位旧号码），实为{len(upper)}位")

    errors: list[str] = []
    birth = _birth(normalized[6:14])
    if birth is None:
        errors.append(f"身份证号中的出生日期无效：{normalized[6:14]}")
    elif birth > today:
        errors.append(f"身份证号中的出生日期{birth.isoformat()}晚于当前日期")
    expected = check_char(normalized[:17], p)
    if len(upper) == 18 and upper[17] != expected:
        errors.append(f"身份证号校验码错误：应为{expected}，实为{upper[17]}")
    if errors:
        return fail(*errors)
    return IdNumberResult(True, normalized, birth, gender_of(normalized), [])

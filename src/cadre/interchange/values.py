"""Reading one cell as people type it: full-width characters, padded names, dates in every
form (1985.03, 1985.3, 1985-03-12, 1985年3月, 198503, Excel serial numbers), and ID numbers
that Excel turned into numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from cadre.rules.idnumber import validate_id_number

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")
_CJK_NAME = re.compile(r"^[\u3400-\u9fff\u00b7\u2022·．.]+$")
_YMD = re.compile(r"^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:月|[.\-/])?\s*(?:(\d{1,2})\s*日?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
# Excel's 1900 date system: serial 1 is 1900-01-01, with the phantom 1900-02-29 (serial 60).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


class CellError(ValueError):
    """A cell whose value cannot be read; ``str(exc)`` is the Chinese message."""


# Fast paths below: a printable string without an ASCII space holds none of _SPACES
# (every other white space, and the zero-width characters, are not printable).


def _plain(value: str) -> bool:
    return value.isprintable() and " " not in value


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return not value or (not _plain(value) and not _SPACES.sub("", value))


def text(value: object) -> str:
    """A text cell: full-width spaces and line breaks folded, ends stripped."""
    if value is None:
        return ""
    if type(value) is str and _plain(value):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return _SPACES.sub(" ", str(value)).strip()


def folded(value: object) -> str:
    """NFKC-folded text without any white space: for codes, headers, dates and IDs."""
    if type(value) is str and _plain(value) and unicodedata.is_normalized("NFKC", value):
        return value
    return _SPACES.sub("", unicodedata.normalize("NFKC", text(value)))


def person_name(value: object) -> str:
    """Names padded for alignment ("张　三") lose the padding; foreign names keep single spaces."""
    raw = text(value)
    squeezed = _SPACES.sub("", raw)
    if _CJK_NAME.match(squeezed):
        return squeezed
    return " ".join(raw.split())


def _checked(year: int, month: int, day: int, shown: str) -> dt.date:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise CellError(f"年份超出范围：{shown}")
    if not 1 <= month <= 12:
        raise CellError(f"月份无效：{shown}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期无效：{shown}") from None


def _from_number(value: float) -> dt.date:
    shown = repr(value)
    if value.is_integer():
        n = int(value)
        if 190001 <= n <= 210012:  # 198503
            return _checked(n // 100, n % 100, 1, str(n))
        if 19000101 <= n <= 21001231:  # 19850312
            return _checked(n // 10000, n // 100 % 100, n % 100, str(n))
        if 61 <= n <= 80000:  # an Excel serial number without a date format
            return _EXCEL_EPOCH + dt.timedelta(days=n)
        raise CellError(f"无法识别的日期：{n}")
    # 1985.03 typed into a number cell arrives as the float 1985.03; 1985.10 as 1985.1.
    whole, _, frac = shown.partition(".")
    if not whole.isdigit() or len(frac) > 2:
        raise CellError(f"无法识别的日期：{shown}")
    if frac == "1":
        raise CellError(
            f"日期“{shown}”有歧义（可能是1月或10月）：请将该列设为文本格式后填写，如1985.10"
        )
    return _checked(int(whole), int(frac), 1, shown)


def parse_date(value: object) -> dt.date | None:
    """A date from any of the forms rosters use; year-month values give the month's first day.

    None for a blank cell; CellError (Chinese message) for anything unreadable."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(f"无法识别的日期：{value}")
    if isinstance(value, int | float):
        return _from_number(float(value))
    if isinstance(value, dt.timedelta | dt.time):
        raise CellError(f"无法识别的日期：{value}")
    s = folded(value)
    m = _YMD.match(s)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3] or 1), s)
    m = _COMPACT.match(s)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3] or 1), s)
    if re.fullmatch(r"\d{4}年?", s):
        raise CellError(f"只有年份，缺少月份：{s}")
    raise CellError(f"无法识别的日期：{text(value)}（应如1985.03或1985-03-12）")


def id_number(value: object, today: dt.date | None = None) -> str | None:
    """A normalized 18-character ID number; None for a blank cell.

    A number cell cannot hold an ID: Excel keeps 15 significant digits (the last ones become
    0) and a number has no X. 15-digit legacy numbers are converted by the rules engine."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("身份证号格式错误")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellError("身份证号格式错误（含小数）")
        digits = str(int(value))
        if len(digits) == 17:
            raise CellError(
                "身份证号以数字格式保存，末位X已丢失（且Excel只保留15位有效数字）：请设为文本格式后重新录入"
            )
        if len(digits) >= 16:
            raise CellError(
                "身份证号以数字格式保存，Excel只保留15位有效数字，号码已失真："
                "请将该列设为文本格式后重新录入"
            )
        raw = digits
    else:
        raw = folded(value)
    result = validate_id_number(raw, today=today)
    if not result.valid or result.normalized is None:
        raise CellError("；".join(result.errors) or "身份证号无效")
    return result.normalized


def shown(value: object) -> str:
    """How a cell's value is quoted back in a problem report."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.0f}"
    return text(value)

"""Calendar helpers: 民法典 whole-month periods and a year-month value type."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cadre.rules.errors import RulesError

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (年月), ordered; ``str()`` gives ``YYYY-MM``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise RulesError(f"无效的年月：{self.year}-{self.month}")

    @classmethod
    def of(cls, d: date | Month) -> Month:
        if isinstance(d, Month):
            return d
        return cls(d.year, d.month)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0; differences of indexes are month counts."""
        return self.year * 12 + self.month - 1

    def add(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def __add__(self, months: int) -> Month:
        return self.add(months)

    def months_until(self, other: Month) -> int:
        """Number of months from ``self`` to ``other`` (negative when ``other`` is earlier)."""
        return other.index - self.index

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def dotted(self) -> str:
        """``yyyy.MM`` as printed in resumes and on the adform."""
        return f"{self.year:04d}.{self.month:02d}"

    def cn(self) -> str:
        """``2025年4月``."""
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def add_months(d: date, months: int) -> date:
    """Same day-of-month ``months`` later (or earlier); the month's last day when it has none."""
    target = Month.of(d).add(months)
    last = calendar.monthrange(target.year, target.month)[1]
    return date(target.year, target.month, min(d.day, last))


def period_end(start: date, months: int) -> date:
    """Last day (inclusive) of a period of ``months`` months starting on ``start``.

    民法典 第二百零一、二百零二条: the first day is not counted, the period ends on the
    corresponding day of the last month, or that month's last day when it has no such day.
    2024-03-15 + 6 → 2024-09-15; 2024-08-31 + 6 → 2025-02-28.
    """
    return add_months(start, months)


def parse_date(text: object, field: str = "日期") -> date:
    """Strict ``YYYY-MM-DD``; impossible dates raise :class:`RulesError`."""
    if not isinstance(text, str):
        raise RulesError(f"{field}应为“YYYY-MM-DD”格式的字符串")
    m = _DATE_RE.match(text.strip())
    if not m:
        raise RulesError(f"{field}格式错误，应为“YYYY-MM-DD”：{text}")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise RulesError(f"{field}不是有效日期：{text}") from None


def parse_month(text: object, field: str = "年月") -> Month:
    """Strict ``YYYY-MM``."""
    if not isinstance(text, str):
        raise RulesError(f"{field}应为“YYYY-MM”格式的字符串")
    m = _MONTH_RE.match(text.strip())
    if not m:
        raise RulesError(f"{field}格式错误，应为“YYYY-MM”：{text}")
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12 or year < 1:
        raise RulesError(f"{field}不是有效年月：{text}")
    return Month(year, month)


def parse_date_or_month(text: object, field: str = "日期") -> date | Month:
    """``YYYY-MM-DD`` or ``YYYY-MM``."""
    if isinstance(text, str) and _MONTH_RE.match(text.strip()):
        return parse_month(text, field)
    return parse_date(text, field)


def as_month(value: date | Month) -> Month:
    return Month.of(value)

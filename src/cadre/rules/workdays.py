"""Chinese statutory working days (§12), from the maintained ``chinesecalendar`` package."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from cadre.rules.errors import RulesError


def supported_years() -> tuple[int, int]:
    """First and last year the holiday calendar covers."""
    years = [d.year for d in chinese_calendar.constants.holidays]
    return min(years), max(years)


def is_workday(day: date) -> bool:
    """True on a statutory working day (holidays off, adjusted weekend workdays on)."""
    first, last = supported_years()
    if not first <= day.year <= last:
        raise RulesError(f"工作日历仅支持{first}年至{last}年，无法计算{day.isoformat()}")
    return bool(chinese_calendar.is_workday(day))


def add_workdays(start: date, days: int) -> date:
    """The last of ``days`` working days counted from ``start`` (which counts if a workday).

    A 5-working-day notice from Friday 2024-09-27 ends on 2024-10-09 (Sunday 09-29 is an
    adjusted working day, 10-01…10-07 are off).
    """
    if days < 1:
        raise RulesError("工作日天数应为正整数")
    day = start
    remaining = days
    while True:
        if is_workday(day):
            remaining -= 1
            if remaining == 0:
                return day
        day += timedelta(days=1)


def count_workdays(start: date, end: date) -> int:
    """Working days in [start, end] (inclusive)."""
    if end < start:
        return 0
    n = 0
    day = start
    while day <= end:
        n += is_workday(day)
        day += timedelta(days=1)
    return n

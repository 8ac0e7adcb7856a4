from datetime import date

import pytest

from cadre.rules.dates import (
    Month,
    add_months,
    parse_date,
    parse_date_or_month,
    parse_month,
    period_end,
)
from cadre.rules.errors import RulesError


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2024, 3, 15), 6, date(2024, 9, 15)),  # RULES.md example
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # RULES.md example: no 31st → last day
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 3, 15), 0, date(2024, 3, 15)),
        (date(2024, 3, 15), 48, date(2028, 3, 15)),
    ],
)
def test_period_end(start: date, months: int, end: date) -> None:
    assert period_end(start, months) == end


def test_add_months_negative() -> None:
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_month_arithmetic_and_format() -> None:
    m = Month(2024, 11)
    assert m + 2 == Month(2025, 1)
    assert m.add(-11) == Month(2023, 12)
    assert Month(2024, 3).months_until(Month(2025, 4)) == 13
    assert str(m) == "2024-11"
    assert m.dotted() == "2024.11"
    assert m.cn() == "2024年11月"
    assert Month.of(date(2024, 2, 29)) == Month(2024, 2)
    assert Month(2024, 2).last_day() == date(2024, 2, 29)
    assert Month(2023, 12) < Month(2024, 1)


def test_month_rejects_bad_month() -> None:
    with pytest.raises(RulesError):
        Month(2024, 13)


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01", "2024/01/01", "20240101", "", "x"])
def test_parse_date_rejects(bad: str) -> None:
    with pytest.raises(RulesError) as exc:
        parse_date(bad)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_parse_month_and_either() -> None:
    assert parse_month("1965-03") == Month(1965, 3)
    with pytest.raises(RulesError):
        parse_month("1965-00")
    with pytest.raises(RulesError):
        parse_month(196503)
    assert parse_date_or_month("1972-04") == Month(1972, 4)
    assert parse_date_or_month("1972-04-05") == date(1972, 4, 5)

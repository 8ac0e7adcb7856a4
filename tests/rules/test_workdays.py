from datetime import date

import pytest

from cadre.rules.errors import RulesError
from cadre.rules.workdays import add_workdays, count_workdays, is_workday, supported_years


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2024, 9, 27), 5, date(2024, 10, 9)),  # Sunday 09-29 is an adjusted workday
        (date(2024, 10, 1), 1, date(2024, 10, 8)),  # start on a holiday: does not count
        (date(2024, 10, 11), 2, date(2024, 10, 12)),  # Saturday 10-12 is a workday
        (date(2025, 1, 1), 5, date(2025, 1, 8)),
        (date(2025, 1, 27), 3, date(2025, 2, 6)),  # Spring Festival
        (date(2025, 9, 26), 5, date(2025, 10, 9)),
        (date(2024, 6, 3), 5, date(2024, 6, 7)),  # an ordinary week
        (date(2024, 6, 3), 1, date(2024, 6, 3)),  # the start day counts
    ],
)
def test_add_workdays(start: date, days: int, end: date) -> None:
    assert add_workdays(start, days) == end


def test_is_workday_and_count() -> None:
    assert not is_workday(date(2024, 10, 1))
    assert is_workday(date(2024, 9, 29))
    assert count_workdays(date(2024, 9, 27), date(2024, 10, 9)) == 5
    assert count_workdays(date(2024, 10, 9), date(2024, 9, 27)) == 0


def test_out_of_range_and_bad_days() -> None:
    first, last = supported_years()
    with pytest.raises(RulesError, match="工作日历"):
        add_workdays(date(last + 1, 1, 1), 1)
    with pytest.raises(RulesError):
        add_workdays(date(first - 1, 6, 1), 1)
    with pytest.raises(RulesError):
        add_workdays(date(2024, 6, 3), 0)

from datetime import date

import pytest

from cadre.rules.ages import age_on, birth_text, completed_years
from cadre.rules.dates import Month


@pytest.mark.parametrize(
    ("birth", "at", "age"),
    [
        (date(1972, 4, 15), date(2024, 4, 14), 51),
        (date(1972, 4, 15), date(2024, 4, 15), 52),
        (date(2000, 2, 29), date(2021, 2, 28), 20),
        (date(2000, 2, 29), date(2021, 3, 1), 21),
        # year-month only: the birthday counts as reached in its month
        (Month(1972, 4), date(2024, 4, 1), 52),
        (Month(1972, 4), date(2024, 3, 31), 51),
    ],
)
def test_age_on(birth: date | Month, at: date, age: int) -> None:
    assert age_on(birth, at) == age


def test_birth_text_for_adform() -> None:
    assert birth_text(Month(1972, 4), date(2024, 6, 1)) == "1972.04（52岁）"
    assert birth_text(date(1972, 4, 20), date(2024, 4, 1)) == "1972.04（51岁）"


def test_completed_years() -> None:
    assert completed_years(date(1995, 7, 1), date(2025, 6, 30)) == 29
    assert completed_years(date(2030, 1, 1), date(2025, 1, 1)) == 0

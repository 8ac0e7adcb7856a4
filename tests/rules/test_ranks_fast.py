"""The year-by-year arithmetic of rank eligibility against the month-by-month count it
replaced: the same months, the same first eligible month, the same results."""

from collections.abc import Mapping
from datetime import date
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules import ranks
from cadre.rules.assessment import BASIC, COMPETENT, EXCELLENT, INCOMPETENT, UNGRADED
from cadre.rules.dates import Month
from cadre.rules.ranks import EQUIVALENT_POSTS, NOT_COUNTED, RANKS, rank_eligibility
from tests.rules._hyp import PROPERTY


def month_tally(start: Month, end: Month, grade_of: Mapping[int, str]) -> ranks._Tally:
    """Reference: the month-by-month count."""
    t = ranks._Tally()
    m = start
    while m < end:
        g = grade_of.get(m.year)
        if g not in NOT_COUNTED:
            t.counted += 1
        if g == EXCELLENT:
            t.excellent.add(m.year)
        m = m + 1
    return t


def month_first_eligible(
    start: Month, limit: Month, grades: Mapping[int, str], base: int, reduction: int
) -> Month | None:
    """Reference: the month-by-month search."""
    t = ranks._Tally()
    e = start
    while e <= limit:
        if t.counted >= t.required(base, reduction):
            return e
        g = grades.get(e.year)
        if g == INCOMPETENT:
            return None
        if g not in NOT_COUNTED:
            t.counted += 1
        if g == EXCELLENT:
            t.excellent.add(e.year)
        e = e + 1
    return None


GRADE = st.sampled_from([EXCELLENT, COMPETENT, BASIC, INCOMPETENT, UNGRADED])
MONTHS = st.builds(Month, st.integers(1995, 2030), st.integers(1, 12))
GRADES = st.dictionaries(st.integers(1994, 2060), GRADE, max_size=25)


@PROPERTY
@given(start=MONTHS, span=st.integers(-30, 400), grades=GRADES)
def test_tally_matches_the_month_count(start: Month, span: int, grades: dict[int, str]) -> None:
    end = start.add(span)
    assert ranks._tally(start, end, grades) == month_tally(start, end, grades)


@PROPERTY
@given(
    start=MONTHS,
    span=st.integers(-5, 400),
    grades=GRADES,
    base=st.sampled_from([0, 1, 6, 12, 24, 36, 48, 60]),
    reduction=st.sampled_from([0, 1, 3, 6, 12, 30]),
)
def test_first_eligible_matches_the_month_search(
    start: Month, span: int, grades: dict[int, str], base: int, reduction: int
) -> None:
    limit = start.add(span)
    fast = ranks._first_eligible(start, limit, grades, base, reduction)
    assert fast == month_first_eligible(start, limit, grades, base, reduction)


@pytest.mark.parametrize("base", [0, 12, 24, 36, 48])
@pytest.mark.parametrize("reduction", [0, 6, 12])
def test_first_eligible_on_every_start_month_and_grade_pattern(base: int, reduction: int) -> None:
    patterns = [
        {},
        {2021: EXCELLENT},
        {2021: EXCELLENT, 2022: EXCELLENT, 2023: EXCELLENT},
        {2021: BASIC, 2022: EXCELLENT},
        {2020: UNGRADED, 2021: EXCELLENT, 2022: BASIC, 2023: EXCELLENT},
        {2022: INCOMPETENT},
        {2020: EXCELLENT, 2024: INCOMPETENT},
    ]
    for grades in patterns:
        for i in range(36):
            start = Month(2019, 1).add(i)
            limit = start.add(ranks.SEARCH_YEARS * 12)
            fast = ranks._first_eligible(start, limit, grades, base, reduction)
            assert fast == month_first_eligible(start, limit, grades, base, reduction)


CURRENT = st.sampled_from([*RANKS, *EQUIVALENT_POSTS])
NAMED_GRADES = st.dictionaries(
    st.integers(2000, 2030), st.sampled_from(["优秀", "称职", "基本称职", "不称职", "不定等次"])
)


@PROPERTY
@given(
    current=CURRENT,
    held=st.dates(date(2000, 1, 1), date(2026, 12, 31)),
    grades=NAMED_GRADES,
    as_of=st.dates(date(2015, 1, 1), date(2030, 12, 31)),
)
def test_rank_eligibility_matches_the_month_by_month_rule(
    current: str, held: date, grades: dict[int, str], as_of: date
) -> None:
    fast = rank_eligibility(current, held, grades, [], as_of)
    with (
        mock.patch.object(ranks, "_tally", month_tally),
        mock.patch.object(ranks, "_first_eligible", month_first_eligible),
    ):
        slow = rank_eligibility(current, held, grades, [], as_of)
    assert fast == slow

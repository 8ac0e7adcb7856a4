from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.idnumber import check_char, validate_id_number
from tests.rules._hyp import PROPERTY


def test_valid_18_with_lowercase_x() -> None:
    r = validate_id_number("11010519491231002x")
    assert r.valid
    assert r.normalized == "11010519491231002X"
    assert r.birth_date == date(1949, 12, 31)
    assert r.gender == "女"  # 17th digit 2 is even
    assert r.errors == []


def test_male_from_odd_17th_digit() -> None:
    body = "44030419900101001"
    r = validate_id_number(body + check_char(body))
    assert r.valid and r.gender == "男"


def test_15_digit_conversion() -> None:
    r = validate_id_number("110105491231002")
    assert r.valid
    assert r.normalized == "11010519491231002X"
    assert r.birth_date == date(1949, 12, 31)


def test_bad_checksum() -> None:
    r = validate_id_number("110105194912310021")
    assert not r.valid
    assert r.normalized is None
    assert any("校验码" in e for e in r.errors)


def test_impossible_and_future_birth_dates() -> None:
    body = "11010519990230001"
    r = validate_id_number(body + check_char(body))
    assert not r.valid and any("出生日期" in e for e in r.errors)
    body = "11010520990101001"
    r = validate_id_number(body + check_char(body), today=date(2025, 1, 1))
    assert not r.valid and any("晚于" in e for e in r.errors)


def test_length_and_characters() -> None:
    for bad in ["", "123", "11010519491231002", "1101051949123100XX", "11010519491231002Y"]:
        r = validate_id_number(bad)
        assert not r.valid
        assert r.errors and all(isinstance(e, str) for e in r.errors)


def test_checksum_weights_example() -> None:
    # GB 11643 worked example
    assert check_char("11010519491231002") == "X"


@PROPERTY
@given(
    region=st.integers(110000, 659999),
    birth=st.dates(date(1900, 1, 1), date(2020, 12, 31)),
    seq=st.integers(0, 999),
)
def test_generated_numbers_validate(region: int, birth: date, seq: int) -> None:
    body = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    number = body + check_char(body)
    r = validate_id_number(number.lower(), today=date(2025, 1, 1))
    assert r.valid and r.normalized == number
    assert r.birth_date == birth
    assert r.gender == ("男" if seq % 2 else "女")
    # changing the check char breaks it
    other = "0" if number[-1] != "0" else "1"
    assert not validate_id_number(body + other).valid
    if birth.year >= 1900 and birth.year < 2000:
        legacy = f"{region:06d}{birth:%y%m%d}{seq:03d}"
        assert validate_id_number(legacy).normalized == number

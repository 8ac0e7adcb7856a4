"""The check weights are parsed once per Params object: each object keeps its own figures,
and a replaced object's figures are not used for another."""

from __future__ import annotations

import gc

from cadre.rules import idnumber
from cadre.rules.idnumber import check_char
from cadre.rules.params import Params

GB_WEIGHTS = "7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2"
BODY = "11010519491231002"


def _plain_check(body: str, weights: str, chars: str) -> str:
    total = sum(int(c) * int(w) for c, w in zip(body, weights.split(","), strict=True))
    return chars[total % 11]


def test_given_two_params_with_other_weights_then_each_gives_its_own_check_char() -> None:
    other_weights = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"
    standard = Params()
    other = Params({"idnumber.check_weights": other_weights})
    for _ in range(3):  # cached after the first call: the answers must not mix
        assert check_char(BODY, standard) == "X"
        assert check_char(BODY, other) == _plain_check(BODY, other_weights, "10X98765432")
    assert check_char(BODY, other) != check_char(BODY, standard)


def test_given_other_check_chars_then_they_are_used() -> None:
    chars = "ABCDEFGHIJK"
    params = Params({"idnumber.check_chars": chars})
    assert check_char(BODY, params) == _plain_check(BODY, GB_WEIGHTS, chars)


def test_given_a_params_object_dropped_then_its_cache_entry_goes_with_it() -> None:
    params = Params({"idnumber.check_weights": GB_WEIGHTS})
    check_char(BODY, params)
    assert params in idnumber._CHECK
    before = len(idnumber._CHECK)
    del params
    gc.collect()
    assert len(idnumber._CHECK) == before - 1

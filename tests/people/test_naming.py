"""Pinyin keys and the test of whether a text could begin a name's full pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.people.naming import SYLLABLES, could_be_full_pinyin, pinyin_full


def test_syllable_table_is_pypinyin_s() -> None:
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    written = {
        to_normal(reading).replace("ü", "v")
        for readings in pinyin_dict.values()
        for reading in readings.split(",")
    }
    assert written - {"ê"} == SYLLABLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zhangjun", True),
        ("zhangj", True),  # whole syllables, then the beginning of one
        ("z", True),
        ("ouyangnana", True),
        ("lv", True),  # ü is written v
        ("zjg", False),  # no syllable starts "zj"
        ("oynn", False),
        ("qq", False),
        ("jg", False),
    ],
)
def test_could_be_full_pinyin(text: str, expected: bool) -> None:
    assert could_be_full_pinyin(text) is expected


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@settings(max_examples=300, deadline=None)
@given(st.text(HAN, min_size=1, max_size=4))
def test_every_prefix_of_a_real_full_pinyin_could_be_one(name: str) -> None:
    # The search drops the full-pinyin half only for texts this says no to: it must never
    # say no to the beginning of a name's pinyin.
    full = pinyin_full(name)
    assert all(could_be_full_pinyin(full[:i]) for i in range(1, len(full) + 1))

"""Hypothesis: whatever bytes or XML arrive, the LRMX reader either reads them or refuses them
with InterchangeRefused — never another exception."""

from __future__ import annotations

import contextlib
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.lrmx.convert import convert
from cadre.interchange.lrmx.parse import parse_lrmx, read_lrmx_files
from cadre.interchange.lrmx.schema import FAMILY_ITEM, TEXT_ELEMENTS

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)


@FUZZ
@given(st.binary(max_size=4096))
def test_fuzz_random_bytes(data):
    with contextlib.suppress(InterchangeRefused):
        parse_lrmx(data, "f.lrmx")


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["f.zip", "f.lrmx", "f.xml"]))
def test_fuzz_random_uploads(data, name):
    try:
        for entry, content in read_lrmx_files(data, name):
            parse_lrmx(content, entry)
    except InterchangeRefused:
        pass


@pytest.mark.django_db
@FUZZ
@given(
    st.dictionaries(st.sampled_from([*TEXT_ELEMENTS, "Unknown"]), xml_text, max_size=12),
    st.lists(st.dictionaries(st.sampled_from(FAMILY_ITEM), xml_text, max_size=5), max_size=3),
)
def test_fuzz_random_values_are_read_or_reported(county, values, family):
    body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in values.items())
    items = "".join(
        "<Item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in f.items()) + "</Item>"
        for f in family
    )
    data = f"<Person>{body}<JiaTingChengYuan>{items}</JiaTingChengYuan></Person>".encode()
    try:
        person = parse_lrmx(data, "f.lrmx")
    except InterchangeRefused:
        return
    record = convert("f.lrmx", person)
    assert all(p.message for p in record.problems)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre.rules.dates import Month
from cadre.rules.errors import RulesError
from cadre.rules.resume import ResumeEntry, format_line, format_resume, parse_resume
from tests.rules._hyp import PROPERTY


def test_line_format_exact() -> None:
    e = ResumeEntry(Month(1991, 9), Month(1995, 7), "XX大学XX专业学习")
    assert format_line(e) == "1991.09--1995.07  XX大学XX专业学习"
    open_end = ResumeEntry(Month(2019, 3), None, "XX局局长")
    assert format_line(open_end) == "2019.03--         XX局局长"
    assert format_line(open_end)[9:18] == " " * 9


def test_parse_basic_and_open_end() -> None:
    text = "1991.09--1995.07  XX大学XX专业学习\n2019.03--         XX局局长"
    assert parse_resume(text) == [
        ResumeEntry(Month(1991, 9), Month(1995, 7), "XX大学XX专业学习"),
        ResumeEntry(Month(2019, 3), None, "XX局局长"),
    ]


def test_crlf_full_width_spaces_and_variants() -> None:
    text = (
        "1991.09--1995.07\u3000\u3000XX大学学习\r\n"
        "１９９５．０７－－２０００．０１  XX局科员\r\n"
        "2000.01-至今 XX局副局长"
    )
    entries = parse_resume(text)
    assert [(str(e.start), str(e.end) if e.end else None) for e in entries] == [
        ("1991-09", "1995-07"),
        ("1995-07", "2000-01"),
        ("2000-01", None),
    ]
    assert entries[0].text == "XX大学学习"
    assert entries[2].text == "XX局副局长"


def test_during_parts() -> None:
    text = (
        "1995.07--2001.03  XX县XX局科员（其间：1997.09--1999.07在XX大学（北京）在职学习；挂职锻炼）"
    )
    [e] = parse_resume(text)
    assert e.text == "XX县XX局科员"
    assert e.during == (
        ResumeEntry(Month(1997, 9), Month(1999, 7), "在XX大学（北京）在职学习"),
        ResumeEntry(None, None, "挂职锻炼"),
    )
    assert format_line(e) == text


def test_continuation_lines_join_previous_entry() -> None:
    text = (
        "2001.03--         XX局副局长，\n"
        "           兼XX办公室主任\n"
        "           （其间：2003.03--2003.06参加XX培训）"
    )
    [e] = parse_resume(text)
    assert e.text == "XX局副局长，兼XX办公室主任"
    assert e.during == (ResumeEntry(Month(2003, 3), Month(2003, 6), "参加XX培训"),)
    assert format_resume(parse_resume(format_resume([e]))) == format_resume([e])


def test_leading_text_without_date() -> None:
    [e, f] = parse_resume("说明文字\n2001.03--2002.03  XX")
    assert e.start is None and e.text == "说明文字"
    assert f.start == Month(2001, 3)


def test_impossible_month() -> None:
    with pytest.raises(RulesError, match="第2行"):
        parse_resume("2001.03--2002.03  XX\n2002.13--2003.01  YY")


def test_newline_choice() -> None:
    entries = [
        ResumeEntry(Month(2001, 1), Month(2002, 1), "A"),
        ResumeEntry(Month(2002, 1), None, "B"),
    ]
    assert format_resume(entries, "\r\n") == "2001.01--2002.01  A\r\n2002.01--         B"
    assert parse_resume(format_resume(entries, "\r\n")) == entries


_TEXT = st.text(
    alphabet=st.sampled_from(list("局县委办公室科员大学学习在XX工作副主任书记，、（）·ABC123")),
    min_size=1,
    max_size=20,
).filter(lambda t: not t[0].isdigit() and t.count("（") == t.count("）") and "（）" not in t)
_MONTH = st.builds(Month, st.integers(1950, 2030), st.integers(1, 12))


def _balanced(t: str) -> bool:
    depth = 0
    for ch in t:
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


_CLEAN = _TEXT.filter(_balanced)
_ITEM = st.one_of(
    st.builds(ResumeEntry, _MONTH, st.one_of(st.none(), _MONTH), _CLEAN),
    st.builds(ResumeEntry, st.none(), st.none(), _CLEAN),
)
_ENTRY = st.builds(
    ResumeEntry,
    _MONTH,
    st.one_of(st.none(), _MONTH),
    _CLEAN,
    st.lists(_ITEM, max_size=3).map(tuple),
)


@PROPERTY
@given(st.lists(_ENTRY, max_size=6))
def test_round_trip(entries: list[ResumeEntry]) -> None:
    text = format_resume(entries)
    assert parse_resume(text) == entries
    assert format_resume(parse_resume(text)) == text


@PROPERTY
@given(
    st.text(alphabet=st.sampled_from(list("0123456789.-— \u3000\n\r局（）其间：；XX")), max_size=80)
)
def test_format_of_parse_is_stable(raw: str) -> None:
    try:
        once = format_resume(parse_resume(raw))
    except RulesError:
        return
    assert format_resume(parse_resume(once)) == once

from datetime import date

from cadre.rules.audit import (
    DossierFacts,
    Span,
    audit_dossier,
    check_appointments,
    check_education,
    check_id_against_record,
    check_party_age,
    check_resume,
    check_retirement,
    check_work_age,
)
from cadre.rules.dates import Month
from cadre.rules.errors import Finding
from cadre.rules.idnumber import check_char
from cadre.rules.resume import ResumeEntry

BODY = "44030419720405001"  # born 1972-04-05, 17th digit 1 → 男
ID = BODY + check_char(BODY)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_id_matches_record() -> None:
    assert check_id_against_record(ID, date(1972, 4, 5), "男") == []
    assert check_id_against_record(ID, Month(1972, 4), "男") == []


def test_birth_and_gender_mismatch() -> None:
    fs = check_id_against_record(ID, date(1972, 5, 4), "女")
    assert codes(fs) == ["birth_mismatch", "gender_mismatch"]
    assert "1972-04-05" in fs[0].message and "不一致" in fs[0].message
    assert codes(check_id_against_record(ID, Month(1972, 5), None)) == ["birth_mismatch"]


def test_invalid_id_flagged() -> None:
    assert codes(check_id_against_record("123", None, None)) == ["id_invalid"]
    assert check_id_against_record(None, None, None) == []


def test_work_before_16_is_a_warning() -> None:
    [f] = check_work_age(date(1972, 4, 5), date(1988, 4, 4))
    assert f.code == "work_too_young" and f.severity == "warning" and "16" in f.message
    assert check_work_age(date(1972, 4, 5), date(1988, 4, 5)) == []
    assert check_work_age(Month(1972, 4), Month(1988, 4)) == []


def test_party_before_18() -> None:
    [f] = check_party_age(date(1972, 4, 5), date(1990, 4, 4))
    assert f.code == "party_too_young" and f.severity == "error"
    assert check_party_age(date(1972, 4, 5), date(1990, 4, 5)) == []


def test_education_inverted_and_overlapping() -> None:
    fs = check_education([Span(Month(1995, 9), Month(1991, 7), "XX大学")])
    assert codes(fs) == ["education_inverted"]
    fs = check_education(
        [
            Span(Month(1991, 9), Month(1995, 7), "本科"),
            Span(Month(1994, 9), Month(1997, 7), "在职研究生"),
        ]
    )
    assert codes(fs) == ["education_overlap"]
    ok = [
        Span(Month(1991, 9), Month(1995, 7), "本科"),
        Span(Month(1995, 9), Month(1998, 7), "硕士"),
    ]
    assert check_education(ok) == []
    # a long programme containing two later ones
    fs = check_education(
        [
            Span(date(1990, 9, 1), date(2000, 7, 1), "A"),
            Span(date(1992, 9, 1), date(1993, 7, 1), "B"),
            Span(date(1994, 9, 1), date(1995, 7, 1), "C"),
        ]
    )
    assert codes(fs) == ["education_overlap", "education_overlap"]


def test_resume_gaps_and_overlaps() -> None:
    text = (
        "1991.09--1995.07  XX大学学习\n"
        "1995.07--1998.09  XX局科员（其间：1996.01--1997.01在XX挂职）\n"
        "1998.10--2001.03  XX局副科长\n"  # one month between: allowed
        "2001.06--2003.01  XX局科长\n"  # 2 months missing: gap
        "2002.10--         XX局副局长"  # overlap
    )
    fs = check_resume(text)
    assert codes(fs) == ["resume_gap", "resume_overlap"]
    assert "空缺2个月" in fs[0].message
    fs = check_resume([ResumeEntry(Month(2001, 1), Month(2000, 1), "X")])
    assert codes(fs) == ["resume_inverted"]
    fs = check_resume(
        [ResumeEntry(Month(2001, 1), None, "X"), ResumeEntry(Month(2002, 1), None, "Y")]
    )
    assert codes(fs) == ["resume_overlap"]


def test_appointment_before_work() -> None:
    fs = check_appointments(date(1995, 7, 1), [Span(date(1995, 6, 1), None, "科员")])
    assert codes(fs) == ["appointment_before_work"]
    assert check_appointments(date(1995, 7, 1), [Span(date(1995, 7, 1), None, "科员")]) == []
    assert check_appointments(Month(1995, 7), [Span(date(1995, 7, 1), None, "科员")]) == []


def test_in_office_past_retirement() -> None:
    [f] = check_retirement(Month(1965, 3), "男", date(2025, 5, 1))
    assert f.code == "past_retirement" and "2025年4月" in f.message
    assert check_retirement(Month(1965, 3), "男", date(2025, 4, 30)) == []
    assert check_retirement(Month(1965, 3), "男", date(2025, 5, 1), in_office=False) == []
    assert (
        check_retirement(
            Month(1965, 3), "男", date(2025, 5, 1), retire_month_override=Month(2026, 1)
        )
        == []
    )


def test_audit_dossier_all_clean_and_all_flags() -> None:
    clean = DossierFacts(
        as_of=date(2024, 6, 1),
        id_number=ID,
        birth=date(1972, 4, 5),
        gender="男",
        work_started_on=date(1995, 7, 1),
        party_joined_on=date(1994, 5, 1),
        education=[Span(Month(1991, 9), Month(1995, 7), "本科")],
        resume="1991.09--1995.07  XX大学学习\n1995.07--         XX局",
        appointments=[Span(date(2010, 1, 1), None, "副局长")],
        retirement_category="男",
    )
    assert audit_dossier(clean) == []
    dirty = DossierFacts(
        as_of=date(2040, 6, 1),
        id_number=ID,
        birth=date(1972, 4, 6),
        gender="女",
        work_started_on=date(1987, 7, 1),
        party_joined_on=date(1989, 5, 1),
        education=[Span(Month(1995, 9), Month(1991, 7), "本科")],
        resume="1991.09--1995.07  XX\n1996.07--         YY",
        appointments=[Span(date(1987, 1, 1), None, "干事")],
        retirement_category="男",
    )
    assert set(codes(audit_dossier(dirty))) == {
        "birth_mismatch",
        "gender_mismatch",
        "work_too_young",
        "party_too_young",
        "education_inverted",
        "resume_gap",
        "appointment_before_work",
        "past_retirement",
    }

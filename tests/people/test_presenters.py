"""Display conventions of the adform (FORMS.md §1, RULES.md §1, §13), as table tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as Row

import pytest

from cadre.people.presenters import (
    assessment_summary,
    birth_text,
    education_cell,
    family_rows,
    month_text,
    party_text,
    resume_lines,
    rewards_text,
)
from cadre.people.presenters.education import degree_label
from cadre.people.presenters.resume import resume_display

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("birth", "at", "expected"),
    [
        (D(1972, 4, 15), D(2024, 5, 1), "1972.04（52岁）"),
        # The adform keeps yyyyMM: the birthday counts as reached in its month.
        (D(1972, 4, 30), D(2024, 4, 1), "1972.04（52岁）"),
        (D(1972, 4, 15), D(2024, 3, 31), "1972.04（51岁）"),
        (D(1980, 12, 1), D(2024, 12, 31), "1980.12（44岁）"),
        (None, D(2024, 1, 1), ""),
    ],
)
def test_given_birth_and_age_date_when_formatted_then_adform_birth_text(birth, at, expected):
    assert birth_text(birth, at) == expected


def test_given_no_date_when_month_text_then_blank():
    assert month_text(None) == ""
    assert month_text(D(2001, 8, 17)) == "2001.08"


@pytest.mark.parametrize(
    ("status", "joined", "other", "expected"),
    [
        ("01", D(2001, 8, 1), "", "2001.08"),
        ("02", D(2023, 6, 1), "", "2023.06"),
        ("06", None, "", "民建"),
        ("01", D(2001, 8, 1), "06", "2001.08；民建"),
        ("10", None, "", "九三学社"),
        ("13", None, "", ""),
        ("12", None, "", ""),
        ("03", None, "", ""),
        ("01", None, "", ""),
    ],
)
def test_given_political_status_when_party_text_then_adform_convention(
    status, joined, other, expected
):
    assert party_text(status, joined, other) == expected


def _edu(track, education, degree="", degree_name="", school="", major="", sort=0):
    return Row(
        track=track,
        education=education,
        degree=degree,
        degree_name=degree_name,
        school=school,
        major=major,
        sort=sort,
    )


def test_given_university_with_bachelor_when_full_time_cell_then_two_lines_and_school():
    cell = education_cell(
        [_edu("full_time", "21", "4", "理学学士", "北京大学", "化学系化学专业")], "full_time"
    )
    assert cell.education_degree == "大学\n理学学士"
    assert cell.schools == "北京大学化学系化学专业"


def test_given_party_school_entered_as_full_time_when_cells_then_it_is_in_service():
    items = [
        _edu("full_time", "31", school="河北师范大学", major="汉语言文学专业"),
        _edu("full_time", "1A", school="中央党校", major="经济管理专业"),
    ]
    assert education_cell(items, "full_time").education_degree == "大专"
    in_service = education_cell(items, "in_service")
    assert in_service.education_degree == "中央党校研究生"
    assert in_service.schools == "中央党校经济管理专业"


def test_given_high_school_when_cell_then_no_school_written():
    cell = education_cell([_edu("full_time", "61", school="正定中学")], "full_time")
    assert cell.education_degree == "高中"
    assert cell.schools == ""


def test_given_degree_from_another_school_when_cell_then_both_schools_on_two_lines():
    items = [
        _edu("in_service", "14", school="河北大学", major="法律专业", sort=0),
        _edu("in_service", "21", "3", "法律硕士", "中国政法大学", "法学院", sort=1),
    ]
    cell = education_cell(items, "in_service")
    assert cell.education_degree == "研究生\n法律硕士"
    assert cell.schools == "河北大学法律专业\n中国政法大学法学院"


def test_given_no_education_in_track_when_cell_then_empty():
    cell = education_cell([_edu("full_time", "21")], "in_service")
    assert cell.is_empty
    assert cell.education_degree == "" and cell.schools == ""


@pytest.mark.parametrize(
    ("degree", "name", "expected"),
    [("4", "理学学士", "理学学士"), ("4", "理学", "理学学士"), ("3", "", "硕士"), ("", "", "")],
)
def test_given_degree_code_and_name_when_label_then_full_degree(degree, name, expected):
    assert degree_label(degree, name) == expected


def _resume(pk, start, end, text, parent=None, sort=0):
    return Row(pk=pk, parent_id=parent, started_on=start, ended_on=end, text=text, sort=sort)


def test_given_resume_rows_when_formatted_then_rules_13_lines_with_during_part():
    rows = [
        _resume(1, D(1991, 9, 1), D(1995, 7, 1), "河北大学化学系化学专业学习", sort=0),
        _resume(2, D(1995, 7, 1), D(2019, 3, 1), "某某县财政局科员", sort=1),
        _resume(3, D(2003, 9, 1), D(2006, 7, 1), "在河北大学法律专业在职学习", parent=2),
        _resume(4, D(2019, 3, 1), None, "某某县财政局副局长", sort=2),
    ]
    assert resume_lines(rows) == [
        "1991.09--1995.07  河北大学化学系化学专业学习",
        "1995.07--2019.03  某某县财政局科员（其间：2003.09--2006.07在河北大学法律专业在职学习）",
        "2019.03--         某某县财政局副局长",
    ]
    display = resume_display(rows)
    assert display[2].dates == "2019.03--       "
    assert display[2].text == "某某县财政局副局长"
    assert display[0].line == "1991.09--1995.07  河北大学化学系化学专业学习"


def test_given_rows_out_of_order_when_formatted_then_sorted_by_sort_then_start():
    rows = [
        _resume(2, D(2000, 1, 1), None, "后", sort=1),
        _resume(1, D(1995, 1, 1), D(2000, 1, 1), "前", sort=0),
    ]
    assert [line[-1] for line in resume_lines(rows)] == ["前", "后"]


def _grade(year, grade):
    return Row(year=year, grade=grade)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([(2022, "1"), (2023, "2"), (2024, "2")], "2022年度考核优秀，2023、2024年度考核均为称职"),
        ([(2023, "2"), (2024, "2")], "2023、2024年度考核均为称职"),
        ([(2024, "1")], "2024年度考核优秀"),
        ([(2020, "2"), (2021, "2"), (2022, "1"), (2023, "1"), (2024, "1")],
         "2022、2023、2024年度考核均为优秀"),
        ([(2022, "2"), (2023, "3"), (2024, "2")],
         "2022年度考核称职，2023年度考核基本称职，2024年度考核称职"),
        ([(2023, "6"), (2024, "2")], "2023年度不参加考核，2024年度考核称职"),
        ([(2024, "5")], "2024年度考核不定等次"),
        ([], ""),
    ],
)  # fmt: skip
def test_given_annual_results_when_summarised_then_adform_text(items, expected):
    assert assessment_summary([_grade(y, g) for y, g in items]) == expected


def test_given_results_after_age_date_when_summarised_then_later_years_left_out():
    items = [_grade(2022, "2"), _grade(2023, "2"), _grade(2024, "1")]
    assert assessment_summary(items, up_to_year=2023) == "2022、2023年度考核均为称职"


def _reward(kind, when, issuer="", title=""):
    return Row(kind=kind, awarded_on=when, issuer=issuer, title=title)


def _sanction(kind, measure, when, issuer="", years=None, revoked=None):
    return Row(
        kind=kind,
        measure=measure,
        effective_on=when,
        issuer=issuer,
        observation_years=years,
        revoked_on=revoked,
    )


def test_given_no_rewards_or_sanctions_when_text_then_wu():
    assert rewards_text([], []) == "无"


def test_given_rewards_and_sanctions_when_text_then_sentences_in_date_order():
    text = rewards_text(
        [
            _reward("02", D(2020, 1, 5), "某某县人民政府"),
            _reward("01", D(2018, 12, 1), "某某县人民政府"),
            _reward("05", D(2021, 6, 30), "中共某某县委", "优秀共产党员"),
        ],
        [_sanction("1", "102", D(2019, 3, 15), "某某县监察委员会")],
    )
    assert text == (
        "2018年12月获某某县人民政府嘉奖；2019年3月受到某某县监察委员会政务记过处分；"
        "2020年1月被某某县人民政府记三等功；2021年6月被中共某某县委授予“优秀共产党员”称号。"
    )


@pytest.mark.parametrize(
    ("sanction", "expected"),
    [
        (_sanction("2", "201", D(2020, 5, 1)), "2020年5月受到党内警告处分。"),
        (_sanction("2", "204", D(2020, 5, 1), years=2), "2020年5月受到留党察看二年处分。"),
        (_sanction("3", "301", D(2020, 5, 1)), "无"),  # 诫勉 is not a 处分
        (_sanction("4", "404", D(2020, 5, 1)), "无"),  # nor is 组织处理
        (_sanction("1", "102", D(2020, 5, 1), revoked=D(2021, 1, 1)), "无"),
    ],
)
def test_given_one_sanction_when_text_then_written_or_left_out(sanction, expected):
    assert rewards_text([], [sanction]) == expected


def _member(pk, relation, name, birth, *, deceased=False, work="", status="13", sort=0):
    return Row(
        pk=pk,
        relation=relation,
        name=name,
        birth_date=birth,
        political_status=status,
        work_unit_position=work,
        is_deceased=deceased,
        is_emigrated=False,
        sort=sort,
    )


def test_given_family_when_rows_then_spouse_children_parents_order_and_deceased_blank_age():
    rows = family_rows(
        [
            _member(1, "51", "张父", D(1945, 2, 1), deceased=True, sort=0),
            _member(2, "20", "张子", D(2005, 9, 1), work="某某中学学生", sort=1),
            _member(3, "12", "王妻", D(1975, 3, 1), work="某某县医院医生", status="01", sort=2),
            _member(4, "52", "李母", D(1948, 6, 1), work="退休", sort=3),
        ],
        D(2024, 5, 1),
    )
    assert [(r.relation, r.name) for r in rows] == [
        ("妻子", "王妻"),
        ("儿子", "张子"),
        ("父亲", "张父"),
        ("母亲", "李母"),
    ]
    wife, son, father, mother = rows
    assert (wife.birth, wife.age_text, wife.political_status) == ("1975.03", "49", "中共党员")
    assert son.age == 18
    assert father.age is None and father.age_text == ""
    assert father.work == "已去世"
    assert mother.work == "退休" and mother.age == 75


def test_given_deceased_with_former_work_when_rows_then_work_marked_deceased():
    rows = family_rows(
        [_member(1, "51", "张父", None, deceased=True, work="原某某厂工人")], D(2024, 1, 1)
    )
    assert rows[0].work == "原某某厂工人（已去世）"
    assert rows[0].birth == ""

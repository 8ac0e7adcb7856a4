"""The adform, policy analysis and change-history presenters over stored records."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.people.models import Cadre
from cadre.people.presenters import build_adform
from cadre.people.presenters.history import change_rows
from cadre.people.presenters.policy import analyse
from cadre.people.views.profile.loading import ADFORM_PARTS
from cadre.posts.models import Appointment
from cadre.rules.params import Params
from tests.people.profile_data import fill_record

pytestmark = pytest.mark.django_db

AT = dt.date(2024, 5, 1)


def loaded(cadre: Cadre, *parts: str) -> Cadre:
    return Cadre.objects.select_related("unit").prefetch_related(*parts).get(pk=cadre.pk)


def test_given_full_record_when_adform_then_every_cell_filled(county):
    fill_record(county.cadre_a, family=4)
    form = build_adform(loaded(county.cadre_a, *ADFORM_PARTS), at=AT, params=Params())
    assert (form.name, form.gender, form.birth, form.age) == ("张建国", "男", "1980.05（44岁）", 44)
    assert (form.ethnicity, form.native_place, form.birthplace) == (
        "汉族",
        "河北石家庄",
        "河北正定",
    )
    assert (form.party, form.work_started, form.health) == ("2001.08", "2002.07", "健康")
    assert form.full_time.education_degree == "大学\n理学学士"
    assert form.in_service.education_degree == "研究生\n法律硕士"
    assert (
        form.resume[1].text
        == "某某县某某局工作2（其间：1999.09--2000.09在中共河北省委党校在职研究生学习）"
    )
    assert form.resume[-1].dates == "2000.09--       "
    assert form.rewards == "2015年12月获某某县人民政府嘉奖；2016年5月受到政务警告处分。"
    assert form.assessments == "2022年度考核优秀，2023、2024年度考核均为称职"
    assert [r.name for r in form.family] == ["家属1", "家属2", "家属3", "家属4"]
    assert form.family[3].work == "某某单位4（已去世）" and form.family[3].age is None
    assert len(form.family_blank_rows) == 2 and form.family_row_span == 7
    assert form.unit_name == "甲镇"


def test_given_man_born_1980_when_adform_then_retirement_at_63(county):
    form = build_adform(loaded(county.cadre_a, *ADFORM_PARTS), at=AT, params=Params())
    assert form.retire_month == "2043.05"
    assert form.retire_age == "63岁"
    assert form.pre_reform_age == "60周岁"


def test_given_empty_record_when_adform_then_blank_cells_and_wu(county):
    form = build_adform(loaded(county.cadre_b, *ADFORM_PARTS), at=AT, params=Params())
    assert form.full_time.is_empty and form.in_service.is_empty
    assert form.resume == [] and form.family == []
    assert form.rewards == "无"
    assert form.assessments == ""
    assert form.party == ""


def test_given_age_date_when_adform_then_ages_follow_it(county):
    fill_record(county.cadre_a)
    cadre = loaded(county.cadre_a, *ADFORM_PARTS)
    early = build_adform(cadre, at=dt.date(2000, 1, 1), params=Params())
    assert early.birth == "1980.05（19岁）"
    assert early.family[0].age == 49  # born 1950.03


def test_given_woman_county_leader_when_policy_then_configurable_retirement(county):
    cadre = county.cadre_b  # 女, born 1980-05
    Appointment.objects.create(
        cadre=cadre, title="某某县副县长", position_level="32", started_on=dt.date(2020, 1, 1)
    )
    cadre.position_level, cadre.is_leader = "32", True
    cadre.save()
    parts = ("sanctions", "assessments", "ranks", "appointments", "educations", "resume_entries")
    result = analyse(loaded(cadre, *parts), at=AT, params=Params())
    assert result.retirement is not None
    assert result.retirement.configurable
    assert result.retirement.retire_month.cn() == "2040年5月"


def test_given_township_deputy_without_rank_when_policy_then_post_based_eligibility(county):
    cadre = county.cadre_a
    Appointment.objects.create(
        cadre=cadre, title="某某镇副镇长", position_level="42", started_on=dt.date(2021, 3, 1)
    )
    cadre.position_level, cadre.position_level_since = "42", dt.date(2021, 3, 1)
    cadre.save()
    parts = ("sanctions", "assessments", "ranks", "appointments", "educations", "resume_entries")
    result = analyse(loaded(cadre, *parts), at=AT, params=Params())
    assert [e.target_rank for e in result.eligibilities] == ["三级主任科员"]
    assert result.eligibilities[0].eligible
    assert result.eligibilities[0].eligible_from is not None
    assert str(result.eligibilities[0].eligible_from) == "2023-03"


@pytest.mark.parametrize(
    ("target", "changes", "expected"),
    [
        ("people.cadre", {"gender": ["1", "2"]}, [("性别", "男", "女")]),
        ("people.cadre", {"unit_id": [1, 2]}, [("所在单位", "1", "2")]),
        ("posts.appointment", {"unit_id": [1, 2]}, [("任职单位", "某某县", "2")]),
        ("people.cadre", {"birth_date": [None, "1980-05-12"]},
         [("出生日期", "（空）", "1980-05-12")]),
        ("people.familymember", {"is_deceased": [False, True]}, [("已去世", "否", "是")]),
        ("people.familymember", {"relation": ["12", "11"]}, [("称谓", "妻子", "丈夫")]),
        ("people.sanction", {"measure": [None, "102"]}, [("处分种类", "（空）", "记过")]),
        ("people.annualassessment", {"grade": ["2", "1"]}, [("考核结果", "称职", "优秀")]),
        ("posts.appointment", {"position_level": ["42", "41"]},
         [("职务层次", "乡科级副职", "乡科级正职")]),
        ("people.education", {"track": ["full_time", "in_service"]},
         [("教育类别", "全日制教育", "在职教育")]),
        ("people.cadre", {"id_number_cipher": ["a", "b"]},
         [("身份证号（密文）", "（已加密，不显示）", "（已加密，不显示）")]),
        ("people.cadre", {"id_number": ["***", "***"]}, [("身份证号", "***", "***")]),
        ("unknown.model", {"whatever": "x"}, [("whatever", "（空）", "x")]),
    ],
)  # fmt: skip
def test_given_audit_changes_when_rows_then_chinese_labels_and_names(target, changes, expected):
    rows = change_rows(target, changes, units={"1": "某某县"} if "appointment" in target else {})
    assert [(r.label, r.before, r.after) for r in rows] == expected

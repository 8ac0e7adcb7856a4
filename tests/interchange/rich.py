"""A cadre with every part the adform shows, for export and round-trip tests."""

from __future__ import annotations

import datetime as dt

from cadre.org.models import Unit
from cadre.people import derived
from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    CadrePhoto,
    Education,
    FamilyMember,
    ResumeEntry,
    Reward,
)
from tests.factories import make_cadre

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4 + b"\xff\xd9"


def rich_cadre(unit: Unit, name: str = "王建华") -> Cadre:
    c = make_cadre(
        unit,
        name,
        birth=dt.date(1972, 4, 15),
        ethnicity="01",
        native_place="河北石家庄",
        birthplace="河北正定",
        political_status="01",
        party_joined_on=dt.date(1995, 6, 1),
        work_started_on=dt.date(1994, 7, 1),
        health="1",
        professional_title="高级经济师",
        specialty="经济管理",
        current_position="甲镇党委书记",
    )
    Education.objects.create(
        cadre=c,
        track="full_time",
        education="21",
        degree="4",
        degree_name="经济学学士",
        school="河北大学经济系",
        major="经济学专业",
    )
    Education.objects.create(
        cadre=c, track="in_service", education="1A", sort=1, school="中央党校", major="经济学专业"
    )
    first = ResumeEntry.objects.create(
        cadre=c,
        started_on=dt.date(1990, 9, 1),
        ended_on=dt.date(1994, 7, 1),
        text="河北大学经济系经济学专业学习",
    )
    ResumeEntry.objects.create(
        cadre=c,
        started_on=dt.date(1994, 7, 1),
        ended_on=dt.date(2016, 3, 1),
        text="某某县财政局科员、副局长",
        sort=1,
    )
    last = ResumeEntry.objects.create(
        cadre=c, started_on=dt.date(2016, 3, 1), text="甲镇党委书记", sort=2
    )
    ResumeEntry.objects.create(
        cadre=c,
        parent=last,
        started_on=dt.date(2017, 9, 1),
        ended_on=dt.date(2019, 7, 1),
        text="在中央党校在职研究生班经济学专业学习",
    )
    assert first.pk
    FamilyMember.objects.create(
        cadre=c,
        relation="12",
        name="李秀兰",
        birth_date=dt.date(1974, 8, 1),
        political_status="01",
        work_unit_position="某某县第一中学教师",
    )
    FamilyMember.objects.create(
        cadre=c,
        relation="20",
        name="王小明",
        birth_date=dt.date(2000, 2, 1),
        political_status="03",
        work_unit_position="某某大学学生",
        sort=1,
    )
    FamilyMember.objects.create(
        cadre=c,
        relation="51",
        name="王大山",
        birth_date=dt.date(1945, 1, 1),
        political_status="13",
        is_deceased=True,
        sort=2,
    )
    Reward.objects.create(cadre=c, kind="02", title="记三等功", awarded_on=dt.date(2020, 1, 1))
    AnnualAssessment.objects.create(cadre=c, year=2022, grade="2")
    AnnualAssessment.objects.create(cadre=c, year=2023, grade="1")
    CadrePhoto.objects.create(cadre=c, image=JPEG)
    derived.refresh(c)
    c.current_position = "甲镇党委书记"  # no appointment records: the text alone
    c.save(update_fields=["current_position"])
    return c

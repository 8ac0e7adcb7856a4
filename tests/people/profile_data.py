"""A cadre with a full record for the profile tests: every part, many rows each."""

from __future__ import annotations

import datetime as dt

from cadre.people.models import (
    AnnualAssessment,
    Cadre,
    CadrePhoto,
    Education,
    FamilyMember,
    ResumeEntry,
    Reward,
    Sanction,
)
from cadre.posts.models import Appointment, GradeRecord, RankRecord

# The smallest valid JPEG header is enough: the view serves bytes, it does not decode them.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def fill_record(
    cadre: Cadre,
    *,
    educations: int = 2,
    resume: int = 3,
    family: int = 3,
    appointments: int = 2,
    ranks: int = 2,
    assessments: int = 3,
    rewards: int = 1,
    sanctions: int = 1,
    photo: bool = True,
) -> Cadre:
    """Give ``cadre`` the given number of rows of each part (dates consistent and valid)."""
    cadre.political_status = "01"
    cadre.party_joined_on = dt.date(2001, 8, 1)
    cadre.work_started_on = dt.date(2002, 7, 1)
    cadre.native_place = "河北石家庄"
    cadre.birthplace = "河北正定"
    cadre.save()
    for i in range(educations):
        Education.objects.create(
            cadre=cadre,
            track="full_time" if i == 0 else "in_service",
            education="21" if i == 0 else "14",
            degree="4" if i == 0 else "3",
            degree_name="理学学士" if i == 0 else "法律硕士",
            school="河北大学" if i == 0 else f"中共河北省委党校{i}",
            major="化学系化学专业" if i == 0 else "法律专业",
            started_on=dt.date(1998, 9, 1) if i == 0 else dt.date(2005 + i, 9, 1),
            ended_on=dt.date(2002, 7, 1) if i == 0 else dt.date(2007 + i, 7, 1),
            sort=i,
        )
    start = dt.date(1998, 9, 1)
    for i in range(resume):
        end = dt.date(start.year + 1, start.month, 1) if i < resume - 1 else None
        line = ResumeEntry.objects.create(
            cadre=cadre,
            started_on=start,
            ended_on=end,
            text=f"某某县某某局工作{i + 1}",
            sort=i,
        )
        if i == 1:  # one （其间：…） sub-line
            ResumeEntry.objects.create(
                cadre=cadre,
                parent=line,
                started_on=start,
                ended_on=end,
                text="在中共河北省委党校在职研究生学习",
            )
        if end:
            start = end
    for i in range(family):
        FamilyMember.objects.create(
            cadre=cadre,
            relation=["12", "20", "51", "52"][i % 4],
            name=f"家属{i + 1}",
            birth_date=dt.date(1950 + i, 3, 1),
            political_status="13",
            work_unit_position=f"某某单位{i + 1}",
            is_deceased=(i % 4 == 3),
            sort=i,
        )
    for i in range(appointments):
        Appointment.objects.create(
            cadre=cadre,
            unit=cadre.unit,
            title=f"某某镇副镇长{i + 1}",
            position_level="42",
            started_on=dt.date(2010 + i, 3, 1),
            ended_on=None if i == appointments - 1 else dt.date(2011 + i, 3, 1),
            sort=i,
        )
    for i in range(ranks):
        RankRecord.objects.create(
            cadre=cadre,
            rank=["10", "09", "08", "07", "06"][i % 5],
            started_on=dt.date(2012 + 2 * i, 1, 1),
            ended_on=None if i == ranks - 1 else dt.date(2014 + 2 * i, 1, 1),
        )
        GradeRecord.objects.create(
            cadre=cadre, grade=24 - i, step=1, started_on=dt.date(2012 + 2 * i, 1, 1)
        )
    for i in range(assessments):
        AnnualAssessment.objects.create(
            cadre=cadre, year=2024 - i, grade="1" if 2024 - i == 2022 else "2"
        )
    for i in range(rewards):
        Reward.objects.create(
            cadre=cadre, kind="01", awarded_on=dt.date(2015 + i, 12, 1), issuer="某某县人民政府"
        )
    for i in range(sanctions):
        Sanction.objects.create(
            cadre=cadre, kind="1", measure="101", effective_on=dt.date(2016 + i, 5, 1)
        )
    if photo:
        CadrePhoto.objects.create(cadre=cadre, image=JPEG, content_type="image/jpeg")
    return cadre

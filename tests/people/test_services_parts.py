"""Education, resume, family, rewards, sanctions and photo: each change is one service call,
one audit entry with before → after and the cadre's id; derived columns follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core import crypto
from cadre.core.models import AuditEntry
from cadre.people import services
from cadre.people.models import CadrePhoto, Education, FamilyMember, ResumeEntry, Reward, Sanction
from cadre.people.services import NeedsConfirmation
from tests.factories import id_number
from tests.people.helpers import (
    _fast_hasher,  # noqa: F401  (autouse)
    actor,
    last_audit,
)

BACHELOR = {
    "track": "full_time",
    "education": "21",
    "degree": "4",
    "degree_name": "理学学士",
    "school": "河北大学",
    "major": "数学系数学专业",
    "started_on": dt.date(1998, 9, 1),
    "ended_on": dt.date(2002, 7, 1),
}
MASTER = {
    **BACHELOR,
    "track": "in_service",
    "education": "14",
    "degree": "3",
    "degree_name": "管理学硕士",
    "school": "中共河北省委党校",
    "major": "行政管理",
    "started_on": dt.date(2010, 9, 1),
    "ended_on": dt.date(2013, 7, 1),
}


# --- education ----------------------------------------------------------------------------


def test_given_education_when_created_then_saved_audited_and_highest_education_derived(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    edu = services.education_create(cadre=cadre, data=BACHELOR, actor=a)

    cadre.refresh_from_db()
    assert (cadre.education, cadre.education_level) == ("21", 2)
    assert (cadre.full_time_education, cadre.full_time_education_level) == ("21", 2)
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.target_type == "people.education" and entry.target_id == str(edu.pk)
    assert entry.changes["school"] == [None, "河北大学"]

    services.education_create(cadre=cadre, data=MASTER, actor=a)
    cadre.refresh_from_db()
    assert (cadre.education, cadre.full_time_education) == ("14", "21")


def test_given_education_when_updated_then_audit_holds_only_changes(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    edu = services.education_create(cadre=cadre, data=BACHELOR, actor=a)
    services.education_update(
        cadre=cadre,
        education=edu,
        data={**BACHELOR, "education": "31", "degree": "", "degree_name": ""},
        actor=a,
    )
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes == {
        "education": ["21", "31"],
        "degree": ["4", ""],
        "degree_name": ["理学学士", ""],
    }
    cadre.refresh_from_db()
    assert cadre.education == "31"


def test_given_education_when_deleted_then_gone_audited_and_derived_cleared(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    edu = services.education_create(cadre=cadre, data=BACHELOR, actor=a)
    services.education_delete(cadre=cadre, education=edu, actor=a)

    assert not Education.objects.filter(pk=edu.pk).exists()
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.DELETE
    assert entry.changes["school"] == ["河北大学", None]
    cadre.refresh_from_db()
    assert cadre.education == "" and cadre.education_level is None


def test_given_two_educations_when_moving_down_then_order_swaps(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    first = services.education_create(cadre=cadre, data=BACHELOR, actor=a)
    second = services.education_create(cadre=cadre, data=MASTER, actor=a)
    services.education_move(cadre=cadre, education=first, direction="down", actor=a)
    assert list(cadre.educations.order_by("sort").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert last_audit(cadre_id=cadre.pk).changes == {
        "order": [[first.pk, second.pk], [second.pk, first.pk]]
    }


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({**BACHELOR, "education": ""}, "education", "请填写学历"),
        ({**BACHELOR, "education": "ZZ"}, "education", "学历代码无效"),
        ({**BACHELOR, "track": "part_time"}, "track", "全日制教育或在职教育"),
        ({**BACHELOR, "ended_on": dt.date(1997, 7, 1)}, "ended_on", "毕业时间不能早于入学时间"),
        ({**BACHELOR, "started_on": dt.date(1970, 9, 1)}, "started_on", "不能早于出生日期"),
        ({**BACHELOR, "degree": ""}, "degree", "请同时选择学位"),
    ],
)
def test_given_bad_education_when_created_then_error_and_nothing_saved(
    county, data, field, fragment
):
    with pytest.raises(ValidationError) as exc:
        services.education_create(cadre=county.cadre_a, data=data, actor=actor(county.users["zzb"]))
    assert any(fragment in m for m in exc.value.message_dict[field])
    assert not Education.objects.exists()
    assert not AuditEntry.objects.filter(cadre_id=county.cadre_a.pk).exists()


def test_given_overlapping_full_time_periods_when_created_then_warning_to_confirm(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.education_create(cadre=cadre, data=BACHELOR, actor=a)
    overlap = {
        **BACHELOR,
        "education": "31",
        "degree": "",
        "degree_name": "",
        "started_on": dt.date(2000, 9, 1),
        "ended_on": dt.date(2003, 7, 1),
    }
    with pytest.raises(NeedsConfirmation) as exc:
        services.education_create(cadre=cadre, data=overlap, actor=a)
    assert "学历时间重叠" in exc.value.warnings[0]
    services.education_create(cadre=cadre, data=overlap, confirmed=True, actor=a)
    assert cadre.educations.count() == 2


# --- resume -------------------------------------------------------------------------------


def line(start: tuple[int, int], end: tuple[int, int] | None, text: str, **kw):
    return {
        "started_on": dt.date(*start, 1),
        "ended_on": dt.date(*end, 1) if end else None,
        "text": text,
        **kw,
    }


def test_given_resume_lines_with_a_during_line_when_created_then_nested_and_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    study = services.resume_entry_create(
        cadre=cadre, data=line((1998, 9), (2002, 7), "河北大学数学系数学专业学习"), actor=a
    )
    work = services.resume_entry_create(
        cadre=cadre, data=line((2002, 7), None, "某某县某某镇科员"), actor=a
    )
    during = services.resume_entry_create(
        cadre=cadre,
        data=line((2010, 9), (2013, 7), "在省委党校在职研究生班学习", parent=work),
        actor=a,
    )
    assert during.parent_id == work.pk and during.sort == 0
    assert (study.sort, work.sort) == (0, 1)
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.changes["parent_id"] == [None, work.pk]
    assert entry.changes["started_on"] == [None, "2010-09-01"]


def test_given_day_in_month_when_resume_saved_then_kept_as_month(county):
    entry = services.resume_entry_create(
        cadre=county.cadre_a,
        data={"started_on": dt.date(2002, 7, 15), "ended_on": None, "text": "某镇科员"},
        actor=actor(county.users["zzb"]),
    )
    assert entry.started_on == dt.date(2002, 7, 1)


def test_given_gap_over_a_month_when_adding_resume_line_then_warning(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.resume_entry_create(cadre=cadre, data=line((1998, 9), (2002, 7), "大学学习"), actor=a)
    with pytest.raises(NeedsConfirmation) as exc:
        services.resume_entry_create(cadre=cadre, data=line((2003, 3), None, "某镇科员"), actor=a)
    assert "简历断档" in exc.value.warnings[0]
    assert cadre.resume_entries.count() == 1


def test_given_during_line_of_a_during_line_when_created_then_refused(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    top = services.resume_entry_create(cadre=cadre, data=line((2002, 7), None, "科员"), actor=a)
    sub = services.resume_entry_create(
        cadre=cadre, data=line((2010, 9), (2011, 1), "挂职", parent=top), actor=a
    )
    with pytest.raises(ValidationError) as exc:
        services.resume_entry_create(
            cadre=cadre, data=line((2010, 10), (2010, 12), "学习", parent=sub), actor=a
        )
    assert "不能再包含" in exc.value.message_dict["parent"][0]


def test_given_parent_of_another_cadre_when_created_then_refused(county):
    a = actor(county.users["zzb"])
    other = services.resume_entry_create(
        cadre=county.cadre_b, data=line((2002, 7), None, "科员"), actor=a
    )
    with pytest.raises(ValidationError) as exc:
        services.resume_entry_create(
            cadre=county.cadre_a, data=line((2010, 9), (2011, 1), "挂职", parent=other), actor=a
        )
    assert exc.value.message_dict["parent"] == ["所属经历不属于此干部"]


def test_given_line_with_during_lines_when_deleted_then_both_gone_one_audit(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    top = services.resume_entry_create(cadre=cadre, data=line((2002, 7), None, "科员"), actor=a)
    services.resume_entry_create(
        cadre=cadre, data=line((2010, 9), (2011, 1), "挂职", parent=top), actor=a
    )
    before = AuditEntry.objects.count()
    services.resume_entry_delete(cadre=cadre, entry=top, actor=a)
    assert not ResumeEntry.objects.filter(cadre=cadre).exists()
    assert AuditEntry.objects.count() == before + 1


def test_given_entry_of_another_cadre_when_updated_through_this_cadre_then_refused(county):
    a = actor(county.users["zzb"])
    other = services.resume_entry_create(
        cadre=county.cadre_b, data=line((2002, 7), None, "科员"), actor=a
    )
    with pytest.raises(ValidationError):
        services.resume_entry_update(
            cadre=county.cadre_a, entry=other, data={"text": "改"}, actor=a
        )
    other.refresh_from_db()
    assert other.text == "科员"


# --- family -------------------------------------------------------------------------------

SPOUSE = {
    "relation": "12",
    "name": "刘芳",
    "birth_date": dt.date(1982, 6, 1),
    "political_status": "01",
    "work_unit_position": "某某县第一中学教师",
    "is_deceased": False,
    "is_emigrated": False,
}


def test_given_family_member_with_id_when_created_then_id_encrypted_indexed_and_masked_in_audit(
    county,
):
    cadre = county.cadre_a
    number = id_number(dt.date(1982, 6, 3), "2")
    member = services.family_member_create(
        cadre=cadre, data={**SPOUSE, "id_number": number}, actor=actor(county.users["zzb"])
    )
    member.refresh_from_db()
    assert crypto.decrypt(member.id_number_cipher) == number
    assert member.id_number_index == crypto.blind_index(number)
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.changes["id_number"] == ["", "***"]
    assert number not in str(entry.changes)
    assert entry.changes["name"] == [None, "刘芳"]


def test_given_id_number_without_birth_when_member_created_then_birth_filled_from_id(county):
    number = id_number(dt.date(1955, 2, 8), "1")
    member = services.family_member_create(
        cadre=county.cadre_a,
        data={
            **SPOUSE,
            "relation": "51",
            "name": "张大山",
            "birth_date": None,
            "id_number": number,
        },
        actor=actor(county.users["zzb"]),
    )
    assert member.birth_date == dt.date(1955, 2, 8)


def test_given_member_when_updated_and_id_cleared_then_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    number = id_number(dt.date(1982, 6, 3), "2")
    member = services.family_member_create(
        cadre=cadre, data={**SPOUSE, "id_number": number}, actor=a
    )
    services.family_member_update(
        cadre=cadre, member=member, data={"is_emigrated": True, "clear_id_number": True}, actor=a
    )
    member.refresh_from_db()
    assert member.is_emigrated and member.id_number_cipher == "" and member.id_number_index == ""
    assert last_audit(cadre_id=cadre.pk).changes == {
        "is_emigrated": [False, True],
        "id_number": ["***", ""],
    }


def test_given_bad_member_id_when_created_then_error(county):
    with pytest.raises(ValidationError) as exc:
        services.family_member_create(
            cadre=county.cadre_a,
            data={**SPOUSE, "id_number": "123"},
            actor=actor(county.users["zzb"]),
        )
    assert "长度应为18位" in exc.value.message_dict["id_number"][0]
    assert not FamilyMember.objects.exists()


def test_given_second_spouse_when_created_then_warning(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.family_member_create(cadre=cadre, data=SPOUSE, actor=a)
    with pytest.raises(NeedsConfirmation) as exc:
        services.family_member_create(cadre=cadre, data={**SPOUSE, "name": "王丽"}, actor=a)
    assert "已登记配偶" in exc.value.warnings[0]


def test_given_member_when_deleted_then_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    member = services.family_member_create(cadre=cadre, data=SPOUSE, actor=a)
    services.family_member_delete(cadre=cadre, member=member, actor=a)
    assert last_audit(cadre_id=cadre.pk).action == AuditEntry.Action.DELETE
    assert not FamilyMember.objects.exists()


# --- rewards and sanctions ----------------------------------------------------------------


def test_given_reward_when_created_updated_deleted_then_each_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    data = {
        "kind": "02",
        "title": "",
        "awarded_on": dt.date(2020, 12, 1),
        "issuer": "某某县人民政府",
        "document_no": "某政〔2020〕12号",
    }
    reward = services.reward_create(cadre=cadre, data=data, actor=a)
    services.reward_update(cadre=cadre, reward=reward, data={"kind": "01"}, actor=a)
    assert last_audit(cadre_id=cadre.pk).changes == {"kind": ["02", "01"]}
    services.reward_delete(cadre=cadre, reward=reward, actor=a)
    assert not Reward.objects.exists()
    assert AuditEntry.objects.filter(cadre_id=cadre.pk, target_type="people.reward").count() == 3


def test_given_honorary_title_without_name_when_created_then_error(county):
    with pytest.raises(ValidationError) as exc:
        services.reward_create(
            cadre=county.cadre_a,
            data={"kind": "05", "awarded_on": dt.date(2020, 1, 1)},
            actor=actor(county.users["zzb"]),
        )
    assert "须填写奖励名称" in exc.value.message_dict["title"][0]


SANCTION_TABLE = [
    ({"kind": "1", "measure": "201"}, "measure", "不属于政务类"),
    ({"kind": "2", "measure": "204"}, "observation_years", "须注明察看期限"),
    ({"kind": "2", "measure": "204", "observation_years": 3}, "observation_years", "1至2年"),
    ({"kind": "1", "measure": "102", "observation_years": 1}, "observation_years", "只有留党察看"),
    (
        {"kind": "1", "measure": "102", "effective_on": dt.date(2099, 1, 1)},
        "effective_on",
        "不能晚于今天",
    ),
    (
        {"kind": "1", "measure": "102", "revoked_on": dt.date(2019, 1, 1)},
        "revoked_on",
        "不能早于生效日期",
    ),
]


@pytest.mark.parametrize(("data", "field", "fragment"), SANCTION_TABLE)
def test_given_inconsistent_sanction_when_created_then_error(county, data, field, fragment):
    full = {"effective_on": dt.date(2020, 3, 1), **data}
    with pytest.raises(ValidationError) as exc:
        services.sanction_create(cadre=county.cadre_a, data=full, actor=actor(county.users["zzb"]))
    assert any(fragment in m for m in exc.value.message_dict[field])
    assert not Sanction.objects.exists()


def test_given_probation_in_party_with_two_years_when_created_then_saved(county):
    s = services.sanction_create(
        cadre=county.cadre_a,
        data={
            "kind": "2",
            "measure": "204",
            "observation_years": 2,
            "effective_on": dt.date(2021, 5, 1),
            "reason": "违反组织纪律",
        },
        actor=actor(county.users["zzb"]),
    )
    assert s.observation_years == 2
    assert last_audit(cadre_id=county.cadre_a.pk).changes["measure"] == [None, "204"]


def test_given_excellent_already_recorded_when_sanction_caps_that_year_then_warning(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    for year in range(2015, 2024):
        services.assessment_create(cadre=cadre, data={"year": year, "grade": "2"}, actor=a)
    cadre.assessments.filter(year=2023).update(grade="1")
    with pytest.raises(NeedsConfirmation) as exc:
        services.sanction_create(
            cadre=cadre,
            data={"kind": "1", "measure": "102", "effective_on": dt.date(2023, 6, 1)},
            actor=a,
        )
    assert "2023年受政务记过处分" in exc.value.warnings[0]


# --- photo --------------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def test_given_jpeg_then_png_when_uploaded_then_stored_replaced_and_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.photo_set(cadre=cadre, data=JPEG, actor=a)
    assert last_audit(cadre_id=cadre.pk).action == AuditEntry.Action.CREATE
    services.photo_set(cadre=cadre, data=PNG, actor=a)
    photo = CadrePhoto.objects.get(cadre=cadre)
    assert bytes(photo.image) == PNG and photo.content_type == "image/png"
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["photo"][0].startswith("image/jpeg")
    services.photo_delete(cadre=cadre, actor=a)
    assert not CadrePhoto.objects.exists()
    assert last_audit(cadre_id=cadre.pk).action == AuditEntry.Action.DELETE


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"GIF89a" + b"\x00" * 50, "JPEG或PNG"),
        (b"<html><script>", "JPEG或PNG"),
        (b"", "请选择"),
        (b"\xff\xd8\xff" + b"\x00" * (2 * 1024 * 1024), "不能超过2MB"),
    ],
)
def test_given_bad_file_when_uploaded_then_refused(county, data, fragment):
    with pytest.raises(ValidationError) as exc:
        services.photo_set(cadre=county.cadre_a, data=data, actor=actor(county.users["zzb"]))
    assert fragment in exc.value.message_dict["image"][0]
    assert not CadrePhoto.objects.exists()

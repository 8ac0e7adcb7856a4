"""Creating a cadre and editing basic data: validation, secrecy of the ID number, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core import crypto
from cadre.core.models import AuditEntry
from cadre.people import services
from cadre.people.models import Cadre
from cadre.people.services import NeedsConfirmation
from tests.factories import id_number, make_unit
from tests.people.helpers import (
    _fast_hasher,  # noqa: F401  (autouse)
    actor,
    basic_data,
    last_audit,
)


def messages_of(exc: ValidationError) -> list[str]:
    return exc.messages


def test_given_valid_data_when_creating_then_cadre_saved_with_secret_id_and_audited(county):
    data = basic_data(county.town_a)
    cadre = services.cadre_create(data=data, actor=actor(county.users["zzb"]))

    cadre.refresh_from_db()
    assert cadre.name == "王建华"
    assert cadre.name_pinyin == "wangjianhua" and cadre.name_initials == "wjh"
    assert cadre.unit_path == county.town_a.path
    assert cadre.id_number_cipher and data["id_number"] not in cadre.id_number_cipher
    assert crypto.decrypt(cadre.id_number_cipher) == data["id_number"]
    assert cadre.id_number_index == crypto.blind_index(data["id_number"])
    assert cadre.id_last4 == data["id_number"][-4:]
    assert cadre.retire_month == dt.date(1985 + 63, 3, 1)  # a man born 1985: 63 years

    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor_name == "zzb"
    assert entry.changes["name"] == [None, "王建华"]
    assert entry.changes["id_number"] == ["", "***"]
    assert data["id_number"] not in str(entry.changes)


def test_given_name_change_when_updating_then_pinyin_follows_and_audit_has_before_after(county):
    cadre = county.cadre_a
    services.cadre_update(cadre=cadre, data={"name": "赵丽"}, actor=actor(county.users["zzb"]))

    cadre.refresh_from_db()
    assert (cadre.name_pinyin, cadre.name_initials) == ("zhaoli", "zl")
    entry = last_audit(cadre_id=cadre.pk, action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"name": ["张建国", "赵丽"]}


def test_given_no_change_when_updating_then_no_audit_entry(county):
    before = AuditEntry.objects.count()
    services.cadre_update(
        cadre=county.cadre_a, data={"name": "张建国"}, actor=actor(county.users["zzb"])
    )
    assert AuditEntry.objects.count() == before


def test_given_new_id_number_when_updating_then_audit_marks_it_without_clear_text(county):
    cadre = county.cadre_a
    new_id = id_number(cadre.birth_date, "1")
    services.cadre_update(cadre=cadre, data={"id_number": new_id}, actor=actor(county.users["zzb"]))

    cadre.refresh_from_db()
    assert crypto.decrypt(cadre.id_number_cipher) == new_id
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.changes == {"id_number": ["***", "***"]}


def test_given_empty_id_number_when_updating_then_stored_id_is_kept(county):
    cadre = county.cadre_a
    cipher = cadre.id_number_cipher
    services.cadre_update(
        cadre=cadre,
        data={"id_number": "", "specialty": "农业经济"},
        actor=actor(county.users["zzb"]),
    )
    cadre.refresh_from_db()
    assert cadre.id_number_cipher == cipher and cadre.specialty == "农业经济"


def test_given_unit_change_when_updating_then_unit_path_follows(county):
    cadre = county.cadre_a
    services.cadre_update(
        cadre=cadre, data={"unit": county.town_b}, actor=actor(county.users["zzb"])
    )
    cadre.refresh_from_db()
    assert cadre.unit_path == county.town_b.path
    assert last_audit(cadre_id=cadre.pk).changes["unit_id"] == [county.town_a.pk, county.town_b.pk]


def test_given_gender_change_when_updating_then_retire_month_recomputed(county):
    cadre = county.cadre_a  # a man born 1980-05
    before = cadre.retire_month
    services.cadre_update(
        cadre=cadre,
        data={"gender": "2", "id_number": id_number(cadre.birth_date, "2")},
        actor=actor(county.users["zzb"]),
    )
    cadre.refresh_from_db()
    assert cadre.retire_month is not None and cadre.retire_month != before
    # Woman cadre born 1980-05: 55 years + delay (k = 10*12 + 4 = 124 → 124//4+1 = 32 months).
    assert cadre.retire_month == dt.date(2038, 1, 1)


BAD_IDS = [
    ("13012319850312001", "长度应为18位"),
    ("13012319850312001Y", "末位应为数字或X"),
    ("130123198513120010", "出生日期无效"),
]


@pytest.mark.parametrize(("raw", "fragment"), BAD_IDS)
def test_given_malformed_id_when_creating_then_chinese_error_and_nothing_saved(
    county, raw, fragment
):
    count = Cadre.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(
            data=basic_data(county.town_a, id_number=raw), actor=actor(county.users["zzb"])
        )
    assert any(fragment in m for m in exc.value.message_dict["id_number"])
    assert Cadre.objects.count() == count


def test_given_wrong_check_digit_when_creating_then_checksum_error(county):
    good = id_number(dt.date(1985, 3, 12), "1")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(
            data=basic_data(county.town_a, id_number=bad), actor=actor(county.users["zzb"])
        )
    assert any("校验码错误" in m for m in exc.value.message_dict["id_number"])


def test_given_lower_case_x_when_creating_then_stored_upper_case(county):
    for seq in range(1, 400):
        candidate = id_number(dt.date(1985, 3, 12), "1", seq=seq)
        if candidate.endswith("X"):
            break
    cadre = services.cadre_create(
        data=basic_data(county.town_a, id_number=candidate.lower()),
        actor=actor(county.users["zzb"]),
    )
    assert crypto.decrypt(cadre.id_number_cipher) == candidate


def test_given_id_of_a_woman_for_a_man_when_creating_then_gender_error(county):
    data = basic_data(county.town_a, id_number=id_number(dt.date(1985, 3, 12), "2"))
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(data=data, actor=actor(county.users["zzb"]))
    assert "性别与身份证号不一致" in exc.value.message_dict["id_number"][0]
    assert not isinstance(exc.value, NeedsConfirmation)


def test_given_birth_date_differing_from_id_when_creating_then_warning_until_confirmed(county):
    data = basic_data(county.town_a, id_number=id_number(dt.date(1985, 3, 15), "1"))
    with pytest.raises(NeedsConfirmation) as exc:
        services.cadre_create(data=data, actor=actor(county.users["zzb"]))
    assert "出生日期与身份证号不一致" in exc.value.warnings[0]
    assert not Cadre.objects.filter(name="王建华").exists()

    cadre = services.cadre_create(data=data, confirmed=True, actor=actor(county.users["zzb"]))
    assert cadre.birth_date == dt.date(1985, 3, 12)  # flagged, never silently fixed


def test_given_id_of_another_cadre_when_creating_then_exists_error_without_name(county):
    existing = crypto.decrypt(county.cadre_b.id_number_cipher)
    data = basic_data(
        county.town_a, id_number=existing, birth_date=county.cadre_b.birth_date, gender="2"
    )
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(data=data, actor=actor(county.users["zzb"]))
    assert exc.value.message_dict["id_number"] == ["该身份证号已存在"]
    assert "李秀英" not in str(exc.value)


def test_given_own_id_when_updating_then_no_duplicate_error(county):
    cadre = county.cadre_a
    own = crypto.decrypt(cadre.id_number_cipher)
    services.cadre_update(
        cadre=cadre, data={"id_number": own, "specialty": "规划"}, actor=actor(county.users["zzb"])
    )
    cadre.refresh_from_db()
    assert cadre.specialty == "规划"


DATE_TABLE = [
    # (overrides, field, fragment, is_error)
    ({"work_started_on": dt.date(1984, 1, 1)}, "work_started_on", "应晚于出生日期", True),
    ({"party_joined_on": dt.date(1980, 1, 1)}, "party_joined_on", "应晚于出生日期", True),
    ({"birth_date": dt.date(2099, 1, 1)}, "birth_date", "不能晚于今天", True),
    ({"work_started_on": dt.date(2099, 1, 1)}, "work_started_on", "不能晚于今天", True),
    ({"birth_date": dt.date(1890, 1, 1)}, "birth_date", "不能早于1900年", True),
    (
        {"party_joined_on": dt.date(2008, 1, 1), "party_confirmed_on": dt.date(2007, 1, 1)},
        "party_confirmed_on",
        "不能早于入党时间",
        True,
    ),
    ({"work_started_on": dt.date(2000, 9, 1)}, None, "参加工作时未满16周岁", False),
    ({"party_joined_on": dt.date(2002, 9, 1)}, None, "入党时未满18周岁", False),
    ({"political_status": "13"}, None, "政治面貌不是中共党员", False),
    ({"party_joined_on": None}, None, "未填写入党时间", False),
    ({"id_number": ""}, None, "未填写身份证号", False),
]


@pytest.mark.parametrize(("overrides", "field", "fragment", "is_error"), DATE_TABLE)
def test_given_date_table_when_creating_then_error_or_warning(
    county, overrides, field, fragment, is_error
):
    data = basic_data(county.town_a, **overrides)
    if "birth_date" in overrides and overrides["birth_date"].year < 2090:
        data["id_number"] = ""
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(data=data, actor=actor(county.users["zzb"]))
    if is_error:
        assert not isinstance(exc.value, NeedsConfirmation)
        assert any(fragment in m for m in exc.value.message_dict[field])
    else:
        assert isinstance(exc.value, NeedsConfirmation)
        assert any(fragment in w for w in exc.value.warnings)
    assert not Cadre.objects.filter(name="王建华").exists()


def test_given_missing_required_fields_when_creating_then_each_is_named(county):
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(
            data={"name": "", "unit": None, "id_number": ""}, actor=actor(county.users["zzb"])
        )
    errors = exc.value.message_dict
    assert errors["name"] == ["请填写姓名"]
    assert errors["unit"] == ["请填写所在单位"]
    assert "gender" in errors and "birth_date" in errors and "staff_category" in errors


def test_given_unit_outside_scope_when_unit_hr_creates_then_refused(county):
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(data=basic_data(county.town_b), actor=actor(county.users["rsk"]))
    assert exc.value.message_dict["unit"] == ["所选单位不在您的管理范围内"]


def test_given_closed_unit_when_creating_then_refused(county):
    closed = make_unit("已撤销的站所", county.town_a, is_closed=True)
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(data=basic_data(closed), actor=actor(county.users["zzb"]))
    assert exc.value.message_dict["unit"] == ["所选单位已撤销"]


@pytest.mark.parametrize("role", ["leader", "self_a", "sysadmin", "auditor"])
def test_given_non_editor_when_creating_then_refused(county, role):
    with pytest.raises(ValidationError):
        services.cadre_create(data=basic_data(county.town_a), actor=actor(county.users[role]))


def test_given_bad_code_when_creating_then_refused(county):
    with pytest.raises(ValidationError) as exc:
        services.cadre_create(
            data=basic_data(county.town_a, ethnicity="99"), actor=actor(county.users["zzb"])
        )
    assert "民族代码无效" in exc.value.message_dict["ethnicity"][0]

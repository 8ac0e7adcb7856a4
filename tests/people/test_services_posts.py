"""Appointments, ranks and grades: derived columns, probation, closing the previous record;
到龄年月 for women in 县处级 leadership posts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core.models import AuditEntry, RuleParameter
from cadre.people.services import NeedsConfirmation
from cadre.posts import services as posts
from cadre.posts.models import Appointment, GradeRecord, RankRecord
from tests.factories import make_cadre
from tests.people.helpers import (
    _fast_hasher,  # noqa: F401  (autouse)
    actor,
    last_audit,
)


def post(**kw):
    data = {
        "unit": None,
        "title": "某某县甲镇党委副书记",
        "position_level": "42",
        "is_leading": True,
        "is_main": True,
        "started_on": dt.date(2015, 3, 10),
        "ended_on": None,
        "document_no": "某组干〔2015〕8号",
        "end_document_no": "",
        "way": "2",
        "probation_until": None,
    }
    data.update(kw)
    return data


def test_given_promotion_by_appointment_when_created_then_one_year_probation_and_derived(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    appt = posts.appointment_create(cadre=cadre, data=post(unit=county.town_a), actor=a)

    assert appt.probation_until == dt.date(2016, 3, 10)
    cadre.refresh_from_db()
    assert cadre.current_position == "某某县甲镇党委副书记"
    assert cadre.position_level == "42" and cadre.is_leader
    assert cadre.position_since == dt.date(2015, 3, 10)
    entry = last_audit(cadre_id=cadre.pk)
    assert entry.action == AuditEntry.Action.CREATE and entry.target_type == "posts.appointment"
    assert entry.changes["probation_until"] == [None, "2016-03-10"]


def test_given_elected_post_when_created_then_no_probation(county):
    appt = posts.appointment_create(
        cadre=county.cadre_a, data=post(way="1"), actor=actor(county.users["zzb"])
    )
    assert appt.probation_until is None


def test_given_same_level_transfer_when_created_then_no_probation(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    posts.appointment_create(cadre=cadre, data=post(ended_on=dt.date(2018, 1, 1)), actor=a)
    transfer = posts.appointment_create(
        cadre=cadre, data=post(title="某某县乙镇副镇长", started_on=dt.date(2018, 1, 2)), actor=a
    )
    assert transfer.probation_until is None


def test_given_explicit_probation_or_none_when_created_then_kept(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    explicit = posts.appointment_create(
        cadre=cadre, data=post(probation_until=dt.date(2015, 12, 31)), actor=a
    )
    assert explicit.probation_until == dt.date(2015, 12, 31)
    other = make_cadre(county.town_a, "周明")
    none = posts.appointment_create(cadre=other, data={**post(), "no_probation": True}, actor=a)
    assert none.probation_until is None


def test_given_current_post_when_ended_then_current_position_cleared(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    appt = posts.appointment_create(cadre=cadre, data=post(), actor=a)
    posts.appointment_update(
        cadre=cadre,
        appointment=appt,
        data={"ended_on": dt.date(2020, 1, 1), "end_document_no": "某组干〔2020〕1号"},
        actor=a,
    )
    cadre.refresh_from_db()
    assert cadre.current_position == "" and not cadre.is_leader
    assert last_audit(cadre_id=cadre.pk).changes == {
        "ended_on": [None, "2020-01-01"],
        "end_document_no": ["", "某组干〔2020〕1号"],
    }
    posts.appointment_delete(cadre=cadre, appointment=appt, actor=a)
    assert not Appointment.objects.exists()


def test_given_two_current_posts_when_moved_then_current_position_order_follows(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    first = posts.appointment_create(cadre=cadre, data=post(title="甲镇党委副书记"), actor=a)
    posts.appointment_create(cadre=cadre, data=post(title="甲镇镇长", way="1"), actor=a)
    cadre.refresh_from_db()
    assert cadre.current_position == "甲镇党委副书记，甲镇镇长"
    posts.appointment_move(cadre=cadre, appointment=first, direction="down", actor=a)
    cadre.refresh_from_db()
    assert cadre.current_position == "甲镇镇长，甲镇党委副书记"


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (post(title=""), "title", "请填写职务名称"),
        (post(position_level="77"), "position_level", "职务层次代码无效"),
        (post(ended_on=dt.date(2014, 1, 1)), "ended_on", "免职时间不能早于任职时间"),
        (post(probation_until=dt.date(2015, 1, 1)), "probation_until", "应晚于任职时间"),
        (post(started_on=dt.date(1970, 1, 1)), "started_on", "不能早于出生日期"),
        (post(end_document_no="某文"), "ended_on", "请同时填写免职时间"),
    ],
)
def test_given_bad_appointment_when_created_then_error_nothing_saved(county, data, field, fragment):
    with pytest.raises(ValidationError) as exc:
        posts.appointment_create(cadre=county.cadre_a, data=data, actor=actor(county.users["zzb"]))
    assert any(fragment in m for m in exc.value.message_dict[field])
    assert not Appointment.objects.exists()


def test_given_unit_outside_scope_when_unit_hr_records_post_then_refused(county):
    with pytest.raises(ValidationError) as exc:
        posts.appointment_create(
            cadre=county.cadre_a, data=post(unit=county.town_b), actor=actor(county.users["rsk"])
        )
    assert exc.value.message_dict["unit"] == ["所选单位不在您的管理范围内"]


def test_given_post_before_work_start_when_created_then_warning(county):
    cadre = county.cadre_a
    cadre.work_started_on = dt.date(2016, 1, 1)
    cadre.save()
    with pytest.raises(NeedsConfirmation) as exc:
        posts.appointment_create(cadre=cadre, data=post(), actor=actor(county.users["zzb"]))
    assert "任职时间早于参加工作时间" in exc.value.warnings[0]


# --- 到龄年月 ------------------------------------------------------------------------------


def test_given_woman_in_county_level_post_when_appointed_then_retires_at_configurable_60(county):
    cadre = county.cadre_b  # a woman cadre born 1980-05
    cadre.refresh_from_db()
    a = actor(county.users["zzb"])
    posts.appointment_create(cadre=cadre, data=post(position_level="42"), actor=a)
    cadre.refresh_from_db()
    assert cadre.retire_month == dt.date(2038, 1, 1)  # 55 + 32 months
    county_post = post(title="某某县副县长", position_level="32", started_on=dt.date(2020, 1, 5))
    posts.appointment_create(cadre=cadre, data=county_post, actor=a)
    cadre.refresh_from_db()
    assert cadre.retire_month == dt.date(2040, 5, 1)  # 60, no delay (可配置口径)


def test_given_override_of_county_rule_when_appointed_then_rule_parameter_applies(county):
    RuleParameter.objects.create(key="retirement.county_female_cadre.delay_scheme", value="male")
    cadre = county.cadre_b
    posts.appointment_create(
        cadre=cadre,
        data=post(title="某某县副县长", position_level="32"),
        actor=actor(county.users["zzb"]),
    )
    cadre.refresh_from_db()
    # 60 + the men's delay for a birth month of 1980-05: k = 15*12 + 4 = 184 → min(36, 47).
    assert cadre.retire_month == dt.date(2043, 5, 1)


# --- ranks and grades ---------------------------------------------------------------------


def test_given_new_rank_while_one_is_open_when_confirmed_then_previous_closed_and_derived(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    first = posts.rank_create(
        cadre=cadre, data={"rank": "10", "started_on": dt.date(2019, 6, 1)}, actor=a
    )
    cadre.refresh_from_db()
    assert (cadre.rank, cadre.rank_since) == ("10", dt.date(2019, 6, 1))

    data = {"rank": "09", "started_on": dt.date(2021, 7, 1), "document_no": "某组〔2021〕3号"}
    with pytest.raises(NeedsConfirmation) as exc:
        posts.rank_create(cadre=cadre, data=data, actor=a)
    assert "将同时终止现任职级“四级主任科员”" in exc.value.warnings[0]
    assert RankRecord.objects.count() == 1

    posts.rank_create(cadre=cadre, data=data, confirmed=True, actor=a)
    first.refresh_from_db()
    assert first.ended_on == dt.date(2021, 6, 30)
    cadre.refresh_from_db()
    assert cadre.rank == "09"
    assert AuditEntry.objects.filter(cadre_id=cadre.pk, target_type="posts.rankrecord").count() == 3


def test_given_rank_record_when_deleted_then_rank_cleared(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    record = posts.rank_create(
        cadre=cadre, data={"rank": "10", "started_on": dt.date(2019, 6, 1)}, actor=a
    )
    posts.rank_delete(cadre=cadre, record=record, actor=a)
    cadre.refresh_from_db()
    assert cadre.rank == ""


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"grade": 0, "started_on": dt.date(2020, 1, 1)}, "grade", "1至27"),
        ({"grade": 28, "started_on": dt.date(2020, 1, 1)}, "grade", "1至27"),
        ({"grade": 24, "step": 20, "started_on": dt.date(2020, 1, 1)}, "step", "档次"),
        ({"grade": 24, "started_on": None}, "started_on", "请填写起始时间"),
    ],
)
def test_given_bad_grade_when_created_then_error(county, data, field, fragment):
    with pytest.raises(ValidationError) as exc:
        posts.grade_create(cadre=county.cadre_a, data=data, actor=actor(county.users["zzb"]))
    assert any(fragment in m for m in exc.value.message_dict[field])
    assert not GradeRecord.objects.exists()


def test_given_grade_when_created_and_updated_then_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    g = posts.grade_create(
        cadre=cadre, data={"grade": 24, "step": 3, "started_on": dt.date(2018, 1, 1)}, actor=a
    )
    posts.grade_update(cadre=cadre, record=g, data={"step": 4}, actor=a)
    assert last_audit(cadre_id=cadre.pk).changes == {"step": [3, 4]}

"""Annual assessments: one per year, sanction caps (with their reason) and the 优秀 quota."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core.models import AuditEntry
from cadre.people import services
from cadre.people.models import AnnualAssessment
from tests.factories import make_cadre
from tests.people.helpers import (
    _fast_hasher,  # noqa: F401  (autouse)
    actor,
    last_audit,
)


def test_given_assessment_when_created_updated_deleted_then_each_audited(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    item = services.assessment_create(cadre=cadre, data={"year": 2023, "grade": "2"}, actor=a)
    assert last_audit(cadre_id=cadre.pk).changes["grade"] == [None, "2"]
    services.assessment_update(cadre=cadre, assessment=item, data={"note": "病假"}, actor=a)
    assert last_audit(cadre_id=cadre.pk).changes == {"note": ["", "病假"]}
    services.assessment_delete(cadre=cadre, assessment=item, actor=a)
    assert last_audit(cadre_id=cadre.pk).action == AuditEntry.Action.DELETE
    assert not AnnualAssessment.objects.exists()


def test_given_year_already_recorded_when_created_then_refused(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.assessment_create(cadre=cadre, data={"year": 2023, "grade": "2"}, actor=a)
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(cadre=cadre, data={"year": 2023, "grade": "3"}, actor=a)
    assert exc.value.message_dict["year"] == ["该干部2023年度考核结果已存在"]


@pytest.mark.parametrize(
    ("year", "fragment"), [(2999, "年度应在1950年至"), (1949, "年度应在1950年至"), (1990, "早于")]
)
def test_given_impossible_year_when_created_then_refused(county, year, fragment):
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(
            cadre=county.cadre_a,
            data={"year": year, "grade": "2"},
            actor=actor(county.users["zzb"]),
        )
    assert fragment in exc.value.message_dict["year"][0]


# (measure kind, measure code, years, effective, assessed year, grade, refused, reason fragment)
CAP_TABLE = [
    (
        "1",
        "102",
        None,
        dt.date(2024, 4, 1),
        2024,
        "1",
        True,
        "2024年受政务记过处分，当年度考核不定等次",
    ),
    ("1", "102", None, dt.date(2024, 4, 1), 2024, "2", True, "不能确定为称职"),
    ("1", "102", None, dt.date(2024, 4, 1), 2024, "5", False, ""),
    ("1", "102", None, dt.date(2024, 4, 1), 2025, "1", False, ""),
    ("1", "101", None, dt.date(2024, 4, 1), 2024, "1", True, "不得评为优秀"),
    ("1", "101", None, dt.date(2024, 4, 1), 2024, "2", False, ""),
    ("1", "103", None, dt.date(2023, 4, 1), 2024, "2", True, "2024年度考核不定等次"),
    ("2", "203", None, dt.date(2024, 4, 1), 2024, "5", True, "确定为不称职"),
    ("2", "203", None, dt.date(2024, 4, 1), 2024, "4", False, ""),
    ("2", "204", 2, dt.date(2022, 4, 1), 2024, "2", True, "留党察看二年处分"),
    ("2", "204", 1, dt.date(2022, 4, 1), 2024, "2", False, ""),
    ("3", "301", None, dt.date(2024, 4, 1), 2024, "1", True, "诫勉"),
]


@pytest.mark.parametrize(
    ("kind", "measure", "years", "effective", "year", "grade", "refused", "fragment"), CAP_TABLE
)
def test_given_sanction_when_grading_the_year_then_cap_applies_with_reason(
    county, kind, measure, years, effective, year, grade, refused, fragment
):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.sanction_create(
        cadre=cadre,
        data={
            "kind": kind,
            "measure": measure,
            "observation_years": years,
            "effective_on": effective,
        },
        actor=a,
    )
    data = {"year": year, "grade": grade, "excellent_approved": False}
    if grade == "1":
        # Enough competent colleagues that the quota is not what refuses it.
        for n in range(10):
            colleague = make_cadre(county.town_a, f"同事{n}")
            services.assessment_create(cadre=colleague, data={"year": year, "grade": "2"}, actor=a)
    if refused:
        with pytest.raises(ValidationError) as exc:
            services.assessment_create(cadre=cadre, data=data, actor=a)
        assert fragment in exc.value.message_dict["grade"][0]
        assert not cadre.assessments.exists()
    else:
        services.assessment_create(cadre=cadre, data=data, actor=a)
        assert cadre.assessments.get(year=year).grade == grade


def test_given_revoked_sanction_when_grading_then_no_cap(county):
    cadre, a = county.cadre_a, actor(county.users["zzb"])
    services.sanction_create(
        cadre=cadre,
        data={
            "kind": "1",
            "measure": "102",
            "effective_on": dt.date(2024, 4, 1),
            "revoked_on": dt.date(2024, 8, 1),
        },
        actor=a,
    )
    services.assessment_create(cadre=cadre, data={"year": 2024, "grade": "2"}, actor=a)


def _unit_of(county, competent: int, excellent: int, year: int = 2024):
    a = actor(county.users["zzb"])
    for n in range(competent):
        c = make_cadre(county.town_a, f"称职{n}")
        services.assessment_create(cadre=c, data={"year": year, "grade": "2"}, actor=a)
    for n in range(excellent):
        c = make_cadre(county.town_a, f"优秀{n}")
        AnnualAssessment.objects.create(cadre=c, year=year, grade="1")


def test_given_quota_of_twenty_percent_when_excellent_would_exceed_then_refused(county):
    # 19 others + this one = 20 assessed → at most 4 优秀; 4 already.
    _unit_of(county, competent=15, excellent=4)
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(
            cadre=county.cadre_a,
            data={"year": 2024, "grade": "1"},
            actor=actor(county.users["zzb"]),
        )
    message = exc.value.message_dict["grade"][0]
    assert "参加考核20人，优秀5人，超过比例上限4人" in message
    assert "经批准按25%确定优秀" in message


def test_given_quota_room_when_excellent_then_saved(county):
    _unit_of(county, competent=16, excellent=3)
    services.assessment_create(
        cadre=county.cadre_a, data={"year": 2024, "grade": "1"}, actor=actor(county.users["zzb"])
    )


def test_given_approval_when_excellent_within_twenty_five_percent_then_saved(county):
    _unit_of(county, competent=15, excellent=4)
    item = services.assessment_create(
        cadre=county.cadre_a,
        data={"year": 2024, "grade": "1", "excellent_approved": True},
        actor=actor(county.users["zzb"]),
    )
    assert item.excellent_approved


def test_given_approval_when_excellent_beyond_twenty_five_percent_then_refused(county):
    _unit_of(county, competent=14, excellent=5)
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(
            cadre=county.cadre_a,
            data={"year": 2024, "grade": "1", "excellent_approved": True},
            actor=actor(county.users["zzb"]),
        )
    assert "超过经批准的比例上限5人" in exc.value.message_dict["grade"][0]


def test_given_other_unit_excellents_when_grading_then_not_counted(county):
    a = actor(county.users["zzb"])
    for n in range(5):
        c = make_cadre(county.town_b, f"乙{n}")
        AnnualAssessment.objects.create(cadre=c, year=2024, grade="1")
    _unit_of(county, competent=9, excellent=0)
    services.assessment_create(cadre=county.cadre_a, data={"year": 2024, "grade": "1"}, actor=a)


def test_given_approval_flag_on_competent_when_created_then_refused(county):
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(
            cadre=county.cadre_a,
            data={"year": 2024, "grade": "2", "excellent_approved": True},
            actor=actor(county.users["zzb"]),
        )
    assert "只有考核结果为优秀" in exc.value.message_dict["excellent_approved"][0]


def test_given_excellent_update_when_quota_full_then_refused_and_unchanged(county):
    _unit_of(county, competent=15, excellent=4)
    a = actor(county.users["zzb"])
    item = services.assessment_create(
        cadre=county.cadre_a, data={"year": 2024, "grade": "2"}, actor=a
    )
    with pytest.raises(ValidationError):
        services.assessment_update(
            cadre=county.cadre_a, assessment=item, data={"grade": "1"}, actor=a
        )
    item.refresh_from_db()
    assert item.grade == "2"

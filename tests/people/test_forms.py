"""Form parsing: dates and months as dossiers write them; Chinese messages; code choices."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.people.forms import AssessmentForm, CadreForm, EducationForm, PhotoForm, SanctionForm
from cadre.people.forms.fields import FlexibleDateField, MonthField
from tests.people.helpers import _fast_hasher  # noqa: F401  (autouse)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985.03.12", dt.date(1985, 3, 12)),
        ("1985-3-2", dt.date(1985, 3, 2)),
        ("1985/03/12", dt.date(1985, 3, 12)),
        ("1985年3月12日", dt.date(1985, 3, 12)),
        ("19850312", dt.date(1985, 3, 12)),
        ("１９８５．０３．１２", dt.date(1985, 3, 12)),
        (" 1985.03.12 ", dt.date(1985, 3, 12)),
    ],
)
def test_given_date_in_a_dossier_style_when_parsed_then_date(text, expected):
    assert FlexibleDateField().clean(text) == expected


@pytest.mark.parametrize("text", ["1985.02.30", "1985.03", "abc", "85.3.12", "1985.13.01"])
def test_given_bad_date_when_parsed_then_chinese_error(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        FlexibleDateField().clean(text)
    assert exc.value.messages == ["请输入有效的日期，如 1985.03.12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1991.09", dt.date(1991, 9, 1)),
        ("1991.9", dt.date(1991, 9, 1)),
        ("1991-09", dt.date(1991, 9, 1)),
        ("1991年9月", dt.date(1991, 9, 1)),
        ("199109", dt.date(1991, 9, 1)),
        ("1991.09.15", dt.date(1991, 9, 1)),
    ],
)
def test_given_month_text_when_parsed_then_first_of_month(text, expected):
    assert MonthField().clean(text) == expected


def test_given_keep_day_when_full_date_then_day_kept():
    assert MonthField(keep_day=True).clean("1955.02.08") == dt.date(1955, 2, 8)
    assert MonthField(keep_day=True).clean("1955.02") == dt.date(1955, 2, 1)


def test_given_month_value_when_shown_then_dotted():
    assert MonthField().prepare_value(dt.date(1991, 9, 1)) == "1991.09"
    assert FlexibleDateField().prepare_value(dt.date(1991, 9, 3)) == "1991.09.03"


def test_given_cadre_form_when_unit_out_of_scope_then_invalid_choice(county):
    form = CadreForm(
        {
            "name": "王",
            "gender": "1",
            "birth_date": "1985.01.01",
            "ethnicity": "01",
            "political_status": "13",
            "staff_category": "11",
            "status": "1",
            "unit": str(county.town_b.pk),
        },
        user=county.users["rsk"],
    )
    assert not form.is_valid()
    assert form.errors["unit"] == ["所选单位不在您的管理范围内"]


def test_given_cadre_form_when_empty_then_required_messages_in_chinese(county):
    form = CadreForm({}, user=county.users["zzb"])
    assert not form.is_valid()
    assert form.errors["name"] == ["此项为必填项"]
    assert form.errors["gender"] == ["此项为必填项"]


def test_given_code_not_in_table_when_posted_then_choose_from_list(county):
    form = EducationForm({"track": "full_time", "education": "ZZ"}, cadre=county.cadre_a)
    assert not form.is_valid()
    assert form.errors["education"] == ["请从列表中选择"]


def test_given_sanction_form_then_measures_grouped_by_kind(county):
    form = SanctionForm(cadre=county.cadre_a)
    groups = dict(form.fields["measure"].choices[1:])
    assert ("101", "警告") in groups["政务"] and ("201", "警告") in groups["党纪"]


def test_given_year_text_when_assessment_posted_then_chinese_error(county):
    form = AssessmentForm({"year": "二〇二四", "grade": "2"}, cadre=county.cadre_a)
    assert not form.is_valid()
    assert form.errors["year"] == ["请输入年份，如 2024"]


def test_given_oversized_upload_when_photo_form_then_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff" + b"0" * (2 * 1024 * 1024))
    form = PhotoForm({}, {"image": big})
    assert not form.is_valid()
    assert form.errors["image"] == ["照片不能超过2MB"]

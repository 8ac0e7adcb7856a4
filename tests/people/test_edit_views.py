"""Edit pages: GET/POST, Chinese errors on bad input with nothing saved, 404 outside scope
or for users who cannot edit, bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.core.models import AuditEntry
from cadre.people.models import AnnualAssessment, Cadre, CadrePhoto, Education, ResumeEntry
from cadre.posts.models import Appointment
from tests.factories import id_number
from tests.people.helpers import _fast_hasher  # noqa: F401  (autouse)

PARTS = [
    "education",
    "resume",
    "family",
    "appointments",
    "ranks",
    "grades",
    "assessments",
    "rewards",
    "sanctions",
    "photo",
]


def new_cadre_post(unit, **kw):
    data = {
        "name": "王建华",
        "gender": "1",
        "birth_date": "1985.03.12",
        "ethnicity": "01",
        "native_place": "河北石家庄",
        "birthplace": "河北石家庄",
        "political_status": "01",
        "party_joined_on": "2008-06-01",
        "work_started_on": "2007年7月1日",
        "health": "1",
        "staff_category": "11",
        "status": "1",
        "unit": str(unit.pk),
        "id_number": id_number(dt.date(1985, 3, 12), "1"),
        "remarks": "",
    }
    data.update(kw)
    return data


def test_given_org_admin_when_opening_new_page_then_form_lists_units_in_scope(client, county):
    client.force_login(county.users["rsk"])
    response = client.get("/cadres/new/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "新增干部" in body and "甲镇" in body and "乙镇" not in body


def test_given_valid_post_when_creating_then_redirect_to_profile(client, county):
    client.force_login(county.users["zzb"])
    response = client.post("/cadres/new/", new_cadre_post(county.town_a))
    cadre = Cadre.objects.get(name="王建华")
    assert response.status_code == 302 and response["Location"] == f"/cadres/{cadre.pk}/"
    assert cadre.birth_date == dt.date(1985, 3, 12)
    assert cadre.work_started_on == dt.date(2007, 7, 1)


def test_given_bad_post_when_creating_then_200_with_chinese_errors_and_nothing_saved(
    client, county
):
    client.force_login(county.users["zzb"])
    count = Cadre.objects.count()
    response = client.post(
        "/cadres/new/",
        new_cadre_post(county.town_a, name="", birth_date="1985.13.45", id_number="12345"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "此项为必填项" in body and "请输入有效的日期" in body
    assert Cadre.objects.count() == count


def test_given_id_error_when_creating_then_service_error_shown_on_field(client, county):
    client.force_login(county.users["zzb"])
    response = client.post("/cadres/new/", new_cadre_post(county.town_a, id_number="12345"))
    assert response.status_code == 200
    assert "身份证号长度应为18位" in response.content.decode()


def test_given_warning_when_creating_then_confirm_box_then_saved_after_confirming(client, county):
    client.force_login(county.users["zzb"])
    data = new_cadre_post(county.town_a, party_joined_on="2001.01.01")
    response = client.post("/cadres/new/", data)
    body = response.content.decode()
    assert response.status_code == 200 and "入党时未满18周岁" in body and "我已核实" in body
    assert not Cadre.objects.filter(name="王建华").exists()
    response = client.post("/cadres/new/", {**data, "confirm": "on"})
    assert response.status_code == 302
    assert Cadre.objects.filter(name="王建华").exists()


def test_given_unit_of_other_town_when_unit_hr_creates_then_form_error(client, county):
    client.force_login(county.users["rsk"])
    response = client.post("/cadres/new/", new_cadre_post(county.town_b))
    assert response.status_code == 200
    assert "所选单位不在您的管理范围内" in response.content.decode()
    assert not Cadre.objects.filter(name="王建华").exists()


@pytest.mark.parametrize("role", ["leader", "self_a", "sysadmin", "secadmin", "auditor"])
def test_given_user_who_cannot_edit_when_opening_edit_pages_then_404(client, county, role):
    client.force_login(county.users[role])
    pk = county.cadre_a.pk
    assert client.get("/cadres/new/").status_code == 404
    assert client.get(f"/cadres/{pk}/edit/").status_code == 404
    for part in PARTS:
        assert client.get(f"/cadres/{pk}/edit/{part}/").status_code == 404
    assert client.post(f"/cadres/{pk}/edit/", {"name": "改"}).status_code == 404
    county.cadre_a.refresh_from_db()
    assert county.cadre_a.name == "张建国"


def test_given_unit_hr_when_editing_cadre_of_other_town_then_404(client, county):
    client.force_login(county.users["rsk"])
    pk = county.cadre_b.pk
    assert client.get(f"/cadres/{pk}/edit/").status_code == 404
    for part in PARTS:
        assert client.get(f"/cadres/{pk}/edit/{part}/").status_code == 404
    response = client.post(
        f"/cadres/{pk}/edit/education/", {"track": "full_time", "education": "21"}
    )
    assert response.status_code == 404
    assert not Education.objects.exists()


def test_given_anonymous_when_opening_edit_page_then_login_redirect(client, county):
    response = client.get(f"/cadres/{county.cadre_a.pk}/edit/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("part", PARTS)
def test_given_editor_when_opening_each_part_then_200_within_query_budget(
    client, county, part, django_assert_max_num_queries
):
    client.force_login(county.users["rsk"])
    with django_assert_max_num_queries(12):
        response = client.get(f"/cadres/{county.cadre_a.pk}/edit/{part}/")
    assert response.status_code == 200
    assert "张建国" in response.content.decode()


def test_given_unknown_part_when_opened_then_404(client, county):
    client.force_login(county.users["zzb"])
    assert client.get(f"/cadres/{county.cadre_a.pk}/edit/salary/").status_code == 404


def test_given_basic_edit_when_posted_then_saved_and_back_to_profile(client, county):
    client.force_login(county.users["rsk"])
    cadre = county.cadre_a
    page = client.get(f"/cadres/{cadre.pk}/edit/")
    body = page.content.decode()
    assert "张建国" in body and "现为 130" in body  # masked ID as help, never in clear
    data = new_cadre_post(
        county.town_a,
        name="张建军",
        birth_date="1980.05.12",
        id_number="",
        party_joined_on="2005.06.01",
        work_started_on="2002.07.01",
    )
    response = client.post(f"/cadres/{cadre.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"] == f"/cadres/{cadre.pk}/"
    cadre.refresh_from_db()
    assert cadre.name == "张建军" and cadre.name_initials == "zjj"


def test_given_many_items_when_listing_part_then_queries_do_not_grow(
    client, county, django_assert_max_num_queries
):
    for n in range(30):
        ResumeEntry.objects.create(
            cadre=county.cadre_a, started_on=dt.date(2000 + n % 20, 1, 1), text=f"经历{n}", sort=n
        )
        Appointment.objects.create(
            cadre=county.cadre_a,
            unit=county.town_a,
            title=f"职务{n}",
            position_level="42",
            started_on=dt.date(2000, 1, 1),
        )
    client.force_login(county.users["zzb"])
    for part in ("resume", "appointments"):
        with django_assert_max_num_queries(12):
            assert client.get(f"/cadres/{county.cadre_a.pk}/edit/{part}/").status_code == 200


def test_given_education_add_then_edit_then_delete_through_pages(client, county):
    client.force_login(county.users["rsk"])
    pk = county.cadre_a.pk
    data = {
        "track": "full_time",
        "education": "21",
        "degree": "4",
        "degree_name": "理学学士",
        "school": "河北大学",
        "major": "数学",
        "started_on": "1998.09",
        "ended_on": "2002.07",
    }
    response = client.post(f"/cadres/{pk}/edit/education/", {**data, "_continue": "1"})
    assert response.status_code == 302 and response["Location"] == f"/cadres/{pk}/edit/education/"
    edu = Education.objects.get(cadre_id=pk)
    assert edu.started_on == dt.date(1998, 9, 1)
    listing = client.get(f"/cadres/{pk}/edit/education/").content.decode()
    assert "河北大学" in listing and "1998.09--2002.07" in listing

    page = client.get(f"/cadres/{pk}/edit/education/{edu.pk}/")
    assert page.status_code == 200 and 'value="1998.09"' in page.content.decode()
    response = client.post(
        f"/cadres/{pk}/edit/education/{edu.pk}/", {**data, "school": "河北师范大学"}
    )
    assert response.status_code == 302 and response["Location"] == f"/cadres/{pk}/"
    edu.refresh_from_db()
    assert edu.school == "河北师范大学"

    response = client.post(f"/cadres/{pk}/edit/education/{edu.pk}/delete/")
    assert response.status_code == 302
    assert not Education.objects.exists()
    county.cadre_a.refresh_from_db()
    assert county.cadre_a.education == ""


def test_given_bad_part_post_then_200_errors_and_nothing_saved(client, county):
    client.force_login(county.users["zzb"])
    pk = county.cadre_a.pk
    before = AuditEntry.objects.count()
    response = client.post(
        f"/cadres/{pk}/edit/education/",
        {"track": "full_time", "education": "21", "started_on": "2002.07", "ended_on": "1998.09"},
    )
    assert response.status_code == 200
    assert "毕业时间不能早于入学时间" in response.content.decode()
    assert not Education.objects.exists() and AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("part", "data", "fragment"),
    [
        ("resume", {"started_on": "2002.13", "text": "科员"}, "请输入有效的年月"),
        ("family", {"relation": "xx", "name": "刘芳"}, "请从列表中选择"),
        (
            "appointments",
            {"title": "科员", "position_level": "50", "started_on": "abc"},
            "请输入有效的日期",
        ),
        ("ranks", {"rank": "10", "started_on": "2099.01.01"}, "不能晚于今天"),
        ("grades", {"grade": "30", "started_on": "2020.01.01"}, "级别应为1至27"),
        ("assessments", {"year": "明年", "grade": "2"}, "请输入年份"),
        ("rewards", {"kind": "05", "awarded_on": "2020.01.01"}, "须填写奖励名称"),
        (
            "sanctions",
            {"kind": "2", "measure": "204", "effective_on": "2020.01.01"},
            "须注明察看期限",
        ),
    ],
)
def test_given_bad_input_for_each_part_then_chinese_error_no_500(
    client, county, part, data, fragment
):
    client.force_login(county.users["zzb"])
    pk = county.cadre_a.pk
    before = AuditEntry.objects.count()
    response = client.post(f"/cadres/{pk}/edit/{part}/", data)
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_given_item_of_other_cadre_when_edited_through_this_cadre_then_404(client, county):
    other = Education.objects.create(cadre=county.cadre_b, track="full_time", education="21")
    client.force_login(county.users["zzb"])
    pk = county.cadre_a.pk
    assert client.get(f"/cadres/{pk}/edit/education/{other.pk}/").status_code == 404
    assert client.post(f"/cadres/{pk}/edit/education/{other.pk}/delete/").status_code == 404
    assert Education.objects.filter(pk=other.pk).exists()


def test_given_delete_by_get_then_405(client, county):
    edu = Education.objects.create(cadre=county.cadre_a, track="full_time", education="21")
    client.force_login(county.users["zzb"])
    response = client.get(f"/cadres/{county.cadre_a.pk}/edit/education/{edu.pk}/delete/")
    assert response.status_code == 405
    assert Education.objects.filter(pk=edu.pk).exists()


def test_given_resume_lines_when_moved_then_order_changes(client, county):
    a = ResumeEntry.objects.create(
        cadre=county.cadre_a, started_on=dt.date(2000, 1, 1), text="甲", sort=0
    )
    b = ResumeEntry.objects.create(
        cadre=county.cadre_a, started_on=dt.date(2001, 1, 1), text="乙", sort=1
    )
    client.force_login(county.users["zzb"])
    url = f"/cadres/{county.cadre_a.pk}/edit/resume/{b.pk}/move/"
    assert client.post(url, {"direction": "up"}).status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (b.sort, a.sort) == (0, 1)
    assert client.post(url, {"direction": "sideways"}).status_code == 302


def test_given_htmx_post_with_error_then_partial_form_returned(client, county):
    client.force_login(county.users["zzb"])
    response = client.post(
        f"/cadres/{county.cadre_a.pk}/edit/rewards/",
        {"kind": "", "awarded_on": ""},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "此项为必填项" in body


def test_given_htmx_post_valid_then_hx_redirect(client, county):
    client.force_login(county.users["zzb"])
    response = client.post(
        f"/cadres/{county.cadre_a.pk}/edit/assessments/",
        {"year": "2023", "grade": "2"},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == f"/cadres/{county.cadre_a.pk}/"
    assert AnnualAssessment.objects.filter(cadre=county.cadre_a, year=2023).exists()


def test_given_photo_upload_when_valid_then_stored_and_when_fake_then_refused(client, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(county.users["zzb"])
    url = f"/cadres/{county.cadre_a.pk}/edit/photo/"
    fake = SimpleUploadedFile("a.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(url, {"image": fake})
    assert response.status_code == 200 and "照片应为JPEG或PNG格式" in response.content.decode()
    assert not CadrePhoto.objects.exists()
    png = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    response = client.post(url, {"image": png})
    assert response.status_code == 302
    assert CadrePhoto.objects.get(cadre=county.cadre_a).content_type == "image/png"
    assert client.post(f"{url}delete/").status_code == 302
    assert not CadrePhoto.objects.exists()


def test_given_appointment_form_when_posted_then_probation_defaulted(client, county):
    client.force_login(county.users["rsk"])
    pk = county.cadre_a.pk
    response = client.post(
        f"/cadres/{pk}/edit/appointments/",
        {
            "unit": str(county.town_a.pk),
            "title": "甲镇副镇长",
            "position_level": "42",
            "is_leading": "on",
            "is_main": "on",
            "started_on": "2019.04.08",
            "way": "2",
        },
    )
    assert response.status_code == 302
    appt = Appointment.objects.get(cadre_id=pk)
    assert appt.probation_until == dt.date(2020, 4, 8)
    page = client.get(f"/cadres/{pk}/edit/appointments/{appt.pk}/").content.decode()
    assert "2020.04.08" in page


def test_given_post_in_unit_outside_scope_when_unit_hr_edits_it_then_unit_kept(client, county):
    appt = Appointment.objects.create(
        cadre=county.cadre_a,
        unit=county.town_b,
        title="乙镇副镇长",
        position_level="42",
        started_on=dt.date(2015, 1, 1),
        ended_on=dt.date(2018, 1, 1),
    )
    client.force_login(county.users["rsk"])
    url = f"/cadres/{county.cadre_a.pk}/edit/appointments/{appt.pk}/"
    page = client.get(url).content.decode()
    assert f'<option value="{county.town_b.pk}" selected>' in page
    response = client.post(
        url,
        {
            "unit": str(county.town_b.pk),
            "title": "乙镇副镇长（正科级）",
            "position_level": "42",
            "is_leading": "on",
            "is_main": "on",
            "started_on": "2015.01.01",
            "ended_on": "2018.01.01",
            "no_probation": "on",
        },
    )
    assert response.status_code == 302
    appt.refresh_from_db()
    assert appt.unit_id == county.town_b.pk and appt.title == "乙镇副镇长（正科级）"


def test_given_resume_page_then_move_buttons_shown(client, county):
    ResumeEntry.objects.create(cadre=county.cadre_a, started_on=dt.date(2000, 1, 1), text="甲")
    client.force_login(county.users["zzb"])
    body = client.get(f"/cadres/{county.cadre_a.pk}/edit/resume/").content.decode()
    assert "上移" in body and "下移" in body


@pytest.mark.parametrize("unit", ["abc", "999999", "-1"])
def test_given_odd_unit_parameter_when_opening_new_page_then_200(client, county, unit):
    client.force_login(county.users["rsk"])
    assert client.get(f"/cadres/new/?unit={unit}").status_code == 200


def test_given_unit_outside_scope_as_parameter_then_not_offered(client, county):
    client.force_login(county.users["rsk"])
    body = client.get(f"/cadres/new/?unit={county.town_b.pk}").content.decode()
    assert "乙镇" not in body
    body = client.get(f"/cadres/new/?unit={county.town_a.pk}").content.decode()
    assert f'<option value="{county.town_a.pk}" selected>' in body

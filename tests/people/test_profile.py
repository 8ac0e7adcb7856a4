"""The profile page (任免审批表): content, scope, audit, query budget, photo, ID number."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from cadre.people.models import CadrePhoto
from tests.people.profile_data import JPEG, fill_record

pytestmark = pytest.mark.django_db


def url(cadre, suffix=""):
    return f"/cadres/{cadre.pk}/{suffix}"


def test_given_org_admin_when_profile_then_adform_with_record_values(client, county):
    cadre = fill_record(county.cadre_a)
    client.force_login(county.users["zzb"])
    response = client.get(url(cadre), {"at": "2024-05-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "干部任免审批表" in html
    assert "1980.05（44岁）" in html
    assert "河北石家庄" in html and "河北正定" in html
    assert "2001.08" in html  # 入党时间
    assert "大学<br>理学学士" in html
    assert "河北大学化学系化学专业" in html
    assert "1998.09--1999.09" in html  # 简历
    assert "（其间：1999.09--2000.09在中共河北省委党校在职研究生学习）" in html
    assert "2015年12月获某某县人民政府嘉奖；2016年5月受到政务警告处分。" in html
    assert "2022年度考核优秀，2023、2024年度考核均为称职" in html
    assert "家属1" in html and "妻子" in html
    assert f"/cadres/{cadre.pk}/photo/?v=" in html
    assert "css/profile.css" in html and "js/profile.js" in html


def test_given_org_admin_when_profile_then_edit_links_and_no_correction_link(client, county):
    client.force_login(county.users["zzb"])
    html = client.get(url(county.cadre_a)).content.decode()
    assert f'href="/cadres/{county.cadre_a.pk}/edit/"' in html
    assert f'href="/cadres/{county.cadre_a.pk}/edit/resume/"' in html
    assert "corrections/new/" not in html


def test_given_leader_when_profile_then_read_only_without_unmask(client, county):
    client.force_login(county.users["leader"])
    response = client.get(url(county.cadre_b))
    html = response.content.decode()
    assert response.status_code == 200
    assert "/edit/" not in html
    assert "corrections/new/" not in html
    assert "显示完整号码" not in html


def test_given_self_when_own_profile_then_correction_link_and_no_edit(client, county):
    client.force_login(county.users["self_a"])
    html = client.get(url(county.cadre_a)).content.decode()
    assert f'href="/cadres/{county.cadre_a.pk}/corrections/new/"' in html
    assert "/edit/" not in html


def test_given_cadre_when_profile_then_id_number_masked(client, county):
    client.force_login(county.users["zzb"])
    html = client.get(url(county.cadre_a)).content.decode()
    number = reveal(county.cadre_a.id_number_cipher)
    assert number not in html
    assert f"{number[:3]}***********{number[-4:]}" in html


@pytest.mark.parametrize(
    ("user", "cadre"),
    [
        ("rsk", "cadre_b"),
        ("self_a", "cadre_b"),
        ("sysadmin", "cadre_a"),
        ("secadmin", "cadre_a"),
        ("auditor", "cadre_a"),
    ],
)
@pytest.mark.parametrize("suffix", ["", "tab/basic/", "tab/policy/", "tab/history/", "photo/"])
def test_given_cadre_out_of_scope_when_requested_then_404(client, county, user, cadre, suffix):
    fill_record(getattr(county, cadre))
    client.force_login(county.users[user])
    assert client.get(url(getattr(county, cadre), suffix)).status_code == 404


def test_given_out_of_scope_when_profile_then_no_view_entry(client, county):
    client.force_login(county.users["rsk"])
    client.get(url(county.cadre_b))
    assert not AuditEntry.objects.filter(action="view", cadre_id=county.cadre_b.pk).exists()


def test_given_unknown_cadre_when_profile_then_404(client, county):
    client.force_login(county.users["zzb"])
    assert client.get("/cadres/999999/").status_code == 404


def test_given_anonymous_when_profile_then_redirected_to_login(client, county):
    response = client.get(url(county.cadre_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_given_profile_view_when_done_then_audit_view_entry_with_cadre(client, county):
    client.force_login(county.users["leader"])
    client.get(url(county.cadre_a), REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.get(action="view", cadre_id=county.cadre_a.pk)
    assert entry.actor == county.users["leader"]
    assert entry.ip == "10.1.2.3"
    assert "任免审批表" in entry.note


@pytest.mark.parametrize(
    ("raw", "shown_age", "message"),
    [
        ("2024-05-01", "1980.05（44岁）", None),
        ("2024-04-30", "1980.05（43岁）", None),
        ("2024-13-01", None, "计算年龄时间"),
        ("abc", None, "格式错误"),
        ("2024-02-30", None, "不是有效日期"),
        ("0001-01-01", None, "超出可计算的范围"),
        ("9" * 500, None, "格式错误"),
    ],
)
def test_given_age_date_when_profile_then_age_at_that_date_or_chinese_message(
    client, county, raw, shown_age, message
):
    client.force_login(county.users["zzb"])
    response = client.get(url(county.cadre_a), {"at": raw})
    assert response.status_code == 200
    html = response.content.decode()
    if shown_age:
        assert shown_age in html
        assert 'role="alert"' not in html
    else:
        assert message in html and "已按今天计算" in html
        today = dt.date.today()
        assert f'value="{today:%Y-%m-%d}"' in html


def test_given_large_record_when_profile_then_within_query_budget(
    client, county, django_assert_max_num_queries
):
    small = fill_record(county.cadre_b, educations=1, resume=1, family=1, appointments=1,
                        ranks=1, assessments=1, rewards=1, sanctions=1)  # fmt: skip
    big = fill_record(county.cadre_a, educations=10, resume=30, family=10, appointments=10,
                      ranks=5, assessments=10, rewards=10, sanctions=5)  # fmt: skip
    client.force_login(county.users["zzb"])
    client.get(url(small))  # warm the per-process code-table cache, as in production
    with django_assert_max_num_queries(15) as small_ctx:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(15) as big_ctx:
        assert client.get(url(big)).status_code == 200
    assert len(big_ctx.captured_queries) == len(small_ctx.captured_queries)


# --- photo -----------------------------------------------------------------------------


def test_given_photo_when_requested_in_scope_then_image_private(client, county):
    CadrePhoto.objects.create(cadre=county.cadre_a, image=JPEG, content_type="image/jpeg")
    client.force_login(county.users["rsk"])
    response = client.get(url(county.cadre_a, "photo/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert response.content == JPEG


def test_given_no_photo_when_requested_then_404(client, county):
    client.force_login(county.users["zzb"])
    assert client.get(url(county.cadre_a, "photo/")).status_code == 404


def test_given_photo_with_unknown_type_when_requested_then_not_served(client, county):
    CadrePhoto.objects.create(cadre=county.cadre_a, image=b"<script>", content_type="text/html")
    client.force_login(county.users["zzb"])
    assert client.get(url(county.cadre_a, "photo/")).status_code == 404


def test_given_no_photo_when_profile_then_placeholder(client, county):
    client.force_login(county.users["zzb"])
    html = client.get(url(county.cadre_a)).content.decode()
    assert "/photo/?v=" not in html
    assert 'class="photo-empty"' in html


# --- ID number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "cadre"), [("zzb", "cadre_b"), ("rsk", "cadre_a"), ("self_a", "cadre_a")]
)
def test_given_unmask_role_when_post_id_number_then_full_number_and_audit(
    client, county, user, cadre
):
    target = getattr(county, cadre)
    client.force_login(county.users[user])
    response = client.post(url(target, "id-number/"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert reveal(target.id_number_cipher) in html
    assert "<html" not in html  # the htmx partial
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="unmask", cadre_id=target.pk)
    assert entry.actor == county.users[user]


def test_given_unmask_without_htmx_when_post_then_full_page(client, county):
    client.force_login(county.users["zzb"])
    response = client.post(url(county.cadre_a, "id-number/"))
    assert response.status_code == 200
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("user", "cadre"),
    [("leader", "cadre_a"), ("rsk", "cadre_b"), ("self_a", "cadre_b"), ("sysadmin", "cadre_a"),
     ("auditor", "cadre_a")],
)  # fmt: skip
def test_given_no_right_when_post_id_number_then_404_and_no_audit(client, county, user, cadre):
    target = getattr(county, cadre)
    client.force_login(county.users[user])
    assert client.post(url(target, "id-number/")).status_code == 404
    assert not AuditEntry.objects.filter(action="unmask").exists()


def test_given_get_when_id_number_then_405(client, county):
    client.force_login(county.users["zzb"])
    assert client.get(url(county.cadre_a, "id-number/")).status_code == 405


def test_given_no_id_number_when_unmask_then_chinese_message_and_no_audit(client, county):
    county.cadre_a.id_number_cipher = ""
    county.cadre_a.id_number_index = None
    county.cadre_a.save()
    client.force_login(county.users["zzb"])
    response = client.post(url(county.cadre_a, "id-number/"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "未登记身份证号" in response.content.decode()
    assert not AuditEntry.objects.filter(action="unmask").exists()


def test_given_unreadable_cipher_when_profile_and_unmask_then_no_500(client, county):
    county.cadre_a.id_number_cipher = "not-a-cipher"
    county.cadre_a.save()
    client.force_login(county.users["zzb"])
    assert "无法解密" in client.get(url(county.cadre_a)).content.decode()
    response = client.post(url(county.cadre_a, "id-number/"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "无法解密" in response.content.decode()


def test_given_no_csrf_token_when_unmask_then_refused(county):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(county.users["zzb"])
    assert client.post(url(county.cadre_a, "id-number/")).status_code == 403

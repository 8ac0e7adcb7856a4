"""The home page shows each role what it is responsible for."""

from __future__ import annotations

import pytest

from cadre.accounts.models import Role
from tests.factories import make_cadre, make_unit, make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_given_anonymous_when_home_then_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_given_org_admin_then_counts_of_whole_county(client, county):
    make_cadre(county.town_b, "孙立", status="2")  # retired: not 现职
    make_cadre(county.town_a, "王建华", is_leader=True)
    response = home(client, county.users["zzb"])
    assert response.context["counts"] == {"in_office": 3, "female": 1, "leaders": 1}
    assert response.context["unit_count"] == 3
    html = response.content.decode()
    assert 'href="/cadres/?unit=C001"' in html
    assert 'href="/units/"' in html  # org admins manage units
    assert 'href="/cadres/"' in html


def test_given_unit_hr_then_counts_of_own_unit_only(client, county):
    response = home(client, county.users["rsk"])
    assert response.context["counts"] == {"in_office": 1, "female": 0, "leaders": 0}
    assert response.context["unit_count"] == 1
    html = response.content.decode()
    assert 'href="/cadres/?unit=T001"' in html
    assert "C001" not in html
    assert 'href="/units/"' not in html.split("</header>", 1)[1]


def test_given_leader_then_county_counts(client, county):
    response = home(client, county.users["leader"])
    assert response.context["counts"]["in_office"] == 2


def test_given_closed_unit_then_not_counted(client, county):
    make_unit("已撤并办", county.county, code="X001", is_closed=True)
    assert home(client, county.users["zzb"]).context["unit_count"] == 3


def test_given_user_without_scope_then_zero_and_a_hint(client, county):
    user = make_user("noscope", Role.LEADER)
    response = home(client, user)
    assert response.context["counts"]["in_office"] == 0
    assert "尚未分配管理范围" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "url", "label"),
    [
        ("sysadmin", "/accounts/users/", "用户管理"),
        ("secadmin", "/accounts/users/", "角色与管理范围"),
        ("auditor", "/audit/", "审计日志"),
    ],
)
def test_given_admin_role_then_admin_links_and_no_cadre_data(client, county, username, url, label):
    response = home(client, county.users[username])
    html = response.content.decode()
    assert f'href="{url}"' in html
    assert label in html
    assert "counts" not in response.context
    assert "现职干部" not in html
    assert "张建国" not in html
    assert "某某县" not in html


def test_given_self_role_then_link_to_own_record(client, county):
    response = home(client, county.users["self_a"])
    html = response.content.decode()
    assert f'href="/cadres/{county.cadre_a.pk}/"' in html
    assert "我的干部信息" in html
    assert "counts" not in response.context


def test_given_self_role_without_record_then_hint(client, county):
    response = home(client, make_user("self_x", Role.SELF))
    assert "尚未关联干部信息" in response.content.decode()


def test_given_home_then_query_budget(client, county, django_assert_max_num_queries):
    for i in range(20):
        make_cadre(county.town_a, f"干部{i:02d}")
    client.force_login(county.users["zzb"])
    with django_assert_max_num_queries(10):  # 4 of them: the session read and its write
        client.get("/")

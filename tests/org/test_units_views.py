"""Unit pages: who sees them (org_admin manages, leader reads, everyone else 404), scope,
forms that refuse bad input without a 500, and the list's warning marks."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.accounts.models import Role
from cadre.core.models import AuditEntry
from cadre.org.models import Establishment, Unit
from cadre.people.models import Cadre
from tests.factories import make_unit, make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 for the fixture's seven users would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditor", "rsk", "self_a"])
def test_given_role_without_unit_access_when_opening_unit_pages_then_404(county, as_user, role):
    c = as_user(county.users[role])
    for url in ("/units/", "/units/manage/", "/units/manage/T001/", "/units/manage/new/"):
        assert c.get(url).status_code == 404, url


def test_given_anonymous_when_opening_units_then_redirected_to_login(client, county):
    response = client.get("/units/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_given_org_admin_when_listing_then_units_in_scope_with_figures(county, as_user):
    Establishment.objects.create(unit=county.town_a, kind="1", approved=0)
    response = as_user(county.users["zzb"]).get("/units/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("某某县", "甲镇", "乙镇", "T001", "乡镇", "超编", "新增单位"):
        assert text in body


def test_given_leader_when_listing_then_reads_but_no_management_links(county, as_user):
    c = as_user(county.users["leader"])
    body = c.get("/units/").content.decode()
    assert "甲镇" in body and "新增单位" not in body
    assert c.get("/units/manage/T001/").status_code == 200
    for url in (
        "/units/manage/new/",
        "/units/manage/T001/edit/",
        "/units/manage/T001/move/",
        "/units/manage/T001/close/",
        "/units/manage/T001/establishment/",
    ):
        assert c.get(url).status_code == 404, url
    assert c.post("/units/manage/T001/edit/", {"name": "改名", "kind": "08"}).status_code == 404
    assert Unit.objects.get(code="T001").name == "甲镇"


def test_given_org_admin_of_one_town_when_opening_other_town_then_404(county, as_user):
    town_admin = make_user("town_admin", Role.ORG_ADMIN, [county.town_a])
    c = as_user(town_admin)
    assert c.get("/units/manage/T001/").status_code == 200
    assert c.get("/units/manage/T002/").status_code == 404
    assert c.get("/units/manage/T002/edit/").status_code == 404
    body = c.get("/units/").content.decode()
    assert "甲镇" in body and "乙镇" not in body
    # A parent out of scope is not a valid choice.
    response = c.post(
        "/units/manage/new/",
        {"parent": county.town_b.pk, "code": "Z1", "name": "越权", "kind": "12"},
    )
    assert response.status_code == 200 and "管理范围" in response.content.decode()
    assert not Unit.objects.filter(code="Z1").exists()


def test_given_search_when_listing_then_filtered_by_initials(county, as_user):
    Unit.objects.filter(code="T002").update(name_initials="yz")
    body = as_user(county.users["zzb"]).get("/units/", {"q": "yz"}).content.decode()
    assert "乙镇" in body and "甲镇" not in body


def test_given_warning_filter_when_listing_then_only_units_over(county, as_user):
    Establishment.objects.create(unit=county.town_a, kind="1", approved=0)
    Establishment.objects.create(unit=county.town_b, kind="1", approved=5)
    body = as_user(county.users["zzb"]).get("/units/", {"warnings": "on"}).content.decode()
    assert "甲镇" in body and "乙镇" not in body


def test_given_valid_form_when_creating_unit_then_created_and_redirected(county, as_user):
    c = as_user(county.users["zzb"])
    assert c.get("/units/manage/new/?parent=T001").status_code == 200
    response = c.post(
        "/units/manage/new/",
        {
            "parent": county.town_a.pk,
            "code": "T001-02",
            "name": "甲镇财政所",
            "kind": "10",
            "level": "8",
            "sort": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/units/manage/T001-02/"
    assert Unit.objects.get(code="T001-02").name_initials == "jzczs"
    assert c.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"parent": "abc", "code": "Q1", "name": "x", "kind": "02"},
        {"parent": "999999", "code": "Q1", "name": "x", "kind": "02"},
        {"parent": "PARENT", "code": "T002", "name": "重复代码", "kind": "02"},
        {"parent": "PARENT", "code": "Q1", "name": "x", "kind": "ZZ"},
        {"parent": "PARENT", "code": "Q1", "name": "x" * 200, "kind": "02"},
        {"parent": "PARENT", "code": "Q1", "name": "x", "kind": "02", "sort": "-3"},
    ],
)
def test_given_bad_input_when_creating_then_form_errors_and_nothing_saved(county, as_user, post):
    post = {k: (county.town_a.pk if v == "PARENT" else v) for k, v in post.items()}
    before = Unit.objects.count()
    response = as_user(county.users["zzb"]).post("/units/manage/new/", post)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Unit.objects.count() == before


def test_given_move_form_when_posting_then_unit_and_cadres_moved(county, as_user):
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    from tests.factories import make_cadre

    cadre = make_cadre(office, "王五")
    c = as_user(county.users["zzb"])
    page = c.get("/units/manage/T001-01/move/").content.decode()
    assert "乙镇" in page
    response = c.post("/units/manage/T001-01/move/", {"new_parent": county.town_b.pk})
    assert response.status_code == 302
    assert Cadre.objects.get(pk=cadre.pk).unit_path.startswith(Unit.objects.get(code="T002").path)
    # Moving into its own subtree is not offered and refused.
    response = c.post("/units/manage/T002/move/", {"new_parent": office.pk})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_given_unit_with_cadres_when_closing_via_page_then_error_shown(county, as_user):
    c = as_user(county.users["zzb"])
    response = c.post("/units/manage/T001/close/", {"closed_on": dt.date.today().isoformat()})
    assert response.status_code == 200
    assert "现职干部" in response.content.decode()
    assert not Unit.objects.get(code="T001").is_closed
    response = c.post("/units/manage/T001/close/", {"closed_on": "not-a-date"})
    assert response.status_code == 200


def test_given_establishment_form_when_posting_then_saved_and_audited(county, as_user):
    c = as_user(county.users["zzb"])
    assert c.get("/units/manage/T001/establishment/").status_code == 200
    response = c.post(
        "/units/manage/T001/establishment/",
        {
            "kind_1": "3",
            "kind_4": "",
            "quota_principal": "1",
            "quota_deputy": "2",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="T001")
    assert (unit.quota_principal, unit.quota_deputy) == (1, 2)
    assert dict(unit.establishments.values_list("kind", "approved")) == {"1": 3}
    assert AuditEntry.objects.filter(target_id=unit.pk, action="update").count() == 1
    response = c.post(
        "/units/manage/T001/establishment/",
        {
            "kind_1": "-1",
            "quota_principal": "x",
            "quota_deputy": "",
        },
    )
    assert response.status_code == 200
    assert dict(unit.establishments.values_list("kind", "approved")) == {"1": 3}


def test_given_get_on_reopen_when_requested_then_method_not_allowed(county, as_user):
    assert as_user(county.users["zzb"]).get("/units/manage/T001/reopen/").status_code == 405


def test_given_list_when_rendered_then_query_count_bounded(
    county, as_user, django_assert_max_num_queries
):
    for i in range(30):
        make_unit(f"部门{i}", county.county, code=f"D{i:03d}")
    c = as_user(county.users["zzb"])
    with django_assert_max_num_queries(14):
        assert c.get("/units/").status_code == 200

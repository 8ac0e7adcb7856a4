"""Account administration and 三权分立: the system administrator manages accounts, the security
administrator roles and scopes, the auditor only the audit log; none reads cadre data."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.accounts.models import Role, User
from cadre.core.models import AuditEntry
from cadre.people.identity import id_number_fields
from tests.factories import PASSWORD, id_number, make_cadre


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 for the fixture's seven users would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


GOOD = "Qiang-Mima-2024"


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _new(c, **extra):
    data = {"username": "wangwu", "display_name": "王五", "password1": GOOD, "password2": GOOD}
    data.update(extra)
    return c.post("/accounts/users/new/", data)


@pytest.mark.parametrize("role", ["auditor", "zzb", "rsk", "leader", "self_a"])
def test_given_non_account_admin_when_opening_user_pages_then_404(county, as_user, role):
    c = as_user(county.users[role])
    target = county.users["leader"].pk
    for url in (
        "/accounts/users/",
        "/accounts/users/new/",
        f"/accounts/users/{target}/",
        f"/accounts/users/{target}/scope/",
        f"/accounts/users/{target}/password/",
    ):
        assert c.get(url).status_code == 404, url
    assert c.post(f"/accounts/users/{target}/disable/").status_code == 404
    assert User.objects.get(pk=target).is_active


def test_given_sysadmin_when_creating_user_then_leader_without_scope_and_audited(county, as_user):
    c = as_user(county.users["sysadmin"])
    assert c.get("/accounts/users/new/").status_code == 200
    response = _new(c)
    assert response.status_code == 302
    user = User.objects.get(username="wangwu")
    assert user.role == Role.LEADER and not user.scope_units.exists()
    assert user.check_password(GOOD) and user.display_name == "王五"
    entry = AuditEntry.objects.get(action="create", target_type="accounts.user")
    assert entry.actor_name == "sysadmin" and entry.changes["role"] == [None, "leader"]
    assert "password" not in entry.changes
    assert GOOD not in str(entry.changes) and user.password not in str(entry.changes)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-x", "至少需要8个字符"),  # shorter than 8
        ("abcdefgh1", "至少3类"),  # two classes only
        ("ABCDEFGHIJ", "至少3类"),
        ("Password1", "太常见"),  # too common, three classes
    ],
)
def test_given_weak_password_when_creating_user_then_refused_with_policy_message(
    county, as_user, password, message
):
    response = _new(as_user(county.users["sysadmin"]), password1=password, password2=password)
    assert response.status_code == 200
    body = response.content.decode()
    assert "errorlist" in body and message in body
    assert not User.objects.filter(username="wangwu").exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"username": "zzb"},
        {"username": "ZZB"},
        {"username": "bad name"},
        {"username": ""},
        {"display_name": ""},
        {"password2": "Other-Pass-2024"},
    ],
)
def test_given_bad_input_when_creating_user_then_form_errors_and_nothing_saved(
    county, as_user, extra
):
    before = User.objects.count()
    response = _new(as_user(county.users["sysadmin"]), **extra)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert User.objects.count() == before


def test_given_secadmin_when_creating_user_then_404(county, as_user):
    assert _new(as_user(county.users["secadmin"])).status_code == 404
    assert not User.objects.filter(username="wangwu").exists()


def test_given_sysadmin_when_setting_scope_then_404_and_unchanged(county, as_user):
    target = county.users["leader"]
    c = as_user(county.users["sysadmin"])
    assert c.get(f"/accounts/users/{target.pk}/scope/").status_code == 404
    response = c.post(
        f"/accounts/users/{target.pk}/scope/",
        {"role": "org_admin", "scope_units": [county.town_a.pk]},
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.role == Role.LEADER


def test_given_secadmin_when_setting_role_and_scope_then_saved_and_audited(county, as_user):
    target = county.users["leader"]
    c = as_user(county.users["secadmin"])
    page = c.get(f"/accounts/users/{target.pk}/scope/").content.decode()
    assert "甲镇（T001）" in page and "张建国" not in page
    response = c.post(
        f"/accounts/users/{target.pk}/scope/",
        {"role": "unit_hr", "scope_units": [county.town_b.pk]},
    )
    assert response.status_code == 302
    target = User.objects.get(pk=target.pk)
    assert target.role == Role.UNIT_HR
    assert list(target.scope_units.values_list("code", flat=True)) == ["T002"]
    entry = AuditEntry.objects.get(action="update", target_id=target.pk)
    assert entry.changes["role"] == ["leader", "unit_hr"]
    assert entry.changes["scope_units"] == [["C001"], ["T002"]]


def test_given_scoped_role_without_units_when_setting_then_refused(county, as_user):
    target = county.users["leader"]
    response = as_user(county.users["secadmin"]).post(
        f"/accounts/users/{target.pk}/scope/", {"role": "org_admin"}
    )
    assert response.status_code == 200 and "至少一个" in response.content.decode()
    assert User.objects.get(pk=target.pk).role == Role.LEADER


@pytest.mark.parametrize(
    "post",
    [
        {"role": "god"},
        {"role": "leader", "scope_units": ["x"]},
        {"role": "leader", "scope_units": ["99999"]},
    ],
)
def test_given_bad_scope_input_when_posting_then_no_500_and_unchanged(county, as_user, post):
    target = county.users["leader"]
    response = as_user(county.users["secadmin"]).post(f"/accounts/users/{target.pk}/scope/", post)
    assert response.status_code == 200
    assert list(User.objects.get(pk=target.pk).scope_units.all()) == [county.county]


def test_given_secadmin_when_changing_own_role_then_refused(county, as_user):
    me = county.users["secadmin"]
    response = as_user(me).post(
        f"/accounts/users/{me.pk}/scope/", {"role": "org_admin", "scope_units": [county.county.pk]}
    )
    assert response.status_code == 200 and "自己" in response.content.decode()
    assert User.objects.get(pk=me.pk).role == Role.SECURITY_ADMIN


def test_given_self_role_without_cadre_when_setting_then_refused(county, as_user):
    target = county.users["leader"]
    response = as_user(county.users["secadmin"]).post(
        f"/accounts/users/{target.pk}/scope/", {"role": "self"}
    )
    assert response.status_code == 200 and "关联" in response.content.decode()


def _cadre_with_number(county, name="王五"):
    number = id_number(dt.date(1985, 3, 9), "1")
    cadre = make_cadre(county.town_a, name, birth=dt.date(1985, 3, 9), **id_number_fields(number))
    return cadre, number


def test_given_id_number_and_name_when_secadmin_links_then_linked_and_audited(county, as_user):
    cadre, number = _cadre_with_number(county)
    target = county.users["leader"]
    c = as_user(county.users["secadmin"])
    # A wrong name reveals nothing and links nothing.
    response = c.post(f"/accounts/users/{target.pk}/cadre/", {"id_number": number, "name": "李四"})
    assert response.status_code == 200 and "未找到" in response.content.decode()
    assert "王五" not in response.content.decode()
    assert User.objects.get(pk=target.pk).cadre_id is None
    response = c.post(
        f"/accounts/users/{target.pk}/cadre/", {"id_number": number.lower(), "name": "王五"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).cadre_id == cadre.pk
    entry = AuditEntry.objects.get(action="update", target_id=target.pk)
    assert entry.cadre_id == cadre.pk and entry.changes["cadre_id"] == [None, cadre.pk]
    # Now the account may become 干部本人.
    response = c.post(f"/accounts/users/{target.pk}/scope/", {"role": "self"})
    assert response.status_code == 302
    target = User.objects.get(pk=target.pk)
    assert target.role == Role.SELF and not target.scope_units.exists()


def test_given_cadre_linked_elsewhere_when_linking_then_refused(county, as_user):
    _cadre, number = _cadre_with_number(county)
    c = as_user(county.users["secadmin"])
    first, second = county.users["leader"], county.users["rsk"]
    assert (
        c.post(
            f"/accounts/users/{first.pk}/cadre/", {"id_number": number, "name": "王五"}
        ).status_code
        == 302
    )
    response = c.post(f"/accounts/users/{second.pk}/cadre/", {"id_number": number, "name": "王五"})
    assert response.status_code == 200 and "已关联账号" in response.content.decode()
    assert User.objects.get(pk=second.pk).cadre_id is None
    response = c.post(f"/accounts/users/{second.pk}/cadre/", {"id_number": "12345", "name": "王五"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    # Unlinking is audited; a 干部本人 account cannot be unlinked.
    assert c.post(f"/accounts/users/{first.pk}/cadre/unlink/").status_code == 302
    assert User.objects.get(pk=first.pk).cadre_id is None
    c.post(f"/accounts/users/{county.users['self_a'].pk}/cadre/unlink/")
    assert User.objects.get(username="self_a").cadre_id == county.cadre_a.pk


def test_given_sysadmin_when_disabling_user_then_their_session_ends(county, client):
    from django.test import Client

    victim = Client()
    victim.force_login(county.users["zzb"])
    assert victim.get("/units/").status_code == 200
    client.force_login(county.users["sysadmin"])
    response = client.post(f"/accounts/users/{county.users['zzb'].pk}/disable/")
    assert response.status_code == 302
    assert not User.objects.get(username="zzb").is_active
    assert victim.get("/units/").status_code == 302  # back to the login page
    entry = AuditEntry.objects.get(action="update", target_id=county.users["zzb"].pk)
    assert entry.changes["is_active"] == [True, False]
    assert client.post(f"/accounts/users/{county.users['zzb'].pk}/enable/").status_code == 302
    assert User.objects.get(username="zzb").is_active


def test_given_sysadmin_when_disabling_self_then_refused(county, as_user):
    me = county.users["sysadmin"]
    c = as_user(me)
    c.post(f"/accounts/users/{me.pk}/disable/")
    assert User.objects.get(pk=me.pk).is_active


def test_given_disable_via_get_then_method_not_allowed(county, as_user):
    c = as_user(county.users["sysadmin"])
    assert c.get(f"/accounts/users/{county.users['zzb'].pk}/disable/").status_code == 405


def test_given_sysadmin_when_resetting_password_then_policy_applies_and_audited(county, as_user):
    target = county.users["zzb"]
    c = as_user(county.users["sysadmin"])
    url = f"/accounts/users/{target.pk}/password/"
    response = c.post(url, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert User.objects.get(pk=target.pk).check_password(PASSWORD)
    response = c.post(url, {"password1": GOOD, "password2": GOOD})
    assert response.status_code == 302
    assert User.objects.get(pk=target.pk).check_password(GOOD)
    entry = AuditEntry.objects.get(action="update", target_id=target.pk)
    assert "重置密码" in entry.note and GOOD not in str(entry.changes)


def test_given_account_admins_when_listing_then_accounts_without_cadre_data(county, as_user):
    for role in ("sysadmin", "secadmin"):
        body = as_user(county.users[role]).get("/accounts/users/").content.decode()
        assert "zzb" in body and "组织部干部管理员" in body
        assert "张建国" not in body and "李秀英" not in body
    body = (
        as_user(county.users["secadmin"])
        .get("/accounts/users/", {"role": "unit_hr"})
        .content.decode()
    )
    assert "rsk" in body and "zzb" not in body


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditor"])
def test_given_admin_role_when_opening_unit_pages_then_404(county, as_user, role):
    c = as_user(county.users[role])
    assert c.get("/units/").status_code == 404
    assert c.get("/units/manage/T001/").status_code == 404


def test_given_auditor_when_opening_audit_then_200_but_others_404(county, as_user):
    assert as_user(county.users["auditor"]).get("/audit/").status_code == 200
    for role in ("sysadmin", "secadmin", "zzb", "leader"):
        assert as_user(county.users[role]).get("/audit/").status_code == 404

"""Signing in and out: the Chinese login page, audit, lockout after repeated failures."""

from __future__ import annotations

import pytest

from cadre.core.models import AuditEntry
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def post_login(client, username, password, next_url=None):
    data = {"username": username, "password": password}
    url = "/login/" if next_url is None else f"/login/?next={next_url}"
    return client.post(url, data, REMOTE_ADDR="10.0.0.8")


def test_given_login_page_then_chinese_form_with_csrf(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("用户登录", "用户名", "密码", "登录", "csrfmiddlewaretoken"):
        assert text in html
    assert "/static/css/login.css" in html
    assert "https://" not in html
    assert "<script>" not in html


def test_given_valid_credentials_then_home_and_audited(client, county):
    response = post_login(client, "zzb", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.filter(action="login").get()
    assert entry.actor_name == "zzb"
    assert entry.ip == "10.0.0.8"


def test_given_next_then_redirected_there_but_never_off_site(client, county):
    assert post_login(client, "zzb", PASSWORD, "/cadres/")["Location"] == "/cadres/"
    client.logout()
    assert post_login(client, "zzb", PASSWORD, "https://evil.example/")["Location"] == "/"


def test_given_wrong_password_then_chinese_error_and_audited(client, county):
    response = post_login(client, "zzb", "wrong-password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "用户名或密码错误" in html
    assert "连续输错 5 次" in html
    entry = AuditEntry.objects.filter(action="login_failed").get()
    assert entry.target_repr == "zzb"
    assert "_auth_user_id" not in client.session


def test_given_empty_form_then_chinese_required_messages(client, db):
    html = client.post("/login/", {}).content.decode()
    assert "请输入用户名。" in html
    assert "请输入密码。" in html


def test_given_inactive_user_then_cannot_sign_in(client, county):
    user = county.users["zzb"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = post_login(client, "zzb", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_given_five_failures_then_locked_even_with_right_password(client, county, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    statuses = [post_login(client, "rsk", f"wrong-{i}").status_code for i in range(5)]
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] == 429
    response = post_login(client, "rsk", PASSWORD)
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected (lockout is per user name).
    assert post_login(client, "zzb", PASSWORD).status_code == 302


def test_given_failures_below_limit_then_success_resets_the_count(client, county):
    for i in range(4):
        post_login(client, "rsk", f"wrong-{i}")
    assert post_login(client, "rsk", PASSWORD).status_code == 302
    client.logout()
    for i in range(4):
        assert post_login(client, "rsk", f"wrong-again-{i}").status_code == 200


def test_given_signed_in_when_post_logout_then_signed_out_and_audited(client, county):
    client.force_login(county.users["zzb"])
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(action="logout", actor_name="zzb").exists()
    assert "您已安全退出" in client.get("/login/").content.decode()


def test_given_get_logout_then_refused(client, county):
    client.force_login(county.users["zzb"])
    assert client.get("/logout/").status_code == 405
    assert client.get("/").status_code == 200


def test_given_signed_in_when_login_page_then_home(client, county):
    client.force_login(county.users["zzb"])
    response = client.get("/login/")
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "data",
    [{"username": "\x00", "password": "x"}, {"username": "a" * 5000, "password": "x"}],
)
def test_given_odd_login_input_then_never_500(client, db, data):
    assert client.post("/login/", data).status_code in (200, 429)

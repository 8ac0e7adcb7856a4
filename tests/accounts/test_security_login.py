"""Login security (等保三级): lockout after 5 failures within 15 minutes, every failure audited
with the user name, lockout lifted after the cool-off or by a password reset, idle sessions
ended, and the password policy on account creation."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from cadre.accounts import middleware as idle
from cadre.core.models import AuditEntry
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _login(client, username, password, ip="10.1.2.3"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _age_attempts(minutes: int) -> None:
    # Attempts are recorded with the time they happened; move them into the past.
    past = timezone.now() - dt.timedelta(minutes=minutes)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=past)


def test_given_settings_then_policy_is_5_failures_in_15_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(hours=settings.AXES_COOLOFF_TIME) == dt.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_given_failed_logins_then_each_audited_with_username_and_address(client, county):
    for i in range(3):
        _login(client, "zzb", f"wrong-{i}")
    _login(client, "nobody", "x", ip="10.9.9.9")
    entries = AuditEntry.objects.filter(action="login_failed").order_by("id")
    assert [e.target_repr for e in entries] == ["zzb", "zzb", "zzb", "nobody"]
    assert [e.ip for e in entries] == ["10.1.2.3"] * 3 + ["10.9.9.9"]
    assert all("登录失败" in e.note for e in entries)
    assert all("wrong" not in str(e.changes) + e.note for e in entries)  # no password kept


def test_given_fifth_failure_then_locked_and_audited_even_when_locked(client, county):
    for i in range(5):
        _login(client, "zzb", f"wrong-{i}")
    assert _login(client, "zzb", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login_failed", target_repr="zzb").count() >= 5
    assert not AuditEntry.objects.filter(action="login", actor_name="zzb").exists()


def test_given_lockout_when_cool_off_passed_then_can_sign_in_again(client, county):
    for i in range(5):
        _login(client, "zzb", f"wrong-{i}")
    assert _login(client, "zzb", PASSWORD).status_code == 429
    _age_attempts(16)
    assert _login(client, "zzb", PASSWORD).status_code == 302


def test_given_failures_older_than_15_minutes_then_they_do_not_count(client, county):
    for i in range(4):
        _login(client, "zzb", f"wrong-{i}")
    _age_attempts(16)
    assert _login(client, "zzb", "wrong-again").status_code == 200
    assert _login(client, "zzb", PASSWORD).status_code == 302


def test_given_locked_account_when_sysadmin_resets_password_then_unlocked(client, county):
    for i in range(5):
        _login(client, "zzb", f"wrong-{i}")
    assert _login(client, "zzb", PASSWORD).status_code == 429
    admin = client.__class__()
    admin.force_login(county.users["sysadmin"])
    new = "Xin-Mima-2025"
    response = admin.post(
        f"/accounts/users/{county.users['zzb'].pk}/password/", {"password1": new, "password2": new}
    )
    assert response.status_code == 302
    assert _login(client, "zzb", new).status_code == 302


def test_given_idle_session_when_limit_passes_then_logged_out(
    client, county, settings, monkeypatch
):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 30 * 60
    now = [1_800_000_000.0]
    monkeypatch.setattr(idle.time, "time", lambda: now[0])
    client.force_login(county.users["zzb"])
    assert client.get("/units/").status_code == 200
    now[0] += 29 * 60  # active again within the limit: the clock restarts
    assert client.get("/units/").status_code == 200
    now[0] += 29 * 60
    assert client.get("/units/").status_code == 200
    now[0] += 30 * 60 + 1
    response = client.get("/units/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Ab1-defg", True),  # 8 chars, 4 classes
        ("abcdef1-", True),  # lower, digit, symbol
        ("Abc-1", False),  # too short
        ("abcdefgh12", False),  # two classes
        ("ABCD-EFGH", False),  # two classes
    ],
)
def test_given_password_policy_when_creating_account_then_enforced(
    client, county, password, accepted
):
    client.force_login(county.users["sysadmin"])
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "newuser",
            "display_name": "新用户",
            "password1": password,
            "password2": password,
        },
    )
    from cadre.accounts.models import User

    assert User.objects.filter(username="newuser").exists() is accepted
    assert response.status_code == (302 if accepted else 200)

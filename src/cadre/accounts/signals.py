"""Every login, failed login and logout is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from cadre.core import audit
from cadre.core.actors import Actor, client_ip


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(Actor(user, client_ip(request)), "login", target=user)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(Actor(user, client_ip(request)), "logout", target=user)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    entry_actor = Actor(None, client_ip(request) if request is not None else None)
    audit.record(
        entry_actor,
        "login_failed",
        target_type="accounts.user",
        target_repr=username,
        note=f"账号 {username} 登录失败",
    )

"""Who is acting: the user and the address they act from, passed to every service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

    from cadre.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User | None
    ip: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, ip=client_ip(request))

    @property
    def name(self) -> str:
        return self.user.get_username() if self.user is not None else "system"


def client_ip(request: HttpRequest) -> str | None:
    # Behind nginx the real address arrives in X-Real-IP, set by our own proxy config only.
    from django.conf import settings

    if getattr(settings, "CADRE_TRUST_X_REAL_IP", False):
        forwarded = request.META.get("HTTP_X_REAL_IP")
        if forwarded:
            return str(forwarded)
    addr = request.META.get("REMOTE_ADDR")
    return str(addr) if addr else None

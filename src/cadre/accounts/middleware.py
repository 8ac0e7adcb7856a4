"""Session idle timeout: a session unused for longer than the limit is logged out."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_KEY = "last_seen"
# Touch the session at most once a minute: a write on every request costs queries and
# the timeout needs only minute precision.
_TOUCH_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(_KEY)
            if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
            elif last is None or now - int(last) >= _TOUCH_EVERY_SECONDS:
                request.session[_KEY] = now
        return self.get_response(request)

"""Small builders shared by the record-editing tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cadre.accounts.models import User
from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from tests.factories import id_number


def actor(user: User) -> Actor:
    return Actor(user=user, ip="127.0.0.1")


def basic_data(unit: Any, **overrides: Any) -> dict[str, Any]:
    birth = overrides.pop("birth_date", dt.date(1985, 3, 12))
    gender = overrides.pop("gender", "1")
    data: dict[str, Any] = {
        "name": "王建华",
        "gender": gender,
        "birth_date": birth,
        "ethnicity": "01",
        "native_place": "河北石家庄",
        "birthplace": "河北石家庄",
        "political_status": "01",
        "party_joined_on": dt.date(2008, 6, 1),
        "work_started_on": dt.date(2007, 7, 1),
        "health": "1",
        "staff_category": "11",
        "status": "1",
        "unit": unit,
        "id_number": id_number(birth, gender),
        "remarks": "",
    }
    data.update(overrides)
    return data


def last_audit(**filters: Any) -> AuditEntry:
    entry = AuditEntry.objects.filter(**filters).order_by("-id").first()
    assert entry is not None, f"no audit entry for {filters}"
    return entry


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    """Users are made per test; the production hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

"""Test data builders. Plain functions over the models: a unit tree, cadres, users by role.

IDs generated here are valid GB 11643 numbers matching the birth date and gender."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from cadre.accounts.models import Role, User
from cadre.org.models import Unit
from cadre.people.identity import id_number_fields
from cadre.people.models import Cadre
from cadre.people.naming import pinyin_full, pinyin_initials

_seq = itertools.count(1)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PASSWORD = "Test-Pass-2024"


def id_number(birth: dt.date, gender: str, region: str = "130123", seq: int | None = None) -> str:
    """A valid 18-digit ID: gender "1" male gives an odd sequence number."""
    n = next(_seq) if seq is None else seq
    order = (n * 2 + (1 if gender == "1" else 0)) % 1000
    body = f"{region}{birth:%Y%m%d}{order:03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return body + check


def make_unit(
    name: str,
    parent: Unit | None = None,
    *,
    code: str | None = None,
    kind: str = "02",
    **extra: Any,
) -> Unit:
    fields = {"code": code or f"U{next(_seq):05d}", "name": name, "kind": kind, **extra}
    if parent is None:
        return Unit.objects.add_root(fields)
    parent.refresh_from_db()
    return Unit.objects.add_child(parent, fields)


def make_cadre(
    unit: Unit,
    name: str = "张建国",
    *,
    gender: str = "1",
    birth: dt.date = dt.date(1980, 5, 12),
    **extra: Any,
) -> Cadre:
    fields: dict[str, Any] = {
        "name": name,
        "name_pinyin": pinyin_full(name),
        "name_initials": pinyin_initials(name),
        "gender": gender,
        "birth_date": birth,
        "staff_category": "11",
        "unit": unit,
        "unit_path": unit.path,
        **id_number_fields(id_number(birth, gender)),
    }
    fields.update(extra)
    return Cadre.objects.create(**fields)


def make_user(
    username: str, role: Role | str, scope: list[Unit] | None = None, cadre: Cadre | None = None
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, role=role, display_name=username, cadre=cadre
    )
    if scope:
        user.scope_units.set(scope)
    return user

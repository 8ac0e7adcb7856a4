"""`field__any_of`: the same rows as `__in`, one array parameter on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from cadre.core import lookups
from cadre.people.models import Cadre
from tests.factories import make_cadre

pytestmark = pytest.mark.django_db


def test_any_of_finds_what_in_finds(county):
    cadres = [make_cadre(county.town_a, f"测试{n}") for n in range(5)]
    wanted = [c.pk for c in cadres[1:4]] + [10**9]
    found = set(Cadre.objects.filter(pk__any_of=wanted).values_list("pk", flat=True))
    assert found == set(Cadre.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert found == {c.pk for c in cadres[1:4]}
    names = ["测试0", "测试4", "无此人"]
    assert set(Cadre.objects.filter(name__any_of=names).values_list("name", flat=True)) == {
        "测试0",
        "测试4",
    }


def test_any_of_an_empty_list_finds_nothing(county):
    make_cadre(county.town_a)
    assert not Cadre.objects.filter(pk__any_of=[]).exists()


def test_any_of_is_one_parameter_on_postgresql(county):
    sql, params = Cadre.objects.filter(pk__any_of=[1, 2, 3]).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s)" in sql and [1, 2, 3] in [list(p) for p in params if isinstance(p, list)]
    else:
        assert " IN (%s, %s, %s)" in sql


def test_slices_keep_every_value_once():
    values = list(range(2 * lookups.IN_CHUNK + 7))
    pieces = lookups.slices(connection, values)
    assert [v for piece in pieces for v in piece] == values
    if connection.vendor == "postgresql":
        assert len(pieces) == 1
    else:
        assert all(len(p) <= lookups.IN_CHUNK for p in pieces) and len(pieces) == 3
    assert lookups.slices(connection, []) == []

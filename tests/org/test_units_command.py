"""`cadre units --json`: one object per unit, counts of 现职 cadres summed up the tree by
aggregate queries."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.factories import make_cadre, make_unit


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 for the fixture's seven users would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("units", *args, stdout=out)
    return out.getvalue()


def test_given_county_when_listing_json_then_one_object_per_unit_with_rolled_up_counts(
    county, django_assert_max_num_queries
):
    office = make_unit("甲镇党政办", county.town_a, code="T001-01", kind="12")
    make_cadre(office, "王五")
    make_cadre(county.town_a, "退休者", status="2")  # not 现职
    make_cadre(county.county, "县领导")
    with django_assert_max_num_queries(3):
        rows = json.loads(_run("--json"))
    by_code = {r["code"]: r for r in rows}
    assert [r["code"] for r in rows] == ["C001", "T001", "T001-01", "T002"]
    assert by_code["C001"]["parent"] is None
    assert by_code["T001-01"]["parent"] == "T001"
    assert by_code["T001"]["kind"] == "乡镇" and by_code["T001"]["kind_code"] == "08"
    assert by_code["T001-01"]["kind"] == "内设机构"
    assert {c: r["cadre_count"] for c, r in by_code.items()} == {
        "C001": 4,
        "T001": 2,
        "T001-01": 1,
        "T002": 1,
    }
    assert set(rows[0]) >= {"code", "name", "parent", "kind", "kind_code", "cadre_count"}


def test_given_no_units_when_listing_then_empty(db):
    assert json.loads(_run("--json")) == []


def test_given_county_when_listing_as_table_then_readable_chinese_columns(county):
    text = _run()
    assert "单位代码" in text and "现职干部数" in text
    assert "甲镇" in text and "共 3 个单位" in text

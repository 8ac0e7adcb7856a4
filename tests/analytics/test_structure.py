"""Structure analysis on the hand-built county: exact figures."""

from __future__ import annotations

from typing import Any

import pytest

from cadre.analytics.structure import structure_figures
from tests.analytics.conftest import TODAY, Corps

pytestmark = pytest.mark.django_db


def rows(figures: dict[str, Any], key: str) -> dict[str, int]:
    section = next(s for s in figures["sections"] if s["key"] == key)
    return {r["label"]: r["value"] for r in section["rows"]}


def test_summary_of_the_county(corps: Corps) -> None:
    f = structure_figures(corps.base.users["zzb"], corps.base.county, TODAY)
    s = f["summary"]
    # 7 现职 (吴退休 is retired): ages 44 44 52 29 38 58 35.
    assert s["total"] == 7
    assert s["women"] == 3
    assert s["minority"] == 2
    assert s["non_cpc"] == 2  # 群众, 民盟 (预备党员 counts as CPC)
    assert s["le35"] == 2 and s["le35_share"] == 28.6
    assert s["le40"] == 3
    assert s["ge55"] == 1
    assert s["avg_age"] == round((44 + 44 + 52 + 29 + 38 + 58 + 35) / 7, 1)
    assert s["bachelor_ft"] == 3  # 赵 本科, 钱 硕士, 周 本科
    assert s["leaders"] == 4


def test_sections_exact(corps: Corps) -> None:
    f = structure_figures(corps.base.users["zzb"], corps.base.county, TODAY)
    assert rows(f, "echelons") == {"35岁及以下": 2, "36—45岁": 3, "46—54岁": 1, "55岁及以上": 1}
    assert rows(f, "education") == {
        "研究生": 2,
        "大学本科": 2,
        "大学专科": 0,
        "中专及高中": 1,
        "初中及以下": 0,
        "未填写": 2,
    }
    assert rows(f, "education_full_time")["大学专科"] == 1
    assert rows(f, "education_in_service") == {
        "研究生": 1,
        "大学本科": 0,
        "大学专科": 0,
        "中专及高中": 0,
        "初中及以下": 0,
        "未填写": 6,
    }
    assert rows(f, "political_status") == {
        "中共党员": 4,
        "中共预备党员": 1,
        "民盟盟员": 1,
        "群众": 1,
    }
    assert rows(f, "ethnicity") == {"汉族": 5, "回族": 1, "壮族": 1}
    assert rows(f, "staff_category") == {"综合管理类公务员": 6, "参照公务员法管理": 1}
    assert rows(f, "position_level") == {"乡科级正职": 1, "乡科级副职": 3, "未填写": 3}
    assert rows(f, "rank") == {"一级主任科员": 1, "三级主任科员": 1, "未填写": 5}
    assert rows(f, "tenure") == {
        "不满3年": 1,
        "3年以上不满5年": 1,
        "5年以上不满10年": 1,
        "10年及以上": 1,
        "无现任职务": 3,
    }
    pyramid = next(s for s in f["sections"] if s["key"] == "pyramid")
    by = {b["label"]: (b["men"], b["women"]) for b in pyramid["bands"]}
    assert by["41—45岁"] == (1, 1)
    assert by["26—30岁" if "26—30岁" in by else "30岁及以下"] == (0, 1)
    assert sum(m + w for m, w in by.values()) == 7


def test_township_against_county_organs(corps: Corps) -> None:
    f = structure_figures(corps.base.users["zzb"], corps.base.county, TODAY)
    town, organs = f["sides"]
    assert town["total"] == 5 and organs["total"] == 2
    assert town["women"] == 3 and organs["women"] == 0
    assert organs["avg_age"] == 48.0


def test_subtree_and_scope(corps: Corps) -> None:
    f = structure_figures(corps.base.users["rsk"], corps.base.town_a, TODAY)
    assert f["summary"]["total"] == 3  # 张建国, 王书记, 赵青年 (党政办)
    other = structure_figures(corps.base.users["rsk"], corps.base.county, TODAY)
    assert other["summary"]["total"] == 3  # only what the scope holds


def test_trend_from_history(corps: Corps) -> None:
    f = structure_figures(corps.base.users["zzb"], corps.base.county, TODAY)
    trend = f["trend"]
    assert [t["year"] for t in trend] == [TODAY.year - k for k in range(5, 0, -1)]
    # 吴退休 (retired, no appointment end, 到龄年月 unset) is not counted; 赵青年 started work
    # 6 years ago so is counted every year; 7 现职 all present at the last year end.
    assert trend[-1]["count"] == 7
    assert all(t["count"] == 7 for t in trend)
    assert trend[0]["avg_age"] < trend[-1]["avg_age"]


def test_drill_links(corps: Corps) -> None:
    f = structure_figures(corps.base.users["zzb"], corps.base.county, TODAY)
    ech = next(s for s in f["sections"] if s["key"] == "echelons")
    assert ech["rows"][0]["link"] == "/cadres/?unit=C001&age_max=35"
    edu = next(s for s in f["sections"] if s["key"] == "education")
    assert edu["rows"][0]["link"].startswith("/analytics/query/results/?q=")


def test_query_budget(corps: Corps, django_assert_max_num_queries: Any) -> None:
    user = corps.base.users["zzb"]
    with django_assert_max_num_queries(20):
        structure_figures(user, corps.base.county, TODAY)

"""Pages: login, scope 404s, bad input without 500s, saved queries (audited), CSP-safe charts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cadre.analytics.models import SavedQuery
from cadre.core.models import AuditEntry
from tests.analytics.conftest import Corps

pytestmark = pytest.mark.django_db

PAGES = [
    "/analytics/structure/?unit=C001",
    "/analytics/teams/?unit=C001",
    "/analytics/report/?unit=C001",
    "/analytics/warnings/?unit=C001",
    "/analytics/warnings/summary/?unit=C001",
    "/analytics/query/",
    "/analytics/query/saved/",
]


def login(client: Any, corps: Corps, name: str) -> None:
    client.force_login(corps.base.users[name])


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_for_the_org_department(client: Any, corps: Corps, url: str) -> None:
    login(client, corps, "zzb")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html  # CSP: no inline scripts


@pytest.mark.parametrize("url", PAGES)
def test_admin_roles_and_cadres_see_nothing(client: Any, corps: Corps, url: str) -> None:
    for name in ("sysadmin", "auditor", "self_a"):
        login(client, corps, name)
        assert client.get(url).status_code == 404, name


def test_login_required(client: Any, corps: Corps) -> None:
    response = client.get("/analytics/structure/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_units_outside_scope_are_404(client: Any, corps: Corps) -> None:
    login(client, corps, "rsk")
    for url in (
        "/analytics/structure/?unit=T002",
        "/analytics/teams/?unit=C001",
        "/analytics/warnings/?unit=T002",
        "/analytics/warnings/summary/?unit=NOPE",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/analytics/structure/").status_code == 200  # defaults to own scope


def test_dashboard_embeds_figures_as_json(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    html = client.get("/analytics/structure/?unit=C001").content.decode()
    assert 'id="an-structure-data" type="application/json"' in html
    assert "vendor/echarts/echarts.min.js" in html
    assert "35岁及以下" in html


def test_teams_page_marks_missing_targets(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    html = client.get("/analytics/teams/?unit=C001").content.decode()
    assert "甲镇" in html and "无女干部" in html


def test_results_with_bad_json_is_a_chinese_error_not_500(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    response = client.get("/analytics/query/results/", {"q": "{oops"})
    assert response.status_code == 400
    assert "不是有效的JSON" in response.content.decode()


def test_results_roster_links_to_profiles(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    q = json.dumps({"field": "age", "op": "gte", "value": 50})
    html = client.get("/analytics/query/results/", {"q": q}).content.decode()
    assert f"/cadres/{corps.c['c'].pk}/" in html and "孙老同志" in html


def test_saved_query_lifecycle_is_audited_and_shared(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    q = json.dumps({"field": "gender", "op": "eq", "value": "2"})
    response = client.post("/analytics/query/saved/new/", {"name": "女干部", "query": q})
    saved = SavedQuery.objects.get(name="女干部")
    assert response.status_code == 302
    html = client.get(f"/analytics/query/saved/{saved.pk}/").content.decode()
    assert "李秀英" in html and "周新人" in html
    # Not shared yet: the 甲镇 HR officer cannot see it.
    login(client, corps, "rsk")
    assert client.get(f"/analytics/query/saved/{saved.pk}/").status_code == 404
    login(client, corps, "zzb")
    rsk = corps.base.users["rsk"]
    client.post(f"/analytics/query/saved/{saved.pk}/share/", {"shared_with": [str(rsk.pk)]})
    login(client, corps, "rsk")
    html = client.get(f"/analytics/query/saved/{saved.pk}/").content.decode()
    assert "赵青年" in html and "李秀英" not in html  # their own scope only
    assert client.post(f"/analytics/query/saved/{saved.pk}/delete/").status_code == 404
    login(client, corps, "zzb")
    client.post(f"/analytics/query/saved/{saved.pk}/delete/")
    assert not SavedQuery.objects.exists()
    actions = list(
        AuditEntry.objects.filter(target_type="analytics.savedquery").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_saving_a_bad_query_is_refused_in_chinese(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    response = client.post("/analytics/query/saved/new/", {"name": "x", "query": "[1"}, follow=True)
    assert response.status_code == 200
    assert "不是有效的JSON" in response.content.decode()
    assert not SavedQuery.objects.exists()


def test_warnings_centre_lists_cadres_with_links(client: Any, corps: Corps) -> None:
    login(client, corps, "zzb")
    client.post("/analytics/warnings/rescan/", {"unit": "C001"})  # the task runs at once
    html = client.get("/analytics/warnings/?unit=C001&kind=same_post").content.decode()
    assert "王书记" in html and f"/cadres/{corps.c['c'].pk}/" in html
    summary = client.get("/analytics/warnings/summary/?unit=C001").content.decode()
    assert "同一职位任职满10年" in summary and "<html" not in summary


def test_fields_json(client: Any, corps: Corps) -> None:
    login(client, corps, "leader")
    data = client.get("/analytics/query/fields.json").json()
    assert any(f["key"] == "no_influence_period" for f in data["fields"])


def test_dashboard_query_budget(
    client: Any, corps: Corps, django_assert_max_num_queries: Any
) -> None:
    from cadre.analytics.summary import refresh

    refresh()  # the background task, done before: the page reads the summary
    login(client, corps, "zzb")
    with django_assert_max_num_queries(35):
        assert client.get("/analytics/structure/?unit=C001").status_code == 200

"""The unit tree beside the roster: roots per scope, lazy children, search, 404 outside."""

from __future__ import annotations

import re

import pytest

from cadre.accounts.models import Role
from tests.factories import make_unit, make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


HTMX = {"HTTP_HX_REQUEST": "true"}


def tree_html(response) -> str:
    html = response.content.decode()
    match = re.search(r'<nav class="unit-tree".*?</nav>', html, re.S)
    assert match, "the roster page has a unit tree"
    return match.group(0)


def tree_names(html: str) -> list[str]:
    return re.findall(r'class="tree-link[^"]*"[^>]*>([^<]+)</a>', html)


def get(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


def test_given_org_admin_then_tree_shows_scope_root_collapsed(client, county):
    tree = tree_html(get(client, county.users["zzb"], "/cadres/"))
    assert tree_names(tree) == ["某某县"]
    assert 'data-children-url="/units/tree/children/C001/"' in tree
    assert 'aria-expanded="false"' in tree


def test_given_unit_hr_then_tree_root_is_own_unit(client, county):
    tree = tree_html(get(client, county.users["rsk"], "/cadres/"))
    assert tree_names(tree) == ["甲镇"]


def test_given_several_scope_units_then_each_is_a_root_without_duplicates(client, county):
    other = make_unit("某某市直属局", code="S001")
    user = make_user("multi", Role.LEADER, [county.town_a, county.town_b, county.county, other])
    tree = tree_html(get(client, user, "/cadres/"))
    # 甲镇 and 乙镇 are inside the county: only the county and the other root are roots.
    assert tree_names(tree) == ["某某县", "某某市直属局"]


def test_given_children_request_then_direct_children_in_order(client, county):
    make_unit("甲镇农业办", county.town_a, code="T001A")
    response = get(client, county.users["zzb"], "/units/tree/children/C001/", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert tree_names(html) == ["甲镇", "乙镇"]
    assert "甲镇农业办" not in html  # grandchildren wait for their own expand
    # 甲镇 has a child now: it can be expanded; 乙镇 cannot.
    assert 'data-children-url="/units/tree/children/T001/"' in html
    assert 'data-children-url="/units/tree/children/T002/"' not in html


def test_given_closed_unit_then_not_in_tree(client, county):
    make_unit("已撤并办", county.county, code="X001", is_closed=True)
    html = get(client, county.users["zzb"], "/units/tree/children/C001/").content.decode()
    assert "已撤并办" not in html


def test_given_leaf_unit_then_children_says_none(client, county):
    response = get(client, county.users["rsk"], "/units/tree/children/T001/", **HTMX)
    assert response.status_code == 200
    assert "无下级单位" in response.content.decode()


@pytest.mark.parametrize("code", ["T002", "C001", "NOPE", "%3Cscript%3E", "%00"])
def test_given_unit_hr_when_children_outside_scope_then_404(client, county, code):
    assert get(client, county.users["rsk"], f"/units/tree/children/{code}/").status_code == 404


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor", "self_a"])
def test_given_role_without_units_when_children_then_404(client, county, username):
    assert get(client, county.users[username], "/units/tree/children/C001/").status_code == 404


def test_given_anonymous_when_children_then_login(client, county):
    response = client.get("/units/tree/children/C001/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_given_selected_unit_then_tree_expanded_down_to_it(client, county):
    sub = make_unit("甲镇农业办", county.town_a, code="T001A")
    make_unit("农业办综合股", sub, code="T001A1")
    tree = tree_html(get(client, county.users["zzb"], "/cadres/?unit=T001A"))
    # The path is open, with siblings at each level, and the selected unit's children.
    assert tree_names(tree) == ["某某县", "甲镇", "甲镇农业办", "农业办综合股", "乙镇"]
    assert re.search(r'class="tree-link selected"[^>]*>甲镇农业办<', tree)
    assert 'data-children-url="/units/tree/children/T001A/" data-loaded="1"' in tree


def test_given_tree_page_then_query_budget(client, county, django_assert_max_num_queries):
    sub = make_unit("甲镇农业办", county.town_a, code="T001A")
    make_unit("农业办综合股", sub, code="T001A1")
    client.force_login(county.users["zzb"])
    with django_assert_max_num_queries(8):  # 4 of them: the session read and its write
        response = client.get("/units/tree/children/T001/", **HTMX)
    assert "甲镇农业办" in response.content.decode()


# Search ---------------------------------------------------------------------------------


def search(client, user, q, **extra):
    client.force_login(user)
    return client.get("/units/tree/search/", {"q": q}, **extra)


def test_given_name_part_then_units_found_with_their_path(client, county):
    sub = make_unit("甲镇农业办", county.town_a, code="T001A")
    make_unit("农业办综合股", sub, code="T001A1")
    html = search(client, county.users["zzb"], "农业办", **HTMX).content.decode()
    assert "甲镇农业办" in html
    assert "农业办综合股" in html
    assert "某某县 › 甲镇 › 甲镇农业办" in html  # the path of 农业办综合股
    assert 'href="/cadres/?unit=T001A1"' in html


def test_given_initials_then_units_found(client, county):
    county.town_a.name_initials = "jz"
    county.town_a.save(update_fields=["name_initials"])
    html = search(client, county.users["zzb"], "JZ", **HTMX).content.decode()
    assert "甲镇" in html
    assert "乙镇" not in html


def test_given_unit_hr_when_search_then_only_scope_and_path_from_scope_root(client, county):
    html = search(client, county.users["rsk"], "镇", **HTMX).content.decode()
    assert "甲镇" in html
    assert "乙镇" not in html
    assert "某某县" not in html  # above the user's scope: not even its name


def test_given_no_match_then_chinese_message(client, county):
    html = search(client, county.users["zzb"], "不存在的单位", **HTMX).content.decode()
    assert "未找到" in html


def test_given_search_without_htmx_then_full_page(client, county):
    response = search(client, county.users["zzb"], "甲")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "查找单位" in html
    assert "甲镇" in html


@pytest.mark.parametrize("q", ["", "\x00", "<script>", "%", "_", "x" * 500])
def test_given_odd_search_text_then_never_500(client, county, q):
    response = search(client, county.users["zzb"], q, **HTMX)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_given_percent_then_matched_literally(client, county):
    html = search(client, county.users["zzb"], "%", **HTMX).content.decode()
    assert "甲镇" not in html


@pytest.mark.parametrize("username", ["sysadmin", "auditor", "self_a"])
def test_given_role_without_units_when_search_then_404(client, county, username):
    assert search(client, county.users[username], "镇").status_code == 404


def test_given_many_matches_then_limited_with_a_note(client, county):
    for i in range(25):
        make_unit(f"第{i:02d}村委会", county.town_b, code=f"V{i:03d}")
    html = search(client, county.users["zzb"], "村委会", **HTMX).content.decode()
    assert html.count('href="/cadres/?unit=V') == 20
    assert "结果较多" in html

"""The roster page: scope, columns, sorting, pagination, htmx, query budget, bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadre.accounts.models import Role
from tests.factories import make_cadre, make_unit, make_user
from tests.people.test_roster_data import Roster, build_roster


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def roster(county) -> Roster:
    return build_roster(county, timezone.localdate())


def names_in(response) -> list[str]:
    """Cadre names in table order (the name column links to the profile)."""
    html = response.content.decode()
    return re.findall(r'<td class="col-name"><a href="/cadres/\d+/">([^<]+)</a>', html)


def get(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


# Scope ---------------------------------------------------------------------------------


def test_given_org_admin_when_roster_then_all_in_office_cadres_of_the_county(client, roster):
    response = get(client, roster.county.users["zzb"], "/cadres/")
    assert response.status_code == 200
    assert set(names_in(response)) == {"张建国", "李秀英", "王建华", "赵敏", "周建", "欧阳娜娜"}
    assert "孙立" not in names_in(response)  # retired: not 现职 by default


def test_given_unit_hr_when_roster_then_only_own_unit(client, roster):
    response = get(client, roster.county.users["rsk"], "/cadres/")
    assert set(names_in(response)) == {"张建国", "王建华", "赵敏"}


def test_given_unit_param_when_roster_then_that_unit_and_its_sub_units(client, roster):
    sub = make_unit("甲镇农业办", roster.county.town_a, code="T001A")
    make_cadre(sub, "钱进")
    response = get(client, roster.county.users["zzb"], "/cadres/?unit=T001")
    assert set(names_in(response)) == {"张建国", "王建华", "赵敏", "钱进"}
    assert "含下级单位" in response.content.decode()


def test_given_unit_hr_when_other_unit_then_404(client, roster):
    user = roster.county.users["rsk"]
    assert get(client, user, "/cadres/?unit=T002").status_code == 404
    # The county contains 甲镇, but is itself outside an 甲镇-only scope.
    assert get(client, user, "/cadres/?unit=C001").status_code == 404


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
def test_given_admin_role_when_roster_then_404(client, county, username):
    response = get(client, county.users[username], "/cadres/")
    assert response.status_code == 404
    assert "张建国" not in response.content.decode()


def test_given_self_role_when_roster_then_redirected_to_own_record(client, county):
    response = get(client, county.users["self_a"], "/cadres/")
    assert response.status_code == 302
    assert response["Location"] == f"/cadres/{county.cadre_a.pk}/"


def test_given_self_role_without_record_when_roster_then_404(client, county):
    user = make_user("self_x", Role.SELF)
    assert get(client, user, "/cadres/").status_code == 404


def test_given_anonymous_when_roster_then_login(client, county):
    response = client.get("/cadres/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/cadres/")


def test_given_user_with_empty_scope_when_roster_then_empty_roster(client, county):
    user = make_user("noscope", Role.LEADER)
    response = get(client, user, "/cadres/")
    assert response.status_code == 200
    assert names_in(response) == []
    assert "没有符合条件的干部" in response.content.decode()


# Columns and default order -----------------------------------------------------------


def test_given_cadre_when_roster_then_columns_show_names_not_codes(client, roster):
    today = timezone.localdate()
    response = get(client, roster.county.users["zzb"], "/cadres/?unit=T001&q=王建华")
    html = response.content.decode()
    age = today.year - 1970 - ((today.month, today.day) < (1, 15))
    for text in (
        "男",
        f"1970.01（{age}岁）",
        "汉族",
        "河北正定",
        "大学本科",
        "中共党员",
        "甲镇党委书记",
        "2020.03",
    ):
        assert text in html
    assert f'href="/cadres/{roster.wang.pk}/"' in html


def test_given_default_order_then_by_unit_path_then_position_level_then_name(client, roster):
    response = get(client, roster.county.users["zzb"], "/cadres/")
    # County first (周建), then 甲镇: the party secretary, then the others by pinyin;
    # then 乙镇.
    assert names_in(response) == ["周建", "王建华", "张建国", "赵敏", "李秀英", "欧阳娜娜"]
    html = response.content.decode()
    assert html.index('scope="rowgroup">甲镇<') < html.index('scope="rowgroup">乙镇<')


# Sorting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["李秀英", "欧阳娜娜", "王建华", "张建国", "赵敏", "周建"]),
        ("-name", ["周建", "赵敏", "张建国", "王建华", "欧阳娜娜", "李秀英"]),
        ("birth", ["王建华", "张建国", "李秀英", "周建", "欧阳娜娜", "赵敏"]),
        ("education", ["赵敏", "王建华", "欧阳娜娜", "周建", "张建国", "李秀英"]),
    ],
)
def test_given_sort_key_when_roster_then_ordered(client, roster, sort, expected):
    # 张建国 and 李秀英 share a birth date and have no education: their order is the default.
    response = get(client, roster.county.users["zzb"], f"/cadres/?sort={sort}")
    assert response.status_code == 200
    assert names_in(response) == expected


def test_given_sort_by_position_then_blank_levels_last_either_way(client, roster):
    user = roster.county.users["zzb"]
    asc = names_in(get(client, user, "/cadres/?sort=position"))
    desc = names_in(get(client, user, "/cadres/?sort=-position"))
    assert asc[:2] == ["周建", "王建华"]
    assert desc[:2] == ["王建华", "周建"]
    assert set(asc[2:]) == set(desc[2:]) == {"张建国", "赵敏", "李秀英", "欧阳娜娜"}


def test_given_sorted_column_then_header_link_toggles_direction(client, roster):
    html = get(client, roster.county.users["zzb"], "/cadres/?sort=birth").content.decode()
    assert 'href="/cadres/?sort=-birth"' in html
    assert 'aria-sort="ascending"' in html


@pytest.mark.parametrize("bad", ["unit_path", "-", "name;drop", "-password", "%00", "x" * 200])
def test_given_bad_sort_key_then_ignored_with_notice(client, roster, bad):
    response = get(client, roster.county.users["zzb"], "/cadres/", data={"sort": bad})
    assert response.status_code == 200
    assert "排序方式无效" in response.content.decode()
    assert names_in(response)[0] == "周建"


# Pagination ----------------------------------------------------------------------------


@pytest.fixture
def many(county, settings):
    settings.ROSTER_PAGE_SIZE = 5
    for i in range(12):
        make_cadre(county.town_a, f"测试{i:02d}", name_pinyin=f"ceshi{i:02d}")
    return county


def test_given_more_than_a_page_then_paginated_in_pages(client, many):
    user = many.users["zzb"]
    first = get(client, user, "/cadres/?unit=T001")
    assert len(names_in(first)) == 5
    assert "共 <strong>13</strong> 人" in first.content.decode()
    assert "第 1 / 3 页" in first.content.decode()
    third = get(client, user, "/cadres/?unit=T001&page=3")
    assert len(names_in(third)) == 3
    assert not set(names_in(first)) & set(names_in(third))


def test_given_later_pages_then_they_continue_the_first_in_order(client, many):
    # Pages after the first are read in two steps (ids in order, then the lines): together
    # the pages are the whole list in the roster's order, each line once.
    user = many.users["zzb"]
    pages = [
        names_in(get(client, user, f"/cadres/?unit=T001&sort=name&page={n}")) for n in (1, 2, 3)
    ]
    together = [name for page in pages for name in page]
    assert len(together) == 13 == len(set(together))
    tests = [name for name in together if name.startswith("测试")]
    assert tests == [f"测试{i:02d}" for i in range(12)]  # by pinyin, across the pages


def test_given_page_link_then_it_keeps_unit_filters_and_sort(client, many):
    html = get(client, many.users["zzb"], "/cadres/?unit=T001&gender=1&sort=name").content
    assert 'href="/cadres/?unit=T001&amp;gender=1&amp;sort=name&amp;page=2"' in html.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999", "1.5", "%00"])
def test_given_bad_page_then_a_valid_page(client, many, page):
    response = get(client, many.users["zzb"], "/cadres/", data={"page": page})
    assert response.status_code == 200
    assert names_in(response)


def test_given_page_beyond_the_end_then_last_page(client, many):
    response = get(client, many.users["zzb"], "/cadres/?unit=T001&page=40")
    assert "第 3 / 3 页" in response.content.decode()


# htmx ----------------------------------------------------------------------------------


def test_given_htmx_request_then_only_the_roster_part(client, roster):
    response = get(client, roster.county.users["zzb"], "/cadres/?unit=T002", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="roster"')
    assert "<html" not in html
    assert "unit-tree" not in html
    assert "HX-Request" in response["Vary"]


def test_given_htmx_form_with_empty_fields_then_canonical_url_pushed(client, many):
    response = get(
        client,
        many.users["zzb"],
        "/cadres/?unit=T001&q=&gender=1&age_min=&rank=bad&status=1&page=2",
        **HTMX,
    )
    assert response["HX-Push-Url"] == "/cadres/?unit=T001&gender=1&page=2"


def test_given_htmx_history_restore_then_the_whole_page(client, roster):
    response = get(
        client,
        roster.county.users["zzb"],
        "/cadres/?unit=T002",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


def test_given_roster_page_then_assets_are_local_and_no_inline_script(client, roster):
    html = get(client, roster.county.users["zzb"], "/cadres/").content.decode()
    assert "/static/css/roster.css" in html
    assert "/static/js/roster.js" in html
    assert "<script>" not in html
    assert "http://" not in html
    assert "https://" not in html
    assert "style=" not in html


def test_given_post_when_roster_then_405(client, roster):
    client.force_login(roster.county.users["zzb"])
    assert client.post("/cadres/").status_code == 405


def test_given_markup_in_a_name_then_the_roster_line_escapes_it(client, roster):
    make_cadre(roster.county.town_a, "<b>王</b>&", native_place='"河北"')
    html = get(client, roster.county.users["zzb"], "/cadres/?sort=name").content.decode()
    assert "&lt;b&gt;王&lt;/b&gt;&amp;" in html
    assert "&quot;河北&quot;" in html
    assert "<b>王</b>" not in html


def test_given_sorted_roster_then_each_line_names_its_unit(client, roster):
    html = get(client, roster.county.users["zzb"], "/cadres/?sort=name").content.decode()
    assert '<span class="row-unit">乙镇</span>' in html
    assert 'scope="rowgroup"' not in html


def test_given_lines_then_numbered_across_pages(client, many):
    html = get(client, many.users["zzb"], "/cadres/?unit=T001&page=2").content.decode()
    numbers = re.findall(r'<td class="col-no">(\d+)</td>', html)
    assert numbers == ["6", "7", "8", "9", "10"]


def test_given_filter_values_then_the_form_keeps_them_selected(client, roster):
    url = "/cadres/?gender=2&political_status=cpc&education_level=2&status=all"
    html = get(client, roster.county.users["zzb"], url).content.decode()
    assert '<option value="2" selected>女</option>' in html
    assert '<option value="cpc" selected>中共党员（含预备党员）</option>' in html
    assert '<option value="2" selected>' in html.split('name="education_level"')[1]
    assert '<option value="all" selected>全部</option>' in html


def test_given_a_page_that_is_not_full_then_no_count_query(client, roster):
    client.force_login(roster.county.users["zzb"])
    client.get("/cadres/")  # code tables are cached per process after the first page
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/cadres/", {"q": "建"}).content.decode()
    assert "共 <strong>3</strong> 人" in html
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_given_a_full_page_then_counted(client, many):
    client.force_login(many.users["zzb"])
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/cadres/?unit=T001").content.decode()
    assert "共 <strong>13</strong> 人" in html
    assert [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_given_filters_then_the_export_links_carry_them(client, roster):
    url = "/cadres/?unit=T001&q=zjg&gender=1&age_min=30&sort=-birth"
    html = get(client, roster.county.users["zzb"], url).content.decode()
    params = "unit=T001&amp;q=zjg&amp;gender=1&amp;age_min=30"
    assert f'href="/interchange/roster/export/?{params}&amp;sort=-birth">导出Excel</a>' in html
    assert f'href="/interchange/lrmx/export/?{params}">导出LRMX</a>' in html
    html = get(client, roster.county.users["zzb"], "/cadres/").content.decode()
    assert 'href="/interchange/roster/export/">导出Excel</a>' in html


# Query budget --------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [5, 50])
def test_given_any_page_size_then_roster_within_query_budget(
    client, county, settings, django_assert_max_num_queries, page_size
):
    # Session storage is the deployment's concern (database, cache or signed cookie) and is
    # measured separately below; the roster's own work must fit in 9 queries (a page is
    # read in two: its ids in order, then its lines).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.ROSTER_PAGE_SIZE = page_size
    sub = make_unit("甲镇农业办", county.town_a, code="T001A")
    for i in range(60):
        make_cadre(
            sub if i % 2 else county.town_a, f"干部{i:02d}", birth=dt.date(1970 + i % 30, 1, 1)
        )
    client.force_login(county.users["zzb"])
    with django_assert_max_num_queries(9):
        response = client.get("/cadres/?unit=T001A&sort=-birth&gender=1&age_min=20&page=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        response = client.get("/cadres/?unit=T001&q=gb")
    assert response.status_code == 200


def test_given_database_sessions_then_query_count_does_not_grow_with_page_size(
    client, county, settings
):
    for i in range(40):
        make_cadre(county.town_a, f"干部{i:02d}")
    client.force_login(county.users["zzb"])
    client.get("/cadres/")  # code tables are cached per process after the first page
    counts = []
    for size in (5, 40):
        settings.ROSTER_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/cadres/?unit=T001").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# Bad input never causes a 500 ----------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "unit=<script>alert(1)</script>",
        "unit=" + "9" * 300,
        "unit=C001'--",
        "unit=C001" + "x" * 40,  # never truncated into another unit's code
    ],
)
def test_given_unknown_unit_then_404(client, roster, query):
    response = get(client, roster.county.users["zzb"], f"/cadres/?{query}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "age_min=x&age_max=%00",
        "gender=<script>",
        "status=9&rank=%FF",
        "education_level=-1&political_status=01&political_status=zz",
        "q=%00%01",
        "q=" + "张" * 500,
        "q=<script>alert(1)</script>",
        "page=abc&sort=&unit=",
        "unit=%00",  # nothing left once control characters go: the whole scope
        "age_min=999999999999999999999",
    ],
)
def test_given_bad_query_string_then_200(client, roster, query):
    response = get(client, roster.county.users["zzb"], f"/cadres/?{query}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()

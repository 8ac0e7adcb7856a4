"""Quick search: how the input is read, what it finds, always within scope."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from cadre.people.search import SearchMode, interpret, narrowed
from tests.people.test_roster import names_in
from tests.people.test_roster_data import Roster, build_roster


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Key stretching (PBKDF2) for the fixture's seven users dominates the run time otherwise.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def roster(county) -> Roster:
    return build_roster(county, timezone.localdate())


@pytest.mark.parametrize(
    ("text", "mode", "value"),
    [
        ("张", SearchMode.NAME, "张"),
        ("建国", SearchMode.NAME, "建国"),
        (" 张 建国 ", SearchMode.NAME, "张建国"),
        ("张jg", SearchMode.NAME, "张jg"),  # mixed: the name must contain it
        ("zjg", SearchMode.PINYIN, "zjg"),
        ("ZJG", SearchMode.PINYIN, "zjg"),
        ("zhang jian", SearchMode.PINYIN, "zhangjian"),
        ("1234", SearchMode.ID_LAST4, "1234"),
        ("123x", SearchMode.ID_LAST4, "123X"),
        ("12345", SearchMode.NAME, "12345"),
        ("a1", SearchMode.NAME, "a1"),
        ("\x00张\x01", SearchMode.NAME, "张"),
    ],
)
def test_given_text_then_interpreted_by_its_shape(text, mode, value):
    term = interpret(text)
    assert term is not None
    assert (term.mode, term.value) == (mode, value)


@pytest.mark.parametrize("text", [None, "", "   ", "\x00"])
def test_given_empty_text_then_no_search(text):
    assert interpret(text) is None


def search(client, roster, q: str, user: str = "zzb") -> set[str]:
    client.force_login(roster.county.users[user])
    response = client.get("/cadres/", {"q": q, "status": "all"})
    assert response.status_code == 200
    return set(names_in(response))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("建", {"张建国", "王建华", "周建"}),  # one character, anywhere in the name
        ("娜", {"欧阳娜娜"}),
        ("建国", {"张建国"}),  # two characters
        ("欧阳", {"欧阳娜娜"}),
        ("建华", {"王建华"}),
        ("张建国", {"张建国"}),
        ("zjg", {"张建国"}),  # initials
        ("zj", {"张建国", "周建"}),  # initials prefix
        ("z", {"张建国", "赵敏", "周建"}),
        ("oynn", {"欧阳娜娜"}),
        ("zhangjianguo", {"张建国"}),  # full pinyin
        ("zhang", {"张建国"}),  # full pinyin prefix
        ("Zhao Min", {"赵敏"}),
        ("sunli", {"孙立"}),  # any status when asked for all
        ("王五", set()),
    ],
)
def test_given_query_then_matching_cadres(client, roster, q, expected):
    assert search(client, roster, q) == expected


def test_given_text_that_is_initials_of_one_and_pinyin_of_another_then_both(client, roster):
    from tests.factories import make_cadre

    make_cadre(roster.county.town_a, "何安")  # initials "ha", pinyin "hean"
    make_cadre(roster.county.town_b, "韩梅")  # initials "hm", pinyin "hanmei"
    assert search(client, roster, "ha") == {"何安", "韩梅"}
    assert search(client, roster, "han") == {"韩梅"}  # no initials start with "han"
    assert search(client, roster, "hea") == {"何安"}


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("zjg", SearchMode.INITIALS),  # no full pinyin starts with it
        ("zhangjian", SearchMode.FULL_PINYIN),  # no initials start with it
        ("z", SearchMode.PINYIN),  # both do
        ("qq", SearchMode.INITIALS),  # no run of syllables: initials without a probe
        ("an", SearchMode.FULL_PINYIN),  # a syllable; no initials start so in this county
        ("张", SearchMode.NAME),
    ],
)
def test_given_pinyin_then_narrowed_to_the_column_that_can_match(roster, text, mode):
    term = narrowed(interpret(text))
    assert term is not None and term.mode is mode and term.value == interpret(text).value


def test_given_id_last4_then_exact_match(client, roster):
    last4 = roster.wang.id_last4
    assert len(last4) == 4
    assert search(client, roster, last4) == {"王建华"}
    assert search(client, roster, last4.lower()) == {"王建华"}


def test_given_id_last4_with_x_then_found(client, roster):
    roster.zhao.id_last4 = "123X"
    roster.zhao.save(update_fields=["id_last4"])
    assert search(client, roster, "123x") == {"赵敏"}


def test_given_unit_hr_when_search_then_only_within_scope(client, roster):
    assert search(client, roster, "li", user="rsk") == set()  # 李秀英 is in 乙镇
    assert search(client, roster, "建", user="rsk") == {"张建国", "王建华"}
    assert search(client, roster, roster.county.cadre_b.id_last4, user="rsk") == set()


def test_given_search_with_unit_then_both_apply(client, roster):
    client.force_login(roster.county.users["zzb"])
    response = client.get("/cadres/", {"q": "建", "unit": "T001"})
    assert set(names_in(response)) == {"张建国", "王建华"}
    assert "姓名包含“建”" in response.content.decode()


# The top bar's quick-search endpoint ---------------------------------------------------


def test_given_htmx_quick_search_then_hits_with_unit_and_links(client, roster):
    client.force_login(roster.county.users["zzb"])
    response = client.get("/cadres/search/", {"q": "zjg"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/cadres/{roster.county.cadre_a.pk}/"' in html
    assert "甲镇" in html
    assert "<html" not in html


def test_given_retired_cadre_when_quick_search_then_found_and_marked(client, roster):
    client.force_login(roster.county.users["zzb"])
    html = client.get("/cadres/search/", {"q": "孙"}, **HTMX).content.decode()
    assert "孙立" in html
    assert "离退" in html


def test_given_quick_search_then_in_office_first_in_roster_order(client, roster):
    from tests.factories import make_cadre

    make_cadre(roster.county.county, "孙丽")  # in office, at the county: first in order
    make_cadre(roster.county.town_b, "孙红")
    client.force_login(roster.county.users["zzb"])
    html = client.get("/cadres/search/", {"q": "孙"}, **HTMX).content.decode()
    names = re.findall(r'<span class="hit-name">([^<]+)</span>', html)
    assert names == ["孙丽", "孙红", "孙立"]  # 孙立 is retired


def test_given_many_hits_then_first_ten_and_a_link_to_all(client, county):
    from tests.factories import make_cadre

    for i in range(12):
        make_cadre(county.town_a, f"张{i:02d}")
    client.force_login(county.users["zzb"])
    html = client.get("/cadres/search/", {"q": "张"}, **HTMX).content.decode()
    assert html.count('role="option"') == 10
    assert "查看全部结果" in html
    assert "/cadres/?q=%E5%BC%A0&amp;status=all" in html


def test_given_no_hits_then_says_so_in_chinese(client, roster):
    client.force_login(roster.county.users["zzb"])
    html = client.get("/cadres/search/", {"q": "无此人"}, **HTMX).content.decode()
    assert "未找到“无此人”" in html


def test_given_quick_search_without_htmx_then_redirect_to_roster(client, roster):
    client.force_login(roster.county.users["zzb"])
    response = client.get("/cadres/search/", {"q": "zjg"})
    assert response.status_code == 302
    assert response["Location"] == "/cadres/?q=zjg&status=all"


def test_given_unit_hr_when_quick_search_then_scope_applies(client, roster):
    client.force_login(roster.county.users["rsk"])
    html = client.get("/cadres/search/", {"q": "lxy"}, **HTMX).content.decode()
    assert "李秀英" not in html


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor", "self_a"])
def test_given_admin_or_self_when_quick_search_then_404(client, county, username):
    client.force_login(county.users[username])
    assert client.get("/cadres/search/", {"q": "张"}, **HTMX).status_code == 404


@pytest.mark.parametrize("q", ["%00", "\x00", "<script>", "x" * 1000, "'; drop table"])
def test_given_odd_text_when_quick_search_then_never_500(client, roster, q):
    client.force_login(roster.county.users["zzb"])
    response = client.get("/cadres/search/", {"q": q}, **HTMX)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_given_quick_search_then_query_budget(client, roster, django_assert_max_num_queries):
    client.force_login(roster.county.users["zzb"])
    # One more than a name search: the probe of which pinyin column "z" can match.
    with django_assert_max_num_queries(10):
        assert client.get("/cadres/search/", {"q": "z"}, **HTMX).status_code == 200

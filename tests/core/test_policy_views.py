"""/policy/: who reads, who edits, what the page shows, htmx and plain-POST editing."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from cadre.core import policy
from cadre.core.models import AuditEntry, RuleParameter
from cadre.rules.params import registry, set_default_provider
from cadre.rules.sanctions import Sanction, sanction_months

KEY = "sanction.政务.记过.months"
URL = "/policy/"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _provider_in_force():
    policy.clear_cache()
    set_default_provider(policy.current_params)
    yield
    policy.clear_cache()


def login(client: Client, county, username: str) -> Client:
    client.force_login(county.users[username])
    return client


def test_given_anonymous_then_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("username", ["leader", "rsk", "self_a", "zzb"])
def test_given_business_role_then_page_lists_every_entry_with_source(client, county, username):
    response = login(client, county, username).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for entry in registry():
        assert escape(entry.label) in html, entry.key
        assert escape(entry.source) in html, entry.key
        assert f'<code class="policy-key">{escape(entry.key)}</code>' in html
    assert html.count('class="policy-row') == len(registry())
    assert html.count("可配置口径</span>") == sum(1 for e in registry() if e.configurable)
    assert "到龄（RULES §3）" in html and "教育培训（RULES §9）" in html


def test_given_leader_then_no_edit_controls(client, county):
    html = login(client, county, "leader").get(URL).content.decode()
    assert "/policy/set/" not in html
    assert "/policy/reset/" not in html
    assert "调整</a>" not in html


def test_given_org_admin_then_edit_links_except_national_standard(client, county):
    html = login(client, county, "zzb").get(URL).content.decode()
    editable = sum(1 for e in registry() if e.key not in policy.FIXED_KEYS)
    assert html.count(">调整</a>") == editable
    assert html.count("国家标准，不可调整") == len(policy.FIXED_KEYS)


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
def test_given_admin_role_then_404_everywhere(client, county, username):
    login(client, county, username)
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}row/", {"key": KEY}).status_code == 404
    assert client.post(f"{URL}set/", {"key": KEY, "value": "15"}).status_code == 404
    assert client.post(f"{URL}reset/", {"key": KEY}).status_code == 404
    assert not RuleParameter.objects.exists()


@pytest.mark.parametrize("username", ["leader", "rsk", "self_a"])
def test_given_reader_when_post_then_404_and_nothing_stored(client, county, username):
    RuleParameter.objects.create(key="sanction.诫勉.months", value=3)
    login(client, county, username)
    assert client.post(f"{URL}set/", {"key": KEY, "value": "15"}).status_code == 404
    assert client.post(f"{URL}set/", {"key": KEY, "value": "15"}, **HX).status_code == 404
    assert client.post(f"{URL}reset/", {"key": "sanction.诫勉.months"}).status_code == 404
    assert client.get(f"{URL}row/", {"key": KEY, "mode": "edit"}, **HX).status_code == 404
    assert list(RuleParameter.objects.values_list("key", "value")) == [("sanction.诫勉.months", 3)]
    assert not AuditEntry.objects.filter(action="setting").exists()


def test_given_org_admin_when_plain_post_then_stored_audited_and_redirected(
    client, county, django_capture_on_commit_callbacks
):
    login(client, county, "zzb")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}set/", {"key": KEY, "value": "15", "back": "q=政务"})
    assert response.status_code == 302
    assert response["Location"].startswith("/policy/?q=")
    assert response["Location"].endswith(f"#{policy.anchor(KEY)}")
    assert RuleParameter.objects.get(key=KEY).value == 15
    audit_entry = AuditEntry.objects.get(action="setting")
    assert audit_entry.action == "setting"
    assert audit_entry.actor == county.users["zzb"]
    # The rules, called without params anywhere in the process, now use 15 months.
    assert sanction_months(Sanction("政务", "记过", date(2024, 3, 15))) == 15

    html = client.get(URL).content.decode()
    assert "已调整“政务记过处分期”" in html  # the message
    assert "已调整</span>" in html
    assert "zzb 于" in html
    assert "恢复默认</button>" in html


def test_given_htmx_post_then_row_partial_with_new_value(client, county):
    login(client, county, "zzb")
    response = client.post(f"{URL}set/", {"key": KEY, "value": "18"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="{policy.anchor(KEY)}"')
    assert '<strong class="policy-value">18</strong>' in html
    assert "已保存" in html
    assert "<html" not in html
    assert RuleParameter.objects.get(key=KEY).value == 18


def test_given_invalid_value_by_htmx_then_row_form_with_chinese_error(client, county):
    login(client, county, "zzb")
    response = client.post(f"{URL}set/", {"key": KEY, "value": "-3"}, **HX)
    assert response.status_code == 200  # htmx swaps only 2xx responses
    html = response.content.decode()
    assert "不能为负数" in html
    assert 'name="value" value="-3"' in html
    assert not RuleParameter.objects.exists()
    assert not AuditEntry.objects.filter(action="setting").exists()


def test_given_invalid_value_by_plain_post_then_400_page_with_error_on_that_row(client, county):
    login(client, county, "zzb")
    response = client.post(
        f"{URL}set/", {"key": "assessment.excellent_quota.ratio", "value": "120%"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("应在0到1之间") == 1
    assert 'name="value" value="120%"' in html
    assert not RuleParameter.objects.exists()


def test_given_national_standard_key_then_refused(client, county):
    login(client, county, "zzb")
    response = client.post(f"{URL}set/", {"key": "idnumber.check_chars", "value": "1"})
    assert response.status_code == 400
    assert "国家标准规定，不可调整" in response.content.decode()
    assert (
        client.get(f"{URL}row/", {"key": "idnumber.check_chars", "mode": "edit"}, **HX).status_code
        == 404
    )
    assert not RuleParameter.objects.exists()


@pytest.mark.parametrize("data", [{}, {"key": "no.such.key", "value": "1"}, {"key": "x" * 5000}])
def test_given_unknown_key_then_404(client, county, data):
    login(client, county, "zzb")
    assert client.post(f"{URL}set/", data).status_code == 404
    assert client.post(f"{URL}reset/", data).status_code == 404
    assert not RuleParameter.objects.exists()


def test_given_get_on_write_urls_then_405(client, county):
    login(client, county, "zzb")
    assert client.get(f"{URL}set/").status_code == 405
    assert client.get(f"{URL}reset/").status_code == 405


def test_given_post_without_csrf_token_then_403(county):
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.users["zzb"])
    assert client.post(f"{URL}set/", {"key": KEY, "value": "15"}).status_code == 403
    assert not RuleParameter.objects.exists()


def test_given_reset_by_plain_post_then_default_again(client, county):
    login(client, county, "zzb")
    client.post(f"{URL}set/", {"key": KEY, "value": "15"})
    response = client.post(f"{URL}reset/", {"key": KEY})
    assert response.status_code == 302
    assert not RuleParameter.objects.exists()
    assert AuditEntry.objects.filter(action="setting").count() == 2
    assert "已恢复默认值" in client.get(URL).content.decode()


def test_given_reset_by_htmx_then_row_shows_default(client, county):
    login(client, county, "zzb")
    client.post(f"{URL}set/", {"key": KEY, "value": "15"})
    html = client.post(f"{URL}reset/", {"key": KEY}, **HX).content.decode()
    assert '<strong class="policy-value">12</strong>' in html
    assert "已调整</span>" not in html


def test_given_htmx_edit_then_form_and_cancel_shows_row_again(client, county):
    login(client, county, "zzb")
    html = client.get(
        f"{URL}row/", {"key": "leadership.education.min_level", "mode": "edit"}, **HX
    ).content.decode()
    assert '<select name="value"' in html
    assert '<option value="大专" selected>' in html
    assert 'action="/policy/set/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    html = client.get(f"{URL}row/", {"key": "leadership.education.min_level"}, **HX).content
    assert b"<select" not in html


def test_without_javascript_edit_link_opens_the_row_form_on_the_page(client, county):
    login(client, county, "zzb")
    response = client.get(f"{URL}row/", {"key": KEY, "mode": "edit", "back": "q=记过"})
    assert response.status_code == 302
    page = client.get(response["Location"].split("#")[0])
    html = page.content.decode()
    assert html.count('name="value"') == 1
    assert f'name="key" value="{KEY}"' in html


def test_filter_by_label_key_and_source(client, county):
    login(client, county, "leader")

    def rows(**params):
        return client.get(URL, params).content.decode().count('class="policy-row')

    assert rows(q="留党察看") == sum(1 for e in registry() if "留党察看" in e.label + e.key)
    assert rows(q="rank.quota") == sum(1 for e in registry() if e.key.startswith("rank.quota"))
    assert rows(q="GB 11643") == 3
    assert rows(configurable="on") == sum(1 for e in registry() if e.configurable)
    assert rows(q="没有这样的口径") == 0
    assert "没有符合条件的政策口径" in client.get(URL, {"q": "没有这样的口径"}).content.decode()
    assert rows(q="x" * 500) == len(registry())  # an over-long filter is ignored, not a 500


def test_filter_overridden_only(client, county):
    RuleParameter.objects.create(key=KEY, value=15)
    RuleParameter.objects.create(key="sanction.诫勉.months", value=-1)  # invalid: not in force
    html = login(client, county, "leader").get(URL, {"overridden": "on"}).content.decode()
    assert html.count('class="policy-row') == 1
    full = client.get(URL).content.decode()
    assert "调整值无效，按默认值执行" in full


def test_page_query_budget(client, county):
    for entry in registry()[:20]:
        RuleParameter.objects.create(
            key=entry.key, value=entry.default, updated_by=county.users["zzb"]
        )
    login(client, county, "zzb")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    params_queries = [q for q in queries.captured_queries if "core_ruleparameter" in q["sql"]]
    assert len(params_queries) == 1  # rows and their editors in one query
    assert len(queries) <= 8  # session, user, savepoints around the session save


def test_page_has_no_inline_script_or_style(client, county):
    html = login(client, county, "zzb").get(URL).content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html
    assert "css/policy.css" in html

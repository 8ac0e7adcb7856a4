"""In real Chromium: log in, pick a township in the tree, find a cadre by pinyin initials,
open the profile, change a field, see the change in the history tab."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="未安装 Chromium（make browsers）"),
]

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()


@pytest.fixture
def code_tables(transactional_db: None) -> None:
    """Transactional tests flush every table after they run, the code tables loaded by
    migration included: load them again for the live server."""
    import importlib

    from django.apps import apps

    from cadre.core import codebook

    loader = importlib.import_module("cadre.core.migrations.0002_load_code_tables")
    loader.load(apps, None)
    codebook.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_given_org_admin_when_finding_and_editing_a_cadre_then_history_shows_change(
    code_tables, county, live_server, page, settings
):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    county.town_a.name_initials = "jz"
    county.town_a.save()
    base = live_server.url

    # Log in.
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "zzb")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")

    # Pick the township in the unit tree: expand the county, click 甲镇.
    page.goto(f"{base}/cadres/")
    page.click(".tree-toggle[aria-label*='某某县']")
    page.click(".tree-link:text-is('甲镇')")
    page.wait_for_url("**/cadres/?unit=T001*")
    assert page.locator("#roster").get_by_text("张建国").count() >= 1
    assert page.locator("#roster").get_by_text("李秀英").count() == 0

    # Find the cadre by pinyin initials.
    page.fill(".roster-filters input[name=q]", "zjg")
    page.press(".roster-filters input[name=q]", "Enter")
    page.wait_for_url("**q=zjg*")
    page.locator("#roster a", has_text="张建国").first.click()
    page.wait_for_url(f"**/cadres/{county.cadre_a.pk}/")
    assert "干部任免审批表" in page.content() or "张建国" in page.content()

    # Change a field on the basic-data edit page.
    page.goto(f"{base}/cadres/{county.cadre_a.pk}/edit/")
    page.fill("input[name=native_place]", "河北石家庄")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/cadres/{county.cadre_a.pk}/")
    assert "河北石家庄" in page.content()

    # The history tab shows the change, before → after.
    page.get_by_role("link", name="变更历史").click()
    history = page.locator("[data-tab-panel=history]")
    history.get_by_text("河北石家庄").first.wait_for()
    assert "籍贯" in history.inner_text()

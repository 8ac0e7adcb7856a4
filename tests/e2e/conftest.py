"""Fixtures of the browser tests: real Chromium through Playwright (skipped where it is not
installed), the code tables a live server needs, and an org admin signed in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("未安装 Chromium（make browsers）")
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
        # Django's connections are context-local: code run while Playwright's loop is
        # active (fixtures set up after this one, the test body) used connections of that
        # context. Close them here, in it, or they outlive the test database.
        from django.db import connections

        connections.close_all()
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


@pytest.fixture
def signed_in(page, code_tables, county, live_server, settings) -> Iterator[tuple[object, str]]:
    """The page signed in as the county's org admin (zzb), and the server's address."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "zzb")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    # No request of the home page still in flight: on SQLite (one shared in-memory database)
    # a test's own write would otherwise meet the server thread's read ("table is locked").
    page.wait_for_load_state("networkidle")
    yield page, base

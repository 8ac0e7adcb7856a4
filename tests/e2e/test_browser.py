"""In real Chromium: log in, pick a township in the tree, find a cadre by pinyin initials,
open the profile, change a field, see the change in the history tab."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_given_org_admin_when_finding_and_editing_a_cadre_then_history_shows_change(
    signed_in, county
):
    page, base = signed_in
    county.town_a.name_initials = "jz"
    county.town_a.save()

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

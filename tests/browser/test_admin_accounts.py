"""An admin in a real browser: sign in, open Accounts from the staff navigation, add a member with a
generated password (shown once), the new member signs in with it; the page passes axe-core in Vietnamese."""

from __future__ import annotations

import browser_fixtures
import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_fixtures import ACCOUNTS, sign_in
from harness import browser_context

pytestmark = pytest.mark.slow
members_site = browser_fixtures.members_site  # the fixture this test uses


@pytest.mark.timeout(300)
def test_admin_adds_a_member_who_signs_in_with_the_shown_password(members_site, tmp_path):
    base = members_site
    with browser_context(tmp_path / "admin", viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        sign_in(page, base, ACCOUNTS["admin"], "/staff/")
        page.locator(".staff-nav a[href='/staff/users/']").click()
        page.wait_for_url(base + "/staff/users/")
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator("h1").inner_text().startswith("Tài khoản")
        violations = [v["id"] for v in Axe().run(page).response["violations"]
                      if v["impact"] in ("serious", "critical")]
        assert violations == []

        page.locator("#new-email").fill("thanhvien@example.org")
        page.locator("#new-role").select_option("member")
        page.locator("form.add-user button[type=submit]").click()
        page.wait_for_load_state()
        password = page.locator("#shown-password").inner_text()
        assert len(password) >= 10
        row = page.locator("table.users tr", has_text="thanhvien@example.org")
        assert "thành viên" in row.locator("select option:checked").inner_text()

    with browser_context(tmp_path / "member", viewport={"width": 390, "height": 800}) as context:
        page = context.new_page()
        page.goto(base + "/login")
        page.locator("#email").fill("thanhvien@example.org")
        page.locator("#password").fill(password)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(base + "/")
        assert page.goto(base + "/staff/users/").status == 403

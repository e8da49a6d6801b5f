"""A staff member in a real browser: sign in, upload two files through the upload script (one request per
file, progress bars) under the real Content-Security-Policy, open the draft, publish it, sign out."""

from __future__ import annotations

import re

import browser_fixtures
import pytest
from browser_fixtures import ACCOUNTS, sign_in
from harness import browser_context

pytestmark = pytest.mark.slow
members_site = browser_fixtures.members_site  # the fixture this test uses


@pytest.mark.timeout(300)
def test_sign_in_upload_with_progress_and_publish(members_site, tmp_path):
    base = members_site
    files = [tmp_path / "Báo cáo 1999.txt", tmp_path / "virus.doc"]
    files[0].write_text("Báo cáo tổng kết công tác khuyến học năm 1999\n", encoding="utf-8")
    files[1].write_bytes(b"MZ\x90\x00" + bytes(300))  # an executable pretending to be a Word file
    with browser_context(tmp_path / "profile", viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        sign_in(page, base, ACCOUNTS["staff"], "/staff/upload")

        page.locator("#files").set_input_files([str(f) for f in files])
        page.locator("#upload-form button[type=submit]").click()
        rows = page.locator("#upload-progress li")
        rows.nth(1).locator("progress[value='100']").wait_for(timeout=60_000)
        assert rows.count() == 2
        assert rows.nth(0).locator(".upload-name").inner_text() == "Báo cáo 1999.txt"
        assert rows.nth(0).get_attribute("class") == "added"
        assert rows.nth(1).get_attribute("class") == "refused"
        assert "not a document type the archive reads" in rows.nth(1).inner_text()

        rows.nth(0).get_by_role("link").click()
        page.wait_for_url(re.compile(r"/staff/doc/[0-9a-f]{12}$"))
        assert "Báo cáo tổng kết công tác khuyến học năm 1999" in page.locator("textarea#text").input_value()
        page.locator("form[action$='/publish'] button").click()
        page.wait_for_load_state()
        assert page.locator("form[action$='/unpublish']").count() == 1
        # No script blocked by the CSP, no error in the upload script; the refused file's 400 is expected.
        assert [p for p in problems if "status of 400" not in p] == []
        assert len(problems) == 1

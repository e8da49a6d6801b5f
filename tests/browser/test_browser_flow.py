"""A reader's path in a real browser: search → facet → document → download → language switch."""

from __future__ import annotations

import hashlib
import re

import browser_fixtures
import pytest

pytestmark = pytest.mark.slow
site, page = browser_fixtures.site, browser_fixtures.page  # the fixtures these tests use


def test_search_facet_document_download_and_language(site, page):
    base, ids = site
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Tìm lại lịch sử trong các văn bản tiếng Việt cũ"

    page.get_by_label("Tìm trong kho lưu trữ").fill("quan ly do thi")  # typed without diacritics
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/search\?q=quan\+ly\+do\+thi"))
    assert page.locator(".hits .hit").count() >= 2
    assert page.locator(".hits mark").first.inner_text().lower() in {"quản", "lý", "đô", "thị"}

    page.locator(".facets").get_by_role("link", name="quyết định", exact=True).click()
    page.wait_for_url(re.compile(r"type=quy"))
    chip = page.locator("a.chip")
    assert chip.inner_text().replace("\n", " ").startswith("Loại văn bản: quyết định")
    titles = page.locator(".hits h3 a").all_inner_texts()
    assert titles == ["QUYẾT ĐỊNH Về việc ban hành quy chế quản lý kiến trúc đô thị"]

    page.locator(".hits h3 a").first.click()
    page.wait_for_url(re.compile(rf"/doc/{ids['decision']}\?"))
    assert page.locator("time").inner_text() == "ngày 20 tháng 6 năm 2001"
    assert page.locator("pre.doc-text mark.hit").count() >= 2  # the query is highlighted in the text
    sha = page.locator("code.sha").inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản gốc").click()
    download = info.value
    assert download.suggested_filename == "quyet_dinh_2001.txt"
    assert hashlib.sha256(download.path().read_bytes()).hexdigest() == sha

    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/doc/{ids['decision']}?")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Download original").is_visible()
    assert page.locator("time").inner_text() == "20 June 2001"

    page.get_by_role("link", name="Back to results").click()
    assert page.locator("a.chip").inner_text().replace("\n", " ").startswith("Document type: quyết định")
    page.locator("a.chip").click()  # removing the filter brings the other results back
    assert page.locator(".hits .hit").count() >= 2
    assert page.locator("a.chip").count() == 0


def test_script_in_a_document_does_not_run(site, page):
    base, ids = site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/doc/{ids['script']}")
    assert "<script>alert('xss')</script>" in page.locator("h1").inner_text()
    page.goto(f"{base}/search?q=lịch+họp")
    assert dialogs == []


def test_every_asset_comes_from_the_server_itself(site, page):
    """Works offline: nothing from elsewhere, and nothing the Content-Security-Policy had to block."""
    base, ids = site
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    for path in ("/", "/search?q=đô+thị", f"/doc/{ids['legacy']}", "/browse/", "/browse/year"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert page.requested
    assert [url for url in page.requested if not url.startswith(base + "/")] == []
    stylesheets = page.evaluate("Array.from(document.styleSheets).map(s => s.href)")
    assert f"{base}/static/css/archive.css" in stylesheets
    assert all(href.startswith(base + "/static/") for href in stylesheets)
    assert console_errors == []

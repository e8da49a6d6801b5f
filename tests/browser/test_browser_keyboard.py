"""Keyboard only: skip link, "/" to search, Tab to a result, Enter to open it, and visible focus."""

from __future__ import annotations

import re

import browser_fixtures
import pytest

pytestmark = pytest.mark.slow
site, page = browser_fixtures.site, browser_fixtures.page  # the fixtures these tests use

ACTIVE = (
    "(() => { const e = document.activeElement;"
    " return [e.tagName, e.id, e.className, e.textContent.trim()]; })()"
)


def tab_until(page, predicate, limit: int = 60) -> list:
    """Press Tab until the focused element satisfies `predicate`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if predicate(active):
            return active
    raise AssertionError(f"no focusable element matched within {limit} Tab presses")


def test_keyboard_only_search_and_open_a_document(site, page):
    base, ids = site
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)[2] == "skip-link"  # the first stop skips the header
    assert page.evaluate("getComputedStyle(document.activeElement).left") == "0px"  # and becomes visible
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")

    page.keyboard.press("/")
    assert page.evaluate(ACTIVE)[1] == "q"
    page.keyboard.type("kiến trúc")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))

    active = tab_until(page, lambda a: a[0] == "A" and a[3].startswith("QUYẾT ĐỊNH"))
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", active  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/doc/{ids['decision']}\?"))

    tab_until(page, lambda a: a[3] == "Tải văn bản (UTF-8 .txt)")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "quyet_dinh_2001.txt"

    tab_until(page, lambda a: a[1] == "inside")
    page.keyboard.type("quy chế")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"inside=quy"))
    assert "quy</mark> <mark>chế" in page.locator("ol.passages").inner_html()


def test_histogram_bars_are_reachable_and_named(site, page):
    base, _ = site
    page.goto(base + "/")
    in_histogram = "document.activeElement.closest('.bars') !== null"
    active = tab_until(page, lambda a: a[0] == "A" and page.evaluate(in_histogram))
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert re.fullmatch(r"Năm \d{4}: \d+ văn bản", label), active
    year = label.split(":")[0].split()[1]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/search\?year={year}$"))
    assert page.locator("a.chip").inner_text().replace("\n", " ").startswith(f"Năm: {year}")

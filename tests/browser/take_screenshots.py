"""Screenshots of the main pages for docs/ and the README, taken in headless Chromium.

    .venv/bin/python tests/browser/take_screenshots.py      # writes docs/screenshots/*.png

Serves a freshly built demo archive on 127.0.0.1 (a free port), like the browser tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from harness import browser_context, running_server

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shots(ids: dict[str, str]) -> list[tuple[str, str, dict, bool]]:
    """(file name, path, viewport, full page)."""
    return [
        ("home.png", "/", DESKTOP, True),
        ("results.png", "/search?q=quản+lý+đô+thị", DESKTOP, True),
        ("results-filtered.png", "/search?q=đô+thị&type=báo+cáo", DESKTOP, False),
        ("document.png", f"/doc/{ids['corpus0']}?q=đô+thị", DESKTOP, False),
        ("document-repairs.png", f"/doc/{ids['corpus0']}#repairs", DESKTOP, False),
        ("timeline.png", "/browse/year", DESKTOP, True),
        ("home-en.png", "/?lang=en", DESKTOP, False),
        ("phone-results.png", "/search?q=đô+thị", PHONE, False),
        ("phone-document.png", f"/doc/{ids['decision']}?q=quy+chế", PHONE, False),
    ]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with running_server(root / "site") as (base, ids), browser_context(root / "profile") as context:
            page = context.new_page()
            for name, path, viewport, full in shots(ids):
                page.set_viewport_size(viewport)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / name), full_page=full)
                print(f"{OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

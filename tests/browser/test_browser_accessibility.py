"""axe-core in a real browser: no serious or critical violations on the main pages, in both languages."""

from __future__ import annotations

import browser_fixtures
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.slow
site, page = browser_fixtures.site, browser_fixtures.page  # the fixtures these tests use

PAGES = ["/", "/search?q=đô+thị", "/search?q=zzxqj", "/doc/{decision}?q=quy+chế", "/doc/{legacy}",
         "/doc/{corpus0}", "/browse/", "/browse/year", "/browse/type", "/doc/nope"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_serious_accessibility_violations(site, page, lang):
    base, ids = site
    axe = Axe()
    page.goto(f"{base}/lang/{lang}")
    problems = []
    for path in PAGES:
        page.goto(base + path.format(**ids))
        result = axe.run(page)
        for violation in result.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    assert problems == []

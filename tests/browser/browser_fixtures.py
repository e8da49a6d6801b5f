"""Fixtures for the browser tests: one served archive per session, one fresh browser profile per test.

Imported by each browser test module rather than kept in a `conftest.py` here, so that `conftest` stays the
name of `tests/conftest.py` for the modules that import from it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness import CHROMIUM, browser_context, running_server


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(base URL, ids) of a running `vnarchive serve`."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    with running_server(tmp_path_factory.mktemp("site")) as served:
        yield served


@pytest.fixture
def page(tmp_path):
    """A page in a fresh headless Chromium; every request it makes is recorded on `page.requested`."""
    with browser_context(tmp_path / "profile", viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        yield page

"""Fixtures for the browser tests: one served archive per session, one fresh browser profile per test.

Imported by each browser test module rather than kept in a `conftest.py` here, so that `conftest` stays the
name of `tests/conftest.py` for the modules that import from it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from harness import CHROMIUM, VNARCHIVE, browser_context, running_server

PASSWORD = "mật khẩu đủ dài"
ACCOUNTS = {"staff": "staff@example.org", "admin": "admin@example.org"}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(base URL, ids) of a running `vnarchive serve`."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    with running_server(tmp_path_factory.mktemp("site")) as served:
        yield served


@pytest.fixture
def members_site(tmp_path):
    """Base URL of a fresh `members`-mode archive with a staff and an admin account (made by the CLI)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    with running_server(tmp_path / "site", access="members") as (base, _):
        env = {**os.environ, "VNARCHIVE_HOME": str(tmp_path / "site" / "home")}
        for role, email in ACCOUNTS.items():
            subprocess.run([VNARCHIVE, "user", "add", email, "--role", role], env=env, check=True,
                           input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True)
        yield base


def sign_in(page, base: str, email: str, path: str) -> None:
    """Open `path`, which sends an anonymous visitor to the login form, sign in, land back on `path`."""
    page.goto(base + path)
    page.wait_for_url(re.compile(r"/login\?next="))
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base + path)


@pytest.fixture
def page(tmp_path):
    """A page in a fresh headless Chromium; every request it makes is recorded on `page.requested`."""
    with browser_context(tmp_path / "profile", viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        yield page

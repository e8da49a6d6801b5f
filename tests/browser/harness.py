"""A real server and a real browser for the browser tests and the screenshot script.

The server is `vnarchive serve` on 127.0.0.1 and a free port over a freshly built archive; the browser
is Debian's Chromium driven by Playwright (no browser download), headless, with a fresh profile.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
VNARCHIVE = str(Path(sys.executable).parent / "vnarchive")
TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from web_archive import build_archive  # noqa: E402  (needs the tests folder on the path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(root: Path, access: str = "public") -> Iterator[tuple[str, dict[str, str]]]:
    """Build an archive under `root`, serve it, yield (base URL, document ids); stop the server after."""
    svc, ids = build_archive(root)
    svc.close()
    port = free_port()
    env = {**os.environ, "VNARCHIVE_HOME": str(root / "home"), "VNARCHIVE_ACCESS": access}
    log = (root / "server.log").open("w")
    server = subprocess.Popen([VNARCHIVE, "serve", "--port", str(port)], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/opensearch.xml", server, root / "server.log")
        yield base, ids
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def _wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"vnarchive serve exited: {log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


@contextlib.contextmanager
def browser_context(profile: Path, **options: object) -> Iterator[object]:
    """A Playwright persistent context (fresh profile dir) of Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, accept_downloads=True,
            locale="vi-VN", **options,
        )
        try:
            yield context
        finally:
            context.close()

"""Stored XSS: script and event-handler payloads in converted text and in metadata always come out escaped;
every page carries the security headers, and no template has inline script or inline handlers."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from web_session import add_user, ingest_texts, make_app, new_client, service_of, sign_in

from webui.security import HEADERS

SCRIPT = '<script>alert("xss")</script>'
ONERROR = '<img src=x onerror=alert(1)>'
TEMPLATES = Path(__file__).resolve().parent.parent / "webui" / "templates"


@pytest.fixture
def site(home, tmp_path):
    app = make_app(home, "members")
    text = f"{SCRIPT} Báo cáo tổng kết năm 1998\n{ONERROR} Quyết định về việc thành lập\n".encode()
    doc_id = ingest_texts(app, tmp_path, {"xss.txt": text})["xss.txt"]
    service_of(app).edit(doc_id, user="admin@example.org", title=f"Tiêu đề {ONERROR}", source=SCRIPT,
                         tags=[SCRIPT, "an toàn"])
    add_user(app, "staff@example.org", "staff")
    return app, doc_id


class _Elements(HTMLParser):
    """What a browser would run: inline scripts, `on…` handler attributes, `javascript:` links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "img":
            self.found.append(f"<img {attrs}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"<script>{data}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _active_content(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def _pages(doc_id: str) -> list[str]:
    return [f"/doc/{doc_id}", f"/doc/{doc_id}?q=alert", "/search?q=alert", "/search?q=báo+cáo", "/",
            "/browse/", "/browse/source", f"/staff/doc/{doc_id}", "/staff/", "/staff/audit",
            f"/search?q={SCRIPT}", f"/doc/{doc_id}?inside={ONERROR}"]


def test_payloads_are_escaped_on_every_page(site):
    app, doc_id = site
    client = sign_in(app, "staff@example.org")
    for page in _pages(doc_id):
        response = client.get(page)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, page
        assert "<script>alert" not in html, page
        assert _active_content(html) == [], page
    document = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document
    review = client.get(f"/staff/doc/{doc_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt; Báo cáo" in review  # in the textarea, escaped


def test_json_keeps_the_payload_as_data(site):
    app, doc_id = site
    client = sign_in(app, "staff@example.org")
    response = client.get(f"/api/doc/{doc_id}")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_json()["source"] == SCRIPT


def test_security_headers_on_pages_errors_and_api(site):
    app, doc_id = site
    client = sign_in(app, "staff@example.org")
    anonymous = new_client(app)
    for response in (client.get(f"/doc/{doc_id}"), client.get("/doc/nope"), client.get("/api/search?q=x"),
                     anonymous.get("/login"), anonymous.get("/api/stats"), client.get("/staff/upload")):
        for name, value in HEADERS.items():
            assert response.headers[name] == value
    csp = HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_templates_have_no_inline_script_or_handlers():
    """The CSP forbids them, so they would silently not run: keep every script in static/js."""
    for template in TEMPLATES.glob("*.html"):
        html = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html), template.name
        assert not re.search(r"\sstyle\s*=", html), template.name
        assert "javascript:" not in html, template.name


def test_app_never_runs_in_debug_mode(home):
    from cli.web_cmd import serve

    app = make_app(home)
    assert app.debug is False
    assert "debug" not in " ".join(p.name for p in serve.params)


def test_the_detector_sees_unescaped_payloads():
    raw = f"<p>{SCRIPT}{ONERROR}<a href='javascript:alert(1)'>x</a></p>"
    assert len(_active_content(raw)) == 4
    assert _active_content(f"<p>{escape(SCRIPT)}{escape(ONERROR)}</p>") == []

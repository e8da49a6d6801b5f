"""Helpers for the security and staff tests: an app on a fresh home, accounts, signing in, CSRF tokens.

Everything is real: the catalog, the blob store and the Whoosh index live in the test's home directory.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from archive.settings import Settings
from service import Service, accounts
from webui import create_app
from webui.i18n import COOKIE as LANGUAGE_COOKIE

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_app(home: Path, access: str = "members", **config: object) -> Flask:
    settings = Settings({"home": str(home), "access": access, **config.pop("settings", {})})
    return create_app({"TESTING": True, "SETTINGS": settings, **config})


def service_of(app: Flask) -> Service:
    return app.extensions["vnarchive.service"]


def add_user(app: Flask, email: str, role: str) -> str:
    accounts.add(service_of(app), email, role, PASSWORD)
    return email


def members_app(home: Path, *emails_and_roles: tuple[str, str]) -> Flask:
    """An app in `members` mode with these (e-mail, role) accounts, all with `PASSWORD`."""
    app = make_app(home, "members")
    for email, role in emails_and_roles:
        add_user(app, email, role)
    return app


def new_client(app: Flask) -> FlaskClient:
    """A browser that asked for English pages (tests assert on the English messages)."""
    client = app.test_client()
    client.set_cookie(LANGUAGE_COOKIE, "en", domain="localhost")
    return client


def csrf_token(client: FlaskClient, page: str = "/login") -> str:
    """The CSRF token of this client's session, read from a form the server rendered."""
    html = client.get(page).get_data(as_text=True)
    match = _TOKEN.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def sign_in(app: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    """A client signed in as `email` (asserts that the login worked)."""
    client = new_client(app)
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf_token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def post(client: FlaskClient, url: str, data: dict | None = None, **kwargs: object):
    """POST with this session's CSRF token."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client)}, **kwargs)


def ingest_texts(app: Flask, tmp: Path, texts: dict[str, bytes], status: str = "published") -> dict[str, str]:
    """Ingest small files; returns file name -> document id."""
    folder = tmp / f"in-{status}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in texts.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    report = service_of(app).ingest(paths, status=status)
    return {Path(o.path).name: o.doc_id for o in report.outcomes}

"""The one access check: public mode lets anyone read; members mode sends anonymous readers to sign in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import g
from web_archive import build_archive, web_client

from archive.accounts import User
from archive.settings import Settings
from webui.access import check_read_access


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    svc, ids = build_archive(tmp_path_factory.mktemp("web"))
    yield svc, ids
    svc.close()

READER = User(id=1, email="reader@example.org", role="member", disabled=False, created_at="2026-01-01")


def members_client(svc, signed_in: bool = False):
    settings = Settings({"home": str(svc.settings.home), "access": "members"})
    client = web_client(svc, SETTINGS=settings)
    if signed_in:
        # Stands in for the accounts layer, which sets g.user in its own before_request hook.
        hooks = client.application.before_request_funcs[None]
        hooks.insert(hooks.index(check_read_access), lambda: setattr(g, "user", READER))
    return client


READ_ROUTES = [
    "/",
    "/search?q=đô+thị",
    "/browse/",
    "/browse/year",
    "/browse/type",
    "/doc/{report}",
    "/doc/{report}/original",
    "/doc/{report}/text.txt",
    "/doc/{report}/cite/ris",
]
API_ROUTES = ["/api/search?q=a", "/api/doc/{report}", "/api/facets", "/api/stats"]


def test_public_mode_reads_everything(archive):
    svc, ids = archive
    client = web_client(svc)
    for route in READ_ROUTES + API_ROUTES:
        assert client.get(route.format(**ids)).status_code == 200, route


def test_members_mode_redirects_pages_to_login(archive):
    svc, ids = archive
    client = members_client(svc)
    for route in READ_ROUTES:
        url = route.format(**ids)
        response = client.get(url)
        assert response.status_code == 302, url
        location = urlsplit(response.headers["Location"])
        assert location.path == "/login", url
        assert parse_qs(location.query)["next"] == [
            urlsplit(url).path + ("?" + urlsplit(url).query if "?" in url else "")
        ]
    location = urlsplit(client.get("/search?q=x").headers["Location"])
    assert parse_qs(location.query) == {"next": ["/search?q=x"]}


def test_members_mode_answers_401_json_to_the_api(archive):
    svc, ids = archive
    client = members_client(svc)
    for route in API_ROUTES:
        response = client.get(route.format(**ids))
        assert response.status_code == 401
        assert response.get_json() == {
            "error": "unauthorized",
            "message": "Hãy đăng nhập để đọc kho lưu trữ này.",
            "status": 401,
        }


def test_members_mode_keeps_assets_language_and_opensearch_open(archive):
    svc, _ = archive
    client = members_client(svc)
    for url, status in (("/static/css/archive.css", 200), ("/lang/en", 302), ("/opensearch.xml", 200)):
        with client.get(url) as response:
            assert response.status_code == status, url
            assert "login" not in response.headers.get("Location", ""), url


def test_signed_in_member_reads(archive):
    svc, ids = archive
    client = members_client(svc, signed_in=True)
    for route in READ_ROUTES + API_ROUTES:
        assert client.get(route.format(**ids)).status_code == 200, route


def test_a_search_a_member_made_is_not_served_from_the_cache_to_an_anonymous_reader(archive):
    svc, _ = archive
    member, anonymous = members_client(svc, signed_in=True), members_client(svc)
    for url in ("/api/search?q=quản+lý", "/search?q=quản+lý"):
        assert member.get(url).status_code == 200
        again = member.get(url)
        assert again.status_code == 200 and 'desc="cache"' in again.headers["Server-Timing"]
        refused = anonymous.get(url)
        assert refused.status_code in (302, 401) and "Server-Timing" not in refused.headers

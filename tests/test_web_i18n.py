"""Vietnamese by default, English on request; Vietnamese dates and numbers; complete catalogs."""

from __future__ import annotations

import pytest
from web_archive import build_archive, web_client

from webui import translations_build


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    svc, ids = build_archive(tmp_path_factory.mktemp("web"))
    yield svc, ids, web_client(svc)
    svc.close()


def test_vietnamese_by_default(web):
    _, _, client = web
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Tìm lại lịch sử trong các văn bản tiếng Việt cũ" in html
    assert '<span class="lang-current" lang="vi" aria-current="true">Tiếng Việt</span>' in html


def test_switching_to_english_sets_a_cookie_and_returns_to_the_page(web):
    _, ids, client = web
    response = client.get(f"/lang/en?next=/doc/{ids['report']}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/doc/{ids['report']}"
    assert "lang=en" in response.headers["Set-Cookie"]
    html = client.get(f"/doc/{ids['report']}").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert '<time datetime="1998-03-05">5 March 1998</time>' in html
    assert "Download original" in html and "Tải bản gốc" not in html
    client.get("/lang/vi")
    assert "Tải bản gốc" in client.get(f"/doc/{ids['report']}").get_data(as_text=True)


def test_english_for_one_request(web):
    _, _, client = web
    html = client.get("/search?q=đô+thị&lang=en").get_data(as_text=True)
    assert "Results for “đô thị”" in html and "documents" in html
    assert "Refine" in html and "the 1990s" in html


def test_language_switch_never_redirects_off_site(web):
    _, _, client = web
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.get("/lang/en", query_string={"next": target})
        assert response.headers["Location"] == "/", target


def test_unknown_language_changes_nothing(web):
    _, _, client = web
    response = client.get("/lang/fr?next=/")
    assert "Set-Cookie" not in response.headers


def test_vietnamese_numbers_and_dates(web):
    from webui import create_app
    from webui.i18n import format_day, format_number

    svc, _, _ = web
    app = create_app({"TESTING": True, "SETTINGS": svc.settings, "SERVICE": svc})
    with app.test_request_context("/"):
        assert format_day("2001-06-20") == "ngày 20 tháng 6 năm 2001"
        assert format_day("2001-06-20", "short") == "20/06/2001"
        assert format_day("2026-11-23T10:00:00+00:00", "short") == "23/11/2026"
        assert format_day("not a date") == "not a date"
        assert format_number(1234567) == "1.234.567"
        assert format_number(12.5) == "12,5"
    with app.test_request_context("/?lang=en"):
        assert format_day("2001-06-20") == "20 June 2001"
        assert format_number(1234567) == "1,234,567"


def test_every_message_has_a_vietnamese_translation_and_the_mo_is_current():
    assert translations_build.check() == []

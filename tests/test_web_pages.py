"""The HTML pages: home, results, browse, timeline, errors — content, links and escaping."""

from __future__ import annotations

import re
from html import unescape

import pytest
from web_archive import build_archive, web_client

from index.backend import SearchRequest


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    svc, ids = build_archive(tmp_path_factory.mktemp("web"))
    yield svc, ids, web_client(svc)
    svc.close()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    assert response.content_type == "text/html; charset=utf-8"
    return response.get_data(as_text=True)


def test_home_shows_statistics_histogram_recent_and_browse_links(web):
    svc, ids, client = web
    html = page(client, "/")
    assert '<html lang="vi">' in html
    overview = svc.search(SearchRequest())
    assert overview.total == 7
    assert "<dt>Văn bản</dt><dd>7</dd>" in html
    assert "<dd>1995–2025</dd>" in html
    # one bar per year with documents, each a link to that year's results
    assert 'href="/search?year=1998"' in html and 'href="/search?year=2001"' in html
    in_1998 = dict(overview.histogram)[1998]
    assert f'aria-label="Năm 1998: {in_1998} văn bản"' in html
    # recent additions link to document pages
    for doc_id in ids.values():
        assert f'href="/doc/{doc_id}"' in html
    # browse by type and decade
    assert 'href="/search?type=b%C3%A1o+c%C3%A1o"' in html
    assert ">thập niên 1990s<" not in html and ">thập niên 1990<" in html


def test_results_have_snippets_facets_histogram_sort_and_count(web):
    _, ids, client = web
    html = page(client, "/search?q=quản+lý+đô+thị")
    assert "Kết quả cho “quản lý đô thị”" in html
    assert re.search(r"\d+ văn bản", html)
    assert "<mark>đô</mark> <mark>thị</mark>" in html
    assert f'href="/doc/{ids["report"]}?q=' in html
    assert 'href="/search?q=qu%E1%BA%A3n+l%C3%BD+%C4%91%C3%B4+th%E1%BB%8B&amp;type=b%C3%A1o+c%C3%A1o"' in html
    assert "Kết quả theo năm" in html
    assert 'href="/search?q=qu%E1%BA%A3n+l%C3%BD+%C4%91%C3%B4+th%E1%BB%8B&amp;sort=newest"' in html
    assert '<span aria-current="true">liên quan nhất</span>' in html


def test_facet_filter_becomes_a_removable_chip(web):
    _, ids, client = web
    html = page(client, "/search?q=đô+thị&type=quyết+định")
    assert 'class="chips"' in html
    chip = re.search(r'<a class="chip" href="([^"]+)"', html)
    assert chip and unescape(chip.group(1)) == "/search?q=%C4%91%C3%B4+th%E1%BB%8B"
    assert f'href="/doc/{ids["decision"]}?' in html
    assert f'href="/doc/{ids["report"]}?' not in html  # the filter really narrows the results


def test_sort_oldest_orders_by_year(web):
    _, ids, client = web
    html = page(client, "/search?sort=oldest&collection=tests")
    order = re.findall(r'<h3><a href="/doc/(\w+)\?', html)
    assert order == [ids["legacy"], ids["report"], ids["decision"], ids["script"]]  # 1995, 1998, 2001, 2004
    html = page(client, "/search?sort=newest&collection=tests")
    assert re.findall(r'<h3><a href="/doc/(\w+)\?', html) == order[::-1]


def test_paging_links_and_numbering(web):
    _, _, client = web
    html = page(client, "/search?per_page=2&page=2")
    assert '<ol class="hits" start="3">' in html
    assert 'rel="prev" href="/search?per_page=2&amp;page=1"' in html
    assert 'rel="next" href="/search?per_page=2&amp;page=3"' in html
    assert '<span aria-current="page">2</span>' in html


def test_did_you_mean_offers_the_accented_query(web):
    _, _, client = web
    html = page(client, "/search?q=quyet+dinh")
    assert "Có phải bạn muốn tìm" in html
    assert re.search(r'<a href="/search\?q=quy%E1%BA%BFt\+%C4%91%E1%BB%8Bnh">quyết định</a>', html)


def test_empty_results_help_the_reader(web):
    _, _, client = web
    html = page(client, "/search?q=zzxqj&type=quyết+định")
    assert "Không có văn bản nào phù hợp." in html
    assert 'href="/search?q=zzxqj">Tìm lại không dùng bộ lọc' in html
    assert "“bao cao” sẽ tìm ra “báo cáo”" in html


def test_bad_parameters_are_a_400_page_naming_the_parameter(web):
    _, _, client = web
    assert "page phải là số nguyên dương, không phải x." in page(client, "/search?page=x", 400)
    assert "sort phải là một trong relevance, newest, oldest, không phải up." in page(
        client, "/search?sort=up", 400
    )


def test_browse_pages(web):
    _, _, client = web
    html = page(client, "/browse/")
    assert "Duyệt kho tài liệu" in html and 'href="/browse/type"' in html
    html = page(client, "/browse/type")
    assert re.search(
        r'href="/search\?type=quy%E1%BA%BFt\+%C4%91%E1%BB%8Bnh">quyết định</a> <span class="count">1', html
    )
    html = page(client, "/browse/year")
    assert 'href="/search?decade=1990s">thập niên 1990</a>' in html
    assert '<a href="/search?year=2001"><span class="year">2001</span>' in html
    page(client, "/browse/nonsense", 404)


def test_unknown_document_is_a_404_page(web):
    _, _, client = web
    assert "Không có văn bản nào mang mã nope." in page(client, "/doc/nope", 404)
    assert "Không có trang nào ở địa chỉ này." in page(client, "/no/such/page", 404)


def test_converted_text_is_untrusted_and_renders_as_text(web):
    _, ids, client = web
    for url in (f"/doc/{ids['script']}", "/search?q=lịch+họp", "/"):
        html = page(client, url)
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_every_page_links_its_json_twin_and_opensearch(web):
    _, ids, client = web
    twins = {
        "/": "/api/stats",
        "/search?q=a": "/api/search?q=a",
        "/search?q=a&type=x&type=y": "/api/search?q=a&amp;type=x&amp;type=y",
        f"/doc/{ids['report']}": f"/api/doc/{ids['report']}",
        "/browse/": "/api/facets",
    }
    for url, twin in twins.items():
        assert f'<link rel="alternate" type="application/json" href="{twin}">' in page(client, url)
    assert 'rel="search" type="application/opensearchdescription+xml"' in page(client, "/")


def test_a_results_body_kept_for_reuse_follows_language_and_index(tmp_path):
    """The rendered facets and hits are reused only for the same language, URL and result."""
    svc, _ids = build_archive(tmp_path / "archive")
    try:
        client = web_client(svc)
        first = page(client, "/search?q=kênh+đào")
        assert "Không có văn bản nào phù hợp." in first
        assert _without_time(page(client, "/search?q=kênh+đào")) == _without_time(first)
        client.get("/lang/en")
        english = page(client, "/search?q=kênh+đào")
        assert "No documents match." in english and "Không có văn bản nào phù hợp." not in english
        client.get("/lang/vi")
        new = tmp_path / "kenh.txt"
        new.write_text("Báo cáo về kênh đào\nKênh đào mới năm 2003.\n", encoding="utf-8")
        assert [o.doc_id is not None for o in svc.ingest([new]).outcomes] == [True]
        after = page(client, "/search?q=kênh+đào")
        assert "kenh.txt" in after and "Không có văn bản nào phù hợp." not in after
    finally:
        svc.close()


def _without_time(html: str) -> str:
    return re.sub(r"· [\d,.]+ ms", "", html)

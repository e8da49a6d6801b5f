"""The JSON API: /api/search is exactly SearchResult.to_dict(); /api/doc, /api/facets, /api/stats; errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_archive import build_archive, web_client

from index.backend import SearchRequest


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    svc, ids = build_archive(tmp_path_factory.mktemp("web"))
    yield svc, ids, web_client(svc)
    svc.close()


def without_timing(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "took_ms"}


def test_search_is_the_search_result_contract(web):
    svc, ids, client = web
    response = client.get("/api/search?q=đô+thị&type=báo+cáo&collection=tests&page=1")
    assert response.content_type == "application/json"
    data = response.get_json()
    request = SearchRequest(q="đô thị", filters={"type": ["báo cáo"], "collection": ["tests"]})
    expected = svc.search(request).to_dict()
    assert without_timing(data) == without_timing(expected)
    assert list(data) == [
        "total",
        "page",
        "per_page",
        "took_ms",
        "suggestion",
        "results",
        "facets",
        "histogram",
    ]
    assert data["total"] == 1
    hit = data["results"][0]
    assert hit["id"] == ids["report"] and hit["year"] == 1998 and hit["filename"] == "bao_cao_1998.txt"
    assert "<mark>đô</mark>" in hit["snippet"]
    assert {"value": "báo cáo", "count": 1} in data["facets"]["type"]
    assert data["histogram"] == [{"year": 1998, "count": 1}]


def test_search_keeps_vietnamese_readable(web):
    _, _, client = web
    raw = client.get("/api/search?q=quyết+định").get_data(as_text=True)
    assert "QUYẾT ĐỊNH" in raw and "\\u" not in raw


def test_search_pages_sorts_and_filters_by_year(web):
    _, ids, client = web
    data = client.get("/api/search?year=2001").get_json()
    assert [r["id"] for r in data["results"]] == [ids["decision"]]
    page2 = client.get("/api/search?sort=oldest&per_page=3&page=2").get_json()
    assert (page2["page"], page2["per_page"], page2["total"]) == (2, 3, 7)
    assert [r["year"] for r in page2["results"]] == sorted(r["year"] for r in page2["results"])


def test_search_suggestion(web):
    _, _, client = web
    assert client.get("/api/search?q=quyet+dinh").get_json()["suggestion"] == "quyết định"


def test_document(web):
    svc, ids, client = web
    data = client.get(f"/api/doc/{ids['decision']}").get_json()
    doc = svc.get(ids["decision"])
    assert data["id"] == doc.id and data["sha256"] == doc.sha256 and data["text"] == doc.text
    assert (
        data["date"] == "2001-06-20" and data["doc_type"] == "quyết định" and data["source"] == "BỘ XÂY DỰNG"
    )
    assert data["repairs"] == doc.repairs
    assert data["links"] == {
        "html": f"http://localhost/doc/{doc.id}",
        "original": f"http://localhost/doc/{doc.id}/original",
        "text": f"http://localhost/doc/{doc.id}/text.txt",
    }


def test_facets_for_the_collection_and_a_filter(web):
    _, _, client = web
    data = client.get("/api/facets").get_json()
    assert set(data) == {"total", "facets", "histogram"}
    assert data["total"] == 7
    assert {"value": "tests", "count": 4} in data["facets"]["collection"]
    assert {"year": 1995, "count": 1} in data["histogram"]
    narrowed = client.get("/api/facets?decade=2000s&collection=tests").get_json()
    assert narrowed["total"] == 2
    assert narrowed["histogram"] == [{"year": 2001, "count": 1}, {"year": 2004, "count": 1}]


def test_stats(web):
    _, ids, client = web
    data = client.get("/api/stats").get_json()
    assert data["documents"] == 7
    assert {r["id"] for r in data["recent"]} == set(ids.values())
    assert "text" not in data["recent"][0]


def test_errors_are_json(web):
    _, _, client = web
    response = client.get("/api/doc/nope")
    assert response.status_code == 404
    assert response.get_json() == {
        "error": "not_found",
        "message": "Không có văn bản nào mang mã nope.",
        "status": 404,
    }
    response = client.get("/api/search?page=0")
    assert response.status_code == 400
    assert response.get_json()["message"] == "page phải là số nguyên dương, không phải 0."
    assert client.get("/api/nothing").get_json()["status"] == 404


def test_opensearch_description(web):
    _, _, client = web
    response = client.get("/opensearch.xml")
    assert response.content_type == "application/opensearchdescription+xml; charset=utf-8"
    body = response.get_data(as_text=True)
    assert (
        '<Url type="text/html" method="get" template="http://localhost/search?q={searchTerms}&amp;page={startPage?}"/>'
        in body
    )
    assert "<ShortName>vnarchive</ShortName>" in body


def test_every_api_route_is_documented(web):
    _, _, client = web
    documented = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    routes = [r.rule.replace("<doc_id>", "<id>") for r in client.application.url_map.iter_rules()]
    api_routes = [r for r in routes if r.startswith("/api/")]
    assert len(api_routes) >= 4
    for route in [*api_routes, "/opensearch.xml", "/doc/<id>/original", "/doc/<id>/text.txt"]:
        assert f"`GET {route}`" in documented or f"`{route}`" in documented, route


def test_overlong_queries_are_refused_before_they_reach_the_engine(web):
    _, _, client = web
    response = client.get("/api/search", query_string={"q": " ".join(["nam"] * 33)})
    assert response.status_code == 400
    assert response.get_json()["message"] == "Câu tìm kiếm quá dài: tối đa 32 từ và 500 ký tự."
    assert client.get("/api/search", query_string={"q": "x" * 501}).status_code == 400
    assert client.get("/api/search", query_string={"q": " ".join(["nam"] * 32)}).status_code == 200

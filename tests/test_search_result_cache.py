"""Repeated searches are answered from the result cache, and never with a result from before a change."""

from __future__ import annotations

from backend_suite import DOCS, doc
from web_archive import web_client

from archive.settings import Settings
from index import searching
from index.backend import SearchRequest
from index.whoosh_backend import WhooshBackend
from service import Service


def test_a_repeated_search_is_served_from_the_cache(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.add(DOCS)
    first = backend.search(SearchRequest(q="đô thị"))
    again = backend.search(SearchRequest(q="  đô  thị "))
    assert again.hits is first.hits  # the same result object's hits: nothing was searched again
    assert [h.id for h in again.hits] == [h.id for h in first.hits]
    assert (first.served_from, again.served_from) == ("index", "cache")
    other_page = backend.search(SearchRequest(q="đô thị", per_page=1, page=2))
    assert other_page.hits is not first.hits and len(other_page.hits) == 1


def _pages(backend: WhooshBackend, request: dict, pages: int) -> list[tuple[list[str], str]]:
    results = (backend.search(SearchRequest(**request, page=n, per_page=1)) for n in range(1, pages + 1))
    return [([h.id for h in r.hits], r.served_from) for r in results]


def test_the_next_page_is_made_from_the_cached_ranking(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index")
    backend.add(DOCS)
    uncached = WhooshBackend(tmp_path / "index", cache_size=0)
    searches = ({"q": "báo cáo"}, {"q": "do thi", "sort": "newest"}, {"q": "", "filters": {"year": ["2005"]}})
    for request in searches:
        pages = _pages(backend, request, 4)
        assert [served for _ids, served in pages] == ["index"] + ["ranking"] * 3
        assert [ids for ids, _ in pages] == [ids for ids, _ in _pages(uncached, request, 4)]
    monkeypatch.setattr(searching, "RANKED", 2)  # a page past the ranked matches ranks again
    served = [s for _ids, s in _pages(backend, {"q": "đô OR đất OR quy"}, 4)]
    assert served == ["index", "ranking", "ranking", "index"]


def test_a_commit_by_another_writer_is_seen_at_once(tmp_path):
    reader = WhooshBackend(tmp_path / "index")
    writer = WhooshBackend(tmp_path / "index")  # another process's view of the same index
    writer.add(DOCS[:2])
    assert reader.search(SearchRequest(q="đô thị")).total == 1
    writer.add([doc("new1", "Đô thị mới", "Quy hoạch đô thị")])
    after = reader.search(SearchRequest(q="đô thị"))
    assert after.total == 2 and "new1" in {h.id for h in after.hits}
    writer.delete(["new1"])
    assert reader.search(SearchRequest(q="đô thị")).total == 1


def test_a_document_ingested_while_the_site_runs_appears_in_the_next_search(tmp_path):
    svc = Service(Settings({"home": str(tmp_path / "home"), "access": "public"}))
    first = tmp_path / "in" / "a.txt"
    first.parent.mkdir()
    first.write_text("Báo cáo quy hoạch giao thông\nNội dung về giao thông nông thôn.", encoding="utf-8")
    svc.ingest([first])
    client = web_client(svc)
    before = client.get("/api/search?q=giao+thông").get_json()
    assert before["total"] == 1

    second = tmp_path / "in" / "b.txt"
    second.write_text("Kế hoạch giao thông đô thị\nMở rộng đường giao thông.", encoding="utf-8")
    new_id = svc.ingest([second]).outcomes[0].doc_id
    response = client.get("/api/search?q=giao+thông")
    after = response.get_json()
    assert after["total"] == 2
    assert new_id in {r["id"] for r in after["results"]}
    assert 'desc="index"' in response.headers["Server-Timing"]
    page = client.get("/search?q=giao+thông")  # the page is made from the API's cached result
    assert f'href="/doc/{new_id}?' in page.get_data(as_text=True)
    assert 'desc="cache"' in page.headers["Server-Timing"]
    svc.close()

"""Repeated searches are answered from the result cache, and never with a result from before a change."""

from __future__ import annotations

from backend_suite import DOCS, doc
from web_archive import web_client

from archive.settings import Settings
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
    other_page = backend.search(SearchRequest(q="đô thị", per_page=1, page=2))
    assert other_page.hits is not first.hits and len(other_page.hits) == 1


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
    after = client.get("/api/search?q=giao+thông").get_json()
    assert after["total"] == 2
    assert new_id in {r["id"] for r in after["results"]}
    page = client.get("/search?q=giao+thông").get_data(as_text=True)
    assert f'href="/doc/{new_id}?' in page
    svc.close()

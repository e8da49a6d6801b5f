"""`SolrBackend`: the `SearchBackend` for SolrCloud, with the same results contract as Whoosh.

Matching follows `index.solr.query` (the Whoosh rules in Solr syntax); facet counts, the year histogram,
sort orders, snippets and "did you mean" are shaped exactly as `index.searching` shapes them, and the
snippets come from the shared highlighter (`index.highlight`) over the stored text, so a hit reads the same
whichever engine found it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from archive.document import Document
from index import query as ast
from index.backend import FACET_FIELDS, Hit, SearchRequest, SearchResult
from index.highlight import passages, snippet
from index.plan import plan, suggestion_wanted
from index.solr import admin
from index.solr.client import SolrClient, SolrError
from index.solr.documents import solr_document
from index.solr.query import compile_query, drafts_filter, quote
from index.solr.suggest import SolrSuggester
from index.whoosh_query import highlight_terms

BATCH = 500  # documents per update request
SENDERS = 3  # update requests in flight while a staging collection is filled
FACET_LIMIT = -1  # every value, as the Whoosh backend counts them
_STORED = "id,title_text,text,year,filename,date,type,source,format,encoding,collection,score"
_SORTS = {"relevance": "score desc,id asc", "newest": "sortkey desc,id asc", "oldest": "sortkey asc,id asc"}


class SolrBackend:
    """One SolrCloud collection (or alias) reached through any of its nodes."""

    def __init__(self, urls: str | list[str], collection: str = "vnarchive", *, commit: bool = True,
                 client: SolrClient | None = None) -> None:
        self.client = client or SolrClient(urls)
        self.collection = collection
        self.commit = commit  # commit after each write, so a search right after sees it
        self.retired: str | None = None  # for a staging collection: the one it will replace

    @classmethod
    def from_settings(cls, settings) -> SolrBackend:
        return cls(str(settings.solr_url), str(settings.solr_collection))

    # -- writing -------------------------------------------------------------------------------------
    def add(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None) -> int:
        """Index or replace documents by id, `BATCH` per request; returns how many.

        A staging collection (a rebuild, nobody reads it yet) keeps `SENDERS` requests in flight, so the
        nodes index one batch while the next is prepared and sent; a live one sends them in order.
        """
        count = 0
        senders = 1 if self.commit else SENDERS
        pending: deque[Future[int]] = deque()

        def drain(keep: int) -> None:
            nonlocal count
            while len(pending) > keep:
                count += pending.popleft().result()
                if progress:
                    progress(count)

        with ThreadPoolExecutor(max_workers=senders) as pool:
            batch: list[dict] = []
            for doc in docs:
                batch.append(solr_document(doc))
                if len(batch) >= BATCH:
                    pending.append(pool.submit(self._send, batch))
                    batch = []
                    drain(senders - 1)
            if batch:
                pending.append(pool.submit(self._send, batch))
            drain(0)
        if count and self.commit:
            self.flush()
        return count

    def _send(self, batch: list[dict]) -> int:
        self.client.post_json(f"{self.collection}/update", batch)
        return len(batch)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self.client.post_json(f"{self.collection}/update", {"delete": ids})
            if self.commit:
                self.flush()

    def clear(self) -> None:
        self.client.post_json(f"{self.collection}/update", {"delete": {"query": "*:*"}})
        self.flush()

    def optimize(self) -> None:
        """A hard commit after a bulk load: Solr merges segments in the background by itself."""
        self.client.get(f"{self.collection}/update", {"commit": "true", "waitSearcher": "true"})

    # -- rebuilding ----------------------------------------------------------------------------------
    def staging(self) -> SolrBackend:
        """A new empty collection shaped like the live one; `swap(staging)` points the alias at it."""
        live = admin.collection_status(self.client, self.collection)
        name = admin.generation_name(self.collection)
        admin.create_collection(self.client, name, self.collection, shards=live.shards,
                                replicas=max(1, live.replicas // max(1, live.shards)))
        staging = SolrBackend(self.client.urls, name, commit=False, client=self.client)
        staging.retired = live.name
        return staging

    def swap(self, staging: SolrBackend) -> None:
        """Point the alias at `staging` (searches move over at once), then drop the collection it replaced."""
        staging.flush()
        admin.point_alias(self.client, self.collection, staging.collection)
        if staging.retired and staging.retired not in (staging.collection, self.collection):
            admin.delete_collection(self.client, staging.retired)

    def flush(self) -> None:
        """Make every write so far visible to searches (a soft commit on every replica)."""
        self.client.get(f"{self.collection}/update", {"softCommit": "true", "waitSearcher": "true"})

    # -- reading -------------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        p = plan(request)
        params: dict = {"q": compile_query(p.node), "fl": _STORED, "sort": _SORTS[p.sort],
                        "start": p.start, "rows": p.per_page}
        if not request.include_drafts:
            params["fq"] = drafts_filter()
        if request.facets:
            params.update({"facet": "true", "facet.field": list(FACET_FIELDS), "facet.limit": FACET_LIMIT,
                           "facet.mincount": 1, "facet.sort": "count"})
        data = self.client.post_form(f"{self.collection}/select", params)
        response = data["response"]
        total = int(response["numFound"])
        facets = _facets(data) if request.facets else {}
        histogram = sorted(((int(y), c) for y, c in facets.get("year", [])), key=lambda yc: yc[0])
        terms = highlight_terms(p.text_node)
        hits = [_hit(d, terms) for d in response["docs"]]
        suggestion = None
        if suggestion_wanted(p.text_node, total):
            suggestion = SolrSuggester(self.client, self.collection).suggest(ast.parse(request.q))
        return SearchResult(total=total, hits=hits, facets=facets, histogram=histogram, suggestion=suggestion,
                            took_ms=(time.perf_counter() - started) * 1000, page=p.page, per_page=p.per_page)

    def search_inside(self, doc_id: str, q: str, limit: int = 50) -> list[str]:
        """Highlighted passages of one document, in reading order; [] when the id is not indexed."""
        data = self.client.get(f"{self.collection}/select", {"q": f"id:{quote(doc_id)}", "fl": "text"})
        docs = data["response"]["docs"]
        if not docs:
            return []
        return passages(docs[0].get("text", ""), highlight_terms(ast.parse(q)), limit)

    def ids(self) -> set[str]:
        """Every id, paged with a cursor (stable across shards)."""
        out: set[str] = set()
        cursor = "*"
        while True:
            data = self.client.get(f"{self.collection}/select", {
                "q": "*:*", "fl": "id", "rows": 1000, "sort": "id asc", "cursorMark": cursor})
            out.update(d["id"] for d in data["response"]["docs"])
            if data.get("nextCursorMark", cursor) == cursor:
                return out
            cursor = data["nextCursorMark"]

    def count(self) -> int:
        data = self.client.get(f"{self.collection}/select", {"q": "*:*", "rows": 0})
        return int(data["response"]["numFound"])

    def status(self) -> admin.CollectionStatus:
        return admin.collection_status(self.client, self.collection)


def _facets(data: dict) -> dict[str, list[tuple[str, int]]]:
    """Solr's flat [value, count, …] lists shaped as `index.searching.facet_counts` shapes Whoosh's."""
    raw = data.get("facet_counts", {}).get("facet_fields", {})
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        flat = raw.get(name, [])
        pairs = [(str(v), int(c)) for v, c in zip(flat[::2], flat[1::2], strict=True) if v not in (None, "")]
        if name in ("year", "decade"):
            pairs.sort(key=lambda vc: vc[0], reverse=True)
        else:
            pairs.sort(key=lambda vc: (-vc[1], vc[0]))
        out[name] = pairs
    return out


def _hit(d: dict, terms: set[str]) -> Hit:
    return Hit(
        id=d["id"], title=d.get("title_text", ""), year=d.get("year"), filename=d.get("filename", ""),
        snippet=snippet(d.get("text", ""), terms), score=round(float(d.get("score", 0.0)), 4),
        date=d.get("date"), type=d.get("type"), source=d.get("source"), format=d.get("format"),
        encoding=d.get("encoding"), collection=d.get("collection"),
    )


__all__ = ["SolrBackend", "SolrError"]

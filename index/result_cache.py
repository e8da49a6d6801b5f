"""Recent search results by (index generation, normalised request), as Solr's queryResultCache does.

Searches repeat: popular words, a reader going back to the results, the next page of the same search.
A cached result is only served for the index generation it was computed on: a commit (ingest, edit,
delete) gives the searcher a new generation, and the first lookup under it empties the cache.

>>> cache = ResultCache(size=2)
>>> cache.put("g1", SearchRequest(q="đô thị"), SearchResult(total=3, hits=[]))
>>> cache.get("g1", SearchRequest(q="  đô   thị ")).total  # same words, other spacing
3
>>> cache.get("g2", SearchRequest(q="đô thị")) is None  # the index changed
True
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

from index.backend import SearchRequest, SearchResult
from index.plan import plan

SIZE = 512  # results kept; one is a page of hits plus facet counts, a few kilobytes


def request_key(request: SearchRequest) -> tuple:
    """What decides a result: the parsed query (NFC, spacing ignored), sorted filters, order, page."""
    p = plan(request)
    filters = tuple(sorted((name, tuple(sorted(set(values)))) for name, values in request.filters.items()
                           if values))
    return (p.text_node, filters, p.sort, p.page, p.per_page, request.facets, request.include_drafts)


class ResultCache:
    """A thread-safe LRU of `SearchResult`s for one index generation at a time."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, SearchResult] = OrderedDict()
        self._generation: Hashable = None

    def _switch(self, generation: Hashable) -> None:
        if generation != self._generation:
            self._items.clear()
            self._generation = generation

    def get(self, generation: Hashable, request: SearchRequest) -> SearchResult | None:
        """The cached result (its `took_ms` the lookup's own time), or None."""
        started = time.perf_counter()
        key = request_key(request)
        with self._lock:
            self._switch(generation)
            result = self._items.get(key)
            if result is None:
                return None
            self._items.move_to_end(key)
        return dataclasses.replace(result, took_ms=(time.perf_counter() - started) * 1000)

    def put(self, generation: Hashable, request: SearchRequest, result: SearchResult) -> None:
        key = request_key(request)
        with self._lock:
            self._switch(generation)
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

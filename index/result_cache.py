"""Recent searches by (index generation, normalised request), as Solr's queryResultCache does.

Searches repeat: popular words, a reader going back to the results, the next page of the same search.
Two things are kept: whole results (a page of hits with snippets, facets, histogram, suggestion), and the
rankings behind them (the matches in order, facets, suggestion: everything but the page), so the next
page of a search only reads and highlights its own hits. Entries are only served for the index
generation they were computed on: a commit (ingest, edit, delete) gives the searcher a new generation,
and the first lookup under it empties the cache.

>>> cache = ResultCache(size=2)
>>> cache.put("g1", SearchRequest(q="đô thị"), SearchResult(total=3, hits=[]))
>>> hit = cache.get("g1", SearchRequest(q="  đô   thị "))  # same words, other spacing
>>> hit.total, hit.served_from
(3, 'cache')
>>> cache.get("g2", SearchRequest(q="đô thị")) is None  # the index changed
True
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Hashable
from typing import Generic, Protocol, TypeVar

from index.backend import SearchRequest, SearchResult
from index.lru import LRU
from index.plan import plan

SIZE = 512  # results kept, and as many rankings; a result is a few kilobytes, a ranking up to ~20 KB


class Ranked(Protocol):
    def covers(self, end: int) -> bool:
        """Does it hold the matches up to position `end`?"""


V = TypeVar("V")


def ranking_key(request: SearchRequest) -> tuple:
    """What decides the matches and their order: the parsed query (NFC, spacing ignored), sorted filters,
    order, facets wanted, drafts included."""
    p = plan(request)
    filters = tuple(sorted((name, tuple(sorted(set(values)))) for name, values in request.filters.items()
                           if values))
    return (p.text_node, filters, p.sort, request.facets, request.include_drafts)


def request_key(request: SearchRequest) -> tuple:
    """What decides a result: the ranking and the page."""
    p = plan(request)
    return (*ranking_key(request), p.page, p.per_page)


class GenerationLRU(Generic[V]):
    """An LRU of `size` entries holding those of one index generation at a time."""

    def __init__(self, size: int) -> None:
        self._entries: LRU[Hashable, V] = LRU(size)
        self._generation: Hashable = None
        self._lock = threading.Lock()  # a generation's switch and the lookup after it are one step

    def _switch(self, generation: Hashable) -> None:
        if generation != self._generation:
            self._entries.clear()
            self._generation = generation

    def get(self, generation: Hashable, key: Hashable) -> V | None:
        with self._lock:
            self._switch(generation)
            return self._entries.get(key)

    def put(self, generation: Hashable, key: Hashable, value: V) -> None:
        with self._lock:
            self._switch(generation)
            self._entries.put(key, value)


class ResultCache:
    """Whole results and rankings (any object with `covers(end)`), `size` of each."""

    def __init__(self, size: int = SIZE) -> None:
        self.results: GenerationLRU[SearchResult] = GenerationLRU(size)
        self.rankings: GenerationLRU[Ranked] = GenerationLRU(size)

    def get(self, generation: Hashable, request: SearchRequest) -> SearchResult | None:
        """The cached result (`served_from` "cache", `took_ms` the lookup's own time), or None."""
        started = time.perf_counter()
        result = self.results.get(generation, request_key(request))
        if result is None:
            return None
        took_ms = (time.perf_counter() - started) * 1000
        return dataclasses.replace(result, took_ms=took_ms, served_from="cache")

    def put(self, generation: Hashable, request: SearchRequest, result: SearchResult) -> None:
        self.results.put(generation, request_key(request), result)

    def ranking(self, generation: Hashable, request: SearchRequest) -> Ranked | None:
        """The cached ranking of `request` if it reaches the page asked for, or None."""
        ranking = self.rankings.get(generation, ranking_key(request))
        return ranking if ranking is not None and ranking.covers(plan(request).end) else None

    def put_ranking(self, generation: Hashable, request: SearchRequest, ranking: Ranked) -> None:
        self.rankings.put(generation, ranking_key(request), ranking)

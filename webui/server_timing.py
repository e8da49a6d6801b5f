"""The `Server-Timing` header of a search response: how long the search took and where its result came
from (the index, a cached ranking, or the result cache), for a browser's developer tools and for the
web benchmark, which counts the cache's hits by it.

>>> search_timing(SearchResult(total=0, hits=[], took_ms=12.34, served_from="cache"))
{'Server-Timing': 'search;dur=12.3;desc="cache"'}
"""

from __future__ import annotations

from index.backend import SearchResult


def search_timing(result: SearchResult) -> dict[str, str]:
    return {"Server-Timing": f'search;dur={result.took_ms:.1f};desc="{result.served_from}"'}

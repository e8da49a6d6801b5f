"""The search backend interface: Whoosh on one machine, SolrCloud for very large collections.

Both backends take the same `SearchRequest` and return the same `SearchResult`, and the same backend test
suite runs against each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from archive.document import Document

FACET_FIELDS = ("year", "decade", "type", "source", "format", "encoding", "collection")
SORTS = ("relevance", "newest", "oldest")


class SearchUnavailable(RuntimeError):
    """The search engine cannot serve the request now (busy writer, unreachable cluster); try again."""


@dataclass
class SearchRequest:
    """A parsed search: the user's query string plus facet filters, sort and page."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet field -> accepted values
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    title_only: bool = False
    facets: bool = True
    include_drafts: bool = False


@dataclass
class Hit:
    id: str
    title: str
    year: int | None
    filename: str
    snippet: str  # HTML: text escaped, matches wrapped in <mark>
    score: float = 0.0
    date: str | None = None
    type: str | None = None
    source: str | None = None
    format: str | None = None
    encoding: str | None = None
    collection: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    histogram: list[tuple[int, int]] = field(default_factory=list)  # (year, count), ascending
    suggestion: str | None = None
    took_ms: float = 0.0
    page: int = 1
    per_page: int = 20
    # Not part of the JSON: "index" (searched now), "ranking" (a page of a cached ranking) or "cache".
    served_from: str = "index"

    def to_dict(self) -> dict:
        """The JSON shape of `search --json` and `/api/search`."""
        return {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "took_ms": round(self.took_ms, 1),
            "suggestion": self.suggestion,
            "results": [h.to_dict() for h in self.hits],
            "facets": {
                name: [{"value": v, "count": c} for v, c in values] for name, values in self.facets.items()
            },
            "histogram": [{"year": y, "count": c} for y, c in self.histogram],
        }


class SearchBackend(Protocol):
    """What the archive and the web layer need from a search engine."""

    def add(self, docs: Iterable[Document]) -> int:
        """Index (or re-index) documents; returns how many were written."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents from the index."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a query with facets, highlighting and a did-you-mean suggestion."""

    def search_inside(self, doc_id: str, q: str, limit: int = 50) -> list[str]:
        """Highlighted passages of one document matching `q`."""

    def ids(self) -> set[str]:
        """Every document id in the index (for consistency checks)."""

    def clear(self) -> None:
        """Remove everything."""

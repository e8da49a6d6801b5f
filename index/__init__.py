"""Full-text search over the archive: Vietnamese analyzers, query language, and pluggable backends.

`open_backend(settings)` gives the configured `SearchBackend` (Whoosh under `HOME/index/`, or SolrCloud);
`rebuild(...)` fills a fresh index from the catalog's documents and swaps it in atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module

from archive.document import Document
from index.backend import SearchBackend


def open_backend(settings) -> SearchBackend:
    """The search backend named by `settings.search`: `whoosh` (default) or `solr`."""
    if settings.search == "solr":
        # Imported lazily: a Whoosh-only installation never loads the Solr client.
        solr = import_module("index.solr.backend")
        return solr.SolrBackend.from_settings(settings)
    from index.whoosh_backend import WhooshBackend

    return WhooshBackend(settings.home / "index")


def rebuild(backend_factory: Callable[[], SearchBackend], documents: Iterable[Document],
            progress: Callable[[int], None] | None = None) -> int:
    """Index `documents` into a new, empty index and make it live only when complete; returns the count.

    The backend provides `staging()` (an empty index beside the live one) and `swap(staging)`; searches
    keep using the old index until the swap, and a failed rebuild leaves it untouched.
    """
    live = backend_factory()
    staging = live.staging()
    count = staging.add(documents, progress=progress)
    live.swap(staging)
    return count

"""Keeping the search index in step with the catalog (the catalog is the truth, the index a cache of it)."""

from __future__ import annotations

from collections.abc import Callable

from archive.catalog import Catalog
from index.backend import SearchBackend

BATCH = 200  # documents per index commit: one commit per document would make large ingests crawl

Progress = Callable[[int, int, str], None]  # (done, total, label)


def sync_pending(catalog: Catalog, backend: SearchBackend, progress: Progress | None = None) -> int:
    """Index every document marked pending; returns how many were written."""
    pending = catalog.pending()
    written = 0
    for start in range(0, len(pending), BATCH):
        chunk = pending[start:start + BATCH]
        docs = list(catalog.iter_documents(doc_id for doc_id, _ in chunk))
        if docs:
            backend.add(docs)
        # A document deleted meanwhile simply is not in `docs`; one edited meanwhile keeps its mark.
        catalog.mark_indexed(chunk)
        written += len(docs)
        if progress:
            progress(start + len(chunk), len(pending), chunk[-1][0])
    return written


def reindex_all(catalog: Catalog, backend: SearchBackend, progress: Progress | None = None) -> int:
    """Rebuild the index from the catalog."""
    backend.clear()
    catalog.mark_pending()
    return sync_pending(catalog, backend, progress)

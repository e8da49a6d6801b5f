"""Keeping the search index in step with the catalog (the catalog is the truth, the index a cache of it)."""

from __future__ import annotations

from collections.abc import Callable

from archive.catalog import Catalog
from index.backend import SearchBackend

BATCH = 200  # documents per index commit: one commit per document would make large ingests crawl

Progress = Callable[[int, int, str], None]  # (done, total, label)


def sync_pending(catalog: Catalog, backend: SearchBackend, progress: Progress | None = None) -> int:
    """Apply pending deletions, then index every document marked pending; returns how many were written."""
    removed = catalog.removals()
    if removed:
        backend.delete(removed)
        catalog.mark_removed(removed)
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


def reindex_all(catalog: Catalog, open_backend: Callable[[], SearchBackend],
                progress: Progress | None = None) -> int:
    """Rebuild the index from the catalog into a fresh index that goes live only when complete."""
    from index import rebuild  # the index package owns the staging-and-swap mechanics

    snapshot = catalog.revisions()
    total = len(snapshot)
    report = (lambda done: progress(done, total, "")) if progress else None
    count = rebuild(open_backend, catalog.iter_documents(doc_id for doc_id, _ in snapshot), report)
    catalog.mark_indexed(snapshot)
    # Anything changed or added while the rebuild ran is still marked pending: index it now.
    backend = open_backend()
    missing = set(catalog.ids()) - backend.ids()
    catalog.mark_pending(missing)
    return count + sync_pending(catalog, backend)

"""The one API the CLI and the web UI call: the archive (catalog + blobs) and the search index together.

`Service(settings).ingest(["corpus"], recursive=True)` archives a tree; `get(id)`, `list()`, `search(...)`
read; `edit`, `delete`, `reconvert` change; `check(repair=True)` keeps catalog, originals and index in step.
Failures are the typed exceptions re-exported here (`NotFound`, `InvalidField`, …).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from archive import audit
from archive import reconvert as reconversion
from archive.blobs import BlobStore
from archive.catalog import SORT_ORDERS, Catalog
from archive.check import CheckReport, Problem, check_store
from archive.document import Document
from archive.errors import (
    ArchiveError,
    InvalidField,
    NotFound,
    NothingSelected,
    OriginalCorrupt,
    OriginalMissing,
)
from archive.ingest import ADDED, IngestOptions, ingest_file, walk
from archive.records import STATUSES, clean_fields
from archive.settings import Settings
from converters.formats.base import ExtractionError
from index.backend import SearchBackend, SearchRequest, SearchResult, SearchUnavailable
from service.indexing import Progress, reindex_all, sync_pending
from service.reports import IngestReport, ReconvertReport, counts

__all__ = [
    "ArchiveError", "CheckReport", "IngestReport", "InvalidField", "NotFound", "NothingSelected",
    "OriginalCorrupt", "OriginalMissing", "ReconvertReport", "Service",
]
FLUSH_SECONDS = 5.0  # during a long ingest, new documents become searchable at least this often


class Service:
    """Archive and search over one `VNARCHIVE_HOME`. Safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, backend: SearchBackend | None = None):
        self.settings = settings or Settings()
        home = Path(self.settings.home)
        home.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(home / "catalog.sqlite")
        self.blobs = BlobStore(home / "blobs")
        self._backend = backend

    @property
    def index(self) -> SearchBackend:
        if self._backend is None:
            self._backend = self._open_backend()
        return self._backend

    def connection(self) -> sqlite3.Connection:
        """This thread's catalog connection, for the accounts module (users, audit log)."""
        return self.catalog.conn

    def close(self) -> None:
        self.catalog.close()

    # --- feeding the archive ---------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, recursive: bool = False, collection: str | None = None,
               source: str | None = None, status: str = "published", user: str | None = None,
               progress: Progress | None = None) -> IngestReport:
        """Archive files (and, with `recursive`, directories); failures are recorded, the rest go on."""
        if status not in STATUSES:
            raise InvalidField(f"status should be one of {', '.join(STATUSES)}, not {status!r}")
        started = time.monotonic()
        report = IngestReport()
        report.indexed += self._sync()  # first finish what an interrupted run left
        found = walk([Path(p) for p in paths], recursive=recursive)
        report.outcomes += found.errors
        options = IngestOptions(collection=collection, source=source, status=status, user=user,
                                max_bytes=int(self.settings.max_upload_mb) * 1024 * 1024,
                                timeout=int(self.settings.office_timeout))
        last_flush = time.monotonic()
        unflushed = 0
        for done, item in enumerate(found.items, start=1):
            outcome = ingest_file(self.catalog, self.blobs, item, options)
            report.outcomes.append(outcome)
            unflushed += outcome.status == ADDED
            if unflushed and (unflushed >= 200 or time.monotonic() - last_flush > FLUSH_SECONDS):
                report.indexed += self._sync()
                last_flush, unflushed = time.monotonic(), 0
            if progress:
                progress(done, len(found.items), item.path)
        report.indexed += self._sync()
        report.index_pending = len(self.catalog.pending())
        report.seconds = time.monotonic() - started
        return report

    def reconvert(self, ids: Iterable[str] = (), *, all: bool = False, older_than: str | None = None,
                  progress: Progress | None = None) -> ReconvertReport:
        """Run the converters again on stored originals and update catalog and index."""
        started = time.monotonic()
        selected = list(ids)
        if all or older_than:
            selected += self.catalog.ids(older_than=older_than)
        elif not selected:
            raise NothingSelected("give document ids, --all or --older-than VERSION")
        report = ReconvertReport()
        unique = list(dict.fromkeys(selected))
        for done, doc_id in enumerate(unique, start=1):
            try:
                reconversion.reconvert(self.catalog, self.blobs, doc_id, int(self.settings.office_timeout))
                report.converted.append(doc_id)
            except (NotFound, OriginalMissing, OriginalCorrupt, ExtractionError, OSError, ValueError) as exc:
                report.failed[doc_id] = str(exc)
            except Exception as exc:  # a converter bug on one original must not stop the rest
                report.failed[doc_id] = f"internal error: {type(exc).__name__}: {exc}"
            if done % 200 == 0:
                self._sync()  # re-converted text becomes searchable while a long run goes on
            if progress:
                progress(done, len(unique), doc_id)
        self._sync()
        report.seconds = time.monotonic() - started
        return report

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the search index from the catalog; returns the number of documents indexed."""
        self._backend = None  # the rebuilt index replaces the one this service had open
        count = reindex_all(self.catalog, self._open_backend, progress)
        return count

    def _open_backend(self) -> SearchBackend:
        from index import open_backend  # opened on first use: `list` or `show` need no index

        return open_backend(self.settings)

    # --- reading ---------------------------------------------------------------------------------

    def get(self, doc_id: str, *, with_text: bool = True) -> Document:
        doc = self.catalog.get(doc_id, with_text=with_text)
        if doc is None:
            raise NotFound(doc_id)
        return doc

    def files(self, doc_id: str) -> list[dict]:
        """Every file name and relative path this original was ingested under."""
        return self.catalog.files(self.get(doc_id, with_text=False).sha256)

    def list(self, *, collection: str | None = None, year: int | None = None, doc_type: str | None = None,
             source: str | None = None, status: str | None = None, tag: str | None = None,
             sort: str = "newest", limit: int | None = None, offset: int = 0) -> list[Document]:
        """Documents (without text), newest first unless `sort` says otherwise."""
        if sort not in SORT_ORDERS:
            raise InvalidField(f"sort should be one of {', '.join(SORT_ORDERS)}, not {sort!r}")
        filters = {"collection": collection, "year": year, "doc_type": doc_type, "source": source,
                   "status": status, "tag": tag}
        return self.catalog.list(filters=filters, sort=sort, limit=limit, offset=offset)

    def count(self, **filters: object) -> int:
        return self.catalog.count(filters)

    def recent(self, limit: int = 10) -> list[Document]:
        """The latest additions that are published."""
        return self.catalog.list(filters={"status": "published"}, sort="ingested", limit=limit)

    def original(self, doc_id: str) -> bytes:
        """The original file, byte-exact (checksum verified)."""
        return reconversion.read_original(self.catalog, self.blobs, doc_id)[1]

    def failures(self) -> list[dict]:
        """Files that could not be ingested: path, origin, reason, when."""
        return self.catalog.failures()

    def search(self, request: SearchRequest) -> SearchResult:
        return self.index.search(request)

    def search_inside(self, doc_id: str, q: str, limit: int = 50) -> list[str]:
        self.get(doc_id, with_text=False)
        return self.index.search_inside(doc_id, q, limit)

    # --- staff changes ---------------------------------------------------------------------------

    def edit(self, doc_id: str, user: str | None = None, **fields: object) -> Document:
        """Correct metadata; corrections are kept and survive re-conversion."""
        before = self.get(doc_id, with_text=False)
        clean = clean_fields(fields)
        if not clean:
            raise InvalidField("nothing to change: give at least one field")
        with self.catalog.transaction() as conn:
            for name, value in clean.items():
                self.catalog.set_override(conn, doc_id, name, value, user)
            self.catalog.update_fields(conn, doc_id, clean)
            detail = {name: [getattr(before, name), value] for name, value in clean.items()}
            audit.record(conn, user, "edit", doc_id, detail)
        self._sync()
        return self.get(doc_id)

    def delete(self, doc_id: str, user: str | None = None) -> None:
        """Remove a document, its file links and its original; the audit log keeps the record."""
        doc = self.get(doc_id, with_text=False)
        with self.catalog.transaction() as conn:
            self.catalog.delete(conn, doc_id)
            audit.record(conn, user, "delete", doc_id,
                         {"sha256": doc.sha256, "filename": doc.filename, "title": doc.title})
        # After the commit: the index removal was queued with it and is applied now, or by the next ingest,
        # edit or `check --repair` if the index is busy; a crash before the blob goes leaves an orphan blob
        # that `check --repair` removes.
        self.blobs.remove(doc.sha256)
        self._sync()

    def _sync(self) -> int:
        """Bring the index up to date with the catalog; when another writer holds the index too long,
        the documents stay marked pending and the next ingest, edit or `check --repair` indexes them."""
        try:
            return sync_pending(self.catalog, self.index)
        except SearchUnavailable:
            return 0

    # --- upkeep ----------------------------------------------------------------------------------

    def check(self, repair: bool = False) -> CheckReport:
        """Blob checksums, catalog ↔ blob ↔ index agreement; with `repair`, fix what can be fixed."""
        report = check_store(self.catalog, self.blobs, repair=repair)
        catalogued = set(self.catalog.ids())
        indexed = self.index.ids()
        report.indexed = len(indexed)
        pending = {doc_id for doc_id, _ in self.catalog.pending()}
        missing = sorted((catalogued - indexed) | pending)
        extra = sorted(indexed - catalogued)
        problems = [Problem("index-missing", i, f"search index lacks the current version of {i}")
                    for i in missing]
        problems += [Problem("index-extra", i, f"search index has {i}, which the catalog does not")
                     for i in extra]
        if repair and problems:
            self.catalog.mark_pending(missing)
            sync_pending(self.catalog, self.index)
            if extra:
                self.index.delete(extra)
            for problem in problems:
                problem.repaired = True
            report.indexed = len(self.index.ids())
        report.problems += problems
        return report

    def stats(self) -> dict:
        """Counts by year, type, format, encoding, collection, language; review backlog; failures."""
        totals = self.catalog.totals()
        return {
            **{k: totals[k] for k in ("documents", "files", "bytes", "failures", "index_pending")},
            "review": {"documents": totals["review_documents"], "repairs": totals["review_repairs"]},
            "by_year": counts(sorted(self.catalog.counts("year"), key=lambda p: (p[0] is None, p[0] or 0))),
            "by_type": counts(self.catalog.counts("doc_type")),
            "by_format": counts(self.catalog.counts("format")),
            "by_encoding": counts(self.catalog.counts("encoding")),
            "by_collection": counts(self.catalog.counts("collection")),
            "by_language": counts(self.catalog.counts("language")),
            "by_status": counts(self.catalog.counts("status")),
        }

"""Ingest: walk the given paths; per file hash → (already known? link) → convert → blob → one transaction.

Idempotent: a file whose content and relative path are already recorded changes nothing. Crash-safe: the
blob is complete before the catalog refers to it, and the catalog row (with its file link and repairs) is
one transaction, marked `index_pending` until the search index has it; re-running ingest finishes the job.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from archive import audit
from archive.blobs import BlobStore, sha256_bytes
from archive.catalog import Catalog
from archive.records import document_from, new_id
from converters import convert_file
from converters.formats.base import ExtractionError

SKIPPED_NAMES = (".", "~$")  # hidden files and Office lock files are not documents
ADDED, LINKED, UNCHANGED, FAILED = "added", "linked", "unchanged", "failed"


@dataclass(frozen=True)
class Item:
    """One file to ingest: where it is now, and the relative path the archive records."""

    origin: Path
    path: str


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # added | linked (same content already archived) | unchanged | failed
    doc_id: str | None = None
    reason: str = ""


@dataclass
class IngestOptions:
    collection: str | None = None
    source: str | None = None
    status: str = "published"
    user: str | None = None  # who ingested (the web upload); recorded in the audit log
    max_bytes: int = 100 * 1024 * 1024
    timeout: int = 120  # seconds one extraction step may take (LibreOffice on a file, pdfminer on a page)


@dataclass
class Walk:
    items: list[Item] = field(default_factory=list)
    errors: list[Outcome] = field(default_factory=list)


def walk(paths: list[Path], *, recursive: bool) -> Walk:
    """The files named or (with `recursive`) under the named directories, in a stable order."""
    out = Walk()
    for given in paths:
        given = Path(given)
        if given.is_file():
            out.items.append(Item(given.resolve(), given.name))
        elif given.is_dir():
            if not recursive:
                reason = "is a directory (use -r to ingest its files)"
                out.errors.append(Outcome(str(given), FAILED, reason=reason))
                continue
            root = given.resolve()
            for file in sorted(root.rglob("*")):
                rel = file.relative_to(root)
                if file.is_file() and not any(part.startswith(SKIPPED_NAMES) for part in rel.parts):
                    out.items.append(Item(file, f"{root.name}/{rel.as_posix()}"))
        else:
            out.errors.append(Outcome(str(given), FAILED, reason="no such file or directory"))
    return out


def ingest_file(catalog: Catalog, blobs: BlobStore, item: Item, options: IngestOptions) -> Outcome:
    """Archive one file; a failure is recorded in the catalog and returned, never raised."""
    try:
        size = item.origin.stat().st_size
        if size > options.max_bytes:
            raise _Refused(f"larger than the {options.max_bytes // (1024 * 1024)} MB limit ({size:,} bytes)")
        data = item.origin.read_bytes()
        sha = sha256_bytes(data)
        known = catalog.id_for_sha(sha)
        if known is not None:
            return _link(catalog, item, sha, known)
        fc = convert_file(item.origin, timeout=options.timeout, max_mb=-(-options.max_bytes // (1024 * 1024)))
        doc = document_from(
            fc, doc_id=new_id(sha, catalog.id_taken), sha256=sha, size=len(data), filename=item.origin.name,
            path=item.path, collection=options.collection, source=options.source, status=options.status)
        blobs.put(data)  # complete and fsynced before any catalog row points at it
        try:
            with catalog.transaction() as conn:
                catalog.insert(conn, doc)
                catalog.link_file(conn, sha, item.path, item.origin.name, str(item.origin))
                catalog.clear_failure(conn, item.path)
                audit.record(conn, options.user, "ingest", doc.id, {"path": item.path})
        except sqlite3.IntegrityError:
            # Another ingest archived the same content between our lookup and our insert: just link.
            other = catalog.id_for_sha(sha)
            if other is None:
                raise
            return _link(catalog, item, sha, other)
        return Outcome(item.path, ADDED, doc.id)
    except (_Refused, ExtractionError, OSError, UnicodeError, ValueError) as exc:
        return _fail(catalog, item, _reason(exc))
    except Exception as exc:  # one broken file must not stop the other thousand
        return _fail(catalog, item, f"internal error: {type(exc).__name__}: {_reason(exc)}")


class _Refused(Exception):
    """The file is not taken (too large)."""


def _link(catalog: Catalog, item: Item, sha: str, doc_id: str) -> Outcome:
    if catalog.file_linked(sha, item.path):
        if catalog.has_failure(item.path):
            with catalog.transaction() as conn:
                catalog.clear_failure(conn, item.path)
        return Outcome(item.path, UNCHANGED, doc_id)
    with catalog.transaction() as conn:
        catalog.link_file(conn, sha, item.path, item.origin.name, str(item.origin))
        catalog.clear_failure(conn, item.path)
    return Outcome(item.path, LINKED, doc_id)


def _fail(catalog: Catalog, item: Item, reason: str) -> Outcome:
    catalog.record_failure(item.path, str(item.origin), reason)
    return Outcome(item.path, FAILED, reason=reason)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    text = " ".join(str(exc).split())
    return text or type(exc).__name__

"""Re-run the converters on stored originals: needed every time the converter improves.

The original is read from the blob store (checksum verified) and handed to the converter under its own
file name, since the format is chosen by extension. Text, repairs and guessed metadata are replaced in one
transaction; staff corrections, collection, tags, status and the ingest date are kept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from archive import audit
from archive.blobs import BlobStore, sha256_bytes
from archive.catalog import Catalog
from archive.document import Document
from archive.errors import NotFound, OriginalCorrupt, OriginalMissing
from archive.records import apply_overrides, document_from
from converters import convert_file


def read_original(catalog: Catalog, blobs: BlobStore, doc_id: str) -> tuple[Document, bytes]:
    """The document row and its byte-exact original, verified against the checksum."""
    doc = catalog.get(doc_id, with_text=False)
    if doc is None:
        raise NotFound(doc_id)
    try:
        data = blobs.read(doc.sha256)
    except FileNotFoundError:
        message = f"{doc_id}: original {doc.sha256[:12]}… is missing from the blob store"
        raise OriginalMissing(message) from None
    if sha256_bytes(data) != doc.sha256:
        raise OriginalCorrupt(f"{doc_id}: original {doc.sha256[:12]}… does not match its checksum")
    return doc, data


def reconvert(catalog: Catalog, blobs: BlobStore, doc_id: str, timeout: int = 120) -> Document:
    """Convert one stored original again and replace its catalog record (marked for re-indexing).

    `timeout` bounds each extraction step as at ingest; the size limit is the original's own size, so an
    original once accepted stays re-convertible after the upload limit is lowered."""
    old, data = read_original(catalog, blobs, doc_id)
    with tempfile.TemporaryDirectory(prefix="vnarchive-") as tmp:
        copy = Path(tmp) / _safe_name(old.filename)
        copy.write_bytes(data)
        fc = convert_file(copy, timeout=timeout, max_mb=max(1, -(-len(data) // (1024 * 1024))))
    doc = document_from(
        fc, doc_id=old.id, sha256=old.sha256, size=old.size, filename=old.filename, path=old.path,
        collection=old.collection, source=None, status=old.status, tags=old.tags, ingested_at=old.ingested_at)
    apply_overrides(doc, catalog.overrides(doc_id))
    with catalog.transaction() as conn:
        catalog.replace(conn, doc)
        audit.record(conn, None, "reconvert", doc_id,
                     {"converter_version": [old.converter_version, doc.converter_version]})
    return doc


def _safe_name(filename: str) -> str:
    # Only the extension matters to the converter; keep the name but never let it leave the temp dir.
    name = Path(filename).name
    return name if name not in ("", ".", "..") else "original"

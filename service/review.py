"""The staff review workflow: the queue, accepting a conversion, correcting its text, publishing.

Each change is one catalog transaction together with its audit line (who, when, what); the original bytes
are never touched, only the catalog row and the search index that mirrors it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive import audit
from archive.audit import AuditEntry
from archive.document import Document
from archive.errors import InvalidField
from converters import REVIEW_THRESHOLD
from service.indexing import sync_pending

if TYPE_CHECKING:
    from service import Service

MAX_TEXT_CHARS = 5_000_000  # a corrected text larger than this is a mistake, not a correction


@dataclass(frozen=True)
class QueueItem:
    """A document waiting for a person: repairs to check, or a draft not yet published."""

    id: str
    title: str
    filename: str
    status: str
    review_count: int
    confidence: float
    ingested_at: str


def queue(svc: Service, *, limit: int = 200, offset: int = 0) -> list[QueueItem]:
    """Documents with low-confidence repairs or a low overall confidence, and drafts; most uncertain first."""
    rows = svc.connection().execute(
        "SELECT id, title, filename, status, review_count, confidence, ingested_at FROM documents "
        "WHERE review_count > 0 OR confidence < ? OR status = 'draft' "
        "ORDER BY review_count = 0, confidence, review_count DESC, ingested_at DESC, id LIMIT ? OFFSET ?",
        (REVIEW_THRESHOLD, limit, offset)).fetchall()
    return [QueueItem(*row) for row in rows]


def queue_size(svc: Service) -> int:
    return svc.connection().execute(
        "SELECT COUNT(*) FROM documents WHERE review_count > 0 OR confidence < ? OR status = 'draft'",
        (REVIEW_THRESHOLD,)).fetchone()[0]


def accept(svc: Service, doc_id: str, user: str) -> Document:
    """The converted text is right as it stands: nothing left to review, confidence 1.0 from now on."""
    doc = svc.get(doc_id, with_text=False)
    with svc.catalog.transaction() as conn:
        svc.catalog.update_fields(conn, doc_id, {"review_count": 0, "confidence": 1.0})
        audit.record(conn, user, "accept", doc_id,
                     {"review_count": [doc.review_count, 0], "confidence": [doc.confidence, 1.0]})
    sync_pending(svc.catalog, svc.index)
    return svc.get(doc_id)


def correct_text(svc: Service, doc_id: str, text: str, user: str) -> Document:
    """Replace the converted text with a person's correction (NFC); the converter's repairs no longer
    describe it, so they are dropped. The old text is kept in the audit log."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    if not text.strip():
        raise InvalidField("the corrected text cannot be empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidField(f"the corrected text is longer than {MAX_TEXT_CHARS:,} characters")
    doc = svc.get(doc_id)
    if text == doc.text:
        return accept(svc, doc_id, user)
    old_text, old_review = doc.text, doc.review_count
    doc.text, doc.repairs, doc.review_count, doc.confidence = text, [], 0, 1.0
    with svc.catalog.transaction() as conn:
        svc.catalog.set_override(conn, doc_id, "text", text, user)
        svc.catalog.replace(conn, doc)
        audit.record(conn, user, "correct_text", doc_id,
                     {"text": [old_text, text], "review_count": [old_review, 0]})
    sync_pending(svc.catalog, svc.index)
    return svc.get(doc_id)


def set_status(svc: Service, doc_id: str, status: str, user: str) -> Document:
    """Publish (everyone who may read sees it) or unpublish (back to a draft only staff see)."""
    if status not in ("published", "draft"):
        raise InvalidField(f"status should be one of published, draft, not {status!r}")
    doc = svc.get(doc_id, with_text=False)
    if doc.status == status:
        return doc
    with svc.catalog.transaction() as conn:
        svc.catalog.set_override(conn, doc_id, "status", status, user)
        svc.catalog.update_fields(conn, doc_id, {"status": status})
        audit.record(conn, user, "publish" if status == "published" else "unpublish", doc_id,
                     {"status": [doc.status, status]})
    sync_pending(svc.catalog, svc.index)
    return svc.get(doc_id)


def history(svc: Service, doc_id: str | None = None, *, limit: int = 100) -> list[AuditEntry]:
    """The audit log, for one document or for the whole archive, newest first."""
    return audit.entries(svc.connection(), doc_id=doc_id, limit=limit)

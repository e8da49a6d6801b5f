"""Files uploaded through the web: each is written to a fresh private directory under a name we made,
ingested like any other file (as a draft unless staff publish at once), and the upload is audited."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from archive import audit
from archive.ingest import FAILED, Outcome

if TYPE_CHECKING:
    from service import Service


def ingest_upload(svc: Service, data: bytes, name: str, *, user: str, status: str = "draft",
                  collection: str | None = None) -> Outcome:
    """Archive one uploaded file. `name` must already be a safe single file name (see
    `webui.security.safe_filename`); it becomes the document's file name, never a path we trust."""
    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise ValueError(f"{name!r} is not a plain file name")
    with tempfile.TemporaryDirectory(prefix="vnarchive-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        report = svc.ingest([path], status=status, collection=collection, user=user)
    outcome = report.outcomes[0]
    with svc.catalog.transaction() as conn:
        detail = {"filename": name, "size": len(data), "status": outcome.status}
        if outcome.status == FAILED:
            detail["reason"] = outcome.reason
        audit.record(conn, user, "upload", outcome.doc_id, detail)
    return outcome

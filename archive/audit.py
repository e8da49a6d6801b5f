"""The audit log: who did what, when, to which document. Rows are only ever added.

Writes go through `record` inside the caller's transaction, so a change and its log line commit together
(or not at all); reads come back as `AuditEntry` records, newest first.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:")
>>> _ = conn.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT,"
...                  " action TEXT NOT NULL, doc_id TEXT, detail TEXT NOT NULL DEFAULT '{}')")
>>> record(conn, "lan@example.org", "publish", "ab12cd34ef56", {"status": ["draft", "published"]})
>>> [(e.user, e.action, e.doc_id, e.detail) for e in entries(conn)]
[('lan@example.org', 'publish', 'ab12cd34ef56', {'status': ['draft', 'published']})]
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

# Actions the staff workflow and account management record (ingest is recorded by the archive itself).
ACTIONS = (
    "ingest", "upload", "accept", "correct_text", "edit", "publish", "unpublish", "delete", "reconvert",
    "user_add", "user_role", "user_disable", "user_enable", "user_password", "login", "login_failed",
)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log; `detail` says what changed (e.g. `{"title": [old, new]}`)."""

    id: int
    at: str
    user: str | None
    action: str
    doc_id: str | None
    detail: dict

    def to_dict(self) -> dict:
        return {"id": self.id, "at": self.at, "user": self.user, "action": self.action, "doc_id": self.doc_id,
                "detail": self.detail}


def record(conn: sqlite3.Connection, user: str | None, action: str, doc_id: str | None = None,
           detail: dict | None = None) -> None:
    """Add one line (inside the caller's transaction when there is one)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    at = datetime.now(UTC).replace(microsecond=0).isoformat()
    conn.execute("INSERT INTO audit_log (at, user, action, doc_id, detail) VALUES (?, ?, ?, ?, ?)",
                 (at, user, action, doc_id, json.dumps(detail or {}, ensure_ascii=False)))


def entries(conn: sqlite3.Connection, *, doc_id: str | None = None, user: str | None = None,
            action: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    """Log lines matching every filter given, newest first."""
    clauses, params = [], []
    for column, value in (("doc_id", doc_id), ("user", user), ("action", action)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT id, at, user, action, doc_id, detail FROM audit_log{where} "
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

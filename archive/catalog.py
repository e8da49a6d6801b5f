"""The SQLite catalog: one row per document, its files, repairs, staff corrections, failures, audit log.

WAL lets the web UI read while an ingest writes; every write is one explicit transaction, so a reader
sees a document either not at all or complete. Connections are per thread (Flask serves from threads).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from archive.document import Document
from archive.migrations import migrate

BUSY_TIMEOUT_MS = 30_000
# Columns of `documents` that map one-to-one onto `Document` fields (tags/warnings are JSON text).
DOC_COLUMNS = (
    "id", "sha256", "filename", "path", "size", "format", "encoding", "confidence", "converter_version",
    "text", "title", "year", "date", "doc_type", "source", "language", "pages", "collection", "tags",
    "status", "warnings", "review_count", "ingested_at", "updated_at",
)
JSON_COLUMNS = ("tags", "warnings")
SORT_ORDERS = {
    "newest": "year IS NULL, year DESC, date DESC, id",
    "oldest": "year IS NULL, year ASC, date ASC, id",
    "ingested": "ingested_at DESC, id",
    "title": "title COLLATE NOCASE, id",
}


def now() -> str:
    """UTC timestamp as stored in the catalog (ISO 8601, seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Catalog:
    """The catalog database at `path` (created and migrated on first use)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        migrate(self.conn)

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoint, never corrupt
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: BEGIN IMMEDIATE takes the write lock up front, so no upgrade deadlock."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # --- documents -------------------------------------------------------------------------------

    def get(self, doc_id: str, *, with_text: bool = True) -> Document | None:
        columns = DOC_COLUMNS if with_text else tuple(c for c in DOC_COLUMNS if c != "text")
        sql = f"SELECT {', '.join(columns)} FROM documents WHERE id = ?"
        row = self.conn.execute(sql, (doc_id,)).fetchone()
        if row is None:
            return None
        doc = _document(row)
        if with_text:
            doc.repairs = self.repairs(doc_id)
        return doc

    def id_for_sha(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def id_taken(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def list(self, *, filters: dict[str, object] | None = None, sort: str = "newest",
             limit: int | None = None, offset: int = 0) -> list[Document]:
        """Documents without their text, filtered by exact column values (`tag` matches one tag)."""
        where, params = _where(filters or {})
        sql = f"SELECT {', '.join(c for c in DOC_COLUMNS if c != 'text')} FROM documents{where}"
        sql += f" ORDER BY {SORT_ORDERS[sort]}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_document(row) for row in self.conn.execute(sql, params)]

    def count(self, filters: dict[str, object] | None = None) -> int:
        where, params = _where(filters or {})
        return self.conn.execute(f"SELECT COUNT(*) FROM documents{where}", params).fetchone()[0]

    def ids(self, *, older_than: str | None = None) -> list[str]:
        if older_than is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        rows = self.conn.execute("SELECT id, converter_version FROM documents ORDER BY id")
        return [r[0] for r in rows if _version_key(r[1]) < _version_key(older_than)]

    def iter_documents(self, ids: Iterable[str]) -> Iterator[Document]:
        for doc_id in ids:
            doc = self.get(doc_id)
            if doc is not None:
                yield doc

    def insert(self, conn: sqlite3.Connection, doc: Document) -> None:
        """Add a document row and its repairs (inside the caller's transaction)."""
        values = _row_values(doc)
        conn.execute(
            f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}, index_pending) "
            f"VALUES ({', '.join('?' for _ in DOC_COLUMNS)}, 1)", values)
        self._write_repairs(conn, doc)

    def replace(self, conn: sqlite3.Connection, doc: Document) -> None:
        """Overwrite every column of an existing document and its repairs; marks it for re-indexing."""
        columns = [c for c in DOC_COLUMNS if c not in ("id", "sha256", "ingested_at")]
        values = dict(zip(DOC_COLUMNS, _row_values(doc), strict=True))
        conn.execute(
            f"UPDATE documents SET {', '.join(c + ' = ?' for c in columns)}, "
            "revision = revision + 1, index_pending = 1 WHERE id = ?",
            [values[c] for c in columns] + [doc.id])
        conn.execute("DELETE FROM repairs WHERE doc_id = ?", (doc.id,))
        self._write_repairs(conn, doc)

    def _write_repairs(self, conn: sqlite3.Connection, doc: Document) -> None:
        conn.executemany(
            'INSERT INTO repairs (doc_id, seq, start, "end", before, after, reason, confidence) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, i, r["start"], r["end"], r["before"], r["after"], r["reason"], r["confidence"])
             for i, r in enumerate(doc.repairs)])

    def repairs(self, doc_id: str) -> list[dict]:
        rows = self.conn.execute(
            'SELECT start, "end", before, after, reason, confidence FROM repairs '
            "WHERE doc_id = ? ORDER BY seq",
            (doc_id,))
        return [dict(row) for row in rows]

    def delete(self, conn: sqlite3.Connection, doc_id: str) -> None:
        """Remove the document (files, repairs, overrides cascade) and queue its removal from the index."""
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        conn.execute("INSERT OR REPLACE INTO index_removals (id, at) VALUES (?, ?)", (doc_id, now()))

    # --- files -----------------------------------------------------------------------------------

    def link_file(self, conn: sqlite3.Connection, sha256: str, path: str, filename: str, origin: str) -> bool:
        """Record that `path` holds this content; False when it was already recorded."""
        cur = conn.execute(
            "INSERT OR IGNORE INTO files (sha256, path, filename, origin, added_at) VALUES (?, ?, ?, ?, ?)",
            (sha256, path, filename, origin, now()))
        return cur.rowcount == 1

    def file_linked(self, sha256: str, path: str) -> bool:
        sql = "SELECT 1 FROM files WHERE sha256 = ? AND path = ?"
        return self.conn.execute(sql, (sha256, path)).fetchone() is not None

    def files(self, sha256: str) -> list[dict]:
        rows = self.conn.execute(
            "SELECT path, filename, origin, added_at FROM files WHERE sha256 = ? ORDER BY rowid",
            (sha256,))
        return [dict(row) for row in rows]

    def shas(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM documents")}

    # --- staff corrections and audit -------------------------------------------------------------

    def set_override(self, conn: sqlite3.Connection, doc_id: str, field: str, value: object,
                     user: str | None) -> None:
        conn.execute(
            "INSERT INTO metadata_overrides (doc_id, field, value, user, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (doc_id, field) DO UPDATE SET value = excluded.value, user = excluded.user, "
            "at = excluded.at", (doc_id, field, json.dumps(value, ensure_ascii=False), user, now()))

    def overrides(self, doc_id: str) -> dict[str, object]:
        rows = self.conn.execute("SELECT field, value FROM metadata_overrides WHERE doc_id = ?", (doc_id,))
        return {r[0]: json.loads(r[1]) for r in rows}

    # --- ingest failures -------------------------------------------------------------------------

    def record_failure(self, path: str, origin: str, reason: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO ingest_failures (path, origin, reason, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET origin = excluded.origin, reason = excluded.reason, "
                "at = excluded.at", (path, origin, reason, now()))

    def clear_failure(self, conn: sqlite3.Connection, path: str) -> None:
        conn.execute("DELETE FROM ingest_failures WHERE path = ?", (path,))

    def has_failure(self, path: str) -> bool:
        sql = "SELECT 1 FROM ingest_failures WHERE path = ?"
        return self.conn.execute(sql, (path,)).fetchone() is not None

    def failures(self) -> list[dict]:
        rows = self.conn.execute("SELECT path, origin, reason, at FROM ingest_failures ORDER BY path")
        return [dict(r) for r in rows]

    # --- index bookkeeping -----------------------------------------------------------------------

    def pending(self) -> list[tuple[str, int]]:
        """(id, revision) of documents the search index does not have in their current state."""
        rows = self.conn.execute("SELECT id, revision FROM documents WHERE index_pending = 1 ORDER BY id")
        return [(r[0], r[1]) for r in rows]

    def removals(self) -> list[str]:
        """Ids deleted from the catalog whose removal from the search index is not yet confirmed."""
        return [r[0] for r in self.conn.execute("SELECT id FROM index_removals ORDER BY id")]

    def mark_removed(self, ids: Iterable[str]) -> None:
        with self.transaction() as conn:
            conn.executemany("DELETE FROM index_removals WHERE id = ?", [(i,) for i in ids])

    def revisions(self) -> list[tuple[str, int]]:
        """(id, revision) of every document."""
        return [(r[0], r[1]) for r in self.conn.execute("SELECT id, revision FROM documents ORDER BY id")]

    def mark_indexed(self, revisions: Iterable[tuple[str, int]]) -> None:
        """Clear the pending mark, unless the document changed again since that revision was read."""
        with self.transaction() as conn:
            conn.executemany("UPDATE documents SET index_pending = 0 WHERE id = ? AND revision = ?",
                             list(revisions))

    def mark_pending(self, ids: Iterable[str] | None = None) -> None:
        """Ask for re-indexing of these documents (all when `ids` is None)."""
        with self.transaction() as conn:
            if ids is None:
                conn.execute("UPDATE documents SET index_pending = 1")
            else:
                conn.executemany("UPDATE documents SET index_pending = 1 WHERE id = ?", [(i,) for i in ids])

    def update_fields(self, conn: sqlite3.Connection, doc_id: str, fields: dict[str, object]) -> None:
        """Set metadata columns (already validated) and mark the document for re-indexing."""
        assert set(fields) <= set(DOC_COLUMNS), fields  # names come from records.EDITABLE, never raw input
        values = [json.dumps(v, ensure_ascii=False) if k in JSON_COLUMNS else v for k, v in fields.items()]
        conn.execute(
            f"UPDATE documents SET {''.join(k + ' = ?, ' for k in fields)}updated_at = ?, "
            "revision = revision + 1, index_pending = 1 WHERE id = ?", [*values, now(), doc_id])

    # --- reporting -------------------------------------------------------------------------------

    def counts(self, column: str) -> list[tuple[object, int]]:
        """(value, documents) for one column, most frequent first; used by `stats`."""
        assert column in DOC_COLUMNS, column  # column names are ours, never user input
        rows = self.conn.execute(
            f"SELECT {column}, COUNT(*) FROM documents GROUP BY {column} ORDER BY COUNT(*) DESC, {column}")
        return [(r[0], r[1]) for r in rows]

    def totals(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(review_count > 0), 0), "
            "COALESCE(SUM(review_count), 0), COALESCE(SUM(index_pending), 0) FROM documents").fetchone()
        files = self.conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        failures = self.conn.execute("SELECT COUNT(*) FROM ingest_failures").fetchone()[0]
        return {"documents": row[0], "bytes": row[1], "files": files, "review_documents": row[2],
                "review_repairs": row[3], "index_pending": row[4], "failures": failures}

    def integrity_problems(self) -> list[str]:
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key violation in {r[0]} row {r[1]}"
                     for r in self.conn.execute("PRAGMA foreign_key_check")]
        orphans = self.conn.execute(
            "SELECT id FROM documents "
            "WHERE NOT EXISTS (SELECT 1 FROM files WHERE files.sha256 = documents.sha256)")
        problems += [f"document {r[0]} has no original file name" for r in orphans]
        return problems


def _document(row: sqlite3.Row) -> Document:
    values = {k: row[k] for k in row.keys()}  # noqa: SIM118 - sqlite3.Row is not a mapping
    for column in JSON_COLUMNS:
        values[column] = json.loads(values[column])
    return Document(**values)


def _row_values(doc: Document) -> list[object]:
    return [json.dumps(getattr(doc, c), ensure_ascii=False) if c in JSON_COLUMNS else getattr(doc, c)
            for c in DOC_COLUMNS]


def _where(filters: dict[str, object]) -> tuple[str, list[object]]:
    clauses, params = [], []
    for name, value in filters.items():
        if value is None:
            continue
        if name == "tag":
            clauses.append("EXISTS (SELECT 1 FROM json_each(documents.tags) WHERE json_each.value = ?)")
        elif name in DOC_COLUMNS:
            clauses.append(f"{name} = ?")
        else:
            raise ValueError(f"cannot filter documents by {name!r}")
        params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _version_key(version: str) -> tuple:
    """'0.10' sorts after '0.9': compare dotted versions numerically where the parts are numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.split("."))

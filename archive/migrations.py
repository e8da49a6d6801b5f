"""The catalog schema as numbered migrations; `schema_version` records which have run.

Never edit a migration that has shipped: append a new one. Migration 1 creates every table, including
`users` and `audit_log`, whose columns the accounts code relies on.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: documents, their files, repairs, failures, staff corrections, accounts and audit log
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        filename TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        confidence REAL NOT NULL,
        converter_version TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        year INTEGER,
        date TEXT,
        doc_type TEXT,
        source TEXT,
        language TEXT,
        pages INTEGER,
        collection TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'draft')),
        warnings TEXT NOT NULL DEFAULT '[]',
        review_count INTEGER NOT NULL DEFAULT 0,
        revision INTEGER NOT NULL DEFAULT 1,
        index_pending INTEGER NOT NULL DEFAULT 1,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_year ON documents(year);
    CREATE INDEX documents_pending ON documents(index_pending) WHERE index_pending = 1;
    CREATE INDEX documents_version ON documents(converter_version);

    CREATE TABLE files (
        sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        path TEXT NOT NULL,
        filename TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        PRIMARY KEY (sha256, path)
    );
    CREATE INDEX files_path ON files(path);

    CREATE TABLE repairs (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        reason TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );

    CREATE TABLE ingest_failures (
        path TEXT PRIMARY KEY,
        origin TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );

    CREATE TABLE metadata_overrides (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        user TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (doc_id, field)
    );

    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'staff', 'admin')),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT,
        action TEXT NOT NULL,
        doc_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_doc ON audit_log(doc_id);
    """,
    # 2: deletions the search index has not applied yet (written with the catalog delete, cleared by sync)
    """
    CREATE TABLE index_removals (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL
    );
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Run every migration newer than the database; returns the resulting schema version."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                 "(version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
    current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        # BEGIN IMMEDIATE so two processes opening a fresh home do not both run migration 1.
        conn.execute("BEGIN IMMEDIATE")
        try:
            again = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            if again >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", (number,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    # executescript() would commit implicitly; splitting keeps the migration inside our transaction.
    return [s.strip() for s in script.split(";") if s.strip()]

"""The SQLite catalog: migrations, pragmas, the tables other parts build on, documents round-trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.catalog import Catalog, _version_key
from archive.document import Document
from archive.migrations import MIGRATIONS


def _doc(doc_id: str = "abc123def456", **fields: object) -> Document:
    base = dict(id=doc_id, sha256=doc_id.ljust(64, "0"), filename="QD-256.doc", path="files/QD-256.doc",
                size=10, text="Quyết định", title="Quyết định về cải cách hành chính", year=2004,
                tags=["cải cách"], warnings=["font .VnTime missing"], ingested_at="2026-01-01T00:00:00+00:00",
                updated_at="2026-01-01T00:00:00+00:00",
                repairs=[{"start": 0, "end": 3, "before": "Qu@", "after": "Quy", "reason": "lost letter",
                          "confidence": 0.5}])
    base.update(fields)
    return Document(**base)  # type: ignore[arg-type]


def _insert(catalog: Catalog, doc: Document) -> None:
    with catalog.transaction() as conn:
        catalog.insert(conn, doc)
        catalog.link_file(conn, doc.sha256, doc.path, doc.filename, "/somewhere/" + doc.filename)


def test_a_new_catalog_is_migrated_to_the_latest_version_once(tmp_path: Path) -> None:
    Catalog(tmp_path / "c.sqlite")
    Catalog(tmp_path / "c.sqlite")  # reopening runs nothing twice
    conn = sqlite3.connect(tmp_path / "c.sqlite")
    versions = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert versions == [(n,) for n in range(1, len(MIGRATIONS) + 1)]


def test_wal_foreign_keys_and_busy_timeout_are_on(tmp_path: Path) -> None:
    conn = Catalog(tmp_path / "c.sqlite").conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000


@pytest.mark.parametrize(("table", "columns"), [
    ("users", ["id", "email", "password_hash", "role", "disabled", "created_at"]),
    ("audit_log", ["id", "at", "user", "action", "doc_id", "detail"]),
    ("files", ["sha256", "path", "filename", "origin", "added_at"]),
    ("ingest_failures", ["path", "origin", "reason", "at"]),
    ("metadata_overrides", ["doc_id", "field", "value", "user", "at"]),
])
def test_tables_have_the_agreed_columns(tmp_path: Path, table: str, columns: list[str]) -> None:
    conn = Catalog(tmp_path / "c.sqlite").conn
    assert [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] == columns


def test_users_role_is_constrained_and_email_unique(tmp_path: Path) -> None:
    conn = Catalog(tmp_path / "c.sqlite").conn
    insert = "INSERT INTO users (email, password_hash, role, created_at) VALUES (?, 'h', ?, 'now')"
    conn.execute(insert, ("a@b.vn", "staff"))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO users (email, password_hash, created_at) VALUES ('a@b.vn', 'h', 'now')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(insert, ("c@d.vn", "boss"))


def test_a_document_round_trips_with_tags_warnings_and_repairs(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    doc = _doc()
    _insert(catalog, doc)
    assert catalog.get(doc.id) == doc
    listed = catalog.list()
    assert [d.id for d in listed] == [doc.id] and listed[0].text == "" and listed[0].repairs == []
    assert catalog.id_for_sha(doc.sha256) == doc.id
    assert catalog.files(doc.sha256)[0]["path"] == "files/QD-256.doc"


def test_filters_match_columns_and_single_tags(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    _insert(catalog, _doc("aaaaaaaaaaaa", year=2004, tags=["thuế", "đất đai"]))
    _insert(catalog, _doc("bbbbbbbbbbbb", year=1998, tags=["thuế"]))
    assert [d.id for d in catalog.list(filters={"tag": "đất đai"})] == ["aaaaaaaaaaaa"]
    assert [d.id for d in catalog.list(filters={"year": 1998})] == ["bbbbbbbbbbbb"]
    assert [d.id for d in catalog.list(sort="oldest")] == ["bbbbbbbbbbbb", "aaaaaaaaaaaa"]
    assert catalog.count({"tag": "thuế"}) == 2
    with pytest.raises(ValueError, match="cannot filter documents by 'text; DROP'"):
        catalog.list(filters={"text; DROP": 1})


def test_deleting_a_document_removes_its_files_repairs_and_overrides(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    doc = _doc()
    _insert(catalog, doc)
    with catalog.transaction() as conn:
        catalog.set_override(conn, doc.id, "title", "Sửa", "lan@example.org")
    with catalog.transaction() as conn:
        catalog.delete(conn, doc.id)
    for table in ("files", "repairs", "metadata_overrides", "documents"):
        assert catalog.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    with pytest.raises(sqlite3.IntegrityError), catalog.transaction() as conn:
        catalog.insert(conn, _doc())
        catalog.insert(conn, _doc())  # same id and sha256 again
    assert catalog.count() == 0


def test_pending_revisions_survive_a_concurrent_edit(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    doc = _doc()
    _insert(catalog, doc)
    seen = catalog.pending()
    with catalog.transaction() as conn:
        catalog.update_fields(conn, doc.id, {"title": "Tiêu đề mới"})
    catalog.mark_indexed(seen)  # the indexer read the old revision: the document must stay pending
    assert [i for i, _ in catalog.pending()] == [doc.id]
    catalog.mark_indexed(catalog.pending())
    assert catalog.pending() == []


def test_converter_versions_compare_numerically() -> None:
    assert _version_key("0.9") < _version_key("0.10") < _version_key("1.0")

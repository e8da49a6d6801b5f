"""`check`: blob checksums and catalog ↔ blob ↔ index agreement, and what `repair` fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.settings import Settings
from service import Service


@pytest.fixture
def svc(home: Path) -> Service:
    return Service(Settings())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    texts = ("Báo cáo tổng kết năm 2004", "Quyết định số 12/QĐ-UB năm 2003", "Kế hoạch 2006")
    for i, text in enumerate(texts):
        (folder / f"doc{i}.txt").write_text(text, encoding="utf-8")
    return folder


def kinds(report) -> list[tuple[str, bool]]:
    return [(p.kind, p.repaired) for p in report.problems]


def test_a_fresh_archive_is_consistent(svc: Service, source: Path) -> None:
    svc.ingest([source], recursive=True)
    report = svc.check()
    assert (report.ok, report.documents, report.blobs, report.indexed, report.problems) == (True, 3, 3, 3, [])


def test_a_corrupt_blob_is_found_and_restored_from_its_origin(svc: Service, source: Path) -> None:
    doc_id = svc.ingest([source], recursive=True).outcomes[0].doc_id
    sha = svc.get(doc_id).sha256
    blob = svc.blobs.path(sha)
    blob.chmod(0o644)
    blob.write_bytes(b"bit rot")
    report = svc.check()
    assert (report.ok, kinds(report)) == (False, [("corrupt-blob", False)])
    assert report.problems[0].message == f"blob {sha[:12]}… does not match its checksum"
    assert kinds(svc.check(repair=True)) == [("corrupt-blob", True)]
    assert svc.original(doc_id) == (source / "doc0.txt").read_bytes()
    assert svc.check().ok


def test_a_missing_blob_without_its_origin_cannot_be_repaired(svc: Service, source: Path) -> None:
    doc_id = svc.ingest([source], recursive=True).outcomes[0].doc_id
    svc.blobs.remove(svc.get(doc_id).sha256)
    (source / "doc0.txt").write_text("changed since", encoding="utf-8")
    report = svc.check(repair=True)
    assert (report.ok, kinds(report)) == (False, [("missing-blob", False)])


def test_orphan_blobs_and_temp_files_are_removed(svc: Service, source: Path) -> None:
    svc.ingest([source], recursive=True)
    orphan = svc.blobs.put(b"written, then the process died before the catalog commit")
    svc.blobs.tmp.mkdir(exist_ok=True)
    (svc.blobs.tmp / "abc.partial").write_bytes(b"half")
    assert sorted(kinds(svc.check())) == [("orphan-blob", False), ("temp-file", False)]
    assert sorted(kinds(svc.check(repair=True))) == [("orphan-blob", True), ("temp-file", True)]
    assert not svc.blobs.exists(orphan)
    assert svc.check().ok


def test_index_and_catalog_disagreements_are_repaired(svc: Service, source: Path) -> None:
    ids = [o.doc_id for o in svc.ingest([source], recursive=True).outcomes]
    svc.index.delete([ids[0]])
    ghost = svc.get(ids[1])
    ghost.id = "feedfeedfeed"
    svc.index.add([ghost])
    report = svc.check()
    assert sorted(kinds(report)) == [("index-extra", False), ("index-missing", False)]
    assert {p.subject for p in report.problems} == {ids[0], "feedfeedfeed"}
    svc.check(repair=True)
    assert svc.index.ids() == set(ids)
    assert svc.check().ok


def test_a_document_left_pending_by_a_crash_is_reported_and_indexed(svc: Service, source: Path) -> None:
    ids = [o.doc_id for o in svc.ingest([source], recursive=True).outcomes]
    svc.catalog.mark_pending([ids[2]])
    assert kinds(svc.check()) == [("index-missing", False)]
    assert kinds(svc.check(repair=True)) == [("index-missing", True)]
    assert svc.catalog.pending() == []

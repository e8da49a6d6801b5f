"""Ingest through the service: byte-exact originals, idempotence, duplicates, failures, concurrent readers."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from pdf_files import ENDLESS_PAGE, pdf_with_page_content

from archive.settings import Settings
from service import InvalidField, Service

TEXTS = {
    "qd/QD-991.txt": "ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC\nSố: 991/QĐ-UBND\n"
                     "Đồng Xoài, ngày 14 tháng 5 năm 2008\nQUYẾT ĐỊNH\n"
                     "Về việc phê duyệt Kế hoạch sử dụng rừng\n",
    "nd/ND-115.txt": "Nghị định của Chính phủ số 115/2003/NĐ-CP\n"
                     "ngày 10/10/2003 về chế độ công chức dự bị.\n",
    "bao-cao.txt": "Báo cáo hoạt động của hiệp hội các đô thị Việt Nam (2006-2010)\n",
}


def make_tree(root: Path) -> Path:
    tree = root / "tree"
    for name, text in TEXTS.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text, encoding="utf-8")
    (tree / ".hidden").write_text("not a document")
    (tree / "~$QD-991.doc").write_bytes(b"office lock file")
    return tree


def snapshot(home: Path) -> dict:
    """Everything ingest may write: catalog rows of every table and the blob files."""
    conn = sqlite3.connect(home / "catalog.sqlite")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    rows = {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    blobs = sorted(str(p.relative_to(home)) for p in (home / "blobs").rglob("*") if p.is_file())
    return {"rows": rows, "blobs": blobs}


@pytest.fixture
def svc(home: Path) -> Service:
    return Service(Settings())


def test_ingest_archives_converts_catalogues_and_indexes(svc: Service, home: Path, tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    report = svc.ingest([tree], recursive=True, collection="demo")
    assert (report.count("added"), report.count("failed")) == (3, 0)
    paths = sorted(o.path for o in report.outcomes)
    assert paths == ["tree/bao-cao.txt", "tree/nd/ND-115.txt", "tree/qd/QD-991.txt"]
    by_path = {o.path: o.doc_id for o in report.outcomes}
    doc = svc.get(by_path["tree/qd/QD-991.txt"])
    assert (doc.title, doc.year, doc.date, doc.doc_type, doc.collection) == (
        "QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch sử dụng rừng", 2008, "2008-05-14", "quyết định", "demo")
    assert doc.source == "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    assert doc.text == TEXTS["qd/QD-991.txt"]
    assert doc.id == doc.sha256[:12]
    assert svc.original(doc.id) == (tree / "qd/QD-991.txt").read_bytes()
    assert svc.index.ids() == set(by_path.values())
    assert svc.catalog.pending() == []


def test_ingesting_the_same_tree_twice_changes_nothing(svc: Service, home: Path, tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    svc.ingest([tree], recursive=True)
    before = snapshot(home)
    again = svc.ingest([tree], recursive=True)
    assert again.count("unchanged") == 3 and again.count("added") == again.count("linked") == 0
    assert snapshot(home) == before


def test_same_content_under_another_name_is_only_linked(svc: Service, tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    copy = tmp_path / "copy-of-ND-115.txt"
    copy.write_bytes((tree / "nd/ND-115.txt").read_bytes())
    svc.ingest([tree], recursive=True)
    report = svc.ingest([copy])
    assert [o.status for o in report.outcomes] == ["linked"]
    doc_id = report.outcomes[0].doc_id
    assert [f["path"] for f in svc.files(doc_id)] == ["tree/nd/ND-115.txt", "copy-of-ND-115.txt"]
    assert svc.count() == 3


def test_a_failing_file_is_recorded_and_the_rest_go_on(home: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNARCHIVE_MAX_UPLOAD_MB", "1")
    svc = Service(Settings())
    tree = make_tree(tmp_path)
    (tree / "huge.txt").write_bytes(b"a" * (1024 * 1024 + 1))
    report = svc.ingest([tree, tmp_path / "missing.doc"], recursive=True)
    assert [(o.path, o.reason) for o in report.failed] == [
        (str(tmp_path / "missing.doc"), "no such file or directory"),
        ("tree/huge.txt", "larger than the 1 MB limit (1,048,577 bytes)"),
    ]
    assert report.count("added") == 3
    assert [(f["path"], f["reason"]) for f in svc.failures()] == [
        ("tree/huge.txt", "larger than the 1 MB limit (1,048,577 bytes)")]
    (tree / "huge.txt").write_text("Kế hoạch năm 2005", encoding="utf-8")
    assert svc.ingest([tree], recursive=True).count("added") == 1
    assert svc.failures() == []


def test_a_directory_needs_recursive(svc: Service, tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    report = svc.ingest([tree])
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("failed", "is a directory (use -r to ingest its files)")]
    assert svc.count() == 0


def test_an_unknown_status_is_refused(svc: Service, tmp_path: Path) -> None:
    with pytest.raises(InvalidField, match="status should be one of published, draft, not 'secret'"):
        svc.ingest([make_tree(tmp_path)], recursive=True, status="secret")


def test_readers_never_see_a_half_written_document(home: Path, tmp_path: Path) -> None:
    tree = tmp_path / "many"
    tree.mkdir()
    for i in range(60):
        text = f"Công văn số {i}/UBND-VX về việc họp năm 2005\n"
        (tree / f"cv-{i:03}.txt").write_text(text, encoding="utf-8")
    writer = Service(Settings())
    reader = Service(Settings())
    seen: list[str] = []
    problems: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            for doc in reader.list():
                full = reader.get(doc.id)
                if not full.text or not reader.files(doc.id):
                    problems.append(doc.id)
                seen.append(doc.id)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        assert writer.ingest([tree], recursive=True).count("added") == 60
    finally:
        done.set()
        thread.join()
    assert problems == []
    assert seen  # the reader really ran while the writer wrote


def test_a_busy_index_leaves_documents_pending_not_lost(home: Path, tmp_path: Path) -> None:
    from index.whoosh_backend import WhooshBackend

    tree = make_tree(tmp_path)
    svc = Service(Settings(), backend=WhooshBackend(home / "index", lock_timeout=0.2))
    svc.ingest([tree / "bao-cao.txt"])
    writer = WhooshBackend(home / "index")._index().writer()  # another process is writing the index
    try:
        report = svc.ingest([tree], recursive=True)
    finally:
        writer.cancel()
    assert (report.count("added"), report.index_pending) == (2, 2)
    assert len(svc.index.ids()) == 1
    assert svc.ingest([tree], recursive=True).indexed == 2  # the next run catches up
    assert svc.check().ok


def test_a_pdf_that_would_keep_the_reader_busy_is_a_recorded_failure(home: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNARCHIVE_OFFICE_TIMEOUT", "2")
    tree = make_tree(tmp_path)
    pdf_with_page_content(tree / "endless.pdf", ENDLESS_PAGE)
    report = Service(Settings()).ingest([tree], recursive=True)
    assert [(o.path, o.reason) for o in report.failed] == [
        ("tree/endless.pdf",
         "endless.pdf: gave up after 2 s without finishing a page (a damaged or pathological file)")]
    assert report.count("added") == 3

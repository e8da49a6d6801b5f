"""Staff corrections, re-conversion, deletion and statistics through the service."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive import audit, records
from archive.settings import Settings
from index.backend import SearchRequest
from service import InvalidField, NotFound, NothingSelected, OriginalCorrupt, Service

QD = "BỘ TÀI CHÍNH\nSố: 13/2001/TT-BTC\nHà Nội, ngày 8 tháng 3 năm 2001\nTHÔNG TƯ\nHướng dẫn thuế đầu tư\n"
KH = "Kế hoạch phát triển đô thị năm 2005\nỦy ban nhân dân tỉnh An Giang\n"


@pytest.fixture
def svc(home: Path) -> Service:
    return Service(Settings())


@pytest.fixture
def ids(svc: Service, tmp_path: Path) -> list[str]:
    for name, text in (("tt.txt", QD), ("kh.txt", KH)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = svc.ingest([tmp_path / "tt.txt", tmp_path / "kh.txt"], collection="thuế")
    return [o.doc_id for o in report.outcomes]


def test_edit_changes_catalog_index_and_audit_log(svc: Service, ids: list[str]) -> None:
    doc = svc.edit(ids[0], user="lan@example.org", title="Thông tư 13/2001 về thuế", year="2002",
                   type="thông tư liên tịch", tags="thuế, đầu tư nước ngoài")
    assert (doc.title, doc.year, doc.doc_type, doc.tags) == (
        "Thông tư 13/2001 về thuế", 2002, "thông tư liên tịch", ["thuế", "đầu tư nước ngoài"])
    by_type = svc.search(SearchRequest(filters={"type": ["thông tư liên tịch"]}, facets=False))
    assert [h.id for h in by_type.hits] == [ids[0]]
    by_year = svc.search(SearchRequest(filters={"year": ["2002"]}, facets=False))
    assert [h.id for h in by_year.hits] == [ids[0]]
    entry = audit.entries(svc.connection(), doc_id=ids[0], action="edit")[0]
    assert (entry.user, entry.detail["year"]) == ("lan@example.org", [2001, 2002])


def test_corrections_survive_reconversion(svc: Service, ids: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    svc.edit(ids[0], title="Tiêu đề do cán bộ sửa", source="Bộ Tài chính (sửa)")
    monkeypatch.setattr(records, "CONVERTER_VERSION", "99.0")
    report = svc.reconvert(older_than="99.0")
    assert sorted(report.converted) == sorted(ids) and report.failed == {}
    doc = svc.get(ids[0])
    assert (doc.title, doc.source, doc.converter_version, doc.collection) == (
        "Tiêu đề do cán bộ sửa", "Bộ Tài chính (sửa)", "99.0", "thuế")
    assert doc.date == "2001-03-08"  # not corrected, so guessed again
    assert svc.reconvert(older_than="99.0").converted == []
    assert svc.catalog.pending() == []


def test_reconvert_needs_a_selection_and_reports_unknown_ids(svc: Service, ids: list[str]) -> None:
    with pytest.raises(NothingSelected, match="give document ids, --all or --older-than VERSION"):
        svc.reconvert()
    report = svc.reconvert(["000000000000", ids[1]])
    assert report.converted == [ids[1]]
    assert report.failed == {"000000000000": "no document with id '000000000000' (see `vnarchive list`)"}


def test_an_original_stays_reconvertible_under_a_lower_upload_limit(home: Path, tmp_path: Path) -> None:
    big = tmp_path / "so-lieu.txt"
    big.write_text("Báo cáo số liệu thống kê năm 2004.\n" * 40_000, encoding="utf-8")  # about 1.5 MB
    doc_id = Service(Settings()).ingest([big]).outcomes[0].doc_id
    strict = Service(Settings({"max_upload_mb": 1}))
    report = strict.reconvert([doc_id])
    assert (report.converted, report.failed) == ([doc_id], {})


def test_invalid_corrections_are_refused_with_the_reason(svc: Service, ids: list[str]) -> None:
    with pytest.raises(InvalidField, match="year should be a number like 2005, not 'năm ngoái'"):
        svc.edit(ids[0], year="năm ngoái")
    with pytest.raises(InvalidField, match="date should be YYYY-MM-DD, not '8/3/2001'"):
        svc.edit(ids[0], date="8/3/2001")
    with pytest.raises(InvalidField, match="cannot edit 'text'"):
        svc.edit(ids[0], text="bypass")
    with pytest.raises(InvalidField, match="title cannot be empty"):
        svc.edit(ids[0], title="  ")
    assert svc.get(ids[0]).title == "THÔNG TƯ Hướng dẫn thuế đầu tư"


def test_a_corrected_date_also_corrects_the_year(svc: Service, ids: list[str]) -> None:
    assert (svc.edit(ids[1], date="2004-12-31").year, svc.get(ids[1]).date) == (2004, "2004-12-31")


def test_delete_removes_record_original_and_index_entry(svc: Service, ids: list[str]) -> None:
    sha = svc.get(ids[0]).sha256
    svc.delete(ids[0], user="admin@example.org")
    with pytest.raises(NotFound, match="no document with id"):
        svc.get(ids[0])
    assert not svc.blobs.exists(sha)
    assert svc.index.ids() == {ids[1]}
    assert audit.entries(svc.connection(), action="delete")[0].doc_id == ids[0]
    assert svc.check().ok


def test_delete_while_the_index_is_busy_is_applied_by_the_next_sync(home: Path, ids: list[str]) -> None:
    from index.whoosh_backend import WhooshBackend

    svc = Service(Settings(), backend=WhooshBackend(home / "index", lock_timeout=0.2))
    writer = WhooshBackend(home / "index")._index().writer()  # another process is writing the index
    try:
        svc.delete(ids[0], user="admin@example.org")  # the catalog change stands; no error for the user
    finally:
        writer.cancel()
    assert svc.catalog.removals() == [ids[0]]
    assert ids[0] in svc.index.ids()
    assert [p.kind for p in svc.check().problems] == ["index-extra"]
    svc.edit(ids[1], title="Kế hoạch đô thị")  # any later change syncs the index
    assert (svc.index.ids(), svc.catalog.removals()) == ({ids[1]}, [])
    assert svc.check().ok


def test_original_refuses_a_corrupted_blob(svc: Service, ids: list[str]) -> None:
    path = svc.blobs.path(svc.get(ids[0]).sha256)
    path.chmod(0o644)
    path.write_bytes(b"bit rot")
    with pytest.raises(OriginalCorrupt, match=f"{ids[0]}: original .* does not match its checksum"):
        svc.original(ids[0])


def test_stats_counts_by_facet(svc: Service, ids: list[str]) -> None:
    stats = svc.stats()
    assert (stats["documents"], stats["files"], stats["failures"], stats["index_pending"]) == (2, 2, 0, 0)
    assert stats["by_year"] == [{"value": 2001, "count": 1}, {"value": 2005, "count": 1}]
    assert {r["value"] for r in stats["by_type"]} == {"thông tư", "kế hoạch"}
    assert stats["by_collection"] == [{"value": "thuế", "count": 2}]


def test_list_filters_and_recent(svc: Service, ids: list[str]) -> None:
    assert [d.id for d in svc.list(doc_type="kế hoạch")] == [ids[1]]
    assert [d.id for d in svc.list(sort="oldest")] == ids
    svc.edit(ids[1], status="draft")
    assert [d.id for d in svc.recent()] == [ids[0]]
    with pytest.raises(InvalidField, match="sort should be one of"):
        svc.list(sort="random")


def test_same_content_ingested_by_a_second_service_is_linked(svc: Service, tmp_path: Path) -> None:
    other = Service(Settings())
    (tmp_path / "a.txt").write_text(KH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(KH, encoding="utf-8")
    first = svc.ingest([tmp_path / "a.txt"])
    second = other.ingest([tmp_path / "b.txt"])
    assert (first.outcomes[0].status, second.outcomes[0].status) == ("added", "linked")
    conn = sqlite3.connect(Path(svc.settings.home) / "catalog.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 2


def test_a_corrected_text_survives_reconversion(svc: Service, ids: list[str]) -> None:
    with svc.catalog.transaction() as conn:  # what the review workflow stores for a text correction
        svc.catalog.set_override(conn, ids[1], "text", "Kế hoạch phát triển đô thị (đã sửa)", "lan@x.vn")
    svc.reconvert([ids[1]])
    doc = svc.get(ids[1])
    assert (doc.text, doc.repairs, doc.review_count, doc.confidence) == (
        "Kế hoạch phát triển đô thị (đã sửa)", [], 0, 1.0)

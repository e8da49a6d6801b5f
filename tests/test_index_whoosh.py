"""WhooshBackend: the shared backend suite, plus locking, reads during ingest and atomic rebuild."""

from __future__ import annotations

import threading

import pytest
from backend_suite import DOCS, BackendSuite, doc
from whoosh.fields import TEXT, Schema

from archive.settings import Settings
from index import open_backend, rebuild, schema, whoosh_backend
from index.analysis import BIGRAMS_F
from index.backend import SearchRequest
from index.whoosh_backend import CURRENT, IndexBusy, IndexOutdated, WhooshBackend


@pytest.fixture
def backend(tmp_path):
    return WhooshBackend(tmp_path / "index")


class TestWhooshBackend(BackendSuite):
    pass


def test_open_backend_uses_the_home_index(home):
    backend = open_backend(Settings())
    assert isinstance(backend, WhooshBackend)
    assert backend.root == home / "index"


def test_a_held_lock_gives_index_busy_not_lock_error(tmp_path):
    backend = WhooshBackend(tmp_path / "index", lock_timeout=0.3)
    backend.add(DOCS[:1])
    holder = backend._index().writer()
    try:
        with pytest.raises(IndexBusy, match=r"search index at .* is busy: another process is writing"):
            backend.add(DOCS[1:2])
    finally:
        holder.cancel()
    assert backend.add(DOCS[1:2]) == 1
    assert backend.ids() == {"bc06", "qd03"}


def test_searches_keep_working_and_see_new_commits_during_ingest(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.add(DOCS[:1])
    reader = WhooshBackend(tmp_path / "index")  # another process's view of the same index
    totals: list[int] = []
    errors: list[BaseException] = []

    def search_loop() -> None:
        try:
            for _ in range(30):
                totals.append(reader.search(SearchRequest(q="")).total)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=search_loop)
    thread.start()
    for n in range(40):
        backend.add([doc(f"n{n}", f"Văn bản {n}", "nội dung mới")])
    thread.join()
    assert errors == []
    assert totals == sorted(totals) and totals[0] >= 1
    assert reader.search(SearchRequest(q="")).total == 41


def test_rebuild_swaps_in_a_complete_index(tmp_path):
    live = WhooshBackend(tmp_path / "index")
    live.add([doc("old", "Cũ", "chỉ có trong chỉ mục cũ")])
    reader = WhooshBackend(tmp_path / "index")
    assert reader.ids() == {"old"}
    seen: list[int] = []
    assert rebuild(lambda: WhooshBackend(tmp_path / "index"), DOCS, seen.append) == len(DOCS)
    assert seen == [len(DOCS)]
    assert reader.ids() == {d.id for d in DOCS}  # an open reader follows CURRENT to the new generation
    gens = [p.name for p in (tmp_path / "index").iterdir() if p.is_dir()]
    assert (tmp_path / "index" / CURRENT).read_text().strip() in gens and len(gens) <= 2


def test_a_failed_rebuild_leaves_the_live_index_untouched(tmp_path):
    live = WhooshBackend(tmp_path / "index")
    live.add(DOCS)

    def broken():
        yield DOCS[0]
        raise OSError("catalog unreadable")

    with pytest.raises(OSError, match="catalog unreadable"):
        rebuild(lambda: WhooshBackend(tmp_path / "index"), broken())
    assert live.ids() == {d.id for d in DOCS}
    assert live.search(SearchRequest(q="do thi")).total == 3


def test_an_index_without_packed_positions_asks_for_a_rebuild(tmp_path, monkeypatch):
    def older_schema():
        fields = dict(schema.build_schema().items())
        fields["bigrams_f"] = TEXT(analyzer=BIGRAMS_F, phrase=False)  # as indexes were written before
        return Schema(**fields)

    monkeypatch.setattr(whoosh_backend, "build_schema", older_schema)
    WhooshBackend(tmp_path / "index").add(DOCS)
    monkeypatch.undo()
    for use in (lambda b: b.search(SearchRequest(q='"đô thị việt"')), lambda b: b.add(DOCS[:1])):
        with pytest.raises(IndexOutdated, match=r"by an older version: rebuild it with `vnarchive reindex`"):
            use(WhooshBackend(tmp_path / "index"))
    rebuild(lambda: WhooshBackend(tmp_path / "index"), DOCS)
    assert WhooshBackend(tmp_path / "index").search(SearchRequest(q='"đô thị việt"')).total == 1


def test_first_rebuild_into_an_empty_root_leaves_one_generation(tmp_path):
    root = tmp_path / "index"
    rebuild(lambda: WhooshBackend(root), DOCS[:2])
    gens = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert len(gens) == 1 and (root / CURRENT).read_text().strip() == gens[0]
    assert WhooshBackend(root).ids() == {"bc06", "qd03"}


def test_a_document_without_a_year_is_not_counted_in_the_year_facet(backend):
    backend.add([doc("noyr", "Công văn không ngày", "Công văn gửi các sở."), *DOCS[:1]])
    result = backend.search(SearchRequest(q="công OR hiệp"))
    assert result.total == 2
    assert result.facets["year"] == [("2006", 1)]
    assert result.histogram == [(2006, 1)]


def test_only_the_first_indexed_chars_of_a_long_text_are_searchable(backend, monkeypatch):
    monkeypatch.setattr(schema, "INDEXED_CHARS", 40)
    backend.add([doc("long", "Báo cáo dài", "Mở đầu về đô thị. " + "x " * 30 + "Phụ lục cuối cùng")])
    assert backend.search(SearchRequest(q="đô thị")).total == 1
    assert backend.search(SearchRequest(q="phụ lục")).total == 0

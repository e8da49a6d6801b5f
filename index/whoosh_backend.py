"""`WhooshBackend`: the one-machine search engine behind `SearchBackend`.

On disk an index root holds generations (`g…/`, each a Whoosh index) and a `CURRENT` file naming the live
one. A rebuild writes a new generation and swaps `CURRENT` atomically, so searches never see a half-built
index. One writer at a time: a busy lock is retried with backoff, then reported as `IndexBusy`; a reader
refreshes its searcher before each search, so searches keep working (on the last commit) during ingest.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.scoring import BM25F

from archive.document import Document
from index import query as ast
from index.backend import SearchRequest, SearchResult, SearchUnavailable
from index.result_cache import SIZE as CACHE_SIZE
from index.result_cache import ResultCache
from index.schema import build_schema, fields_for
from index.searching import page_of, rank, search_inside
from index.whoosh_columns import Columns
from index.whoosh_positions import PackedPositions
from index.whoosh_storage import read_compound_parts_in_place
from index.whoosh_writer import BufferedSegmentWriter, build_segments

read_compound_parts_in_place()

CURRENT = "CURRENT"
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer before giving up
BATCH = 500  # documents per commit when adding in bulk: readers see progress, memory stays flat
BUILD_PROCS = min(2, os.cpu_count() or 1)  # writer processes of a rebuild (each holds a segment in memory)


class IndexBusy(SearchUnavailable):
    """Another process kept the index write lock for longer than the lock timeout."""


class IndexOutdated(SearchUnavailable):
    """The index was written before phrases were matched on packed positions: it must be rebuilt."""


class WhooshBackend:
    """Whoosh index rooted at `path` (created on first use). Safe to share between threads."""

    def __init__(self, path: str | os.PathLike, *, lock_timeout: float = LOCK_TIMEOUT,
                 procs: int = BUILD_PROCS, cache_size: int = CACHE_SIZE,
                 _generation: str | None = None) -> None:
        self.root = Path(path)
        self.lock_timeout = lock_timeout
        self.procs = procs
        self._pinned = _generation  # a staging generation, written before it is swapped in
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._ix = None
        self._ix_gen: str | None = None
        self._columns: Columns | None = None
        self.results = ResultCache(cache_size)

    # -- generations ---------------------------------------------------------------------------------
    def _current(self) -> str:
        if self._pinned:
            return self._pinned
        try:
            return (self.root / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            gen = _new_generation(self.root)
            _write_current(self.root, gen)
            return gen

    def _index(self):
        return self._live()[0]

    def _live(self):
        """The live generation's Whoosh index and the generation's name."""
        gen = self._current()
        with self._open_lock:
            if self._ix is None or self._ix_gen != gen:
                gen_dir = self.root / gen
                if whoosh_index.exists_in(gen_dir):
                    ix = whoosh_index.open_dir(gen_dir)
                    if not isinstance(ix.schema["bigrams_f"].format, PackedPositions):
                        raise IndexOutdated(f"the search index at {self.root} was built by an older version:"
                                            f" rebuild it with `vnarchive reindex`")
                    self._ix = ix
                else:
                    gen_dir.mkdir(parents=True, exist_ok=True)
                    self._ix = whoosh_index.create_in(gen_dir, build_schema())
                self._ix_gen = gen
            return self._ix, gen

    def staging(self) -> WhooshBackend:
        """An empty index beside the live one; `swap(staging)` makes it live."""
        gen = _new_generation(self.root)
        return WhooshBackend(self.root, lock_timeout=self.lock_timeout, procs=self.procs, _generation=gen)

    def swap(self, staging: WhooshBackend) -> None:
        """Make `staging` the live index (atomic rename of `CURRENT`), then drop older generations.

        The generation that was live until now is kept, so a reader still on it finishes its search.
        """
        try:
            previous = (self.root / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:  # first build into an empty root: nothing was live
            previous = None
        _write_current(self.root, staging._pinned or staging._current())
        for child in self.root.iterdir():
            if child.is_dir() and child.name not in (previous, staging._pinned):
                shutil.rmtree(child, ignore_errors=True)

    # -- writing -------------------------------------------------------------------------------------
    def _writer(self, ix, **kwargs):
        """A writer, waiting for the lock with exponential backoff; `IndexBusy` after the timeout."""
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                return BufferedSegmentWriter(ix, **kwargs)
            except LockError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"the search index at {self.root} is busy: another process is writing to it "
                        f"(waited {self.lock_timeout:.0f} s); try again when it has finished") from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def add(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None) -> int:
        """Index or replace documents by id, committing every `BATCH` documents; returns how many.

        A staging index (a rebuild) is written in segments by `procs` processes and committed once:
        nobody reads it yet.
        """
        ix = self._index()
        if self._pinned:
            return self._bulk_add(ix, docs, progress)
        count = 0
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= BATCH:
                count += self._commit(ix, batch)
                batch = []
                if progress:
                    progress(count)
        if batch:
            count += self._commit(ix, batch)
            if progress:
                progress(count)
        return count

    def _bulk_add(self, ix, docs: Iterable[Document], progress: Callable[[int], None] | None) -> int:
        return build_segments(ix, docs, procs=self.procs, progress=progress)

    def _commit(self, ix, batch: list[Document]) -> int:
        fresh = ix.is_empty()
        writer = self._writer(ix)
        try:
            seen: set[str] = set()
            for doc in batch:
                fields = fields_for(doc)
                # A new index cannot hold the id yet: add_document skips the delete-by-id lookup.
                if fresh and doc.id not in seen:
                    writer.add_document(**fields)
                else:
                    writer.update_document(**fields)
                seen.add(doc.id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return len(batch)

    def delete(self, ids: Iterable[str]) -> None:
        ix = self._index()
        ids = list(ids)
        if not ids:
            return
        writer = self._writer(ix)
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        writer.commit()

    def clear(self) -> None:
        """Remove every document (a fresh empty generation swapped in)."""
        self.swap(self.staging())

    def optimize(self) -> None:
        """Merge all segments into one (after a bulk build: fewer files, faster searches)."""
        writer = self._writer(self._index())
        writer.commit(optimize=True)

    # -- reading -------------------------------------------------------------------------------------
    def searcher(self):
        """This thread's searcher, refreshed to the latest commit of the live generation."""
        ix, gen = self._live()
        s = getattr(self._local, "searcher", None)
        if s is None or getattr(self._local, "ix", None) is not ix:
            s = ix.searcher(weighting=BM25F())
            self._local.ix = ix
            self._local.gen = gen
        elif not s.up_to_date():
            s = s.refresh()
        self._local.searcher = s
        return s

    def _generation(self, searcher) -> tuple[str, int]:
        """Which index state `searcher` reads: the live generation's directory and its commit number."""
        return (self._local.gen, searcher.reader().generation())

    def _columns_for(self, generation: tuple[str, int]) -> Columns:
        with self._open_lock:
            if self._columns is None or self._columns.token != generation:
                ix = self._ix
                self._columns = Columns(generation, ix.searcher, self._columns)
            return self._columns

    def search(self, request: SearchRequest) -> SearchResult:
        """Served from the result cache when the same search ran on the same index state, or made from
        the cached ranking when only the page differs."""
        searcher = self.searcher()
        generation = self._generation(searcher)
        cached = self.results.get(generation, request)
        if cached is not None:
            return cached
        started = time.perf_counter()
        ranking = self.results.ranking(generation, request)
        served_from = "ranking"
        if ranking is None:
            ranking = rank(searcher, request, self._columns_for(generation))
            self.results.put_ranking(generation, request, ranking)
            served_from = "index"
        result = page_of(searcher, request, ranking, started, served_from)
        self.results.put(generation, request, result)
        return result

    def search_inside(self, doc_id: str, q: str, limit: int = 50) -> list[str]:
        return search_inside(self.searcher(), doc_id, ast.parse(q), limit)

    def ids(self) -> set[str]:
        s = self.searcher()
        return {fields["id"] for fields in s.all_stored_fields()}

    def count(self) -> int:
        return self.searcher().doc_count()

    def size_bytes(self) -> int:
        """Bytes on disk of the live generation."""
        gen_dir = self.root / self._current()
        return sum(f.stat().st_size for f in gen_dir.iterdir() if f.is_file())


def _new_generation(root: Path) -> str:
    root.mkdir(parents=True, exist_ok=True)
    gen = f"g{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
    (root / gen).mkdir()
    return gen


def _write_current(root: Path, gen: str) -> None:
    tmp = root / f"{CURRENT}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(gen + "\n", encoding="ascii")
    os.replace(tmp, root / CURRENT)

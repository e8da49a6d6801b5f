"""Per-generation arrays over document numbers: facet values as integer codes, the date orders, live docs.

A search counts facets over every match (40,000 of 100,000 documents for a common word). Each facet
column is read from Whoosh once per index generation and kept as an array of small integer codes, so the
counts for one search are `numpy.bincount(codes[matches])`, and the year histogram is the year facet.
The arrays are shared by every thread's searcher of the same generation; a commit makes a new one.

>>> f = Facet.from_values(["b", None, "a", "b", 2**31 - 1])
>>> f.values, f.codes.tolist()
([None, 'a', 'b'], [2, 0, 1, 2, 0])
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from index.suggest import DocCounts, SyllableCorrector
from index.whoosh_scoring import field_lengths

# Whoosh fills a numeric column with the largest 32-bit value for a document that has no number.
_NO_VALUE = (None, "", 0, 2**31 - 1)


@dataclass(frozen=True)
class Facet:
    """One column: `codes[doc]` indexes `values`; code 0 is "no value"."""

    codes: np.ndarray
    values: list

    @classmethod
    def from_values(cls, column: list) -> Facet:
        present = sorted({v for v in column if v not in _NO_VALUE}, key=str)
        index = {v: i for i, v in enumerate(present, start=1)}
        codes = np.fromiter((index.get(v, 0) for v in column), dtype=np.int32, count=len(column))
        return cls(codes, [None, *present])

    def counts(self, docs: np.ndarray) -> list[tuple[object, int]]:
        """(value, count) over the documents `docs`, values without documents left out."""
        counts = np.bincount(self.codes[docs], minlength=len(self.values))
        return [(self.values[i], int(counts[i])) for i in np.flatnonzero(counts) if i]


class Columns:
    """The arrays of one index generation, each read on first use (by whichever thread asks first).

    Did-you-mean's document counts are remembered per generation (`doc_counts`). Its syllable corrector
    takes about a second to build at 100,000 documents, so it is built on a thread of its own from a
    searcher of its own (`open_searcher`) when first asked for; meanwhile the last generation's
    (`previous`) answers, if there is one (a word a commit added is not offered for that second), else
    none (and always without `open_searcher`).
    """

    def __init__(self, token: object, open_searcher: Callable[[], Searcher] | None = None,
                 previous: Columns | None = None) -> None:
        self.token = token
        self._lock = threading.Lock()
        self._facets: dict[str, Facet] = {}
        self._orders: dict[str, np.ndarray] = {}
        self._alive: np.ndarray | None = None
        self._lengths: dict[str, np.ndarray] = {}
        self.doc_counts = DocCounts()
        self._corrector: SyllableCorrector | None = None
        self._stale_corrector = previous._corrector or previous._stale_corrector if previous else None
        self._open_searcher = open_searcher
        self.corrector_build: threading.Thread | None = None  # the background build, once started

    def facet(self, searcher, name: str) -> Facet:
        with self._lock:
            if name not in self._facets:
                self._facets[name] = Facet.from_values(column(searcher, name))
            return self._facets[name]

    def order(self, searcher, sort: str) -> np.ndarray:
        """Each document's position in the `newest` or `oldest` order (by date, else year; ties by number).

        Newest puts the latest date first; oldest puts the earliest first and undated documents last.
        """
        with self._lock:
            if sort not in self._orders:
                keys = column(searcher, "sortkey")
                keys = ["" if k is None else k for k in keys]
                if sort == "newest":
                    ranked = sorted(range(len(keys)), key=lambda d: (keys[d], -d), reverse=True)
                else:
                    ranked = sorted(range(len(keys)), key=lambda d: (keys[d] == "", keys[d], d))
                position = np.empty(len(keys), dtype=np.int64)
                position[np.asarray(ranked, dtype=np.int64)] = np.arange(len(keys))
                self._orders[sort] = position
            return self._orders[sort]

    def lengths(self, searcher, field: str) -> np.ndarray:
        """Every document's length of a text field, as Whoosh records it for scoring."""
        with self._lock:
            if field not in self._lengths:
                self._lengths[field] = field_lengths(searcher, field)
            return self._lengths[field]

    def corrector(self, searcher: Searcher) -> SyllableCorrector | None:
        """Did-you-mean's syllable corrector (longer words to `searcher`'s own), or None until built."""
        with self._lock:
            corrector = self._corrector or self._stale_corrector
            if self._corrector is None and self.corrector_build is None and self._open_searcher:
                self.corrector_build = threading.Thread(target=self._build_corrector, daemon=True)
                self.corrector_build.start()
        return corrector.with_fallback(searcher.corrector("body_f")) if corrector else None

    def _build_corrector(self) -> None:
        corrector = None
        try:
            with self._open_searcher() as searcher:
                corrector = SyllableCorrector.of(searcher, "body_f")
        except OSError:  # the generation was swapped out and removed meanwhile: a newer one will be built
            pass
        finally:
            with self._lock:
                self._corrector = corrector
                if corrector is None:  # the next correction tries again
                    self.corrector_build = None

    def alive(self, searcher) -> np.ndarray:
        """A boolean per document number: False where the document was deleted."""
        with self._lock:
            if self._alive is None:
                alive = np.ones(searcher.doc_count_all(), dtype=bool)
                for reader, offset in searcher.reader().leaf_readers():
                    if reader.has_deletions():
                        alive[offset:offset + reader.doc_count_all()] = False
                        ids = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
                        alive[ids + offset] = True
                self._alive = alive
            return self._alive


def column(searcher, name: str) -> list:
    """All values of a sortable field by document number (None where a segment has no such column)."""
    values: list = []
    for sub, _offset in searcher.reader().leaf_readers():
        if sub.has_column(name):
            values.extend(sub.column_reader(name))
        else:
            values.extend([None] * sub.doc_count_all())
    return values

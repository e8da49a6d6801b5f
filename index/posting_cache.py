"""Decoded posting lists of long terms, kept per segment and shared by every search of the process.

Reading a common word's postings is most of a search at 100,000 documents: its 40,000 postings lie in some
300 zlib-compressed, pickled blocks per field. A segment never changes once written (a deletion only marks
documents, which searches drop through `Columns.alive`), so its decoded arrays stay right for as long as
the segment exists and can be shared by every generation that holds it. Searches repeat their words
(Zipf), so the longest lists are kept, least recently used first out, within a byte budget.

    >>> cache = PostingCache(budget=100, min_postings=2)
    >>> cache.put(("seg", "body", "a"), (np.arange(3), np.ones(3)))  # 3 ids + 3 weights = 48 bytes
    >>> cache.put(("seg", "body", "b"), (np.arange(4), np.ones(4)))  # 64 bytes: "a" goes
    >>> cache.get(("seg", "body", "a")), len(cache.get(("seg", "body", "b"))[0])
    (None, 4)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np

Arrays = tuple[np.ndarray, np.ndarray]  # document numbers within the segment, and weights (maybe empty)

# About 5,000 lists of 2,000 postings, or 200 of a common word at 100,000 documents.
BUDGET = 160 * 1024 * 1024
# Shorter lists are read faster than they are worth keeping (a block holds 128 postings).
MIN_POSTINGS = 1024


class PostingCache:
    """Least recently used posting arrays of lists with at least `min_postings` entries, within `budget`
    bytes; safe to share between threads."""

    def __init__(self, budget: int = BUDGET, min_postings: int = MIN_POSTINGS) -> None:
        self.budget = budget
        self.min_postings = min_postings
        self._entries: OrderedDict[Hashable, Arrays] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Arrays | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, arrays: Arrays) -> None:
        """Keep `arrays` if the list is long enough and fits the budget, dropping the least recently used."""
        size = sum(a.nbytes for a in arrays)
        if len(arrays[0]) < self.min_postings or size > self.budget:
            return
        for a in arrays:
            a.flags.writeable = False  # shared: a caller must not change them in place
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= sum(a.nbytes for a in old)
            self._entries[key] = arrays
            self._bytes += size
            while self._bytes > self.budget:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= sum(a.nbytes for a in dropped)


POSTINGS = PostingCache()

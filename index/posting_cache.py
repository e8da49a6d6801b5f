"""Decoded posting lists, kept per segment and shared by every search of the process.

Reading a common word's postings is most of a search at 100,000 documents: its 40,000 postings lie in some
300 zlib-compressed, pickled blocks per field. A segment never changes once written (a deletion only marks
documents, which searches drop through `Columns.alive`), so its decoded arrays stay right for as long as
the segment exists and can be shared by every generation that holds it. Searches repeat their words
(Zipf), and most words are looked up in every segment, so every list is kept (an absent term as an empty
one), least recently used first out, within a byte budget.

    >>> cache = PostingCache(budget=300)  # each entry costs its arrays' bytes + ENTRY bytes
    >>> cache.put(("seg", "body", "a"), (np.arange(3), np.ones(3)))  # 48 + 100 bytes
    >>> cache.put(("seg", "body", "b"), (np.arange(4), np.ones(4)))  # 64 + 100 bytes: "a" goes
    >>> cache.get(("seg", "body", "a")), len(cache.get(("seg", "body", "b"))[0])
    (None, 4)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np

Arrays = tuple[np.ndarray, np.ndarray]  # document numbers within the segment, and weights (maybe empty)

# About 10 million postings: the words of a few thousand searches at 100,000 documents.
BUDGET = 160 * 1024 * 1024
ENTRY = 100  # bytes an entry costs beside its arrays: the key, the tuple, two array headers


class PostingCache:
    """Least recently used posting arrays within `budget` bytes; safe to share between threads."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[Hashable, Arrays] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Arrays | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def put(self, key: Hashable, arrays: Arrays) -> None:
        """Keep `arrays`, dropping the least recently used beyond the budget."""
        size = _size(arrays)
        if size > self.budget:
            return
        for a in arrays:
            a.flags.writeable = False  # shared: a caller must not change them in place
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= _size(old)
            self._entries[key] = arrays
            self._bytes += size
            while self._bytes > self.budget:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= _size(dropped)


def _size(arrays: Arrays) -> int:
    return ENTRY + sum(a.nbytes for a in arrays)


POSTINGS = PostingCache()

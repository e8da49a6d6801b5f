"""Decoded posting lists, kept per segment and shared by every search of the process.

Reading a common word's postings is most of a search at 100,000 documents: its 40,000 postings lie in some
300 zlib-compressed, pickled blocks per field. A segment never changes once written (a deletion only marks
documents, which searches drop through `Columns.alive`), so its decoded arrays stay right for as long as
the segment exists and can be shared by every generation that holds it. Searches repeat their words
(Zipf), and most words are looked up in every segment, so every list is kept (an absent term as an empty
one), least recently used first out, within a byte budget. A list is kept once, in the types Whoosh
stores it in: ids within the segment as int32 and weights as float32 (8 bytes a posting, the weights
used or not), and a positional field's phrase positions as their documents and places (int32 each).

    >>> cache = PostingCache(budget=300)  # each entry costs its arrays' bytes + ENTRY bytes
    >>> cache.put(("seg", "body", "a"), (np.arange(3), np.ones(3)))  # 48 + 100 bytes
    >>> cache.put(("seg", "body", "b"), (np.arange(4), np.ones(4)))  # 64 + 100 bytes: "a" goes
    >>> cache.get(("seg", "body", "a")), len(cache.get(("seg", "body", "b"))[0])
    (None, 4)
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np

from index.lru import LRU

Arrays = tuple[np.ndarray, np.ndarray]  # document numbers within the segment, and weights (or positions)

# About 20 million postings: the words of a few hundred searches not seen before at 100,000 documents.
BUDGET = 160 * 1024 * 1024
ENTRY = 100  # bytes an entry costs beside its arrays: the key, the tuple, two array headers


class PostingCache(LRU[Hashable, Arrays]):
    """Posting arrays within `budget` bytes, made read-only as they are kept (every search shares them)."""

    def __init__(self, budget: int = BUDGET) -> None:
        super().__init__(budget, weigh=_size)

    def put(self, key: Hashable, value: Arrays) -> None:
        for array in value:
            array.flags.writeable = False
        super().put(key, value)


def _size(arrays: Arrays) -> int:
    return ENTRY + sum(a.nbytes for a in arrays)


POSTINGS = PostingCache()

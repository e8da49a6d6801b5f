"""The documents a compiled Whoosh query matches, as a sorted numpy array, from whole posting blocks.

Whoosh's `docs_for_query` walks its matcher tree one posting at a time in Python (about 40 µs per
matching document for our six-field OR of a word): at 20,000 documents that was two thirds of a search.
Here each term's posting list is read in one piece per segment and its blocks unpickled in a loop (no
matcher object), the ids turned into one array at the end, and the tree is evaluated with sorted-array set
operations: AND intersects, OR unites, NOT subtracts. A phrase on a field with packed positions
(`index.whoosh_positions`) intersects the (document, start) pairs of its terms' positions; a numeric
range (`year:2003..2007`) unites the terms of Whoosh's own compiled ranges that the index holds. Long
posting lists, once read, are kept for the next searches (`index.posting_cache`). Queries this module does
not know are asked of Whoosh, so the answer is always Whoosh's; `tests/test_index_docsets.py` checks that
on every kind of query we compile.

This reads private parts of Whoosh 2.7.4's W3 codec (a segment's `_terms`, its postings file and term
entries, and the block layout; ids are stored as gaps, weights as None, one number or a tuple), pinned in
pyproject.toml; the tests compare every kind of query with Whoosh's own answer.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from itertools import chain, repeat

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.reading import TermNotFound

from index.posting_cache import POSTINGS
from index.whoosh_positions import PackedPositions, positions_array

EMPTY = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)
EMPTY_IDS = np.zeros(0, dtype=np.int32)  # as kept per segment: ids within it, weights as Whoosh stores them
EMPTY_STORED_WEIGHTS = np.zeros(0, dtype=np.float32)


def matching_docs(searcher, q: wq.Query, alive: np.ndarray) -> np.ndarray:
    """Sorted unique document numbers (of the searcher's top reader) that `q` matches; `alive` (a boolean
    per document number, `Columns.alive`) drops the deleted ones."""
    docs = matches_with_deleted(searcher, q)
    return docs[alive[docs]] if len(docs) else docs


def matches_with_deleted(searcher, q: wq.Query) -> np.ndarray:
    """Sorted unique document numbers `q` matches, deleted documents included."""
    size = searcher.doc_count_all()
    if isinstance(q, wq.Term):
        return leaf_postings(searcher, q.fieldname, q.text)[0]
    if isinstance(q, wq.And):
        positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negative = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        if not positive:
            positive = [wq.Every()]
        docs = matches_with_deleted(searcher, positive[0])
        for sub in positive[1:]:
            if not len(docs):
                return EMPTY
            docs = docs[common(docs, matches_with_deleted(searcher, sub), size)[0]]
        for sub in negative:
            if not len(docs):
                return EMPTY
            docs = docs[~member(docs, matches_with_deleted(searcher, sub), size)]
        return docs
    if isinstance(q, wq.Or):
        return union([matches_with_deleted(searcher, s) for s in q.subqueries], size)
    if isinstance(q, wq.AndMaybe):
        return matches_with_deleted(searcher, q.a)
    if isinstance(q, wq.Require):
        docs = matches_with_deleted(searcher, q.a)
        return docs[common(docs, matches_with_deleted(searcher, q.b), size)[0]]
    if is_positional_phrase(searcher, q):
        return phrase_docs(searcher, q.fieldname, q.words)
    if isinstance(q, wq.NumericRange):  # the terms of its ranges that the index holds
        return matches_with_deleted(searcher, q.simplify(searcher.reader()))
    if isinstance(q, wq.ConstantScoreQuery):
        return matches_with_deleted(searcher, q.child)
    if isinstance(q, wq.TermRange):  # a numeric range's: its terms are bytes
        return union([leaf_postings(searcher, q.fieldname, t)[0] for t in q._btexts(searcher.reader())], size)
    if isinstance(q, wq.Not):
        docs = _all(searcher)
        return docs[~member(docs, matches_with_deleted(searcher, q.query), size)]
    if isinstance(q, wq.Every) and not q.fieldname:
        return _all(searcher)
    if q is wq.NullQuery:
        return EMPTY
    return np.unique(np.fromiter(searcher.docs_for_query(q), dtype=np.int64))


def _all(searcher) -> np.ndarray:
    return np.arange(searcher.doc_count_all(), dtype=np.int64)


# Set operations on sorted unique document numbers below `size`, through a flag per document: linear,
# where sorting the two arrays together (numpy's intersect1d, unique) costs n log n.
def member(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    """For each value of `a`, whether `b` holds it."""
    flags = np.zeros(size, dtype=bool)
    flags[b] = True
    return flags[a]


def common(a: np.ndarray, b: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Indexes into `a` and into `b` of the values both hold."""
    here = np.flatnonzero(member(a, b, size))
    return here, np.searchsorted(b, a[here])


def union(parts: list[np.ndarray], size: int) -> np.ndarray:
    """The values any of the parts holds."""
    if len(parts) < 2:
        return parts[0] if parts else EMPTY
    flags = np.zeros(size, dtype=bool)
    for part in parts:
        flags[part] = True
    return np.flatnonzero(flags)


def is_positional_phrase(searcher, q: wq.Query) -> bool:
    """Whether `q` is an exact phrase on a field whose postings keep `PackedPositions`."""
    return (isinstance(q, wq.Phrase) and q.slop == 1 and q.fieldname in searcher.schema
            and isinstance(searcher.schema[q.fieldname].format, PackedPositions))


def phrase_docs(searcher, field: str, terms: list[str]) -> np.ndarray:
    """Documents where `terms[i]` occurs at position p + i for one p, as Whoosh's `Phrase` matches them:
    the (document, p) pairs of each term's positions, intersected. Deleted documents are included."""
    starts = None
    for i, term in enumerate(terms):
        docs, positions = leaf_positions(searcher, field, term)
        keep = positions >= i
        keys = (docs[keep] << 32) | (positions[keep] - i)  # sorted: documents, then positions ascending
        starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        if not len(starts):
            return EMPTY
    return np.unique(starts >> 32) if starts is not None else EMPTY


def leaf_postings(searcher, field: str, text: str | bytes, *, with_weights: bool = False
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Every document number holding the term, and (`with_weights`) the term's weight in each (an empty
    array otherwise). Deleted documents are included: callers drop them with `Columns.alive`."""
    parts = [(ids, weights, offset) for ids, weights, offset in _segment_lists(searcher, field, text)
             if len(ids)]
    if not parts:
        return EMPTY, EMPTY_WEIGHTS
    docs = np.concatenate([ids + offset for ids, _w, offset in parts], dtype=np.int64)
    if not with_weights:
        return docs, EMPTY_WEIGHTS
    return docs, np.concatenate([weights for _i, weights, _o in parts], dtype=np.float64)


def leaf_positions(searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document, position) of every occurrence of a term in a `PackedPositions` field, as two arrays
    sorted by document, then position. Deleted documents are included."""
    parts = [(docs, positions, offset) for docs, positions, offset
             in _segment_lists(searcher, field, text, positions=True) if len(docs)]
    if not parts:
        return EMPTY, EMPTY
    return (np.concatenate([docs + offset for docs, _p, offset in parts], dtype=np.int64),
            np.concatenate([positions for _d, positions, _o in parts], dtype=np.int64))


def _segment_lists(searcher, field: str, text: str | bytes, *, positions: bool = False):
    """(ids, weights, offset) of the term's postings in each segment, ids within the segment (its first
    document is the top reader's number `offset`); with `positions`, (document of each position,
    positions, offset) instead. From `POSTINGS`, or read and kept there (an absent term as empty arrays)."""
    for reader, offset in searcher.reader().leaf_readers():
        key = (reader.segment().segment_id(), field, text, positions)
        found = POSTINGS.get(key)
        if found is None:
            ids, weights, values = _segment_postings(reader, field, text, positions)
            if positions:
                counts, places = positions_array(values)
                found = (np.repeat(ids, counts), places.astype(np.int32))
            else:
                found = (ids, weights)
            POSTINGS.put(key, found)
        yield (*found, offset)


def _segment_postings(reader, field: str, text: str | bytes, with_values: bool
                      ) -> tuple[np.ndarray, np.ndarray, list]:
    """One segment's postings of a term (empty where it has none): ids within the segment (int32),
    weights (float32, as Whoosh stores them) and, `with_values`, each posting's value."""
    try:
        btext = text if isinstance(text, bytes) else reader.schema[field].to_bytes(text)
        info = reader._terms.term_info(field, btext)
    except TermNotFound:
        return EMPTY_IDS, EMPTY_STORED_WEIGHTS, []
    if info.is_inlined():  # a short list kept in the term entry
        ids, weights, values = info.inlined_postings()
        return (np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32),
                list(values) if with_values else [])
    return _read(reader._terms._postfile, info.extent(), with_values)


def _read(postfile, extent: tuple, with_values: bool) -> tuple[np.ndarray, np.ndarray, list]:
    """One segment's posting list of a term: ids within the segment, weights, and values if asked."""
    gaps, weights, values = [], [], []
    for block_ids, block_weights, block_values in _blocks(postfile, *extent):
        gaps.append(block_ids)
        # None: every weight 1.0; one number: all the same
        weights.append(repeat(1.0, len(block_ids)) if block_weights is None
                       else repeat(block_weights, len(block_ids)) if isinstance(block_weights, float)
                       else block_weights)
        if with_values:
            values.extend(block_values)
    counts = [len(block) for block in gaps]
    total = sum(counts)
    return (_undo_gaps(gaps, counts),
            np.fromiter(chain.from_iterable(weights), dtype=np.float32, count=total), values)


_BLOCK_SIZE = struct.Struct("!i")


def _blocks(postfile, start: int, length: int | tuple[int]):
    """The data (id gaps, weights, values) of each block of one posting list, read from its bytes in one
    piece: the Whoosh 3 layout `W3LeafMatcher` reads a block at a time (a magic number, then per block its
    signed size, negative for the last, a pickled header whose fourth item is the zlib level, the data)."""
    if isinstance(length, tuple):  # Whoosh's term entry decodes the length with `unpack_int`: a 1-tuple
        length = length[0]
    data = postfile.get(start, length)
    view = memoryview(data)
    stream = io.BytesIO(data)
    headers = pickle.Unpickler(stream)
    pos = len(WHOOSH3_HEADER_MAGIC)
    while True:
        (size,) = _BLOCK_SIZE.unpack_from(data, pos)
        stream.seek(pos + _BLOCK_SIZE.size)
        compression = headers.load()[3]
        end = pos + _BLOCK_SIZE.size + abs(size)
        block = view[stream.tell():end]
        yield pickle.loads(zlib.decompress(block) if compression else block)
        if size < 0:
            return
        pos = end


def _undo_gaps(gaps: list[tuple[int, ...]], counts: list[int]) -> np.ndarray:
    """Document numbers (int32) from blocks of id gaps (each block's first gap counts from 0)."""
    gaps_in_order = np.fromiter(chain.from_iterable(gaps), dtype=np.int32, count=sum(counts))
    sums = np.cumsum(gaps_in_order, dtype=np.int32)
    ends = np.cumsum(counts)
    return sums - np.repeat(np.concatenate(([0], sums[ends[:-1] - 1]), dtype=np.int32), counts)

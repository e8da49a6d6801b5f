"""The documents a compiled Whoosh query matches, as a sorted numpy array, from whole posting blocks.

Whoosh's `docs_for_query` walks its matcher tree one posting at a time in Python (about 40 µs per
matching document for our six-field OR of a word): at 20,000 documents that was two thirds of a search.
Here each term's posting list is read block by block (Whoosh's own block decoding) into an array, and the
tree is evaluated with sorted-array set operations: AND intersects, OR unites, NOT subtracts. Queries this
module does not know (positional phrases in titles, numeric ranges) are asked of Whoosh, so the answer is
always Whoosh's; `tests/test_index_docsets.py` checks that on every kind of query we compile.

This reads private parts of Whoosh 2.7.4's W3 codec (`_terms.matcher`, and the block reader's
`_read_data` / `_data` / `_next_block`; ids are stored as gaps, weights as None, one number or a tuple),
pinned in pyproject.toml; the tests compare every kind of query with Whoosh's own answer.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

EMPTY = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def matching_docs(searcher, q: wq.Query, alive: np.ndarray) -> np.ndarray:
    """Sorted unique document numbers (of the searcher's top reader) that `q` matches; `alive` (a boolean
    per document number, `Columns.alive`) drops the deleted ones."""
    docs = _docs(searcher, q)
    return docs[alive[docs]] if len(docs) else docs


def _docs(searcher, q: wq.Query) -> np.ndarray:
    if isinstance(q, wq.Term):
        return leaf_postings(searcher, q.fieldname, q.text)[0]
    if isinstance(q, wq.And):
        positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negative = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        if not positive:
            positive = [wq.Every()]
        docs = _docs(searcher, positive[0])
        for sub in positive[1:]:
            if not len(docs):
                return EMPTY
            docs = np.intersect1d(docs, _docs(searcher, sub), assume_unique=True)
        for sub in negative:
            if not len(docs):
                return EMPTY
            docs = np.setdiff1d(docs, _docs(searcher, sub), assume_unique=True)
        return docs
    if isinstance(q, wq.Or):
        parts = [_docs(searcher, s) for s in q.subqueries]
        return np.unique(np.concatenate(parts)) if parts else EMPTY
    if isinstance(q, wq.AndMaybe):
        return _docs(searcher, q.a)
    if isinstance(q, wq.Not):
        return np.setdiff1d(_all(searcher), _docs(searcher, q.query), assume_unique=True)
    if isinstance(q, wq.Every) and not q.fieldname:
        return _all(searcher)
    if q is wq.NullQuery:
        return EMPTY
    return np.unique(np.fromiter(searcher.docs_for_query(q), dtype=np.int64))


def _all(searcher) -> np.ndarray:
    return np.arange(searcher.doc_count_all(), dtype=np.int64)


def leaf_postings(searcher, field: str, text: str, *, with_weights: bool = False
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Every document number holding the term, and (`with_weights`) the term's weight in each (an empty
    array otherwise). Deleted documents are included: callers drop them with `Columns.alive`."""
    ids, weights = [], []
    for reader, offset in searcher.reader().leaf_readers():
        if (field, text) not in reader:
            continue
        fieldtype = reader.schema[field]
        matcher = reader._terms.matcher(field, fieldtype.to_bytes(text), fieldtype.format)
        for block_ids, block_weights in _blocks(matcher, with_weights):
            ids.append(np.asarray(block_ids, dtype=np.int64) + offset)
            weights.append(np.asarray(block_weights, dtype=np.float64))
    if not ids:
        return EMPTY, EMPTY_WEIGHTS
    return np.concatenate(ids), np.concatenate(weights)


def _blocks(matcher, with_weights: bool):
    """(ids, weights) of one segment's posting list a block at a time (weights empty unless asked)."""
    if not isinstance(matcher, W3LeafMatcher):  # a short list inlined in the term entry
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        yield ids, (weights if with_weights else ())
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        ids = np.array(raw_ids, dtype=np.int64)
        if not matcher._byteids:  # stored as gaps from the previous id
            ids = np.cumsum(ids)
        weights = ()
        if with_weights:  # None: every weight 1.0; one number: all the same
            count = len(ids)
            weights = (np.ones(count) if raw_weights is None
                       else np.full(count, raw_weights) if isinstance(raw_weights, float)
                       else np.array(raw_weights, dtype=np.float64))
        yield ids, weights
        matcher._next_block()

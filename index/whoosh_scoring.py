"""BM25F scores of every match of a compiled Whoosh query, computed on arrays, for relevance order.

Whoosh's collector scores one document at a time through its matcher tree (about 20 µs a document): a
common word at 20,000 documents cost 60 ms to rank. Here each term's postings are read a block at a time
with their weights, scored with Whoosh's own `bm25` formula, statistics and field lengths, and combined as
Whoosh's matchers combine them: OR and AND add the scores of the parts that match, a boost multiplies,
AND-MAYBE adds the optional part where it matches, NOT only removes. A node this module does not know
(positional title phrases, numeric ranges) is scored by Whoosh itself. `tests/test_index_docsets.py`
checks order and scores against Whoosh's collector.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from index.whoosh_docsets import EMPTY, leaf_postings

_BYTE_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NONE = np.zeros(0, dtype=np.float64)

Scored = tuple[np.ndarray, np.ndarray]  # sorted unique document numbers, and their scores


def scored_docs(searcher, q: wq.Query, lengths) -> Scored:
    """(documents, scores) for `q`; `lengths(field)` gives the field length of every document
    (`Columns.lengths`). Deleted documents are still in: the caller drops them."""
    if isinstance(q, wq.Term):
        docs, scores = _term(searcher, q.fieldname, q.text, lengths)
        return docs, scores * q.boost if q.boost != 1.0 else scores
    # Whoosh applies a compound query's boost only when it has two parts or more, never AND-MAYBE's.
    boost = q.boost if len(getattr(q, "subqueries", ())) > 1 else 1.0
    if isinstance(q, wq.And):
        return _boosted(_and(searcher, q.subqueries, lengths), boost)
    if isinstance(q, wq.Or):
        parts = [scored_docs(searcher, s, lengths) for s in q.subqueries]
        return _boosted(_union(parts), boost)
    if isinstance(q, wq.AndMaybe):
        docs, scores = scored_docs(searcher, q.a, lengths)
        maybe_docs, maybe_scores = scored_docs(searcher, q.b, lengths)
        scores = scores.copy()
        here, there = _common(docs, maybe_docs)
        scores[here] += maybe_scores[there]
        return docs, scores
    if q is wq.NullQuery:
        return EMPTY, _NONE
    results = searcher.search(q, limit=None, terms=False)
    pairs = sorted((hit.docnum, hit.score) for hit in results)
    return (np.fromiter((d for d, _ in pairs), dtype=np.int64, count=len(pairs)),
            np.fromiter((s for _, s in pairs), dtype=np.float64, count=len(pairs)))


def _boosted(scored: Scored, boost: float) -> Scored:
    return scored if boost == 1.0 else (scored[0], scored[1] * boost)


def _and(searcher, subqueries, lengths) -> Scored:
    positive = [s for s in subqueries if not isinstance(s, wq.Not)]
    if positive:
        docs, scores = scored_docs(searcher, positive[0], lengths)
    else:  # only exclusions: every document, scored by the NOT matchers alone
        docs = np.arange(searcher.doc_count_all(), dtype=np.int64)
        scores = np.zeros(len(docs))
    for sub in positive[1:]:
        other_docs, other_scores = scored_docs(searcher, sub, lengths)
        here, there = _common(docs, other_docs)
        docs, scores = docs[here], scores[here] + other_scores[there]
    for sub in subqueries:
        if isinstance(sub, wq.Not) and len(docs):
            keep = ~np.isin(docs, scored_docs(searcher, sub.query, lengths)[0], assume_unique=True)
            # Whoosh's NOT matcher scores 1.0 on every document it lets through, and AND adds it.
            docs, scores = docs[keep], scores[keep] + 1.0
    return docs, scores


def _union(parts: list[Scored]) -> Scored:
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return EMPTY, _NONE
    if len(parts) == 1:
        return parts[0]
    docs, inverse = np.unique(np.concatenate([d for d, _ in parts]), return_inverse=True)
    return docs, np.bincount(inverse, weights=np.concatenate([s for _, s in parts]), minlength=len(docs))


def _common(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indexes into the sorted arrays `a` and `b` of the values both hold."""
    _values, here, there = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    return here, there


def _term(searcher, field: str, text: str, lengths) -> Scored:
    docs, weights = leaf_postings(searcher, field, text, with_weights=True)
    if not len(docs) or not searcher.schema[field].scorable:
        return docs, weights
    weighting = searcher.weighting
    b = weighting._field_B.get(field, weighting.B)
    avgfl = searcher.avg_field_length(field) or 1
    return docs, bm25(searcher.idf(field, text), weights, lengths(field)[docs], avgfl, b, weighting.K1)


def field_lengths(searcher, field: str) -> np.ndarray:
    """The length Whoosh records for `field` in every document (its byte approximation, as Whoosh scores)."""
    parts = []
    for reader, _offset in searcher.reader().leaf_readers():
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        count = reader.doc_count_all()
        codes = np.zeros(count, np.uint8) if column is None else np.fromiter(column, np.uint8, count=count)
        parts.append(_BYTE_LENGTH[codes])
    return np.concatenate(parts) if parts else _NONE

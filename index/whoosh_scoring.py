"""BM25F scores of every match of a compiled Whoosh query, computed on arrays, for relevance order.

Whoosh's collector scores one document at a time through its matcher tree (about 20 µs a document): a
common word at 20,000 documents cost 60 ms to rank. Here each term's postings are read a block at a time
with their weights, scored with Whoosh's own `bm25` formula, statistics and field lengths, and combined as
Whoosh's matchers combine them: OR and AND add the scores of the parts that match, a boost multiplies,
AND-MAYBE adds the optional part where it matches, NOT and REQUIRE's second part (a positional phrase,
matched by `index.whoosh_docsets`) only remove, and a positional phrase scores as Whoosh's span matcher
does: the sum of its words' scores, times its boost. A node this module does not know
is scored by Whoosh itself. `tests/test_index_docsets.py`
checks order and scores against Whoosh's collector.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from index.whoosh_docsets import (
    EMPTY,
    common,
    is_positional_phrase,
    leaf_postings,
    matches_with_deleted,
    member,
    phrase_docs,
)

_BYTE_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NONE = np.zeros(0, dtype=np.float64)

Scored = tuple[np.ndarray, np.ndarray]  # sorted unique document numbers, and their scores


def scored_docs(searcher, q: wq.Query, lengths) -> Scored:
    """(documents, scores) for `q`; `lengths(field)` gives the field length of every document
    (`Columns.lengths`). Deleted documents are still in: the caller drops them."""
    if isinstance(q, wq.Term):
        docs, scores = _term(searcher, q.fieldname, q.text, lengths)
        return docs, scores * q.boost if q.boost != 1.0 else scores
    if isinstance(q, wq.Require):  # scored by its first part alone, whatever its boost
        docs, scores = scored_docs(searcher, q.a, lengths)
        here = member(docs, matches_with_deleted(searcher, q.b), searcher.doc_count_all())
        return docs[here], scores[here]
    if is_positional_phrase(searcher, q):
        return _phrase(searcher, q, lengths)
    if isinstance(q, wq.NumericRange):
        return scored_docs(searcher, q.simplify(searcher.reader()), lengths)
    if isinstance(q, wq.ConstantScoreQuery):  # a numeric range's: every match scores its boost
        docs = matches_with_deleted(searcher, q.child)
        return docs, np.full(len(docs), q.score)
    # Whoosh applies a compound query's boost only when it has two parts or more, never AND-MAYBE's.
    boost = q.boost if len(getattr(q, "subqueries", ())) > 1 else 1.0
    if isinstance(q, wq.And):
        return _boosted(_and(searcher, q.subqueries, lengths), boost)
    if isinstance(q, wq.Or):
        parts = [scored_docs(searcher, s, lengths) for s in q.subqueries]
        return _boosted(_union(parts, searcher.doc_count_all()), boost)
    if isinstance(q, wq.AndMaybe):
        docs, scores = scored_docs(searcher, q.a, lengths)
        maybe_docs, maybe_scores = scored_docs(searcher, q.b, lengths)
        scores = scores.copy()
        here, there = common(docs, maybe_docs, searcher.doc_count_all())
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
    size = searcher.doc_count_all()
    for sub in positive[1:]:
        other_docs, other_scores = scored_docs(searcher, sub, lengths)
        here, there = common(docs, other_docs, size)
        docs, scores = docs[here], scores[here] + other_scores[there]
    for sub in subqueries:
        if isinstance(sub, wq.Not) and len(docs):
            keep = ~member(docs, scored_docs(searcher, sub.query, lengths)[0], size)
            # Whoosh's NOT matcher scores 1.0 on every document it lets through, and AND adds it.
            docs, scores = docs[keep], scores[keep] + 1.0
    return docs, scores


def _union(parts: list[Scored], size: int) -> Scored:
    """The documents of any part, each scored by the sum of the parts holding it."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return EMPTY, _NONE
    if len(parts) == 1:
        return parts[0]
    total = np.zeros(size)
    present = np.zeros(size, dtype=bool)
    for docs, scores in parts:  # a part's documents are distinct: += adds each once
        total[docs] += scores
        present[docs] = True
    docs = np.flatnonzero(present)
    return docs, total[docs]


def _phrase(searcher, q: wq.Phrase, lengths) -> Scored:
    docs = phrase_docs(searcher, q.fieldname, q.words)
    scores = np.zeros(len(docs))
    for word in q.words:  # each word's documents hold every document of the phrase
        word_docs, word_scores = _term(searcher, q.fieldname, word, lengths)
        scores += word_scores[np.searchsorted(word_docs, docs)]
    return docs, scores * q.boost


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

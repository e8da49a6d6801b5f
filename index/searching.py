"""Running one `SearchRequest` on a Whoosh searcher: matches, facet counts, order, page, snippets, suggestion.

The matching document numbers are computed once, as an array, from whole posting blocks
(`index.whoosh_docsets`); the total, the facet counts and the date orders come from that array and the
generation's cached columns (`index.whoosh_columns`); relevance scores for every match are computed on
arrays too (`index.whoosh_scoring`). Only the hits of the page shown are read and highlighted.

A search is done in two steps so that the next page of a search costs only its own hits: `rank` computes
what does not depend on the page (the matches in order, their count, facets, histogram, suggestion) as a
`Ranking`, and `page_of` reads and highlights one page of it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from index import query as ast
from index.backend import FACET_FIELDS, Hit, SearchRequest, SearchResult
from index.highlight import passages, snippet
from index.plan import plan, suggestion_wanted
from index.schema import stored_text
from index.suggest import Suggester
from index.whoosh_columns import Columns
from index.whoosh_docsets import matching_docs
from index.whoosh_query import compile_query, highlight_terms
from index.whoosh_scoring import scored_docs


def facet_counts(searcher, columns: Columns, docs: np.ndarray,
                 fields=FACET_FIELDS) -> dict[str, list[tuple[str, int]]]:
    """For each facet field: (value, count) over `docs`, most frequent first (years: newest first)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in fields:
        counts = columns.facet(searcher, name).counts(docs)
        if name in ("year", "decade"):
            pairs = sorted(counts, key=lambda vc: str(vc[0]), reverse=True)
        else:
            pairs = sorted(counts, key=lambda vc: (-vc[1], str(vc[0])))
        out[name] = [(str(v), c) for v, c in pairs]
    return out


RANKED = 1000  # matches kept in order past the page asked (50 pages of 20); pages beyond rank again


@dataclass(frozen=True)
class Ranking:
    """What a search shows whatever the page: the first matches in order (`docs`, `scores`), the number
    of matches, facet counts, year histogram and did-you-mean."""

    docs: np.ndarray
    scores: np.ndarray
    total: int
    facets: dict[str, list[tuple[str, int]]]
    histogram: list[tuple[int, int]]
    suggestion: str | None

    def covers(self, end: int) -> bool:
        """Does it hold the matches up to position `end` (or all of them)?"""
        return len(self.docs) >= min(end, self.total)


def rank(searcher, request: SearchRequest, columns: Columns) -> Ranking:
    """Matches, order, facets and suggestion of `request`, keeping the order of the matches up to
    `RANKED` past the page asked."""
    p = plan(request)
    text_node, node, sort = p.text_node, p.node, p.sort
    q = compile_query(node, include_drafts=request.include_drafts)

    alive = columns.alive(searcher)
    if sort == "relevance":
        docs, scores = scored_docs(searcher, q, lambda field: columns.lengths(searcher, field))
        docs, scores = docs[alive[docs]], scores[alive[docs]]
    else:
        docs = matching_docs(searcher, q, alive)
        scores = np.zeros(len(docs))
    total = len(docs)
    facets = facet_counts(searcher, columns, docs) if request.facets else {}
    histogram = sorted(((int(y), c) for y, c in facets.get("year", [])), key=lambda yc: yc[0])

    kept = p.end + RANKED
    if sort == "relevance":
        order = best_first(docs, scores, kept)
    else:
        order = first_by(columns.order(searcher, sort)[docs], kept)
    suggestion = None
    if suggestion_wanted(text_node, total):
        suggester = Suggester(searcher, columns.doc_counts, lambda: columns.corrector(searcher))
        suggestion = suggester.suggest(ast.parse(request.q))
    return Ranking(docs=docs[order], scores=scores[order], total=total, facets=facets, histogram=histogram,
                   suggestion=suggestion)


def best_first(docs: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` best matches in order: highest score first, equal scores by document number
    (as Whoosh). Only the matches scoring at least the `k`-th best are sorted (a common word matches
    40 % of the documents)."""
    candidates = np.arange(len(docs))
    if len(docs) > k:
        threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
        candidates = np.flatnonzero(scores >= threshold)  # ties at the threshold too: sorted below
    return candidates[np.lexsort((docs[candidates], -scores[candidates]))][:k]


def first_by(positions: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` smallest of distinct `positions`, in order."""
    candidates = np.arange(len(positions))
    if len(positions) > k:
        candidates = np.argpartition(positions, k - 1)[:k]
    return candidates[np.argsort(positions[candidates])]


def page_of(searcher, request: SearchRequest, ranking: Ranking, started: float,
            served_from: str = "index") -> SearchResult:
    """The page of `ranking` that `request` asks for, its hits read and highlighted; `took_ms` counts
    from `started`."""
    p = plan(request)
    terms = highlight_terms(p.text_node)
    hits = [_hit(searcher.stored_fields(int(d)), float(score), terms)
            for d, score in zip(ranking.docs[p.start:p.end], ranking.scores[p.start:p.end], strict=True)]
    return SearchResult(total=ranking.total, hits=hits, facets=ranking.facets, histogram=ranking.histogram,
                        suggestion=ranking.suggestion, took_ms=(time.perf_counter() - started) * 1000,
                        page=p.page, per_page=p.per_page, served_from=served_from)


def _hit(stored: dict, score: float, terms: set[str]) -> Hit:
    return Hit(
        id=stored["id"], title=stored.get("title", ""), year=stored.get("year"),
        filename=stored.get("filename", ""), snippet=snippet(stored_text(stored), terms),
        score=round(float(score), 4), date=stored.get("date"), type=stored.get("type"),
        source=stored.get("source"), format=stored.get("format"), encoding=stored.get("encoding"),
        collection=stored.get("collection"),
    )


def search_inside(searcher, doc_id: str, node: ast.Node, limit: int = 50) -> list[str]:
    """Highlighted passages of one document, in reading order; [] when the id is not indexed."""
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return []
    return passages(stored_text(searcher.stored_fields(docnum)), highlight_terms(node), limit)

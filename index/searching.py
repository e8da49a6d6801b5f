"""Running one `SearchRequest` on a Whoosh searcher: matches, facet counts, order, page, snippets, suggestion.

The matching document numbers are computed once, as an array, from whole posting blocks
(`index.whoosh_docsets`); the total, the facet counts and the date orders come from that array and the
generation's cached columns (`index.whoosh_columns`); relevance scores for every match are computed on
arrays too (`index.whoosh_scoring`). Only the hits of the page shown are read and highlighted.
"""

from __future__ import annotations

import time

import numpy as np

from index import query as ast
from index.backend import FACET_FIELDS, Hit, SearchRequest, SearchResult
from index.highlight import contains_phrase, passages, snippet
from index.plan import plan, suggestion_wanted
from index.schema import stored_text
from index.suggest import Suggester
from index.whoosh_columns import Columns
from index.whoosh_docsets import matching_docs
from index.whoosh_query import compile_query, highlight_terms, required_phrases
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


def run_search(searcher, request: SearchRequest, columns: Columns) -> SearchResult:
    started = time.perf_counter()
    p = plan(request)
    text_node, node, sort, start, end = p.text_node, p.node, p.sort, p.start, p.end
    q = compile_query(node, include_drafts=request.include_drafts)

    alive = columns.alive(searcher)
    if sort == "relevance":
        docs, scores = scored_docs(searcher, q, lambda field: columns.lengths(searcher, field))
        docs, scores = docs[alive[docs]], scores[alive[docs]]
    else:
        docs = matching_docs(searcher, q, alive)
        scores = np.zeros(len(docs))
    phrases = required_phrases(node)
    if phrases and len(docs):
        keep = np.array([_has_phrases(searcher, int(d), phrases) for d in docs], dtype=bool)
        docs, scores = docs[keep], scores[keep]
    total = len(docs)
    facets = facet_counts(searcher, columns, docs) if request.facets else {}
    histogram = sorted(((int(y), c) for y, c in facets.get("year", [])), key=lambda yc: yc[0])

    if sort == "relevance":
        order = np.lexsort((docs, -scores))  # best first; equal scores by document number, as Whoosh
    else:
        order = np.argsort(columns.order(searcher, sort)[docs])  # positions are distinct: no ties
    ranked = [(int(docs[i]), float(scores[i])) for i in order[start:end]]

    terms = highlight_terms(text_node)
    hits = [_hit(searcher.stored_fields(d), score, terms) for d, score in ranked]
    suggestion = None
    if suggestion_wanted(text_node, total):
        suggestion = Suggester(searcher, columns.corrector(searcher)).suggest(ast.parse(request.q))
    return SearchResult(total=total, hits=hits, facets=facets, histogram=histogram, suggestion=suggestion,
                        took_ms=(time.perf_counter() - started) * 1000, page=p.page, per_page=p.per_page)


def _has_phrases(searcher, docnum: int, phrases: list[tuple[str, ...]]) -> bool:
    stored = searcher.stored_fields(docnum)
    text = stored.get("title", "") + "\n" + stored_text(stored)
    return all(contains_phrase(text, p) for p in phrases)


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

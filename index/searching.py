"""Running one `SearchRequest` on a Whoosh searcher: matches, facet counts, order, page, snippets, suggestion.

The matching document numbers are collected once (without scoring); the total, the facet counts and the
date orders are computed from them with the facet columns loaded into lists, which is far faster than
Whoosh's per-document `groupedby`. Only relevance order asks Whoosh to score, for the top of the page.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter

from index import query as ast
from index.backend import FACET_FIELDS, Hit, SearchRequest, SearchResult
from index.highlight import contains_phrase, passages, snippet
from index.plan import plan, suggestion_wanted
from index.schema import stored_text
from index.suggest import Suggester
from index.whoosh_query import compile_query, highlight_terms, required_phrases

# Whoosh fills a numeric column with the largest 32-bit value for a document that has no number.
_NO_VALUE = (None, "", 0, 2**31 - 1)


def _column(searcher, name: str) -> list:
    """All values of a sortable field by document number, cached for the searcher's lifetime."""
    cache = searcher.__dict__.setdefault("_vn_columns", {})
    if name not in cache:
        # Segment by segment: a segment where no document has the field has no column at all.
        values: list = []
        for sub, _offset in searcher.reader().leaf_readers():
            if sub.has_column(name):
                values.extend(sub.column_reader(name))
            else:
                values.extend([None] * sub.doc_count_all())
        cache[name] = values
    return cache[name]


def facet_counts(searcher, docnums: list[int], fields=FACET_FIELDS) -> dict[str, list[tuple[str, int]]]:
    """For each facet field: (value, count) over `docnums`, most frequent first (years: newest first)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in fields:
        column = _column(searcher, name)
        if not column:
            out[name] = []
            continue
        counts = Counter(map(column.__getitem__, docnums))
        for empty in _NO_VALUE:
            counts.pop(empty, None)
        if name in ("year", "decade"):
            pairs = sorted(counts.items(), key=lambda vc: str(vc[0]), reverse=True)
        else:
            pairs = sorted(counts.items(), key=lambda vc: (-vc[1], str(vc[0])))
        out[name] = [(str(v), c) for v, c in pairs]
    return out


def run_search(searcher, request: SearchRequest) -> SearchResult:
    started = time.perf_counter()
    p = plan(request)
    text_node, node, sort, start, end = p.text_node, p.node, p.sort, p.start, p.end
    q = compile_query(node, include_drafts=request.include_drafts)

    docnums = list(searcher.docs_for_query(q))
    phrases = required_phrases(node)
    allowed = None
    if phrases:
        docnums = [d for d in docnums if _has_phrases(searcher, d, phrases)]
        allowed = set(docnums)
    total = len(docnums)
    facets = facet_counts(searcher, docnums) if request.facets else {}
    histogram = sorted(((int(y), c) for y, c in facets.get("year", [])), key=lambda yc: yc[0])

    if sort == "relevance":
        results = searcher.search(q, limit=end, terms=False, filter=allowed)
        ranked = [(hit.docnum, hit.score) for hit in results[start:end]]
    else:
        keys = _column(searcher, "sortkey")
        if sort == "newest":
            top = heapq.nlargest(end, docnums, key=lambda d: (keys[d], -d))
        else:
            top = heapq.nsmallest(end, docnums, key=lambda d: (keys[d] == "", keys[d], d))
        ranked = [(d, 0.0) for d in top[start:end]]

    terms = highlight_terms(text_node)
    hits = [_hit(searcher.stored_fields(d), score, terms) for d, score in ranked]
    suggestion = None
    if suggestion_wanted(text_node, total):
        suggestion = Suggester(searcher).suggest(ast.parse(request.q))
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

"""What every backend does with a `SearchRequest` before it asks its engine: the query tree, the page and
the order, and when to offer a did-you-mean. Shared so that Whoosh and Solr read requests identically.

>>> p = plan(SearchRequest(q="do thi", filters={"year": ["2005"]}, page=0, per_page=500))
>>> p.page, p.per_page, p.sort, p.start, p.end
(1, 100, 'relevance', 0, 100)
>>> plan(SearchRequest(q="", sort="relevance")).sort  # nothing to rank by: newest first
'newest'
"""

from __future__ import annotations

from dataclasses import dataclass

from index import query as ast
from index.analysis import exact_form, folded_form
from index.backend import SearchRequest

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class SearchPlan:
    text_node: ast.Node  # what the user typed: ranking, highlights, suggestions
    node: ast.Node  # the same with the facet filters: what must match
    page: int
    per_page: int
    sort: str  # relevance | newest | oldest

    @property
    def start(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def end(self) -> int:
        return self.page * self.per_page


def plan(request: SearchRequest) -> SearchPlan:
    """Parse the query, apply title-only and filters, clamp the page, settle the order."""
    text_node = ast.parse(request.q)
    if request.title_only:
        text_node = ast.restrict_to_title(text_node)
    sort = request.sort if request.sort in ("newest", "oldest") else "relevance"
    if sort == "relevance" and not has_text(text_node):
        sort = "newest"  # nothing to rank by: show the latest documents first
    return SearchPlan(
        text_node=text_node,
        node=ast.with_filters(text_node, request.filters),
        page=max(1, int(request.page or 1)),
        per_page=max(1, min(int(request.per_page or 20), MAX_PER_PAGE)),
        sort=sort,
    )


def has_text(node: ast.Node) -> bool:
    """Does the query hold words to rank by (not only filters or exclusions)?"""
    return bool(ast.positive_words(node))


def suggestion_wanted(node: ast.Node, total: int) -> bool:
    """Suggest when nothing matched, or when some word was typed without its accents."""
    words = [w for ws in ast.positive_words(node) for w in ws]
    if not words:
        return False
    return total == 0 or any(exact_form(w) == folded_form(w) and w.isalpha() for w in words)

"""The results page's filters, facets, hits and paging, rendered once per (language, URL, result).

A popular search comes from the result cache in about a millisecond, and rendering its 20 hits, facet
links and paging took about three. What is rendered depends only on the reader's language, the URL (the
page's path and query string) and the result's content, not on who asks (no account is in it), so it is
kept by those, least recently used out. A changed index gives other hits, counts or facets, and so
another key; the count and the time taken stay in the page around it, rendered every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, render_template, request
from markupsafe import Markup

from index.backend import SearchRequest, SearchResult
from index.lru import LRU
from index.result_cache import SIZE as RESULTS_KEPT
from webui.facet_labels import facet_value, field_label
from webui.i18n import group_digits, language
from webui.query_args import narrowing_links, url_removing

SIZE = RESULTS_KEPT  # rendered bodies kept per app (some 25 KB each): one for each result the cache keeps
FACET_VALUES = 12  # values listed per facet, the most frequent


@dataclass(frozen=True)
class FacetLink:
    """One facet value in the side column: a link adding it to the search, or removing it if active."""

    text: str
    href: str
    count: str
    active: bool


def results_body(req: SearchRequest, result: SearchResult) -> Markup:
    """`_results_body.html` for this request and result, rendered or as rendered before."""
    bodies: LRU[tuple, Markup] = current_app.extensions["results_bodies"]
    key = (language(), request.script_root, request.full_path, content_key(result))
    html = bodies.get(key)
    if html is None:
        pages = -(-result.total // req.per_page)
        html = Markup(render_template("_results_body.html", req=req, result=result, pages=pages,
                                      facets=facet_sections(req, result)))
        bodies.put(key, html)
    return html


def facet_sections(req: SearchRequest, result: SearchResult) -> list[tuple[str, list[FacetLink]]]:
    """(field label, links) of each facet but the year (drawn as the histogram), made in one pass: the
    query string is encoded once for all the links of a field, the language looked up once."""
    path, lang = request.path, language()
    sections = []
    for name, values in result.facets.items():
        if not values or name == "year":
            continue
        shown = values[:FACET_VALUES]
        active = set(req.filters.get(name, ()))
        adding = narrowing_links(path, name, [value for value, _count in shown])
        sections.append((field_label(name), [
            FacetLink(facet_value(name, value),
                      url_removing(path, name, value) if value in active else href,
                      group_digits(count, lang), value in active)
            for (value, count), href in zip(shown, adding, strict=True)]))
    return sections


def content_key(result: SearchResult) -> tuple:
    """Everything of `result` the body shows (all but the time taken and where it came from)."""
    return (result.total, result.page, result.per_page, result.suggestion,
            tuple(tuple(hit.__dict__.values()) for hit in result.hits),
            tuple((name, tuple(values)) for name, values in result.facets.items()),
            tuple(result.histogram))


def init_app(app: Flask) -> None:
    app.extensions["results_bodies"] = LRU(SIZE)

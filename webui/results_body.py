"""The results page's filters, facets, hits and paging, rendered once per (language, URL, result).

A popular search comes from the result cache in about a millisecond, and rendering its 20 hits, facet
links and paging took about three. What is rendered depends only on the reader's language, the URL (the
page's path and query string) and the result's content, not on who asks (no account is in it), so it is
kept by those, least recently used out. A changed index gives other hits, counts or facets, and so
another key; the count and the time taken stay in the page around it, rendered every time.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from markupsafe import Markup

from index.backend import SearchRequest, SearchResult
from index.lru import LRU
from webui.i18n import language

SIZE = 256  # rendered bodies kept per app, some 20 KB each


def results_body(req: SearchRequest, result: SearchResult) -> Markup:
    """`_results_body.html` for this request and result, rendered or as rendered before."""
    bodies: LRU[tuple, Markup] = current_app.extensions["results_bodies"]
    key = (language(), request.script_root, request.full_path, content_key(result))
    html = bodies.get(key)
    if html is None:
        pages = -(-result.total // req.per_page)
        html = Markup(render_template("_results_body.html", req=req, result=result, pages=pages))
        bodies.put(key, html)
    return html


def content_key(result: SearchResult) -> tuple:
    """Everything of `result` the body shows (all but the time taken and where it came from)."""
    return (result.total, result.page, result.per_page, result.suggestion,
            tuple(tuple(hit.__dict__.values()) for hit in result.hits),
            tuple((name, tuple(values)) for name, values in result.facets.items()),
            tuple(result.histogram))


def init_app(app: Flask) -> None:
    app.extensions["results_bodies"] = LRU(SIZE)

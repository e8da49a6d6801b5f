"""The results page's filters, facets, hits and paging, rendered once per (language, URL, result).

A popular search comes from the result cache in about a millisecond, and rendering its 20 hits, facet
links and paging took about three. What is rendered depends only on the reader's language, the URL (the
page's path and query string) and the result's content, not on who asks (no account is in it), so it is
kept by those, least recently used out. A changed index gives other hits, counts or facets, and so
another key; the count and the time taken stay in the page around it, rendered every time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from flask import Flask, current_app, render_template, request
from markupsafe import Markup

from index.backend import SearchRequest, SearchResult
from webui.i18n import language

SIZE = 256  # rendered bodies kept per app, some 20 KB each


class RenderedBodies:
    """A thread-safe LRU of rendered HTML."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Markup | None:
        with self._lock:
            html = self._items.get(key)
            if html is not None:
                self._items.move_to_end(key)
            return html

    def put(self, key: Hashable, html: Markup) -> None:
        with self._lock:
            self._items[key] = html
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def results_body(req: SearchRequest, result: SearchResult, pages: int) -> Markup:
    """`_results_body.html` for this request and result, rendered or as rendered before."""
    bodies: RenderedBodies = current_app.extensions["results_bodies"]
    key = (language(), request.script_root, request.full_path, content_key(result))
    html = bodies.get(key)
    if html is None:
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
    app.extensions["results_bodies"] = RenderedBodies()

"""Read a `SearchRequest` from the query string, and build result URLs that add or drop one filter.

`?q=báo cáo&year=1998&type=công văn&sort=newest&page=2` → SearchRequest(q="báo cáo",
filters={"year": ["1998"], "type": ["công văn"]}, sort="newest", page=2). A filter may repeat.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from index.backend import FACET_FIELDS, SORTS, SearchRequest

PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 500  # deep paging costs the engine and helps no reader; narrow the search instead


def _positive_int(name: str, default: int, ceiling: int) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        abort(400, _("%(name)s should be a positive whole number, not %(value)s.", name=name, value=raw))
    return min(int(raw), ceiling)


def search_request(*, facets: bool = True) -> SearchRequest:
    """The search the current request asks for; a bad `page`, `per_page` or `sort` is a 400."""
    sort = request.args.get("sort") or "relevance"
    if sort not in SORTS:
        choices = ", ".join(SORTS)
        abort(400, _("sort should be one of %(choices)s, not %(value)s.", choices=choices, value=sort))
    filters = {
        name: values
        for name in FACET_FIELDS
        if (values := [v.strip() for v in request.args.getlist(name) if v.strip()])
    }
    return SearchRequest(
        q=request.args.get("q", "").strip(),
        filters=filters,
        sort=sort,
        page=_positive_int("page", 1, MAX_PAGE),
        per_page=_positive_int("per_page", PER_PAGE, MAX_PER_PAGE),
        title_only=request.args.get("in") == "title",
        facets=facets,
    )


def _args() -> MultiDict:
    return MultiDict(request.args.items(multi=True))


def url_with(path: str, **changes: str | int | None) -> str:
    """The current query string with some parameters replaced (None removes one); paging restarts at 1."""
    args = _args()
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        args.pop(name, None)
        if value not in (None, ""):
            args[name] = str(value)
    return path + ("?" + urlencode(list(args.items(multi=True))) if args else "")


def url_adding(path: str, name: str, value: str) -> str:
    """The current search narrowed by one more facet value."""
    args = _args()
    args.pop("page", None)
    if value not in args.getlist(name):
        args.add(name, value)
    return path + "?" + urlencode(list(args.items(multi=True)))


def url_removing(path: str, name: str, value: str) -> str:
    """The current search without one facet value (a removable filter chip)."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if (k, v) != (name, value) and k != "page"]
    return path + ("?" + urlencode(pairs) if pairs else "")


def init_app(app: Flask) -> None:
    """Make the URL builders available to templates."""
    app.jinja_env.globals.update(url_with=url_with, url_adding=url_adding, url_removing=url_removing)

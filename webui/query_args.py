"""Read a `SearchRequest` from the query string, and build result URLs that add or drop one filter.

`?q=báo cáo&year=1998&type=công văn&sort=newest&page=2` → SearchRequest(q="báo cáo",
filters={"year": ["1998"], "type": ["công văn"]}, sort="newest", page=2). A filter may repeat.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote_plus, urlencode

from flask import Flask, abort, g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from index.backend import FACET_FIELDS, SORTS, SearchRequest
from index.plan import MAX_PER_PAGE

PER_PAGE = 20
MAX_PAGE = 500  # deep paging costs the engine and helps no reader; narrow the search instead
# Each word adds a clause over six fields: 60 words took 18 s on a 5,000-document index, so a long
# query from one client would stall a server thread. 32 words is also Google's limit.
MAX_WORDS = 32
MAX_QUERY_CHARS = 500


def _positive_int(name: str, default: int, ceiling: int) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        abort(400, _("%(name)s should be a positive whole number, not %(value)s.", name=name, value=raw))
    return min(int(raw), ceiling)


def query_text(name: str) -> str:
    """The query string in parameter `name`, trimmed; a 400 when it is too long to run."""
    q = request.args.get(name, "").strip()
    if len(q.split()) > MAX_WORDS or len(q) > MAX_QUERY_CHARS:
        abort(400, _("The query is too long: at most %(words)s words and %(chars)s characters.",
                     words=MAX_WORDS, chars=MAX_QUERY_CHARS))
    return q


def search_request(*, facets: bool = True) -> SearchRequest:
    """The search the current request asks for; a bad `page`, `per_page` or `sort` is a 400."""
    sort = request.args.get("sort") or "relevance"
    if sort not in SORTS:
        choices = ", ".join(SORTS)
        abort(400, _("sort should be one of %(choices)s, not %(value)s.", choices=choices, value=sort))
    q = query_text("q")
    filters = {
        name: values
        for name in FACET_FIELDS
        if (values := [v.strip() for v in request.args.getlist(name) if v.strip()])
    }
    return SearchRequest(
        q=q,
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
    if changes.keys() == {"page"} and changes["page"] not in (None, ""):  # a results page's page links
        base = _query_without_page()
        return f"{path}?{base}{'&' if base else ''}page={quote_plus(str(changes['page']))}"
    args = _args()
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        args.pop(name, None)
        if value not in (None, ""):
            args[name] = str(value)
    return path + ("?" + urlencode(list(args.items(multi=True))) if args else "")


def _query_without_page() -> str:
    """The current query string without `page`, encoded once per request (a results page links to a
    hundred narrower searches: every facet value and every year bar)."""
    if "query_without_page" not in g:
        g.query_without_page = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "page"])
    return g.query_without_page


def url_adding(path: str, name: str, value: str) -> str:
    """The current search narrowed by one more facet value."""
    if name not in request.args:  # the usual case: the new parameter goes last
        return narrowing_links(path, name, [value])[0]
    args = _args()
    args.pop("page", None)
    if value not in args.getlist(name):
        args.add(name, value)
    return path + "?" + urlencode(list(args.items(multi=True)))


def narrowing_links(path: str, name: str, values: Iterable[str]) -> list[str]:
    """`url_adding(path, name, value)` for each of `values`, the current query string encoded once."""
    if name in request.args:
        return [url_adding(path, name, value) for value in values]
    base = _query_without_page()
    prefix = f"{path}?{base}{'&' if base else ''}{quote_plus(name)}="
    return [prefix + quote_plus(value) for value in values]


def url_removing(path: str, name: str, value: str) -> str:
    """The current search without one facet value (a removable filter chip)."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if (k, v) != (name, value) and k != "page"]
    return path + ("?" + urlencode(pairs) if pairs else "")


def init_app(app: Flask) -> None:
    """Make the URL builders available to templates."""
    app.jinja_env.globals.update(url_with=url_with, url_adding=url_adding, url_removing=url_removing)

"""The JSON API: `/api/search`, `/api/doc/<id>`, `/api/facets`, `/api/stats` (see docs/api.md).

Field names are stable: `/api/search` is exactly `SearchResult.to_dict()`, the shape `vnarchive search
--json` prints too.
"""

from __future__ import annotations

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue

from webui.query_args import search_request
from webui.server_timing import search_timing
from webui.service_access import service

bp = Blueprint("api", __name__, url_prefix="/api")
RECENT = 8


@bp.route("/search")
def search() -> ResponseReturnValue:
    """Results, facets, histogram and suggestion for `q` with filters, sort and page."""
    result = service().search(search_request())
    return result.to_dict(), search_timing(result)


@bp.route("/doc/<doc_id>")
def document(doc_id: str) -> ResponseReturnValue:
    """One document's metadata, converted text and repairs, with links to its downloads."""
    doc = service().get(doc_id)
    return {
        **doc.to_dict(),
        "links": {
            "html": url_for("documents.show", doc_id=doc.id, _external=True),
            "original": url_for("documents.original", doc_id=doc.id, _external=True),
            "text": url_for("documents.text", doc_id=doc.id, _external=True),
        },
    }


@bp.route("/facets")
def facets() -> ResponseReturnValue:
    """Facet counts and the year histogram, for the whole collection or the filters given."""
    req = search_request()
    req.per_page = 1  # only the counts are returned
    result = service().search(req).to_dict()
    return {key: result[key] for key in ("total", "facets", "histogram")}


@bp.route("/stats")
def stats() -> ResponseReturnValue:
    """Collection statistics and the most recent additions (the home page's data)."""
    svc = service()
    recent = [doc.to_dict(with_text=False) for doc in svc.recent(RECENT)]
    return {**svc.stats(), "recent": recent}

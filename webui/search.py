"""Home page, results page and the OpenSearch description."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from index.backend import SearchRequest
from webui.access import public
from webui.query_args import search_request
from webui.results_body import results_body
from webui.server_timing import search_timing
from webui.service_access import service

bp = Blueprint("search", __name__)
RECENT = 8


@bp.route("/")
def home() -> ResponseReturnValue:
    """Search box, collection statistics, year histogram, recent additions, ways to browse."""
    svc = service()
    overview = svc.search(SearchRequest(per_page=1, facets=True))
    return render_template(
        "home.html",
        overview=overview,
        recent=svc.recent(RECENT),
        json_twin=url_for("api.stats"),
    )


@bp.route("/search")
def results() -> ResponseReturnValue:
    """Results with highlighted snippets, facets, filter chips, histogram, sort, paging, did-you-mean."""
    req = search_request()
    result = service().search(req)
    page = render_template(
        "results.html",
        req=req,
        result=result,
        body=results_body(req, result),
        json_twin=url_for("api.search") + ("?" + query if (query := request.query_string.decode()) else ""),
    )
    return page, search_timing(result)


@bp.route("/opensearch.xml")
@public
def opensearch() -> ResponseReturnValue:
    """Lets a browser add the archive as a search engine."""
    body = render_template("opensearch.xml", base=request.host_url.rstrip("/"))
    return body, 200, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}

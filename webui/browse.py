"""Browse the collection without a query: a timeline of years, and lists of types, sources, collections."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, render_template, url_for
from flask.typing import ResponseReturnValue

from index.backend import SearchRequest
from webui.service_access import service
from webui.year_bars import known_years

bp = Blueprint("browse", __name__, url_prefix="/browse")
FIELDS = ("type", "source", "collection", "decade", "format", "encoding")


def _overview():
    return service().search(SearchRequest(per_page=1, facets=True))


@bp.route("/")
def index() -> ResponseReturnValue:
    """Every way in: timeline, types, sources, collections."""
    return render_template("browse.html", overview=_overview(), fields=FIELDS,
                           json_twin=url_for("api.facets"))


@bp.route("/year")
def timeline() -> ResponseReturnValue:
    """Years grouped by decade, each with its count and a link to its documents."""
    overview = _overview()
    years = known_years(overview.histogram)
    decades = [(decade, list(group)) for decade, group in groupby(years, key=lambda yc: yc[0] // 10 * 10)]
    peak = max((count for _, count in years), default=0)
    return render_template("timeline.html", decades=decades, peak=peak, total=overview.total,
                           json_twin=url_for("api.facets"))


@bp.route("/<field>")
def values(field: str) -> ResponseReturnValue:
    """Every value of one facet with its document count."""
    if field not in FIELDS:
        abort(404)
    overview = _overview()
    return render_template("browse_field.html", field=field, values=overview.facets.get(field, []),
                           json_twin=url_for("api.facets"))

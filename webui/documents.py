"""The document page `/doc/<id>` and its downloads: original (byte-exact), text (UTF-8) and citations."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue

from archive.document import Document
from index.query import parse, positive_words
from webui.citations import FORMATS, cite
from webui.legacy_view import MAX_CHARS, UNICODE_ENCODINGS, as_shown, shows_differently, text_before_repairs
from webui.query_args import query_text, search_request, url_with
from webui.repair_reasons import translated
from webui.repair_view import repair_overview
from webui.service_access import service
from webui.text_marks import mark_text, query_spans

bp = Blueprint("documents", __name__)


def _result_links(position: int) -> dict[str, str | None]:
    """Back to the results page holding result number `position` (1-based), and the documents before
    and after it in the same search."""
    req = search_request(facets=False)
    links: dict[str, str | None] = {
        "back": url_with(url_for("search.results"), pos=None, inside=None,
                         page=(position - 1) // req.per_page + 1),
    }
    req.per_page = 1
    for key, pos in (("previous", position - 1), ("next", position + 1)):
        req.page = pos
        hits = service().search(req).hits if pos >= 1 else []
        target = url_for("documents.show", doc_id=hits[0].id) if hits else None
        links[key] = url_with(target, pos=pos, inside=None) if target else None
    return links


def _original_view(doc: Document) -> tuple[str | None, str]:
    """The original as it showed on screen and where that comes from: `file` (its bytes) or `record`
    (office text rebuilt from the repairs); or, with None, why not: `unicode`, `unchanged`, `unrecorded`."""
    if shows_differently(doc.format, doc.encoding):
        return as_shown(service().original(doc.id)[:MAX_CHARS]), "file"
    if (doc.encoding or "").lower() in UNICODE_ENCODINGS:
        return None, "unicode"
    if not doc.repairs:
        return None, "unchanged"
    before = text_before_repairs(doc.text, doc.repairs)
    return (None, "unrecorded") if before is None else (before[:MAX_CHARS], "record")


@bp.route("/doc/<doc_id>")
def show(doc_id: str) -> ResponseReturnValue:
    """Metadata, converted text with query and repairs marked, search inside, side by side, citations."""
    svc = service()
    doc = svc.get(doc_id)
    q, inside = query_text("q"), query_text("inside")
    words = positive_words(parse(inside or q)) if (inside or q) else []
    text = doc.text[:MAX_CHARS]
    original, original_from = _original_view(doc)
    shown_repairs = translated(doc.repairs)
    repairs = repair_overview(shown_repairs)
    position = int(request.args["pos"]) if request.args.get("pos", "").isdigit() else None
    return render_template(
        "document.html",
        doc=doc,
        q=q,
        inside=inside,
        passages=svc.search_inside(doc_id, inside) if inside else [],
        marked=mark_text(text, shown_repairs, query_spans(text, words), only=repairs.marked),
        repairs=repairs,
        truncated=len(doc.text) > MAX_CHARS,
        original=original,
        original_from=original_from,
        position=position,
        links=_result_links(position) if position else {},
        json_twin=url_for("api.document", doc_id=doc_id),
    )


@bp.route("/doc/<doc_id>/original")
def original(doc_id: str) -> ResponseReturnValue:
    """The original file exactly as it was archived, with its SHA-256 in a header."""
    doc = service().get(doc_id)
    response = send_file(BytesIO(service().original(doc_id)), mimetype="application/octet-stream",
                         as_attachment=True, download_name=doc.filename, etag=doc.sha256)
    response.headers["X-Content-SHA256"] = doc.sha256
    return response


@bp.route("/doc/<doc_id>/text.txt")
def text(doc_id: str) -> ResponseReturnValue:
    """The converted text as a UTF-8 .txt file."""
    doc = service().get(doc_id)
    name = doc.filename.rsplit(".", 1)[0] + ".txt"
    return send_file(BytesIO(doc.text.encode("utf-8")), mimetype="text/plain",  # Flask adds charset=utf-8
                     as_attachment=True, download_name=name)


@bp.route("/doc/<doc_id>/cite/<fmt>")
def citation(doc_id: str, fmt: str) -> ResponseReturnValue:
    """The document's citation as BibTeX, RIS or a plain line."""
    if fmt not in FORMATS:
        abort(404)
    doc = service().get(doc_id)
    mimetype, extension = FORMATS[fmt]
    body = cite(fmt, doc, url_for("documents.show", doc_id=doc_id, _external=True),
                accessed=datetime.now(UTC).date().isoformat())
    if not mimetype.startswith("text/"):  # Flask adds the charset to text/* types itself
        mimetype += "; charset=utf-8"
    return send_file(BytesIO(body.encode("utf-8")), mimetype=mimetype,
                     as_attachment=request.args.get("download") == "1", download_name=f"{doc_id}.{extension}")

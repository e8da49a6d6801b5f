"""Staff pages under `/staff`: upload, the review queue, original vs converted, accept / correct / publish.

Every route needs the `review` permission (staff and admins); every change goes through `service.review`
or `service.uploads`, which record it in the audit log. Each page has a JSON twin (`Accept:
application/json`) so the upload script and scripts of the operator can drive it.
"""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from archive.errors import InvalidField
from archive.records import EDITABLE
from converters import REVIEW_THRESHOLD
from service import review
from service.uploads import ingest_upload
from webui.access import current_user
from webui.auth import check_permission
from webui.errors import wants_json
from webui.legacy_view import MAX_CHARS, TEXT_FORMATS, as_shown
from webui.security import UploadRefused, safe_filename, sniff
from webui.service_access import service
from webui.text_marks import mark_text

bp = Blueprint("staff", __name__, url_prefix="/staff")
METADATA_FIELDS = tuple(name for name in EDITABLE if name != "status")  # status changes by publish/unpublish


@bp.before_request
def staff_only() -> ResponseReturnValue | None:
    """Members and anonymous visitors never reach a staff page or action."""
    return check_permission("review")


@bp.route("/")
def queue() -> ResponseReturnValue:
    """Documents waiting for a person: uncertain repairs, low confidence, drafts."""
    items = review.queue(service())
    if wants_json():
        return {"total": review.queue_size(service()), "results": [item.__dict__ for item in items]}
    return render_template("staff_queue.html", items=items, total=review.queue_size(service()))


@bp.route("/upload", methods=["GET"])
def upload_form() -> ResponseReturnValue:
    """The upload page: drop files or choose them; the script uploads one by one with progress."""
    return render_template("staff_upload.html", results=None)


@bp.route("/upload", methods=["POST"])
def upload() -> ResponseReturnValue:
    """Ingest one or many files; each is sniffed by content, stored as a draft unless `publish` is set."""
    user = current_user()
    status = "published" if request.form.get("publish") == "1" else "draft"
    results = []
    for storage in request.files.getlist("files"):
        original_name = storage.filename or ""
        data = storage.read()
        storage.close()  # the spooled temporary file goes now, not at garbage collection
        try:
            name = safe_filename(original_name, sniff(data, original_name))
        except UploadRefused as exc:
            results.append(_result(original_name, "refused", None, str(exc)))
            continue
        outcome = ingest_upload(service(), data, name, user=user.email, status=status,
                                collection=request.form.get("collection") or None)
        results.append(_result(name, outcome.status, outcome.doc_id, outcome.reason))
    if not results:
        results.append(_result("", "refused", None, _("No file was sent.")))
    refused_all = all(r["status"] in ("refused", "failed") for r in results)
    if wants_json():
        return jsonify(results=results), 400 if refused_all else 200
    return render_template("staff_upload.html", results=results), 400 if refused_all else 200


@bp.route("/doc/<doc_id>")
def document(doc_id: str) -> ResponseReturnValue:
    """Original beside converted text, uncertain spans marked, with the forms to accept, correct, publish."""
    svc = service()
    doc = svc.get(doc_id)
    uncertain = [r for r in doc.repairs if r["confidence"] < REVIEW_THRESHOLD]
    text = doc.text[:MAX_CHARS]
    original = _as_displayed(svc.original(doc_id)[: MAX_CHARS * 2]) if doc.format in TEXT_FORMATS else None
    history = review.history(svc, doc_id)
    if wants_json():
        return {"document": doc.to_dict(), "uncertain": uncertain, "history": [e.to_dict() for e in history]}
    return render_template("staff_review.html", doc=doc, marked=mark_text(text, uncertain, []),
                           uncertain=uncertain, original=original, truncated=len(doc.text) > MAX_CHARS,
                           history=history, fields=METADATA_FIELDS, threshold=REVIEW_THRESHOLD)


@bp.route("/doc/<doc_id>/accept", methods=["POST"])
def accept(doc_id: str) -> ResponseReturnValue:
    """The conversion is right: clear it from the queue."""
    review.accept(service(), doc_id, current_user().email)
    return _done(doc_id, _("Conversion accepted."))


@bp.route("/doc/<doc_id>/text", methods=["POST"])
def correct_text(doc_id: str) -> ResponseReturnValue:
    """Replace the converted text with the corrected one from the form."""
    review.correct_text(service(), doc_id, request.form.get("text", ""), current_user().email)
    return _done(doc_id, _("Corrected text saved."))


@bp.route("/doc/<doc_id>/metadata", methods=["POST"])
def metadata(doc_id: str) -> ResponseReturnValue:
    """Correct title, year, date, type, source, language, collection, tags (only the fields changed)."""
    svc = service()
    doc = svc.get(doc_id, with_text=False)
    changed = {}
    for name in METADATA_FIELDS:
        if name not in request.form:
            continue
        value = request.form[name].strip()
        current = getattr(doc, name)
        shown = ", ".join(current) if isinstance(current, list) else ("" if current is None else str(current))
        if value != shown:
            changed[name] = value
    if changed:
        svc.edit(doc_id, user=current_user().email, **changed)
    return _done(doc_id, _("Metadata saved.") if changed else _("Nothing changed."))


@bp.route("/doc/<doc_id>/publish", methods=["POST"])
def publish(doc_id: str) -> ResponseReturnValue:
    review.set_status(service(), doc_id, "published", current_user().email)
    return _done(doc_id, _("Published."))


@bp.route("/doc/<doc_id>/unpublish", methods=["POST"])
def unpublish(doc_id: str) -> ResponseReturnValue:
    review.set_status(service(), doc_id, "draft", current_user().email)
    return _done(doc_id, _("Unpublished: now a draft only staff see."))


@bp.route("/audit")
def audit_log() -> ResponseReturnValue:
    """The latest changes by anyone: who, when, what."""
    entries = review.history(service(), limit=300)
    if wants_json():
        return {"results": [e.to_dict() for e in entries]}
    return render_template("staff_audit.html", entries=entries)


@bp.errorhandler(InvalidField)
def invalid(exc: InvalidField) -> ResponseReturnValue:
    """A correction that cannot be taken: say why, change nothing."""
    if wants_json():
        return {"error": "invalid", "message": str(exc), "status": 400}, 400
    flash(str(exc), "error")
    doc_id = (request.view_args or {}).get("doc_id")
    return redirect(url_for("staff.document", doc_id=doc_id) if doc_id else url_for("staff.queue"))


def _as_displayed(data: bytes) -> str:
    """The original as an editor shows it: UTF-8 when it is valid UTF-8 (mojibake saved as UTF-8 stays
    visible as such), else its bytes read as Windows-1252, as a PC without the legacy fonts did."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return as_shown(data)


def _result(filename: str, status: str, doc_id: str | None, reason: str) -> dict:
    return {"filename": filename, "status": status, "doc_id": doc_id, "reason": reason}


def _done(doc_id: str, message: str) -> ResponseReturnValue:
    if wants_json():
        return service().get(doc_id, with_text=False).to_dict(with_text=False)
    flash(message)
    return redirect(url_for("staff.document", doc_id=doc_id))
